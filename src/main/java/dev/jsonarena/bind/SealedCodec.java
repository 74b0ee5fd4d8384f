package dev.jsonarena.bind;

import dev.jsonarena.JsonCursor;
import dev.jsonarena.JsonKey;
import dev.jsonarena.JsonType;
import dev.jsonarena.JsonWriter;

/**
 * The binder of a sealed interface marked {@link dev.jsonarena.JsonDiscriminator}: reads the
 * discriminator member of the object, finds the record it names (by UTF-8 comparison with a key
 * per record) and binds the object to that record, whose binder knows the discriminator member.
 * Writes a value by its record's binder, which writes the discriminator first.
 *
 * <p>Thread-safety: immutable once built.
 */
final class SealedCodec extends Codec {
    private final JsonKey discriminator;
    JsonKey[] names;
    RecordCodec[] records;
    private String expected;

    SealedCodec(Class<?> type, JsonKey discriminator) {
        super(type);
        this.discriminator = discriminator;
    }

    void init(JsonKey[] names, RecordCodec[] records) {
        this.names = names;
        this.records = records;
        StringBuilder sb = new StringBuilder("one of");
        for (int i = 0; i < names.length; i++) {
            sb.append(i == 0 ? " \"" : ", \"").append(names[i].name()).append('"');
        }
        this.expected = sb.toString();
    }

    @Override
    Object read(Reading r, JsonType t) {
        if (t != JsonType.OBJECT) {
            throw r.mismatch(type, "an object with a member \"" + discriminator.name() + "\"");
        }
        JsonCursor c = r.cursor;
        if (!c.find(discriminator)) {
            throw r.missing(type, discriminator.name(), "a member \"" + discriminator.name() + "\": " + expected);
        }
        int chosen = -1;
        if (c.type() == JsonType.STRING) {
            int length = c.utf8Length();
            for (int i = 0; i < names.length; i++) {
                if (names[i].utf8Length() == length && c.stringEquals(names[i])) {
                    chosen = i;
                    break;
                }
            }
        }
        if (chosen < 0) {
            throw r.mismatch(type, expected);
        }
        c.exit();
        return records[chosen].read(r, t);
    }

    @Override
    void write(JsonWriter w, Object value) {
        for (RecordCodec rc : records) {
            if (rc.recordType() == value.getClass()) {
                rc.write(w, value);
                return;
            }
        }
        throw new ClassCastException(value.getClass().getName() + " is not a record of " + type.getTypeName());
    }
}
