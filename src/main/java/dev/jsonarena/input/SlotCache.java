package dev.jsonarena.input;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * A small lock-free cache of reusable objects, one per slot, so that a steady stream of calls
 * reuses their scratch state instead of allocating it. A thread takes the object in the slot its id
 * hashes to (or a new one if the slot is empty) and puts it back when done; threads with distinct
 * slots never touch the same object, and a clash costs only an extra object.
 *
 * <p>Slots: a power of two, four per processor, at most 256.
 *
 * <p>Thread-safety: thread-safe.
 *
 * @param <T> what is cached
 */
public final class SlotCache<T> {
    private static final int SLOTS;

    static {
        int n = Integer.highestOneBit(Math.max(1, Runtime.getRuntime().availableProcessors() * 4 - 1)) << 1;
        SLOTS = Math.min(n, 256);
    }

    private final AtomicReferenceArray<T> slots = new AtomicReferenceArray<>(SLOTS);
    private final Supplier<T> factory;

    /** @param factory makes an object when the caller's slot is empty */
    public SlotCache(Supplier<T> factory) {
        this.factory = factory;
    }

    private static int slot() {
        long id = Thread.currentThread().threadId();
        return (int) ((id * 0x9E37_79B9_7F4A_7C15L) >>> 40) & (SLOTS - 1);
    }

    /** {@return an object for the calling thread's exclusive use until {@link #release}} */
    public T acquire() {
        T t = slots.getAndSet(slot(), null);
        return t != null ? t : factory.get();
    }

    /**
     * Gives an object back; the caller must not use it afterwards. A plain release store: if a
     * thread of the same slot put one back meanwhile, that one is dropped (garbage, never shared),
     * which costs less than an atomic compare on every call.
     */
    public void release(T t) {
        slots.setRelease(slot(), t);
    }
}
