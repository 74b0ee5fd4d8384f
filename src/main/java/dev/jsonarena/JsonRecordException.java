package dev.jsonarena;

import java.util.Objects;

/**
 * A record of a {@link JsonRecordReader} that could not be read: which record, where it starts in
 * the stream, and why (the cause: a {@link JsonParseException}, a {@link JsonLimitException}, or a
 * memory exception, whose offsets count from the start of the stream too).
 *
 * <p>Thread-safety: immutable.
 */
public final class JsonRecordException extends JsonException {
    private static final long serialVersionUID = 1L;

    private final long record;
    private final long line;
    private final long offset;

    /**
     * Creates the exception.
     *
     * @param record the record's number, from 1, counting every record (good or bad) but no blank line
     * @param line the line (from 1) where the record starts
     * @param offset the byte offset in the stream where the record starts
     * @param cause why the record could not be read
     */
    public JsonRecordException(long record, long line, long offset, JsonException cause) {
        super("record " + record + " (line " + line + ", byte offset " + offset + "): "
                + Objects.requireNonNull(cause, "cause").getMessage(), cause);
        this.record = record;
        this.line = line;
        this.offset = offset;
    }

    /** {@return the record's number, from 1} */
    public long record() {
        return record;
    }

    /** {@return the line, from 1, where the record starts} */
    public long line() {
        return line;
    }

    /** {@return the byte offset in the stream where the record starts} */
    public long offset() {
        return offset;
    }

    /** {@return why the record could not be read} */
    @Override
    public synchronized JsonException getCause() {
        return (JsonException) super.getCause();
    }
}
