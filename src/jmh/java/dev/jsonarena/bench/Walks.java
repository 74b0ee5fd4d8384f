package dev.jsonarena.bench;

import dev.jsonarena.JsonArray;
import dev.jsonarena.JsonCursor;
import dev.jsonarena.JsonObject;
import dev.jsonarena.JsonValue;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The walks of {@link ParseWalkBenchmark}: each visits every value of a document once and adds
 * it to a {@link WalkTotals}.
 *
 * <ul>
 *   <li>{@link #views}: through the public views, as most users would ({@link JsonObject} and
 *       {@link JsonArray} iteration); every member name and string becomes a {@code String},
 *       every number is converted.
 *   <li>{@link #cursor}: the same work through one reused {@link JsonCursor} (no view objects).
 *   <li>{@link #cursorInPlace}: through the cursor, reading strings in place (their UTF-8
 *       length) and counting member names without materialising either; numbers are converted.
 *       This is the allocation-free traversal.
 *   <li>{@link #heap}: over the output of {@link HeapJsonDecoder}, whose strings and numbers are
 *       already materialised; it reads each the same way ({@code length()}, {@code hashCode()},
 *       number classification), so the heap side pays for the walk too.
 * </ul>
 *
 * <p>Numbers are classified as {@link WalkTotals} says. The public API has no "is this number
 * integral" question, so the jsonarena walks convert each number with {@code asDouble()} first and
 * call {@code asLong()} only when the double is integral.
 *
 * <p>Recursive: the corpus nests at most a few levels. Thread-safety: static functions.
 */
final class Walks {
    private Walks() {}

    static void views(JsonValue v, WalkTotals t) {
        switch (v.type()) {
            case OBJECT -> {
                t.objects++;
                for (JsonObject.Member m : v.asObject()) {
                    t.key(m.key());
                    views(m.value(), t);
                }
            }
            case ARRAY -> {
                t.arrays++;
                for (JsonValue e : v.asArray()) {
                    views(e, t);
                }
            }
            case STRING -> t.string(v.asString());
            case NUMBER -> {
                double d = v.asDouble();
                if (WalkTotals.integral(d)) {
                    long l;
                    try {
                        l = v.asLong();
                    } catch (ArithmeticException e) {
                        t.decimal(d);
                        return;
                    }
                    t.integer(l);
                } else {
                    t.decimal(d);
                }
            }
            case TRUE -> t.trues++;
            case FALSE -> t.falses++;
            case NULL -> t.nulls++;
        }
    }

    static void cursor(JsonCursor c, WalkTotals t) {
        switch (c.type()) {
            case OBJECT -> {
                t.objects++;
                if (c.enter()) {
                    do {
                        t.key(c.key());
                        cursor(c, t);
                    } while (c.next());
                    c.exit();
                }
            }
            case ARRAY -> {
                t.arrays++;
                if (c.enter()) {
                    do {
                        cursor(c, t);
                    } while (c.next());
                    c.exit();
                }
            }
            case STRING -> t.string(c.asString());
            case NUMBER -> number(c, t);
            case TRUE -> t.trues++;
            case FALSE -> t.falses++;
            case NULL -> t.nulls++;
        }
    }

    static void cursorInPlace(JsonCursor c, WalkTotals t) {
        switch (c.type()) {
            case OBJECT -> {
                t.objects++;
                if (c.enter()) {
                    do {
                        t.keys++;
                        cursorInPlace(c, t);
                    } while (c.next());
                    c.exit();
                }
            }
            case ARRAY -> {
                t.arrays++;
                if (c.enter()) {
                    do {
                        cursorInPlace(c, t);
                    } while (c.next());
                    c.exit();
                }
            }
            case STRING -> t.stringInPlace(c.utf8Length());
            case NUMBER -> number(c, t);
            case TRUE -> t.trues++;
            case FALSE -> t.falses++;
            case NULL -> t.nulls++;
        }
    }

    private static void number(JsonCursor c, WalkTotals t) {
        double d = c.asDouble();
        if (WalkTotals.integral(d)) {
            long l;
            try {
                l = c.asLong();
            } catch (ArithmeticException e) {
                t.decimal(d);
                return;
            }
            t.integer(l);
        } else {
            t.decimal(d);
        }
    }

    static void heap(Object v, WalkTotals t) {
        if (v instanceof Map<?, ?> map) {
            t.objects++;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                t.key((String) e.getKey());
                heap(e.getValue(), t);
            }
        } else if (v instanceof List<?> list) {
            t.arrays++;
            for (Object e : list) {
                heap(e, t);
            }
        } else if (v instanceof String s) {
            t.string(s);
        } else if (v instanceof Long l) {
            if (WalkTotals.integral((double) l)) {
                t.integer(l);
            } else {
                t.decimal((double) l);
            }
        } else if (v instanceof Double d) {
            if (WalkTotals.integral(d)) {
                t.integer((long) (double) d);
            } else {
                t.decimal(d);
            }
        } else if (v instanceof BigDecimal b) {
            double d = b.doubleValue();
            if (WalkTotals.integral(d)) {
                long l;
                try {
                    l = b.longValueExact();
                } catch (ArithmeticException e) {
                    t.decimal(d);
                    return;
                }
                t.integer(l);
            } else {
                t.decimal(d);
            }
        } else if (v instanceof Boolean b) {
            if (b) {
                t.trues++;
            } else {
                t.falses++;
            }
        } else if (v == null) {
            t.nulls++;
        } else {
            throw new IllegalArgumentException("value of type " + v.getClass().getName()
                    + " (expected: what HeapJsonDecoder produces)");
        }
    }
}
