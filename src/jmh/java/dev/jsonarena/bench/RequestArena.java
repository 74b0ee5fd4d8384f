package dev.jsonarena.bench;

/**
 * The adapter each implementation of "one arena per request" is benchmarked through: open, make
 * allocations, close.
 *
 * <p>Every implementation touches each allocation the same way ({@link #allocate} writes its first
 * and last byte), so none is credited for memory it never writes. Implementations differ in
 * whether memory is zeroed on allocation: the JDK's arenas always zero it; jsonarena does not,
 * unless the implementation says it fills.
 *
 * <p>Thread-safety: not thread-safe; one instance per benchmark thread. Implementations may share a
 * thread-safe pool.
 */
public interface RequestArena {
    /**
     * Opens a new request arena; the previous one must be closed.
     */
    void open();

    /**
     * Allocates {@code size} bytes aligned to {@code alignment} in the open arena and writes
     * {@code mark} to its first and its last byte.
     *
     * @param size bytes, {@code >= 1}
     * @param alignment a power of two, at most 8 KiB
     * @param mark the byte to write
     * @return an implementation-specific address of the allocation (a pool address for jsonarena,
     *     the native address for a JDK arena), for a blackhole and for tests
     * @throws IllegalStateException if no arena is open
     */
    long allocate(long size, long alignment, byte mark);

    /**
     * Closes the open arena, freeing everything allocated in it.
     *
     * @throws IllegalStateException if no arena is open (JDK arenas) or nothing at all (jsonarena,
     *     whose close is idempotent)
     */
    void close();
}
