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
    Object absentValue() {
        return new LinkedHashMap<>();
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
