package dev.jsonarena;

import dev.jsonarena.memory.Pool;
import dev.jsonarena.memory.SizeClasses;
import java.util.ArrayList;
import java.util.List;

/**
 * An immutable snapshot of a {@link JsonPool}'s memory. Counters are read stripe by stripe, so a
 * snapshot taken while other threads allocate is approximate; one taken while the pool is quiet is
 * exact.
 *
 * @param reservedBytes native bytes the pool holds from the operating system
 * @param inUseBytes bytes held by open arenas (their blocks)
 * @param idleBytes reserved bytes not held by any arena: cached slots, free slots, free pages
 * @param highWaterBytes the most bytes ever reserved at once
 * @param capBytes the cap on reserved bytes
 * @param openArenas arenas opened and not yet closed
 * @param capRejections allocations refused because the cap was reached
 * @param chunks chunks currently reserved
 * @param chunksReserved chunks ever reserved
 * @param chunksReleased chunks ever returned to the operating system
 * @param sizeClasses one entry per size class, smallest first
 */
public record JsonPoolStats(long reservedBytes, long inUseBytes, long idleBytes, long highWaterBytes,
                            long capBytes, long openArenas, long capRejections, long chunks,
                            long chunksReserved, long chunksReleased, List<SizeClass> sizeClasses) {

    /** Makes the list immutable. */
    public JsonPoolStats {
        sizeClasses = List.copyOf(sizeClasses);
    }

    /** {@return a snapshot of the memory of {@code pool}} */
    static JsonPoolStats of(Pool pool) {
        long[] c = pool.counters();
        long[][] cls = pool.classCounters();
        List<SizeClass> classes = new ArrayList<>(SizeClasses.COUNT);
        for (int i = 0; i < SizeClasses.COUNT; i++) {
            long spans = cls[i][0];
            long total = spans * SizeClasses.slotsPerSpan(i);
            classes.add(new SizeClass(SizeClasses.size(i), spans, total - cls[i][1] - cls[i][2], cls[i][1], cls[i][2]));
        }
        long reserved = c[0];
        long inUse = c[7];
        return new JsonPoolStats(reserved, inUse, reserved - inUse, c[1], c[9], c[8], c[2], c[5], c[3], c[4], classes);
    }

    /**
     * The state of one size class.
     *
     * @param slotBytes the size of the class's slots
     * @param spans spans of this class currently carved from pages
     * @param objectsInUse slots held by arenas
     * @param objectsFree free slots in the class's central list
     * @param objectsCached free slots held in the striped caches
     */
    public record SizeClass(int slotBytes, long spans, long objectsInUse, long objectsFree, long objectsCached) {}
}
