package dev.jsonarena.bind;

import dev.jsonarena.JsonType;
import dev.jsonarena.JsonWriter;

/**
 * The binder of a primitive's box ({@code Integer}, ...): the primitive's rules, and {@code null}
 * for a JSON {@code null} or a missing member. A primitive asked for at the top ({@code int.class})
 * binds through its box too, and so does a primitive type argument of an array ({@code int[]} has
 * its own binder, {@link ArrayCodec}).
 *
 * <p>Thread-safety: immutable.
 */
final class BoxCodec extends Codec {
    private final Primitive primitive;

    BoxCodec(Class<?> box, Primitive primitive) {
        super(box);
        this.primitive = primitive;
    }

    @Override
    Object read(Reading r, JsonType t) {
        return primitive.box(primitive.read(r, t));
    }

    /** {@return the primitive this is the box of} */
    Primitive primitive() {
        return primitive;
    }

    @Override
    Object readBytes(Reading r, int c) {
        return primitive.box(primitive.readBytes(r, c));
    }

    @Override
    boolean readsBytes(java.util.Set<Codec> visiting) {
        return true;
    }

    @Override
    void write(JsonWriter w, Object value) {
        primitive.write(w, primitive.bits(value));
    }
}
