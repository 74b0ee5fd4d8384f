package dev.jsonarena;

import dev.jsonarena.memory.ArenaMemory;

/**
 * The memory of one request: everything parsed into it lives in native memory taken from a
 * {@link JsonPool}, and {@link #close()} gives all of it back in one bulk free.
 *
 * {@snippet :
 * try (JsonArena arena = JsonArena.open()) {       // from the default pool
 *     // parse the request body into the arena, read it through views
 * }                                                // one bulk free; every view is now dead
 * }
 *
 * <p><b>Lifetime.</b> Views read from an arena are valid until the arena is {@linkplain #reset()
 * reset} or {@linkplain #close() closed}; after that, every method of a view throws
 * {@link IllegalStateException}, even once the memory belongs to another request.
 *
 * <p><b>Budget.</b> An arena may hold at most its budget of pool memory; an allocation that would
 * pass it throws {@link JsonBudgetExceededException}, and the arena stays usable.
 *
 * <p>Thread-safety: not thread-safe. Use an arena from one thread at a time; it may be handed to
 * another thread (through an executor, a queue or any other happens-before edge). It is not
 * confined to the thread that opened it.
 */
public final class JsonArena implements AutoCloseable {
    private final JsonPool pool;
    private ArenaMemory memory;

    JsonArena(JsonPool pool, ArenaMemory memory) {
        this.pool = pool;
        this.memory = memory;
    }

    /**
     * Opens an arena from the {@linkplain JsonPool#defaultPool() default pool}.
     *
     * @return a new open arena
     */
    public static JsonArena open() {
        return JsonPool.defaultPool().openArena();
    }

    /** {@return the pool this arena takes its memory from} */
    public JsonPool pool() {
        return pool;
    }

    /** {@return whether this arena is open} */
    public boolean isOpen() {
        return memory != null;
    }

    /**
     * {@return the bytes of pool memory this arena holds}
     *
     * @throws IllegalStateException if closed
     */
    public long bytesReserved() {
        return memory().reserved();
    }

    /**
     * {@return this arena's budget in bytes, {@link Long#MAX_VALUE} if none}
     *
     * @throws IllegalStateException if closed
     */
    public long budget() {
        return memory().budget();
    }

    /**
     * Ends every view of this arena and makes its memory reusable for the next record, keeping the
     * memory itself (no return to the pool).
     *
     * @throws IllegalStateException if closed
     */
    public void reset() {
        memory().reset();
    }

    /**
     * Ends every view of this arena and returns all of its memory to the pool in one bulk free, in
     * time proportional to the number of blocks it holds. Closing a closed arena does nothing.
     */
    @Override
    public void close() {
        ArenaMemory m = memory;
        if (m != null) {
            memory = null;
            m.close();
        }
    }

    /**
     * {@return the open arena's memory, for the decoder}
     *
     * @throws IllegalStateException if closed
     */
    ArenaMemory memory() {
        ArenaMemory m = memory;
        if (m == null) {
            throw new IllegalStateException("arena is closed");
        }
        return m;
    }

    @Override
    public String toString() {
        ArenaMemory m = memory;
        return m == null ? "JsonArena[closed]" : "JsonArena[reserved=" + m.reserved() + ", budget=" + m.budget() + "]";
    }
}
