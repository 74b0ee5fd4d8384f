package dev.jsonarena;

/**
 * Thrown when a pool cannot reserve more native memory because its cap on reserved bytes has
 * been reached (after returning cached memory and, if the pool was built with a wait, after
 * waiting that long for other arenas to give memory back).
 *
 * <p>The arena that asked is left as it was before the failed allocation: it stays usable, and
 * {@link JsonArena#close()} returns all of its memory.
 */
public final class JsonPoolExhaustedException extends JsonException {
    private static final long serialVersionUID = 1L;
    private final long cap;
    private final long reserved;
    private final long requested;

    /**
     * Creates the exception.
     *
     * @param cap the pool's cap on reserved bytes
     * @param reserved the bytes the pool had reserved when it failed
     * @param requested the bytes of the block that could not be had
     */
    public JsonPoolExhaustedException(long cap, long reserved, long requested) {
        super("pool exhausted: a block of " + requested + " bytes needs more memory than the cap allows ("
                + reserved + " of " + cap + " bytes reserved)");
        this.cap = cap;
        this.reserved = reserved;
        this.requested = requested;
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
}
