package dev.jsonarena.memory;

import dev.jsonarena.events.PoolStatisticsEvent;
import java.lang.ref.WeakReference;

/**
 * The body of a pool's periodic statistics hook: one {@code dev.jsonarena.PoolStatistics} event
 * from the pool's counters. It holds the pool weakly, so that the hook, reachable from the Flight
 * Recorder until the pool's close or cleaner removes it, never keeps a dropped pool alive; a
 * collected pool emits nothing.
 *
 * <p>Thread-safety: runs on the recorder's periodic thread; reads the pool's thread-safe counters.
 */
final class StatisticsEmitter implements Runnable {
    private final WeakReference<Pool> pool;
    private final String name;

    StatisticsEmitter(Pool pool) {
        this.pool = new WeakReference<>(pool);
        this.name = pool.name();
    }

    @Override
    public void run() {
        Pool p = pool.get();
        if (p == null) {
            return;
        }
        PoolCounters c = p.counters();
        PoolStatisticsEvent.emit(name, c.reservedBytes(), c.inUseBytes(), c.highWaterBytes(), c.capBytes(),
                c.openArenas(), c.capRejections(), c.chunks(), c.chunksReserved(), c.chunksReleased());
    }
}
