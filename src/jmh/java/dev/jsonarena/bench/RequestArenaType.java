package dev.jsonarena.bench;

import dev.jsonarena.JsonPool;
import java.lang.foreign.Arena;

/**
 * The implementations of "one arena per request" that {@link ArenaCycleBenchmark} compares.
 *
 * <p>Thread-safety: immutable; {@link #create} returns a new, unshared adapter each call.
 */
public enum RequestArenaType {
    /** {@code pool.openArena()} and {@code close()}; memory is not zeroed. */
    JSONARENA {
        @Override
        public RequestArena create(JsonPool pool) {
            return new PooledRequestArena(pool, false);
        }
    },
    /** As {@link #JSONARENA}, but each allocation is filled with zeros first, as the JDK does. */
    JSONARENA_ZEROED {
        @Override
        public RequestArena create(JsonPool pool) {
            return new PooledRequestArena(pool, true);
        }
    },
    /** One {@link Arena#ofConfined()} per request; each allocation is a zeroed {@code malloc}. */
    CONFINED {
        @Override
        public RequestArena create(JsonPool pool) {
            return new JdkRequestArena(false);
        }
    },
    /** One {@link Arena#ofShared()} per request; its close is a thread handshake. */
    SHARED {
        @Override
        public RequestArena create(JsonPool pool) {
            return new JdkRequestArena(true);
        }
    };

    /** {@return whether this implementation takes its memory from a {@link JsonPool}} */
    public boolean usesPool() {
        return this == JSONARENA || this == JSONARENA_ZEROED;
    }

    /**
     * Creates an adapter for one benchmark thread.
     *
     * @param pool the pool to open arenas from; ignored (may be null) unless {@link #usesPool()}
     * @return a new adapter with no arena open
     */
    public abstract RequestArena create(JsonPool pool);
}
