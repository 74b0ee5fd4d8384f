package dev.jsonarena.bind;

import dev.jsonarena.JsonType;
import dev.jsonarena.JsonWriter;
import java.lang.reflect.Type;
import java.util.Optional;

/**
 * The binder of {@code Optional<T>}: {@code Optional.empty()} for a JSON {@code null} and for a
 * missing member, otherwise the value bound to {@code T}; written as {@code null} or the value.
 *
 * <p>Thread-safety: immutable once built.
 */
final class OptionalCodec extends Codec {
    Codec element;

    OptionalCodec(Type type) {
        super(type);
    }

    @Override
    Object read(Reading r, JsonType t) {
        return Optional.ofNullable(element.read(r, t));
    }

    @Override
    Object readBytes(Reading r, int c) {
        return Optional.ofNullable(element.readBytes(r, c));
    }

    @Override
    boolean readsBytes(java.util.Set<Codec> visiting) {
        return element.readsBytes(visiting);
    }

    @Override
    Object nullValue() {
        return Optional.empty();
    }

    @Override
    Object absentValue() {
        return Optional.empty();
    }

    @Override
    boolean absentIsNull() {
        return false;
    }

    @Override
    void write(JsonWriter w, Object value) {
        element.writeValue(w, ((Optional<?>) value).orElse(null));
    }
}
