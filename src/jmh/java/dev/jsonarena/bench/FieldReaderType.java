package dev.jsonarena.bench;

import dev.jsonarena.JsonArena;
import dev.jsonarena.JsonCursor;
import dev.jsonarena.JsonPool;

/**
 * The implementations {@link ParseFewFieldsBenchmark} compares, each behind the
 * {@link FieldReader} adapter. The jsonarena ones open an arena per document and close it after
 * reading.
 *
 * <p>Thread-safety: immutable; {@link #create} returns a new, unshared adapter each call.
 */
public enum FieldReaderType {
    /** jsonarena, fields looked up with {@code JsonObject.get(JsonKey)} on the views. */
    JSONARENA_VIEWS {
        @Override
        public FieldReader create(JsonPool pool) {
            DecoderType.requirePool(pool);
            return (json, fields, sink) -> {
                try (JsonArena arena = pool.openArena()) {
                    fields.views(arena.parse(json), sink);
                }
            };
        }
    },
    /** jsonarena, fields looked up with {@code JsonCursor.find(JsonKey)} on one reused cursor. */
    JSONARENA_CURSOR {
        @Override
        public FieldReader create(JsonPool pool) {
            DecoderType.requirePool(pool);
            JsonCursor cursor = new JsonCursor();
            return (json, fields, sink) -> {
                try (JsonArena arena = pool.openArena()) {
                    fields.cursor(cursor.reset(arena.parse(json)), sink);
                }
            };
        }
    },
    /** {@link HeapJsonDecoder}, fields looked up with {@code Map.get}. */
    HEAP_DECODER {
        @Override
        public FieldReader create(JsonPool pool) {
            return (json, fields, sink) -> fields.heap(HeapJsonDecoder.decode(json), sink);
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
    public abstract FieldReader create(JsonPool pool);
}
