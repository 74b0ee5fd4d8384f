package dev.jsonarena;

import java.util.Objects;

/**
 * Thrown when a document passes one of its {@link JsonLimits}: the message names the limit, its
 * configured value and where the parse stopped: the line, column and byte offset, or the byte
 * offset alone for the byte-count limits ({@code maxDocumentBytes}, {@code maxRecordBytes}),
 * which may be found before those bytes are read (from a file's size, or an array's length).
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

    /**
     * Creates the exception for a place whose line and column are not known.
     *
     * @param limit the limit that was passed
     * @param limitValue its configured value
     * @param offset the byte offset of the input at which the limit was passed
     * @throws IllegalArgumentException if {@code offset} is negative
     * @throws NullPointerException if {@code limit} is null
     */
    public JsonLimitException(JsonLimit limit, long limitValue, long offset) {
        this(limit, limitValue, offset, -1, -1);
    }

    /**
     * Creates the exception.
     *
     * @param limit the limit that was passed
     * @param limitValue its configured value
     * @param offset the byte offset of the input at which the limit was passed
     * @param line the line (from 1) of {@code offset}, or -1 if not known
     * @param column the column (from 1, in UTF-8 sequences) of {@code offset}, or -1 if not known
     * @throws IllegalArgumentException if {@code offset} is negative, or only one of line and column is known
     * @throws NullPointerException if {@code limit} is null
     */
    public JsonLimitException(JsonLimit limit, long limitValue, long offset, long line, long column) {
        Objects.requireNonNull(limit, "limit");
        if (offset < 0) {
            throw new IllegalArgumentException("offset: " + offset + " (expected: >= 0)");
        }
        super("limit " + limit + " exceeded at " + position(offset, line, column) + " (expected: at most "
                + limitValue + ", set by JsonLimits." + limit.setting() + ")", null, offset, line, column, null);
        this.limit = limit;
        this.limitValue = limitValue;
    }

    /** {@return the limit that was passed} */
    public JsonLimit limit() {
        return limit;
    }

    /** {@return the configured value of the limit} */
    public long limitValue() {
        return limitValue;
    }

    /** {@return the byte offset of the input at which the limit was passed}: never -1 */
    @Override
    public long offset() {
        return super.offset();
    }

    /** {@return true}: limits are checked by a parse (or as it starts) */
    @Override
    public boolean duringParse() {
        return true;
    }
}
