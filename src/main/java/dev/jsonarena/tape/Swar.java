package dev.jsonarena.tape;

/**
 * Byte tests on 8 bytes at a time ("SIMD within a register"): each takes 8 bytes as a
 * little-endian {@code long} and answers for all of them at once. The parser skips spaces, finds
 * where a string's plain run ends and reads up to 8 digits with them; the JSON writer finds the
 * bytes it must escape, and the string decoder the end of an ASCII prefix.
 *
 * <p>A mask result has the high bit (0x80) of each byte that passes the test set, and nothing else,
 * so {@code Long.numberOfTrailingZeros(mask) >>> 3} is the index of the first such byte. Bytes
 * after the first one that passes may be flagged wrongly (a borrow out of a passing byte); only
 * the first flagged byte is meaningful.
 *
 * <p>Public for the binders' direct reading of input bytes ({@code dev.jsonarena.bind.DirectInput}).
 *
 * <p>Thread-safety: static functions; thread-safe.
 */
public final class Swar {
    private Swar() {}

    /** 0x01 in every byte. */
    static final long ONES = 0x0101_0101_0101_0101L;
    /** 0x80 in every byte: the high bit of each. */
    static final long HIGH_BITS = 0x8080_8080_8080_8080L;
    private static final long QUOTES = 0x2222_2222_2222_2222L;
    private static final long BACKSLASHES = 0x5C5C_5C5C_5C5C_5C5CL;
    /** 0x20, the space, in every byte. */
    public static final long SPACES = 0x2020_2020_2020_2020L;
    private static final long ZEROS = 0x3030_3030_3030_3030L;

    /**
     * {@return a mask whose lowest set bit is the high bit of the first byte of {@code w} (from the
     * lowest) that JSON output must escape: '"', '\\', or a control character below 0x20}; 0 if
     * there is none. Only the lowest bit is exact, as for {@link #stopsString}, whose reasoning
     * holds here too; {@code & ~w} then clears the bytes above 0x7F, which need no escape.
     */
    static long needsEscape(long w) {
        return ((w ^ QUOTES) - ONES | (w ^ BACKSLASHES) - ONES | w - SPACES) & ~w & HIGH_BITS;
    }

    /**
     * {@return a mask whose lowest set bit is the high bit of the first byte of {@code w} (from the
     * lowest) where a string's plain run ends}: a byte {@link #needsEscape} flags, or any byte
     * above 0x7F (part of a multi-byte character); 0 if there is none. Only the lowest bit is
     * exact: bits above it may be set for bytes that do not stop the run.
     *
     * <p>Why it is exact there: subtracting 1 from {@code b ^ '"'} (or {@code b ^ '\\'}), or 0x20
     * from {@code b}, sets the high bit of a byte exactly when it is the byte looked for or above
     * 0x7F, which stops the run anyway; a borrow into the next byte comes only from a byte that
     * stopped. So no term needs the {@code & ~x} that an exact test of every byte has (clearing the
     * bytes above 0x7F), and a word costs six operations fewer.
     */
    public static long stopsString(long w) {
        return ((w ^ QUOTES) - ONES | (w ^ BACKSLASHES) - ONES | w - SPACES | w) & HIGH_BITS;
    }

    /** {@return how many of the 8 bytes of {@code w}, from the lowest, are ASCII digits before any other byte} */
    static int leadingDigits(long w) {
        // a byte is a digit iff its high nibble is 3 and adding 6 keeps it 3; a carry out of a byte
        // >= 0xFA reaches only higher bytes, and that byte is already flagged by the first test
        long x = ((w & 0xF0F0_F0F0_F0F0_F0F0L) ^ ZEROS)
                | (((w + 0x0606_0606_0606_0606L) & 0xF0F0_F0F0_F0F0_F0F0L) ^ ZEROS);
        return Long.numberOfTrailingZeros(x) >>> 3;
    }

    /** {@return the value of the first {@code k} (1..8) digits of {@code w}, the first one most significant} */
    static long digitsValue(long w, int k) {
        // digit bytes are >= 0x30, so subtracting borrows only above them; shifting left by the
        // non-digit bytes leaves leading zero digits in the low bytes
        long d = (w - ZEROS) << (8 * (8 - k));
        d = (d * 10 + (d >>> 8)) & 0x00FF_00FF_00FF_00FFL;
        d = (d * 100 + (d >>> 16)) & 0x0000_FFFF_0000_FFFFL;
        return (d * 10_000 + (d >>> 32)) & 0xFFFF_FFFFL;
    }

    /**
     * {@return the value of the four hex digits in the low four bytes of {@code w}, the lowest byte
     * most significant, or -1 if any of the four is not one of 0-9, a-f, A-F}
     */
    public static int hex4(int w) {
        // each test adds a constant that sets a byte's high bit iff it is at least a bound; the bytes
        // are below 0x80 once the first test passes, so no sum carries into the next byte
        int lower = w | 0x2020_2020;
        int digit = (w + 0x5050_5050) & ~(w + 0x4646_4646); // 0x30 <= b <= 0x39
        int letter = (lower + 0x1F1F_1F1F) & ~(lower + 0x1919_1919); // 0x61 <= b|0x20 <= 0x66
        if ((w & 0x8080_8080) != 0 || ((digit | letter) & 0x8080_8080) != 0x8080_8080) {
            return -1;
        }
        int n = (w & 0x0F0F_0F0F) + ((letter >>> 7) & 0x0101_0101) * 9;
        int pairs = (n & 0x000F_000F) << 4 | (n >>> 8) & 0x000F_000F;
        return (pairs & 0xFF) << 8 | (pairs >>> 16) & 0xFF;
    }
}
