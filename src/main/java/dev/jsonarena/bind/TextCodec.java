package dev.jsonarena.bind;

import dev.jsonarena.JsonType;
import dev.jsonarena.JsonWriter;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.function.Function;

/**
 * The binder of a type written as a JSON string: {@code String} itself, and the types that parse
 * from their {@code toString()}: {@code UUID}, {@code Instant}, {@code LocalDate},
 * {@code LocalDateTime}, {@code OffsetDateTime} and {@code Duration} (ISO-8601, as their
 * {@code parse} methods read). A string that does not parse is a binding error naming the type.
 *
 * <p>Thread-safety: immutable.
 */
final class TextCodec extends Codec {
    private final Function<String, Object> parse;
    private final String expected;

    private TextCodec(Class<?> type, Function<String, Object> parse, String expected) {
        super(type);
        this.parse = parse;
        this.expected = expected;
    }

    /** {@return the binder of {@code c}, or null if {@code c} is not written as a string} */
    static Codec of(Class<?> c) {
        if (c == String.class) {
            return new TextCodec(c, null, "a string");
        }
        if (c == UUID.class) {
            return new TextCodec(c, UUID::fromString, "a UUID string, e.g. 123e4567-e89b-12d3-a456-426614174000");
        }
        if (c == Instant.class) {
            return new TextCodec(c, Instant::parse, "an ISO-8601 instant, e.g. 2026-12-04T10:15:30Z");
        }
        if (c == LocalDate.class) {
            return new TextCodec(c, LocalDate::parse, "an ISO-8601 date, e.g. 2026-12-04");
        }
        if (c == LocalDateTime.class) {
            return new TextCodec(c, LocalDateTime::parse, "an ISO-8601 local date-time, e.g. 2026-12-04T10:15:30");
        }
        if (c == OffsetDateTime.class) {
            return new TextCodec(c, OffsetDateTime::parse, "an ISO-8601 date-time with offset, e.g. 2026-12-04T10:15:30+01:00");
        }
        if (c == Duration.class) {
            return new TextCodec(c, Duration::parse, "an ISO-8601 duration, e.g. PT1.5S");
        }
        return null;
    }

    @Override
    Object read(Reading r, JsonType t) {
        if (t != JsonType.STRING) {
            throw r.mismatch(type, expected);
        }
        String s = r.cursor.asString();
        if (parse == null) {
            return s;
        }
        try {
            return parse.apply(s);
        } catch (DateTimeException | IllegalArgumentException e) {
            throw r.fail(type, expected, e);
        }
    }

    /** {@return whether this is the binder of {@code String}} */
    boolean isString() {
        return parse == null;
    }

    @Override
    Object readBytes(Reading r, int c) {
        if (c != '"') {
            throw DirectInput.GIVE_UP;
        }
        String s = r.in.string();
        if (parse == null) {
            return s;
        }
        try {
            return parse.apply(s);
        } catch (DateTimeException | IllegalArgumentException e) {
            throw DirectInput.GIVE_UP;
        }
    }

    @Override
    boolean readsBytes(java.util.Set<Codec> visiting) {
        return true;
    }

    @Override
    void write(JsonWriter w, Object value) {
        w.value(value.toString());
    }
}
