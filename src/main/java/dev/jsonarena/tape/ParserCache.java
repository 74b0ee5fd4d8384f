package dev.jsonarena.tape;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A small lock-free cache of {@link Parser}s, so that a steady stream of parses reuses their
 * scratch state instead of allocating it. A thread takes the parser in the slot its id hashes to
 * (or makes one if the slot is empty) and puts it back when done; threads with distinct slots never
 * touch the same memory, and a clash costs only an extra parser.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class ParserCache {
    private ParserCache() {}

    private static final int SLOTS;
    private static final AtomicReferenceArray<Parser> CACHE;

    static {
        int n = Integer.highestOneBit(Math.max(1, Runtime.getRuntime().availableProcessors() * 4 - 1)) << 1;
        SLOTS = Math.min(n, 256);
        CACHE = new AtomicReferenceArray<>(SLOTS);
    }

    private static int slot() {
        long id = Thread.currentThread().threadId();
        return (int) ((id * 0x9E37_79B9_7F4A_7C15L) >>> 40) & (SLOTS - 1);
    }

    /** {@return a parser for the calling thread's exclusive use until {@link #release}} */
    public static Parser acquire() {
        Parser p = CACHE.getAndSet(slot(), null);
        return p != null ? p : new Parser();
    }

    /**
     * Gives a parser back; it must not be used afterwards. A plain release store: if a thread of
     * the same slot put one back meanwhile, that one is dropped (garbage, never shared), which costs
     * less than an atomic compare on every parse.
     */
    public static void release(Parser parser) {
        CACHE.setRelease(slot(), parser);
    }
}
