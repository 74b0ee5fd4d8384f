package dev.jsonarena.bind;

import dev.jsonarena.JsonCursor;
import dev.jsonarena.JsonType;
import dev.jsonarena.JsonWriter;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The binder of {@code Map<String, V>}: a JSON object, as a {@code LinkedHashMap} in document
 * order, each member's value bound to {@code V}; a missing member gives an empty map. Written with
 * the map's iteration order; a {@code null} key is refused.
 *
 * <p>Thread-safety: immutable once built.
 */
final class MapCodec extends Codec {
    Codec value;

    MapCodec(Type type) {
        super(type);
    }

    @Override
    Object read(Reading r, JsonType t) {
        if (t != JsonType.OBJECT) {
            throw r.mismatch(type, "an object");
        }
        JsonCursor c = r.cursor;
        Map<String, Object> out = LinkedHashMap.newLinkedHashMap(c.size());
        if (c.enter()) {
            r.enter(0, type);
            Codec v = value;
            do {
                out.put(c.key(), v.readValue(r));
            } while (c.next());
            r.exit();
            c.exit();
        }
        return out;
    }

    @Override
    Object readBytes(Reading r, int c) {
        if (c != '{') {
            throw DirectInput.GIVE_UP;
        }
        DirectInput in = r.in;
        long mark = in.openNames();
        if (!in.firstMember()) {
            in.closeNames(mark);
            return LinkedHashMap.newLinkedHashMap(0);
        }
        int d = r.enter(0, type);
        Object[] pairs = r.refs(d);
        int n = 0;
        Map<String, Object> out = null;
        Codec v = value;
        do {
            in.name();
            in.noteName(); // a duplicate name gives up under every policy: a map would keep both
            String key = in.text();
            Object val = v.readBytes(r);
            if (out == null && n + 2 > pairs.length) {
                if (n < 2 * Reading.COLLECTED) {
                    pairs = r.growRefs(d);
                } else {
                    out = LinkedHashMap.newLinkedHashMap(n);
                    for (int i = 0; i < n; i += 2) {
                        out.put((String) pairs[i], pairs[i + 1]);
                        pairs[i] = pairs[i + 1] = null;
                    }
                }
            }
            if (out == null) {
                pairs[n++] = key;
                pairs[n++] = val;
            } else {
                out.put(key, val);
            }
        } while (in.nextMember());
        in.closeNames(mark);
        if (out == null) {
            out = LinkedHashMap.newLinkedHashMap(n / 2);
            for (int i = 0; i < n; i += 2) {
                out.put((String) pairs[i], pairs[i + 1]);
                pairs[i] = pairs[i + 1] = null;
            }
        }
        r.exit();
        return out;
    }

    @Override
    boolean readsBytes(java.util.Set<Codec> visiting) {
        return value.readsBytes(visiting);
    }

    @Override
    Object absentValue() {
        return new LinkedHashMap<>();
    }

    @Override
    boolean absentIsNull() {
        return false;
    }

    @Override
    void write(JsonWriter w, Object map) {
        w.beginObject();
        Codec v = value;
        for (Map.Entry<?, ?> e : ((Map<?, ?>) map).entrySet()) {
            if (!(e.getKey() instanceof String k)) {
                throw new IllegalArgumentException("map key " + e.getKey() + " (expected: a String)");
            }
            w.name(k);
            v.writeValue(w, e.getValue());
        }
        w.endObject();
    }
}
