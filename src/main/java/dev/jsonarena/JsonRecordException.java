package dev.jsonarena;

import java.util.Objects;

/**
 * A record of a {@link JsonRecordReader} that could not be read: which record, where it starts in
 * the stream, and why (the cause: a {@link JsonParseException}, a {@link JsonLimitException}, or a
 * memory exception, whose offsets and lines count from the start of the stream too).
 *
 * <p>Through the base type it answers with its cause's place in the stream ({@link #offset()},
 * {@link #line()}, {@link #column()}, {@link #pointer()}), or, if the cause knows no offset, with
 * the record's start offset (line and column -1). {@link #recordOffset()} and
 * {@link #recordLine()} always give the record's start.
 *
 * <p>Thread-safety: immutable.
 */
public final class JsonRecordException extends JsonException {
    private static final long serialVersionUID = 1L;

    private final long record;
    private final long recordLine;
    private final long recordOffset;

    /**
     * Creates the exception.
     *
     * @param record the record's number, from 1, counting every record (good or bad) but no blank line
     * @param recordLine the line (from 1) where the record starts
     * @param recordOffset the byte offset in the stream where the record starts
     * @param cause why the record could not be read
     * @throws NullPointerException if {@code cause} is null
     */
    public JsonRecordException(long record, long recordLine, long recordOffset, JsonException cause) {
        Objects.requireNonNull(cause, "cause");
        boolean own = cause.offset() >= 0;
        super("record " + record + " (line " + recordLine + ", byte offset " + recordOffset + "): " + cause.getMessage(),
                cause, own ? cause.offset() : recordOffset, own ? cause.line() : -1, own ? cause.column() : -1,
                cause.pointer());
        this.record = record;
        this.recordLine = recordLine;
        this.recordOffset = recordOffset;
    }

    /** {@return the record's number, from 1} */
    public long record() {
        return record;
    }

    /** {@return the line, from 1, where the record starts} */
    public long recordLine() {
        return recordLine;
    }

    /** {@return the byte offset in the stream where the record starts} */
    public long recordOffset() {
        return recordOffset;
    }

    /** {@return whether its cause was raised while parsing} */
    @Override
    public boolean duringParse() {
        return getCause().duringParse();
    }

    /** {@return why the record could not be read} */
    @Override
    public synchronized JsonException getCause() {
        return (JsonException) super.getCause();
    }
}
