package dev.jsonarena.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * The lock of one {@link Stripe}: taken with one compare-and-set, given back with a release store,
 * which on x86 is a plain store where a {@code ReentrantLock}'s unlock is a volatile write and so
 * a full fence. Every request takes a stripe lock two or three times (open, first block, close),
 * for a few dozen instructions each time, so the lock's own cost is a fixed cost of every request.
 *
 * <p>Not reentrant, not fair. {@link #tryLock} never waits: threads probe other stripes first
 * (see {@link Pool#lockStripe()}). {@link #lock} waits by spinning briefly, then parking for short
 * intervals and trying again; it is used when every stripe is busy and by the pool's maintenance
 * (flushes, trims, statistics), never while holding another stripe's lock.
 *
 * <p>Memory effects: a successful {@link #tryLock} or {@link #lock} has the effects of a volatile
 * read of the release store of the previous {@link #unlock}, so everything written while the lock
 * was held before happens-before everything done after taking it.
 *
 * <p>Thread-safety: thread-safe.
 */
final class StripeLock {
    private static final VarHandle STATE;
    private static final int SPINS = 128;
    private static final long PARK_NANOS = 2_000;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(StripeLock.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** 0 when free, 1 when held. */
    @SuppressWarnings("unused") // through STATE
    private volatile int state;

    /** {@return whether the lock was free and is now held by the caller}; never waits */
    boolean tryLock() {
        return (int) STATE.getAcquire(this) == 0 && STATE.compareAndSet(this, 0, 1);
    }

    /** Takes the lock, waiting as long as it is held. */
    void lock() {
        for (int i = 0; !tryLock(); i++) {
            if (i < SPINS) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(this, PARK_NANOS);
            }
        }
    }

    /** Gives the lock back; only the holder may call this. */
    void unlock() {
        STATE.setRelease(this, 0);
    }
}
