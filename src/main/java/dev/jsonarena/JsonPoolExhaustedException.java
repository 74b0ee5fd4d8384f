package dev.jsonarena;

/**
 * Thrown when a pool cannot reserve more native memory because its cap on reserved bytes has
 * been reached (after returning cached memory and, if the pool was built with a wait, after
 * waiting that long for other arenas to give memory back).
 *
 * <p>Raised by a parse, it says so and gives where the parse had got to (line, column and byte
 * offset; {@link #duringParse()} is true, and the exception the pool raised is its cause).
 * Raised otherwise it has no position.
 *
 * <p>The arena that asked is left as it was before the failed allocation: it stays usable, and
 * {@link JsonArena#close()} returns all of its memory.
 *
 * <p>Thread-safety: immutable.
 */
public final class JsonPoolExhaustedException extends JsonException {
    private static final long serialVersionUID = 1L;
    private final long cap;
    private final long reserved;
    private final long requested;
    private final boolean duringParse;

    /**
     * Creates the exception for an allocation outside a parse.
     *
     * @param cap the pool's cap on reserved bytes
     * @param reserved the bytes the pool had reserved when it failed
     * @param requested the bytes of the block that could not be had
     */
    public JsonPoolExhaustedException(long cap, long reserved, long requested) {
        super(what(cap, reserved, requested, ""));
        this.cap = cap;
        this.reserved = reserved;
        this.requested = requested;
        this.duringParse = false;
    }

    /**
     * Creates the exception for an allocation a parse made, from the one the pool raised.
     *
     * @param cause the exception the pool raised, whose cap and sizes this one repeats
     * @param offset the byte offset of the input the parse had reached
     * @param line the line (from 1) of {@code offset}, or -1 if not known
     * @param column the column (from 1, in UTF-8 sequences) of {@code offset}, or -1 if not known
     * @throws IllegalArgumentException if {@code offset} is negative, or only one of line and column is known
     * @throws NullPointerException if {@code cause} is null
     */
    public JsonPoolExhaustedException(JsonPoolExhaustedException cause, long offset, long line, long column) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset: " + offset + " (expected: >= 0)");
        }
        super(what(cause.cap, cause.reserved, cause.requested, " while parsing, at " + position(offset, line, column)),
                cause, offset, line, column, null);
        this.cap = cause.cap;
        this.reserved = cause.reserved;
        this.requested = cause.requested;
        this.duringParse = true;
    }

    private static String what(long cap, long reserved, long requested, String where) {
        return "pool exhausted" + where + ": a block of " + requested + " bytes needs more memory than the cap allows ("
                + reserved + " of " + cap + " bytes reserved)";
    }

    /** {@return the pool's cap on reserved bytes} */
    public long cap() {
        return cap;
    }

    /** {@return the bytes reserved when the allocation failed} */
    public long reserved() {
        return reserved;
    }

    /** {@return the bytes of the block that could not be had} */
    public long requested() {
        return requested;
    }

    /** {@return whether a parse raised this}: then {@link #offset()} is where it had got to */
    @Override
    public boolean duringParse() {
        return duringParse;
    }
}
