package dev.jsonarena.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * One JDK {@link Arena} per request: {@link Arena#ofConfined()} or {@link Arena#ofShared()}. Each
 * allocation is a separate zeroed native allocation; close frees them one by one (and, for a shared
 * arena, first performs a handshake with all threads).
 *
 * <p>Thread-safety: not thread-safe; one instance per benchmark thread.
 */
final class JdkRequestArena implements RequestArena {
    private final boolean shared;
    private Arena arena;

    JdkRequestArena(boolean shared) {
        this.shared = shared;
    }

    @Override
    public void open() {
        arena = shared ? Arena.ofShared() : Arena.ofConfined();
    }

    @Override
    public long allocate(long size, long alignment, byte mark) {
        MemorySegment s = arena.allocate(size, alignment);
        s.set(ValueLayout.JAVA_BYTE, 0, mark);
        s.set(ValueLayout.JAVA_BYTE, size - 1, mark);
        return s.address();
    }

    @Override
    public void close() {
        arena.close();
    }
}
