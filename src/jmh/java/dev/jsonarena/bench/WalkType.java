package dev.jsonarena.bench;

import dev.jsonarena.JsonArena;
import dev.jsonarena.JsonCursor;
import dev.jsonarena.JsonPool;

/**
 * The implementations {@link ParseWalkBenchmark} compares, each behind the {@link Walker} adapter.
 * The jsonarena ones open an arena per document and close it after the walk; see {@link Walks}
 * for what each walk does.
 *
 * <p>Thread-safety: immutable; {@link #create} returns a new, unshared adapter each call.
 */
public enum WalkType {
    /** jsonarena, walked through the views ({@link Walks#views}). */
    JSONARENA_VIEWS {
        @Override
        public Walker create(JsonPool pool) {
            DecoderType.requirePool(pool);
            return (json, totals) -> {
                try (JsonArena arena = pool.openArena()) {
                    Walks.views(arena.parse(json), totals);
                }
            };
        }
    },
    /** jsonarena, walked through one reused {@link JsonCursor}, strings and names materialised. */
    JSONARENA_CURSOR {
        @Override
        public Walker create(JsonPool pool) {
            DecoderType.requirePool(pool);
            JsonCursor cursor = new JsonCursor();
            return (json, totals) -> {
                try (JsonArena arena = pool.openArena()) {
                    Walks.cursor(cursor.reset(arena.parse(json)), totals);
                }
            };
        }
    },
    /** jsonarena, walked through one reused {@link JsonCursor} without materialising any string. */
    JSONARENA_CURSOR_IN_PLACE {
        @Override
        public Walker create(JsonPool pool) {
            DecoderType.requirePool(pool);
            JsonCursor cursor = new JsonCursor();
            return (json, totals) -> {
                try (JsonArena arena = pool.openArena()) {
                    Walks.cursorInPlace(cursor.reset(arena.parse(json)), totals);
                }
            };
        }
    },
    /** {@link HeapJsonDecoder}, its tree walked ({@link Walks#heap}). */
    HEAP_DECODER {
        @Override
        public Walker create(JsonPool pool) {
            return (json, totals) -> Walks.heap(HeapJsonDecoder.decode(json), totals);
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
    public abstract Walker create(JsonPool pool);
}
