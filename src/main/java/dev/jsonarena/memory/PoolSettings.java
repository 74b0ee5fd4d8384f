package dev.jsonarena.memory;

/**
 * The configuration of a {@link Pool}, validated by the public builder.
 *
 * @param name the pool's name, as its events and MXBean show it
 * @param chunkBytes bytes per chunk reservation (a multiple of the page size)
 * @param capBytes the most bytes the pool may have reserved at once
 * @param capWaitNanos how long an allocation waits at the cap for memory to be freed (0: fail fast)
 * @param idleTimeoutNanos how long memory stays idle before the scavenger returns it (0: never)
 * @param initialBlockBytes the size of an arena's first block
 * @param maxBlockBytes the largest block an arena grows into (larger requests get their own block)
 * @param pressureThreshold the fraction of the cap, in (0, 1], at which reserved memory counts as
 *     pressure (see {@link PressureGauge}); 0 for no gauge
 */
public record PoolSettings(String name, long chunkBytes, long capBytes, long capWaitNanos, long idleTimeoutNanos,
                           long initialBlockBytes, long maxBlockBytes, double pressureThreshold) {
    /** The first block of every arena of a public pool: one size-class slot. */
    public static final long ARENA_INITIAL_BLOCK_BYTES = 8192;
    /** The largest block an arena of a public pool grows into. */
    public static final long ARENA_MAX_BLOCK_BYTES = 1L << 20;
}
