package dev.jsonarena.bench;

import dev.jsonarena.JsonPool;

/**
 * A parse benchmark's implementation under test and the private pool it parses into: made at a
 * trial's set-up, closed at its tear-down.
 *
 * <p>Thread-safety: one benchmark thread.
 */
final class PooledDecoder implements AutoCloseable {
    private final JsonPool pool;
    private final Decoder decoder;

    private PooledDecoder(JsonPool pool, Decoder decoder) {
        this.pool = pool;
        this.decoder = decoder;
    }

    /** {@return {@code impl}'s adapter over a new pool} */
    static PooledDecoder open(DecoderType impl) {
        JsonPool pool = JsonPool.builder().build();
        try {
            return new PooledDecoder(pool, impl.create(pool));
        } catch (RuntimeException | Error e) {
            pool.close();
            throw e;
        }
    }

    /**
     * {@return {@code impl}'s adapter over a new pool, checked once on {@code json}}
     *
     * @throws IllegalStateException if its root size differs from the heap baseline's
     */
    static PooledDecoder checked(DecoderType impl, byte[] json, String name) {
        PooledDecoder d = open(impl);
        int expected = DecoderType.heapRootSize(HeapJsonDecoder.decode(json));
        int actual = d.parse(json);
        if (actual != expected) {
            d.close();
            throw new IllegalStateException(impl + " on " + name + ": root size " + actual + " (expected: " + expected
                    + ", the heap baseline's)");
        }
        return d;
    }

    /** {@return the root's member or element count of {@code json}, parsed once} */
    int parse(byte[] json) {
        return decoder.parse(json);
    }

    /** Closes the adapter, then the pool. */
    @Override
    public void close() {
        try {
            decoder.close();
        } finally {
            pool.close();
        }
    }
}
