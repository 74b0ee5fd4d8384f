package dev.jsonarena.memory;

/**
 * A snapshot of a {@link Pool}'s counters: the page heap's, read under its lock, and the pool's
 * own, read from their adders just before. The public {@code JsonPoolStats}, the pool's MXBean,
 * its Flight Recorder statistics event and its pressure listener all read this one record.
 *
 * <p>Thread-safety: immutable.
 *
 * @param reservedBytes native bytes the pool holds from the operating system
 * @param highWaterBytes the most bytes ever reserved at once
 * @param capBytes the cap on reserved bytes
 * @param capRejections allocations refused because the cap was reached
 * @param chunks chunks reserved now
 * @param chunksReserved chunks ever reserved
 * @param chunksReleased chunks ever returned to the operating system
 * @param inUseBytes bytes held by open arenas (their blocks)
 * @param openArenas arenas opened and not yet closed
 */
public record PoolCounters(long reservedBytes, long highWaterBytes, long capBytes, long capRejections, long chunks,
                           long chunksReserved, long chunksReleased, long inUseBytes, long openArenas) {

    /** {@return reserved bytes not held by any arena: cached slots, free slots, free pages} */
    public long idleBytes() {
        return reservedBytes - inUseBytes;
    }

    /**
     * The counters of one size class.
     *
     * @param spans spans of the class carved from pages now
     * @param freeSlots free slots in the class's central list
     * @param cachedSlots free slots held in the striped caches
     */
    public record SizeClass(long spans, long freeSlots, long cachedSlots) {}
}
