package dev.jsonarena.bench;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.jsonarena.JsonKey;
import dev.jsonarena.JsonWriter;
import dev.jsonarena.testing.ReferenceJson;
import dev.jsonarena.testing.ReferenceJson.JArray;
import dev.jsonarena.testing.ReferenceJson.JNumber;
import dev.jsonarena.testing.ReferenceJson.JObject;
import dev.jsonarena.testing.ReferenceJson.JString;
import dev.jsonarena.testing.ReferenceJson.JValue;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A document as a flat list of generator events (begin/end object and array, names, strings,
 * integers, doubles, literals), replayed into a {@link JsonWriter} or a Jackson
 * {@link JsonGenerator}: both write exactly the same calls, so {@link WriterBenchmark} measures the
 * generators and nothing else. Names are given as {@code String} to both (and as {@link JsonKey}
 * to jsonarena in the {@code _KEYS} variant, one key per distinct name as code keeps them in
 * constants; Jackson's {@code SerializableString} equivalent not being used by typical code).
 *
 * <p>Thread-safety: immutable after construction.
 */
final class WriterEvents {
    static final byte BEGIN_OBJECT = 0;
    static final byte END_OBJECT = 1;
    static final byte BEGIN_ARRAY = 2;
    static final byte END_ARRAY = 3;
    static final byte NAME = 4;
    static final byte STRING = 5;
    static final byte LONG = 6;
    static final byte DOUBLE = 7;
    static final byte TRUE = 8;
    static final byte FALSE = 9;
    static final byte NULL = 10;

    final byte[] kinds;
    final String[] strings;
    final JsonKey[] keys;
    final long[] longs;
    final double[] doubles;

    private WriterEvents(List<Byte> k, List<String> s, List<Long> l, List<Double> d) {
        int n = k.size();
        kinds = new byte[n];
        strings = new String[n];
        keys = new JsonKey[n];
        longs = new long[n];
        doubles = new double[n];
        Map<String, JsonKey> shared = new HashMap<>(); // one key per distinct name, as code keeps its keys in constants
        for (int i = 0; i < n; i++) {
            kinds[i] = k.get(i);
            strings[i] = s.get(i);
            keys[i] = kinds[i] == NAME ? shared.computeIfAbsent(strings[i], JsonKey::of) : null;
            longs[i] = l.get(i);
            doubles[i] = d.get(i);
        }
    }

    /** {@return these events with one {@code String} per distinct name}, as a program's name literals are */
    WriterEvents withSharedNames() {
        List<Byte> k = new ArrayList<>();
        List<String> s = new ArrayList<>();
        List<Long> l = new ArrayList<>();
        List<Double> d = new ArrayList<>();
        Map<String, String> shared = new HashMap<>();
        for (int i = 0; i < kinds.length; i++) {
            k.add(kinds[i]);
            s.add(kinds[i] == NAME ? shared.computeIfAbsent(strings[i], x -> x) : strings[i]);
            l.add(longs[i]);
            d.add(doubles[i]);
        }
        return new WriterEvents(k, s, l, d);
    }

    /** {@return the events of the JSON text {@code json}} */
    static WriterEvents of(byte[] json) {
        List<Byte> k = new ArrayList<>();
        List<String> s = new ArrayList<>();
        List<Long> l = new ArrayList<>();
        List<Double> d = new ArrayList<>();
        add(ReferenceJson.parse(json), k, s, l, d);
        return new WriterEvents(k, s, l, d);
    }

    private static void add(JValue v, List<Byte> k, List<String> s, List<Long> l, List<Double> d) {
        switch (v) {
            case JObject o -> {
                event(BEGIN_OBJECT, null, 0, 0, k, s, l, d);
                for (Map.Entry<String, JValue> m : o.members()) {
                    event(NAME, m.getKey(), 0, 0, k, s, l, d);
                    add(m.getValue(), k, s, l, d);
                }
                event(END_OBJECT, null, 0, 0, k, s, l, d);
            }
            case JArray a -> {
                event(BEGIN_ARRAY, null, 0, 0, k, s, l, d);
                for (JValue e : a.elements()) {
                    add(e, k, s, l, d);
                }
                event(END_ARRAY, null, 0, 0, k, s, l, d);
            }
            case JString str -> event(STRING, str.value(), 0, 0, k, s, l, d);
            case JNumber n -> {
                BigDecimal b = n.toBigDecimal();
                if (b.scale() <= 0 && b.toBigInteger().bitLength() <= 63) { // fits a long
                    event(LONG, null, b.longValueExact(), 0, k, s, l, d);
                } else {
                    event(DOUBLE, null, 0, b.doubleValue(), k, s, l, d);
                }
            }
            case ReferenceJson.JTrue t -> event(TRUE, null, 0, 0, k, s, l, d);
            case ReferenceJson.JFalse f -> event(FALSE, null, 0, 0, k, s, l, d);
            case ReferenceJson.JNull x -> event(NULL, null, 0, 0, k, s, l, d);
        }
    }

    private static void event(byte kind, String str, long lv, double dv, List<Byte> k, List<String> s,
                              List<Long> l, List<Double> d) {
        k.add(kind);
        s.add(str);
        l.add(lv);
        d.add(dv);
    }

    /** Replays the events into {@code w}; {@code keys} gives names as {@link JsonKey}. */
    void replay(JsonWriter w, boolean useKeys) {
        byte[] kinds = this.kinds;
        for (int i = 0; i < kinds.length; i++) {
            switch (kinds[i]) {
                case BEGIN_OBJECT -> w.beginObject();
                case END_OBJECT -> w.endObject();
                case BEGIN_ARRAY -> w.beginArray();
                case END_ARRAY -> w.endArray();
                case NAME -> {
                    if (useKeys) {
                        w.name(keys[i]);
                    } else {
                        w.name(strings[i]);
                    }
                }
                case STRING -> w.value(strings[i]);
                case LONG -> w.value(longs[i]);
                case DOUBLE -> w.value(doubles[i]);
                case TRUE -> w.value(true);
                case FALSE -> w.value(false);
                default -> w.nullValue();
            }
        }
    }

    /** Replays the events into Jackson's generator. */
    void replay(JsonGenerator g) throws IOException {
        byte[] kinds = this.kinds;
        for (int i = 0; i < kinds.length; i++) {
            switch (kinds[i]) {
                case BEGIN_OBJECT -> g.writeStartObject();
                case END_OBJECT -> g.writeEndObject();
                case BEGIN_ARRAY -> g.writeStartArray();
                case END_ARRAY -> g.writeEndArray();
                case NAME -> g.writeFieldName(strings[i]);
                case STRING -> g.writeString(strings[i]);
                case LONG -> g.writeNumber(longs[i]);
                case DOUBLE -> g.writeNumber(doubles[i]);
                case TRUE -> g.writeBoolean(true);
                case FALSE -> g.writeBoolean(false);
                default -> g.writeNull();
            }
        }
    }
}
