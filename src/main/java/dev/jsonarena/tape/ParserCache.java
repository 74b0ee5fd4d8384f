package dev.jsonarena.tape;

import dev.jsonarena.input.SlotCache;

/**
 * The {@link Parser}s of the process, one per thread slot ({@link SlotCache}), so that a steady
 * stream of parses reuses their scratch state instead of allocating it.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class ParserCache {
    private ParserCache() {}

    private static final SlotCache<Parser> CACHE = new SlotCache<>(Parser::new);

    /** {@return a parser for the calling thread's exclusive use until {@link #release}} */
    public static Parser acquire() {
        return CACHE.acquire();
    }

    /** Gives a parser back; it must not be used afterwards. */
    public static void release(Parser parser) {
        CACHE.release(parser);
    }
}
