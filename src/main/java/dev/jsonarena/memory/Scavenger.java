package dev.jsonarena.memory;

import java.lang.ref.WeakReference;

/**
 * A daemon thread that periodically returns a pool's idle memory to the operating system. It holds
 * the pool weakly and ends when the pool is closed or collected.
 *
 * <p>Thread-safety: {@link #stop()} may be called from any thread.
 */
public final class Scavenger implements Runnable {
    private final WeakReference<Pool> pool;
    private final long idleNanos;
    private volatile boolean stopped;
    private final Thread thread;

    private Scavenger(Pool pool, long idleNanos) {
        this.pool = new WeakReference<>(pool);
        this.idleNanos = idleNanos;
        this.thread = Thread.ofPlatform().daemon().name("jsonarena-scavenger").unstarted(this);
    }

    /** Starts a scavenger for {@code pool} that wakes every half of {@code idleNanos}. */
    public static Scavenger start(Pool pool, long idleNanos) {
        Scavenger s = new Scavenger(pool, idleNanos);
        s.thread.start();
        return s;
    }

    /** Stops the scavenger; it ends within one period. */
    public void stop() {
        stopped = true;
        thread.interrupt();
    }

    @Override
    public void run() {
        long periodMillis = Math.max(1, idleNanos / 2_000_000);
        while (!stopped) {
            try {
                Thread.sleep(periodMillis);
            } catch (InterruptedException e) {
                return;
            }
            Pool p = pool.get();
            if (p == null || stopped) {
                return;
            }
            p.scavenge(idleNanos);
        }
    }
}
