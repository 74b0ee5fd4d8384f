package dev.jsonarena.bind;

import dev.jsonarena.JsonType;
import dev.jsonarena.JsonValue;
import dev.jsonarena.JsonWriter;

/**
 * The binder of {@link JsonValue}: the value itself, as a view of its arena (nothing decoded or
 * copied), valid while that arena is open and not reset. A JSON {@code null} is a view of
 * {@code null}, not a Java {@code null}; a missing member is Java {@code null}. Writing copies the
 * viewed value through the generator.
 *
 * <p>Thread-safety: immutable.
 */
final class ViewCodec extends Codec {
    ViewCodec() {
        super(JsonValue.class);
    }

    @Override
    Object read(Reading r, JsonType t) {
        return r.cursor.value();
    }

    @Override
    Object readValue(Reading r) {
        return r.cursor.value();
    }

    @Override
    Object readValue(Reading r, JsonType t) {
        return r.cursor.value();
    }

    @Override
    void write(JsonWriter w, Object value) {
        w.value((JsonValue) value);
    }
}
