package dev.jsonarena;

import dev.jsonarena.tape.Document;
import dev.jsonarena.tape.Numbers;
import dev.jsonarena.tape.Tape;
import dev.jsonarena.tape.TapeNumbers;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Conversions of tape values to plain Java objects, shared by {@link JsonValue#toJava()} (a deep
 * copy) and the read-only {@link ObjectMapView}/{@link ArrayListView} adapters (converted on
 * access). Callers have checked the epoch.
 *
 * <p><b>Numbers.</b> An integer literal (no fraction, no exponent) becomes a {@link Long} if its
 * value is in the range of {@code long} ({@code -0} gives {@code 0L}), otherwise a
 * {@link BigInteger}. Any other number becomes a {@link Double} if that loses nothing, that is if
 * {@link Double#toString(double)} of {@link JsonValue#asDouble()} is a decimal of the same value as
 * the literal ({@code 0.1}, {@code 1.50}, {@code 1e2}, {@code -0.0} and {@code 4.9e-324} give
 * {@code 0.1}, {@code 1.5}, {@code 100.0}, {@code -0.0} and {@code 4.9E-324}); otherwise a
 * {@link BigDecimal} with the literal's exact value and scale ({@code 0.10000000000000000001},
 * {@code 1e400}, {@code 1e-400}). That BigDecimal's scale must lie within
 * ±{@link Values#MAX_DECIMAL_SCALE} (10,000), as for {@link JsonValue#asBigDecimal()}, else the
 * conversion throws {@link ArithmeticException}: {@code 1e999999999} would be a BigDecimal whose
 * plain form has a billion digits. A zero of any exponent ({@code 0e999999999}) is a
 * {@link Double} zero, and a value that is exactly a double is that double whatever its scale.
 *
 * <p>Thread-safety: static functions; a document is read by one thread at a time.
 */
final class JavaValues {
    private JavaValues() {}

    /** Decimals with fewer significant digits than this always survive a trip through double. */
    private static final long DOUBLE_EXACT_SIGNIFICAND = 1_000_000_000_000_000L; // 10^15 (DBL_DIG = 15)

    /**
     * {@return a deep copy of the value at {@code index}}: {@link LinkedHashMap} (members in
     * document order) and {@link ArrayList} for containers, scalars as {@link #scalar}. The walk is
     * iterative, so any depth copies without recursion; equal member names share one
     * {@code String}.
     */
    static Object toJava(Document doc, int index) {
        int end = doc.next(index);
        String[] names = new String[doc.keyCount()];
        Object[] open = new Object[16];
        int[] ends = new int[16];
        int depth = 0;
        Object root = null;
        String name = null;
        int i = index;
        while (i < end) {
            while (depth > 0 && ends[depth - 1] == i) {
                open[--depth] = null;
            }
            long w = doc.word(i);
            int tag = Tape.tag(w);
            if (tag == Tape.KEY) {
                int id = Tape.keyId(w);
                name = names[id];
                if (name == null) {
                    name = names[id] = doc.keyName(id);
                }
                i++;
                continue;
            }
            boolean container = tag == Tape.OBJECT || tag == Tape.ARRAY;
            Object value;
            if (container) {
                int count = Tape.count(w);
                value = tag == Tape.OBJECT ? LinkedHashMap.<String, Object>newLinkedHashMap(count)
                        : new ArrayList<>(count);
            } else {
                value = scalar(doc, i);
            }
            if (depth == 0) {
                root = value;
            } else if (open[depth - 1] instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) map;
                m.put(name, value);
            } else {
                @SuppressWarnings("unchecked")
                List<Object> list = (List<Object>) open[depth - 1];
                list.add(value);
            }
            if (container && Tape.span(w) > 1) {
                if (depth == open.length) {
                    open = Arrays.copyOf(open, depth * 2);
                    ends = Arrays.copyOf(ends, depth * 2);
                }
                open[depth] = value;
                ends[depth++] = i + Tape.span(w);
                i++;
            } else {
                i += Tape.words(w);
            }
        }
        return root;
    }

    /**
     * {@return the value at {@code index} for the adapters}: a container as a read-only adapter
     * over the view, a scalar as {@link #scalar}
     */
    static Object view(Document doc, long epoch, int index) {
        return switch (doc.tag(index)) {
            case Tape.OBJECT -> new ObjectMapView(doc, epoch, index);
            case Tape.ARRAY -> new ArrayListView(doc, epoch, index);
            default -> scalar(doc, index);
        };
    }

    /**
     * {@return the scalar at {@code index}}: {@link String}, a number as the class javadoc says,
     * {@link Boolean}, or {@code null} for JSON {@code null}
     *
     * @throws ArithmeticException if a number would be a BigDecimal whose scale passes
     *     ±{@link Values#MAX_DECIMAL_SCALE}
     */
    static Object scalar(Document doc, int index) {
        long w = doc.word(index);
        return switch (Tape.tag(w)) {
            case Tape.STRING -> doc.string(index);
            case Tape.INT -> Tape.intValue(w);
            case Tape.DEC -> dec(doc, index, w);
            case Tape.NUMBER -> text(doc, index);
            case Tape.TRUE -> Boolean.TRUE;
            case Tape.FALSE -> Boolean.FALSE;
            case Tape.NULL -> null;
            default -> throw new IllegalArgumentException("tape index " + index + " holds a container (expected: a scalar)");
        };
    }

    private static Object dec(Document doc, int index, long w) {
        long significand = doc.word(index + 1);
        if (Tape.decFractionDigits(w) == 0) { // an integer literal of at most 19 digits
            boolean negative = Tape.decNegative(w);
            if (significand >= 0) {
                return negative ? -significand : significand;
            }
            return negative && significand == Long.MIN_VALUE ? Long.MIN_VALUE : TapeNumbers.asBigInteger(doc, index);
        }
        if (significand >= 0 && significand < DOUBLE_EXACT_SIGNIFICAND) {
            return TapeNumbers.asDouble(doc, index); // at most 15 significant digits and |value| < 10^19: exact trip
        }
        return decimal(doc, index);
    }

    private static Object text(Document doc, int index) {
        String text = TapeNumbers.numberText(doc, index);
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            if (c == '.' || c == 'e' || c == 'E') {
                return decimal(doc, index);
            }
        }
        BigInteger big = new BigInteger(text);
        return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }

    /**
     * A number with a fraction or exponent: its double if that is exact, else its BigDecimal within
     * the scale bound. The exactness test compares with a BigDecimal of any scale: a value of
     * double magnitude but a scale past the bound has as many digits as its literal, so the
     * comparison costs no more than the input did.
     */
    private static Object decimal(Document doc, int index) {
        double d = TapeNumbers.asDouble(doc, index);
        if (d == 0 && Numbers.isZero(TapeNumbers.numberText(doc, index))) {
            return d; // also 0e99999999999, whose exponent no BigDecimal scale holds
        }
        BigDecimal exact = Values.unboundedDecimal(doc, index);
        if (Double.isFinite(d) && new BigDecimal(Double.toString(d)).compareTo(exact) == 0) {
            return d;
        }
        return Values.bounded(exact, doc, index);
    }
}
