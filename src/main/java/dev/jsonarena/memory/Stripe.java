package dev.jsonarena.memory;

/**
 * One stripe of the pool's front-end cache: per size class, a small stack of free slots, plus a
 * stack of idle arena states. Threads are spread over stripes by thread id and probe to the next
 * stripe when one is busy (see {@link Pool#lockStripe()}), so caches are per processor in effect,
 * never per thread: a million virtual threads share a handful of stripes.
 *
 * <p>Thread-safety: guarded by {@link #lock} (a {@link StripeLock}); every field is read and written
 * with it held.
 */
final class Stripe {
    /** Bytes of free slots a stripe may cache per size class. */
    static final int CACHE_BYTES_PER_CLASS = 128 * 1024;
    static final int MAX_IDLE_ARENAS = 16;

    final StripeLock lock = new StripeLock();
    final long[][] slots = new long[SizeClasses.COUNT][];
    final int[] counts = new int[SizeClasses.COUNT];
    final ArenaMemory[] idleArenas = new ArenaMemory[MAX_IDLE_ARENAS];
    int idleArenaCount;
    /** Operations since creation; the scavenger flushes a stripe whose count stood still. */
    long ops;
    long opsAtLastScavenge;
    /** Arenas opened through this stripe, ever. */
    long opened;
    /** Arenas closed through this stripe, ever (not necessarily the stripe that opened them). */
    long closed;
    /**
     * Bytes of blocks taken by arenas through this stripe, less the bytes they returned through it:
     * a stripe's share may be negative (an arena may return its blocks through another stripe);
     * the sum over stripes, plus the page runs counted outside, is the pool's in-use total.
     */
    long inUseBytes;

    Stripe() {
        for (int c = 0; c < SizeClasses.COUNT; c++) {
            slots[c] = new long[capacity(c)];
        }
    }

    static int capacity(int sizeClass) {
        return Math.max(4, Math.min(64, CACHE_BYTES_PER_CLASS / SizeClasses.size(sizeClass)));
    }

    /** Returns every cached slot to the central lists. Lock must be held. */
    void flush(CentralList[] central) {
        for (int c = 0; c < SizeClasses.COUNT; c++) {
            if (counts[c] > 0) {
                central[c].put(slots[c], 0, counts[c]);
                counts[c] = 0;
            }
        }
    }
}
