package dev.jsonarena.events;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;

/**
 * One pool's periodic {@code dev.jsonarena.PoolStatistics} hook: registered with {@link
 * FlightRecorder#addPeriodicEvent} once the recorder is initialised, removed by {@link #stop()}
 * (the pool's close, or its cleaner when it was dropped unclosed).
 *
 * <p><b>Registered late, on purpose.</b> Registering a periodic event loads its event class, which
 * initialises the recorder's metadata (see {@link Jfr}). A hook made before the recorder is
 * initialised waits in a set, and one {@link FlightRecorderListener} (added with the first hook;
 * adding it loads a handful of classes and no event class) registers every waiting hook when the
 * first recording is created. The emitter the hook runs should hold its pool weakly: the hook is
 * reachable from the recorder and from that set until it is stopped.
 *
 * <p>Thread-safety: thread-safe. Lock order: the recorder's initialisation lock, then a hook's
 * monitor, then the recorder's own repositories; {@link #run()} takes no lock.
 */
public final class StatisticsHook implements Runnable {
    /** Hooks made before the recorder was initialised, not yet registered nor stopped. */
    private static final Set<StatisticsHook> WAITING = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean LISTENING = new AtomicBoolean();

    private final Runnable emitter;
    private boolean registered; // guarded by this
    /** Written under the monitor; read without it by {@link #run()}. */
    private volatile boolean stopped;

    private StatisticsHook(Runnable emitter) {
        this.emitter = emitter;
    }

    /**
     * Makes a hook and registers it now if the recorder is initialised, else when it is.
     *
     * @param emitter commits one {@link PoolStatisticsEvent} per run
     * @return the hook, for {@link #stop()}
     */
    public static StatisticsHook start(Runnable emitter) {
        StatisticsHook hook = new StatisticsHook(emitter);
        // add first, then read the flag: an initialisation racing this either finds the hook in the
        // set or has set the flag this thread reads (both are volatile accesses)
        WAITING.add(hook);
        if (LISTENING.compareAndSet(false, true)) {
            FlightRecorder.addListener(new FlightRecorderListener() {
                @Override
                public void recorderInitialized(FlightRecorder recorder) {
                    for (StatisticsHook h : WAITING) {
                        h.register();
                    }
                }
            });
        }
        if (FlightRecorder.isInitialized()) {
            hook.register();
        }
        return hook;
    }

    private synchronized void register() {
        WAITING.remove(this);
        if (!registered && !stopped) {
            FlightRecorder.addPeriodicEvent(PoolStatisticsEvent.class, this);
            registered = true;
        }
    }

    /** Removes the hook; later runs emit nothing. Stopping twice does nothing. */
    public synchronized void stop() {
        stopped = true;
        WAITING.remove(this);
        if (registered) {
            FlightRecorder.removePeriodicEvent(this);
            registered = false;
        }
    }

    /** {@return whether the hook is registered with the recorder now} */
    public synchronized boolean isRegistered() {
        return registered;
    }

    /** Runs the emitter unless stopped; called by the recorder's periodic thread. */
    @Override
    public void run() {
        if (!stopped) {
            emitter.run();
        }
    }
}
