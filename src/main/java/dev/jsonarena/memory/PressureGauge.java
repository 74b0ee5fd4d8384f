package dev.jsonarena.memory;

/**
 * Watches a pool's reserved bytes against a threshold, with hysteresis: it enters pressure when
 * reserved bytes reach the threshold ({@code threshold × cap}, rounded up) and leaves it only when
 * they fall below the relief level, the threshold less a tenth of it ({@link #RELIEF_DIVISOR}). Each
 * change of state, and each allocation refused at the cap, is counted and wakes the watcher; the
 * watcher (a listener's thread) reads the counts and calls the listener, so the allocation path
 * only compares a number, bumps a counter and unparks a thread.
 *
 * <p>Reserved bytes change only when a chunk is reserved or released, never per allocation, so
 * {@link #update} runs a few times per chunk, not per block.
 *
 * <p>Thread-safety: guarded by the page heap's lock (every method is called with it held), except
 * {@link #watch}, which is called once before the pool is published.
 */
final class PressureGauge {
    /** The relief level is {@code threshold - threshold / RELIEF_DIVISOR}. */
    static final int RELIEF_DIVISOR = 10;
    private static final Runnable NOBODY = () -> {};

    private final long pressureBytes;
    private final long reliefBytes;
    private boolean pressured;
    private long transitions;
    private Runnable watcher = NOBODY;

    /**
     * @param threshold fraction of the cap in (0, 1]; 0 for a gauge that never enters pressure
     * @param cap the pool's cap in bytes
     */
    PressureGauge(double threshold, long cap) {
        this.pressureBytes = threshold > 0 ? (long) Math.ceil(threshold * cap) : Long.MAX_VALUE;
        this.reliefBytes = pressureBytes - pressureBytes / RELIEF_DIVISOR;
    }

    /** Sets who is woken by a change; call before the pool is used. */
    void watch(Runnable watcher) {
        this.watcher = watcher;
    }

    /** Called after reserved bytes changed to {@code reserved}. */
    void update(long reserved) {
        if (pressured ? reserved < reliefBytes : reserved >= pressureBytes) {
            pressured = !pressured;
            transitions++;
            watcher.run();
        }
    }

    /** Called after an allocation was refused at the cap (the page heap counts it). */
    void refused() {
        watcher.run();
    }

    /** {@return changes of state so far: odd counts are entries into pressure, even ones reliefs} */
    long transitions() {
        return transitions;
    }

    /** {@return the reserved bytes at which pressure starts} */
    long pressureBytes() {
        return pressureBytes;
    }

    /** {@return the reserved bytes below which pressure ends} */
    long reliefBytes() {
        return reliefBytes;
    }
}
