package dev.jsonarena.memory;

/**
 * Encoding of a pool address: the 64-bit value that names a byte of pool memory without holding a
 * reference to its segment.
 *
 * <pre>
 *  63                             32 31                              0
 * +---------------------------------+---------------------------------+
 * |        chunk id (unsigned)      |   byte offset inside the chunk  |
 * +---------------------------------+---------------------------------+
 * </pre>
 *
 * <p>Chunk segments are page-aligned, so an offset's alignment is the address's alignment, and
 * bump allocation can align the whole 64-bit value. A chunk is at most 2 GiB, so offsets never carry
 * into the id.
 *
 * <p>Thread-safety: static functions of immutable values.
 */
public final class Address {
    private Address() {}

    /** {@return the address of byte {@code offset} of chunk {@code chunkId}} */
    public static long of(int chunkId, long offset) {
        return ((long) chunkId << 32) | offset;
    }

    /** {@return the chunk id part of {@code address}} */
    public static int chunk(long address) {
        return (int) (address >>> 32);
    }

    /** {@return the byte offset part of {@code address}} */
    public static long offset(long address) {
        return address & 0xFFFF_FFFFL;
    }
}
