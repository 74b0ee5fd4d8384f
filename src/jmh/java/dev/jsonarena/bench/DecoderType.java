package dev.jsonarena.bench;

import dev.jsonarena.JsonArena;
import dev.jsonarena.JsonPool;
import dev.jsonarena.JsonValue;
import java.util.List;
import java.util.Map;

/**
 * The implementations the parse benchmarks compare, each behind the {@link Decoder} adapter.
 *
 * <p>Thread-safety: immutable; {@link #create} returns a new, unshared adapter each call.
 */
public enum DecoderType {
    /**
     * jsonarena as a server uses it per request: {@code pool.openArena()}, {@code parse(byte[])},
     * {@code close()} (one bulk free).
     */
    JSONARENA {
        @Override
        public Decoder create(JsonPool pool) {
            requirePool(pool);
            return new Decoder() {
                @Override
                public int parse(byte[] json) {
                    try (JsonArena arena = pool.openArena()) {
                        return rootSize(arena.parse(json));
                    }
                }

                @Override
                public void close() {}
            };
        }
    },
    /**
     * jsonarena with one arena per thread, opened once and {@code reset()} before each parse: the
     * steady state of a worker that keeps its arena (no open/close per request).
     */
    JSONARENA_REUSED {
        @Override
        public Decoder create(JsonPool pool) {
            requirePool(pool);
            JsonArena arena = pool.openArena();
            return new Decoder() {
                @Override
                public int parse(byte[] json) {
                    arena.reset();
                    return rootSize(arena.parse(json));
                }

                @Override
                public void close() {
                    arena.close();
                }
            };
        }
    },
    /** {@link HeapJsonDecoder}: a plain decoder into {@code HashMap}/{@code ArrayList}/boxed values. */
    HEAP_DECODER {
        @Override
        public Decoder create(JsonPool pool) {
            return new Decoder() {
                @Override
                public int parse(byte[] json) {
                    return heapRootSize(HeapJsonDecoder.decode(json));
                }

                @Override
                public void close() {}
            };
        }
    };

    /**
     * Creates an adapter for one benchmark thread.
     *
     * @param pool the pool jsonarena adapters open arenas from; ignored (may be null) by
     *     {@link #HEAP_DECODER}
     * @return a new adapter
     * @throws IllegalArgumentException if a jsonarena adapter gets no pool
     */
    public abstract Decoder create(JsonPool pool);

    static void requirePool(JsonPool pool) {
        if (pool == null) {
            throw new IllegalArgumentException("pool: null (expected: a JsonPool for a jsonarena adapter)");
        }
    }

    /** {@return the member or element count of {@code root}, or -1 for a scalar} */
    static int rootSize(JsonValue root) {
        return switch (root.type()) {
            case OBJECT -> root.asObject().size();
            case ARRAY -> root.asArray().size();
            default -> -1;
        };
    }

    /** {@return the member or element count of a {@link HeapJsonDecoder} result, or -1 for a scalar} */
    static int heapRootSize(Object root) {
        if (root instanceof Map<?, ?> m) {
            return m.size();
        }
        if (root instanceof List<?> l) {
            return l.size();
        }
        return -1;
    }
}
