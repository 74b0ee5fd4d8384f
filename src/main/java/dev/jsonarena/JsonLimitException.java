package dev.jsonarena;

import java.util.Objects;

/**
 * Thrown when a document passes one of its {@link JsonLimits}: the message names the limit, its
 * configured value and the byte offset at which the parse stopped.
 *
 * <p>Limits are checked before the memory they guard is taken, and a failed parse leaves nothing
 * behind in the arena.
 *
 * <p>Thread-safety: immutable.
 */
public final class JsonLimitException extends JsonException {
    private static final long serialVersionUID = 1L;
    private final JsonLimit limit;
    private final long limitValue;
    private final long offset;

    /**
     * Creates the exception.
     *
     * @param limit the limit that was passed
     * @param limitValue its configured value
     * @param offset the byte offset of the input at which the limit was passed
     * @throws NullPointerException if {@code limit} is null
     */
    public JsonLimitException(JsonLimit limit, long limitValue, long offset) {
        super("limit " + Objects.requireNonNull(limit, "limit") + " exceeded at byte offset " + offset
                + " (expected: at most " + limitValue + ", set by JsonLimits." + limit.setting() + ")");
        this.limit = limit;
        this.limitValue = limitValue;
        this.offset = offset;
    }

    /** {@return the limit that was passed} */
    public JsonLimit limit() {
        return limit;
    }

    /** {@return the configured value of the limit} */
    public long limitValue() {
        return limitValue;
    }

    /** {@return the byte offset of the input at which the limit was passed} */
    public long offset() {
        return offset;
    }
}
