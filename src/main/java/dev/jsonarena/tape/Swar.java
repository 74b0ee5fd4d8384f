package dev.jsonarena.tape;

/**
 * Byte tests on 8 bytes at a time ("SIMD within a register"): each takes 8 bytes as a
 * little-endian {@code long} and answers for all of them at once. The JSON writer finds the bytes
 * it must escape with them, and the string decoder the end of an ASCII prefix. (The parser keeps
 * its own copies of its scanning tests inside {@code Parser}: moving them here measured slower,
 * see docs/architecture.md.)
 *
 * <p>A mask result has the high bit (0x80) of each byte that passes the test set, and nothing else,
 * so {@code Long.numberOfTrailingZeros(mask) >>> 3} is the index of the first such byte. Bytes
 * after the first one that passes may be flagged wrongly (a borrow out of a passing byte); only
 * the first flagged byte is meaningful.
 *
 * <p>Thread-safety: static functions; thread-safe.
 */
final class Swar {
    private Swar() {}

    /** 0x01 in every byte. */
    static final long ONES = 0x0101_0101_0101_0101L;
    /** 0x80 in every byte: the high bit of each. */
    static final long HIGH_BITS = 0x8080_8080_8080_8080L;
    private static final long QUOTES = 0x2222_2222_2222_2222L;
    private static final long BACKSLASHES = 0x5C5C_5C5C_5C5C_5C5CL;
    private static final long SPACES = 0x2020_2020_2020_2020L;

    /**
     * {@return a mask of the bytes of {@code w} that JSON output must escape: '"', '\\', or a control
     * character below 0x20}
     */
    static long needsEscape(long w) {
        long q = w ^ QUOTES;
        long s = w ^ BACKSLASHES;
        return ((q - ONES) & ~q | (s - ONES) & ~s | (w - SPACES) & ~w) & HIGH_BITS;
    }
}
