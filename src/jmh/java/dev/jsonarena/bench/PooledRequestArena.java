package dev.jsonarena.bench;

import dev.jsonarena.JsonArena;
import dev.jsonarena.JsonPool;
import dev.jsonarena.memory.Address;
import dev.jsonarena.memory.ArenaMemory;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * One {@link JsonArena} per request, opened from a shared {@link JsonPool} through the public API
 * and allocated in through its {@link ArenaMemory}, as the parser allocates. Optionally fills each
 * allocation with zeros, to compare with the JDK's arenas at equal work.
 *
 * <p>Thread-safety: not thread-safe; one instance per benchmark thread (the pool is shared).
 */
final class PooledRequestArena implements RequestArena {
    private final JsonPool pool;
    private final boolean zero;
    private JsonArena arena;
    private ArenaMemory memory;

    PooledRequestArena(JsonPool pool, boolean zero) {
        if (pool == null) {
            throw new IllegalArgumentException("pool: null (expected: a JsonPool for a jsonarena adapter)");
        }
        this.pool = pool;
        this.zero = zero;
    }

    @Override
    public void open() {
        arena = pool.openArena();
        memory = ArenaAccess.memory(arena);
    }

    @Override
    public long allocate(long size, long alignment, byte mark) {
        ArenaMemory m = memory;
        if (m == null) {
            throw new IllegalStateException("no arena is open");
        }
        long address = m.allocate(size, alignment);
        MemorySegment s = m.segment(address);
        long offset = Address.offset(address);
        if (zero) {
            s.asSlice(offset, size).fill((byte) 0);
        }
        s.set(ValueLayout.JAVA_BYTE, offset, mark);
        s.set(ValueLayout.JAVA_BYTE, offset + size - 1, mark);
        return address;
    }

    @Override
    public void close() {
        arena.close();
        memory = null;
    }

    /** {@return the memory of the open arena, or null; for tests that read allocations back} */
    ArenaMemory memory() {
        return memory;
    }
}
