package dev.jsonarena;

/**
 * Thrown when an allocation would take an arena's memory past its byte budget.
 *
 * <p>Raised by a parse, it says so and gives where the parse had got to (line, column and byte
 * offset; {@link #duringParse()} is true, and the exception the arena raised is its cause): for a
 * request, the input was too large for its budget. Raised otherwise (an index a read builds, a
 * direct allocation) it has no position.
 *
 * <p>The arena is left as it was before the failed allocation: it stays usable, and
 * {@link JsonArena#close()} returns all of its memory.
 *
 * <p>Thread-safety: immutable.
 */
public final class JsonBudgetExceededException extends JsonException {
    private static final long serialVersionUID = 1L;
    private final long budget;
    private final long requested;
    private final long inUse;
    private final boolean duringParse;

    /**
     * Creates the exception for an allocation outside a parse.
     *
     * @param budget the arena's budget in bytes
     * @param requested the bytes the failed allocation asked for
     * @param inUse the bytes the arena held from its pool when it failed
     */
    public JsonBudgetExceededException(long budget, long requested, long inUse) {
        super(what(budget, requested, inUse, ""));
        this.budget = budget;
        this.requested = requested;
        this.inUse = inUse;
        this.duringParse = false;
    }

    /**
     * Creates the exception for an allocation a parse made, from the one the arena raised.
     *
     * @param cause the exception the arena raised, whose budget and sizes this one repeats
     * @param offset the byte offset of the input the parse had reached
     * @param line the line (from 1) of {@code offset}, or -1 if not known
     * @param column the column (from 1, in UTF-8 sequences) of {@code offset}, or -1 if not known
     * @throws IllegalArgumentException if {@code offset} is negative, or only one of line and column is known
     * @throws NullPointerException if {@code cause} is null
     */
    public JsonBudgetExceededException(JsonBudgetExceededException cause, long offset, long line, long column) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset: " + offset + " (expected: >= 0)");
        }
        super(what(cause.budget, cause.requested, cause.inUse, " while parsing, at " + position(offset, line, column)),
                cause, offset, line, column, null);
        this.budget = cause.budget;
        this.requested = cause.requested;
        this.inUse = cause.inUse;
        this.duringParse = true;
    }

    private static String what(long budget, long requested, long inUse, String where) {
        return "arena budget exceeded" + where + ": requested " + requested + " bytes with " + inUse
                + " bytes in use (expected: in use + block <= budget of " + budget + " bytes)";
    }

    /** {@return the arena's budget in bytes} */
    public long budget() {
        return budget;
    }

    /** {@return the bytes the failed allocation asked for} */
    public long requested() {
        return requested;
    }

    /** {@return the bytes the arena held from its pool when the allocation failed} */
    public long inUse() {
        return inUse;
    }

    /** {@return whether a parse raised this}: then {@link #offset()} is where it had got to */
    @Override
    public boolean duringParse() {
        return duringParse;
    }
}
