package dev.jsonarena;

/**
 * Thrown when an allocation would take an arena's memory past its byte budget.
 *
 * <p>The arena is left as it was before the failed allocation: it stays usable, and
 * {@link JsonArena#close()} returns all of its memory.
 */
public final class JsonBudgetExceededException extends JsonException {
    private static final long serialVersionUID = 1L;
    private final long budget;
    private final long requested;
    private final long inUse;

    /**
     * Creates the exception.
     *
     * @param budget the arena's budget in bytes
     * @param requested the bytes the failed allocation asked for
     * @param inUse the bytes the arena held from its pool when it failed
     */
    public JsonBudgetExceededException(long budget, long requested, long inUse) {
        super("arena budget exceeded: requested " + requested + " bytes with " + inUse
                + " bytes in use (expected: in use + block <= budget of " + budget + " bytes)");
        this.budget = budget;
        this.requested = requested;
        this.inUse = inUse;
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
}
