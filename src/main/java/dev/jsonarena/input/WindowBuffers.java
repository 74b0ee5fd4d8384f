package dev.jsonarena.input;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Spare window arrays of {@link InputWindow#WINDOW_BYTES} for readers that hold a window for their
 * whole life (a record reader per request), so that a steady stream of requests reuses them instead
 * of allocating 64 KiB each. A thread takes the array in the slot its id hashes to (or a new one
 * if the slot is empty) and gives it back once its window is {@linkplain InputWindow#close()
 * closed}, which wipes every byte a source put in it: an array given back holds nothing of its
 * input. A clash of two threads on one slot costs only an extra array.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class WindowBuffers {
    private WindowBuffers() {}

    private static final int SLOTS;
    private static final AtomicReferenceArray<byte[]> CACHE;

    static {
        int n = Integer.highestOneBit(Math.max(1, Runtime.getRuntime().availableProcessors() * 4 - 1)) << 1;
        SLOTS = Math.min(n, 256);
        CACHE = new AtomicReferenceArray<>(SLOTS);
    }

    private static int slot() {
        long id = Thread.currentThread().threadId();
        return (int) ((id * 0x9E37_79B9_7F4A_7C15L) >>> 40) & (SLOTS - 1);
    }

    /** {@return an array of {@link InputWindow#WINDOW_BYTES} for the caller's exclusive use until {@link #give}} */
    public static byte[] take() {
        byte[] b = CACHE.getAndSet(slot(), null);
        return b != null ? b : new byte[InputWindow.WINDOW_BYTES];
    }

    /**
     * Gives back an array {@link #take} returned, once the window over it is closed (so wiped);
     * it must not be used afterwards.
     */
    public static void give(byte[] buffer) {
        CACHE.setRelease(slot(), buffer);
    }
}
