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
    /** The constants' names in UTF-8, for {@link #readBytes(Reading, int)}. */
    private final byte[][] nameBytes;

    EnumCodec(Class<?> type) {
        super(type);
        this.constants = (Enum<?>[]) type.getEnumConstants();
        this.names = new JsonKey[constants.length];
        this.nameBytes = new byte[constants.length][];
        StringBuilder sb = new StringBuilder("one of");
        for (int i = 0; i < constants.length; i++) {
            names[i] = JsonKey.of(constants[i].name());
            nameBytes[i] = constants[i].name().getBytes(java.nio.charset.StandardCharsets.UTF_8);
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
    Object readBytes(Reading r, int c) {
        if (c == '"') {
            DirectInput in = r.in;
            in.skipString();
            byte[][] b = nameBytes;
            for (int i = 0; i < b.length; i++) {
                if (in.textEquals(b[i])) {
                    return constants[i];
                }
            }
        }
        throw DirectInput.GIVE_UP;
    }

    @Override
    boolean readsBytes(java.util.Set<Codec> visiting) {
        return true;
    }

    @Override
    void write(JsonWriter w, Object value) {
        w.value(((Enum<?>) value).name());
    }
}
