package dev.jsonarena;

import dev.jsonarena.memory.Pool;
import java.util.concurrent.locks.LockSupport;

/**
 * The thread that calls a pool's {@link JsonPoolListener}. The allocation path wakes it
 * ({@link #wake()}: an unpark, from the page heap's pressure gauge) when reserved memory crosses
 * the threshold either way or the cap refuses an allocation; it then reads the gauge's counts and
 * the pool's rejections, and calls the listener once per change of state and once for the
 * rejections since its last call.
 *
 * <p>It holds the allocator, not the {@link JsonPool}, so a dropped pool can still be collected;
 * its cleaner (or {@link JsonPool#close()}) stops the thread.
 *
 * <p>Thread-safety: {@link #wake()} and {@link #stop()} may be called from any thread; everything
 * else runs on the notifier's own thread.
 */
final class PressureNotifier implements Runnable {
    private static final System.Logger LOG = System.getLogger(JsonPool.class.getName());
    private final Pool pool;
    private final double threshold;
    private final JsonPoolListener listener;
    private final Thread thread;
    private volatile boolean stopped;
    private long transitionsDelivered;
    private long rejectionsDelivered;

    private PressureNotifier(Pool pool, double threshold, JsonPoolListener listener) {
        this.pool = pool;
        this.threshold = threshold;
        this.listener = listener;
        this.thread = Thread.ofPlatform().daemon().name("jsonarena-listener-" + pool.name()).unstarted(this);
    }

    /**
     * Starts the notifier of {@code pool} and makes the pool wake it; call before the pool is used.
     *
     * @return the running notifier
     */
    static PressureNotifier start(Pool pool, double threshold, JsonPoolListener listener) {
        PressureNotifier n = new PressureNotifier(pool, threshold, listener);
        n.thread.start();
        pool.watch(n::wake);
        return n;
    }

    /** Wakes the thread to look at the counts; cheap, and never blocks. */
    void wake() {
        LockSupport.unpark(thread);
    }

    /** Stops the thread after its current call, if any; no listener call starts afterwards. */
    void stop() {
        stopped = true;
        LockSupport.unpark(thread);
    }

    @Override
    public void run() {
        while (!stopped) {
            LockSupport.park(this); // an unpark before this park makes it return at once: no wake is lost
            if (!stopped) {
                deliver();
            }
        }
    }

    private void deliver() {
        long transitions = pool.pressureTransitions();
        long rejections = pool.counters().capRejections();
        while (transitionsDelivered < transitions && !stopped) {
            transitionsDelivered++;
            boolean entered = (transitionsDelivered & 1) == 1;
            JsonPoolStats stats = JsonPoolStats.of(pool);
            call(entered ? "onPressure" : "onPressureRelieved", () -> {
                if (entered) {
                    listener.onPressure(stats, threshold);
                } else {
                    listener.onPressureRelieved(stats, threshold);
                }
            });
        }
        if (rejections > rejectionsDelivered && !stopped) {
            long n = rejections - rejectionsDelivered;
            rejectionsDelivered = rejections;
            JsonPoolStats stats = JsonPoolStats.of(pool);
            call("onCapRejections", () -> listener.onCapRejections(stats, n));
        }
    }

    private void call(String method, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "JsonPoolListener." + method + " of the pool \"" + pool.name()
                    + "\" threw", e);
        }
    }
}
