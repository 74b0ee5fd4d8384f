package dev.jsonarena.bind;

import dev.jsonarena.JsonKey;
import dev.jsonarena.JsonType;
import dev.jsonarena.JsonWriter;

/**
 * The binder of an enum: a string that is exactly a constant's {@code name()}, compared as UTF-8
 * bytes against a key per constant (no {@code String} made).
 *
 * <p>Thread-safety: immutable.
 */
final class EnumCodec extends Codec {
    private final Enum<?>[] constants;
    private final JsonKey[] names;
    private final String expected;

    EnumCodec(Class<?> type) {
        super(type);
        this.constants = (Enum<?>[]) type.getEnumConstants();
        this.names = new JsonKey[constants.length];
        StringBuilder sb = new StringBuilder("one of");
        for (int i = 0; i < constants.length; i++) {
            names[i] = JsonKey.of(constants[i].name());
            if (i < 8) {
                sb.append(i == 0 ? " " : ", ").append(constants[i].name());
            }
        }
        this.expected = sb.append(constants.length > 8 ? ", ..." : "").toString();
    }

    @Override
    Object read(Reading r, JsonType t) {
        if (t == JsonType.STRING) {
            int length = r.cursor.utf8Length();
            for (int i = 0; i < names.length; i++) {
                if (names[i].utf8Length() == length && r.cursor.stringEquals(names[i])) {
                    return constants[i];
                }
            }
        }
        throw r.mismatch(type, expected);
    }

    @Override
    void write(JsonWriter w, Object value) {
        w.value(((Enum<?>) value).name());
    }
}
