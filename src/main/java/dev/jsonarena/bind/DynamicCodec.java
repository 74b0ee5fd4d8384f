package dev.jsonarena.bind;

import dev.jsonarena.JsonType;
import dev.jsonarena.JsonWriter;

/**
 * The binder of {@code Object} (and of a type variable or wildcard bound to nothing more): reads a
 * value as {@link dev.jsonarena.JsonValue#toJava()} does (maps, lists, strings, {@code Long} or
 * {@code BigDecimal} numbers, booleans, {@code null}); writes a value by the binder of its
 * run-time class.
 *
 * <p>Thread-safety: immutable.
 */
final class DynamicCodec extends Codec {
    private final Codecs codecs;

    DynamicCodec(Codecs codecs) {
        super(Object.class);
        this.codecs = codecs;
    }

    @Override
    Object read(Reading r, JsonType t) {
        return r.cursor.value().toJava();
    }

    @Override
    void write(JsonWriter w, Object value) {
        Codec c = codecs.codec(value.getClass());
        if (c instanceof DynamicCodec) {
            throw new IllegalArgumentException(value.getClass().getName() + " (expected: a bindable type)");
        }
        c.write(w, value);
    }
}
