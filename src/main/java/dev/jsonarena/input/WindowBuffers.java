package dev.jsonarena.input;

/**
 * Spare window arrays of {@link InputWindow#WINDOW_BYTES} for readers that hold a window for their
 * whole life (a record reader per request), so that a steady stream of requests reuses them instead
 * of allocating 64 KiB each ({@link SlotCache}: one per thread slot). An array is given back only
 * once its window is {@linkplain InputWindow#close() closed}, which wipes every byte a source put
 * in it: an array given back holds nothing of its input.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class WindowBuffers {
    private WindowBuffers() {}

    private static final SlotCache<byte[]> CACHE = new SlotCache<>(() -> new byte[InputWindow.WINDOW_BYTES]);

    /** {@return an array of {@link InputWindow#WINDOW_BYTES} for the caller's exclusive use until {@link #give}} */
    public static byte[] take() {
        return CACHE.acquire();
    }

    /**
     * Gives back an array {@link #take} returned, once the window over it is closed (so wiped);
     * it must not be used afterwards.
     */
    public static void give(byte[] buffer) {
        CACHE.release(buffer);
    }
}
