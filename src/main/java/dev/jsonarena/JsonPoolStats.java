package dev.jsonarena;

import dev.jsonarena.memory.Pool;
import dev.jsonarena.memory.PoolCounters;
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
        PoolCounters c = pool.counters();
        PoolCounters.SizeClass[] cls = pool.classCounters();
        List<SizeClass> classes = new ArrayList<>(SizeClasses.COUNT);
        for (int i = 0; i < SizeClasses.COUNT; i++) {
            PoolCounters.SizeClass k = cls[i];
            long total = k.spans() * SizeClasses.slotsPerSpan(i);
            classes.add(new SizeClass(SizeClasses.size(i), k.spans(), total - k.freeSlots() - k.cachedSlots(),
                    k.freeSlots(), k.cachedSlots()));
        }
        return new JsonPoolStats(c.reservedBytes(), c.inUseBytes(), c.idleBytes(), c.highWaterBytes(), c.capBytes(),
                c.openArenas(), c.capRejections(), c.chunks(), c.chunksReserved(), c.chunksReleased(), classes);
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
