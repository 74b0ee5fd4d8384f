package dev.jsonarena.tape;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The 8-byte tests answer as a byte-at-a-time test does for the first byte they flag (the only one
 * their contract makes meaningful), for every byte value at every position after bytes of every
 * kind, and the digit reads equal a decimal read of the same bytes.
 */
class SwarTest {
    /** Bytes that fill the lanes before and after the byte under test: plain, boundary and flagged ones. */
    private static final int[] FILL = {'a', '0', '9', ' ', '!', '"', '\\', 0x1F, 0x20, 0x7F, 0x80, 0xC3, 0xFF, 0};

    private static long word(int[] bytes) {
        long w = 0;
        for (int i = 7; i >= 0; i--) {
            w = w << 8 | bytes[i];
        }
        return w;
    }

    /** {@return the index of the first flagged byte of a mask, 8 for none} */
    private static int first(long mask) {
        return Long.numberOfTrailingZeros(mask) >>> 3;
    }

    private static int firstWhere(int[] bytes, java.util.function.IntPredicate test) {
        for (int i = 0; i < 8; i++) {
            if (test.test(bytes[i])) {
                return i;
            }
        }
        return 8;
    }

    private static boolean escaped(int b) {
        return b == '"' || b == '\\' || b < 0x20;
    }

    private static boolean digit(int b) {
        return b >= '0' && b <= '9';
    }

    private static void checkAll(int[] bytes) {
        long w = word(bytes);
        assertEquals(firstWhere(bytes, SwarTest::escaped), first(Swar.needsEscape(w)), "needsEscape " + Long.toHexString(w));
        assertEquals(firstWhere(bytes, b -> escaped(b) || b > 0x7F), first(Swar.stopsString(w)),
                "stopsString " + Long.toHexString(w));
        int k = firstWhere(bytes, b -> !digit(b));
        assertEquals(k, Swar.leadingDigits(w), "leadingDigits " + Long.toHexString(w));
        if (k > 0) {
            long value = 0;
            for (int i = 0; i < k; i++) {
                value = value * 10 + bytes[i] - '0';
            }
            assertEquals(value, Swar.digitsValue(w, k), "digitsValue " + Long.toHexString(w));
        }
    }

    @Test
    void everyByteValueAtEveryPositionIsFoundAsTheBytewiseTestFindsIt() {
        int[] bytes = new int[8];
        for (int fill : FILL) {
            for (int at = 0; at < 8; at++) {
                for (int b = 0; b < 256; b++) {
                    java.util.Arrays.fill(bytes, fill);
                    bytes[at] = b;
                    checkAll(bytes);
                }
            }
        }
    }

    @Test
    void randomWordsOfMixedBytesAgreeWithTheBytewiseTests() {
        SplittableRandom random = new SplittableRandom(0x5a4a_2b17L);
        int[] bytes = new int[8];
        for (int trial = 0; trial < 200_000; trial++) {
            for (int i = 0; i < 8; i++) {
                bytes[i] = random.nextInt(4) == 0 ? random.nextInt(256) : FILL[random.nextInt(FILL.length)];
            }
            checkAll(bytes);
        }
    }

    @Test
    void runsOfDigitsOfEveryLengthReadAsTheirValue() {
        SplittableRandom random = new SplittableRandom(7);
        int[] bytes = new int[8];
        for (int trial = 0; trial < 100_000; trial++) {
            int k = 1 + random.nextInt(8);
            for (int i = 0; i < 8; i++) {
                bytes[i] = i < k ? '0' + random.nextInt(10) : FILL[random.nextInt(FILL.length)];
            }
            checkAll(bytes);
        }
    }

    private static int hexDigit(int b) {
        return b >= '0' && b <= '9' ? b - '0' : b >= 'a' && b <= 'f' ? b - 'a' + 10 : b >= 'A' && b <= 'F' ? b - 'A' + 10 : -1;
    }

    /** Every byte value in every lane among hex digits of every case: the value, or -1 exactly when a byte is not a digit. */
    @Test
    void fourHexDigitsReadAsTheirValueAndAnyOtherByteIsRejected() {
        int[] digits = {'0', '9', 'a', 'f', 'A', 'F', '7', 'c'};
        for (int fill : digits) {
            for (int at = 0; at < 4; at++) {
                for (int b = 0; b < 256; b++) {
                    int[] bytes = {fill, fill, fill, fill};
                    bytes[at] = b;
                    int w = bytes[0] | bytes[1] << 8 | bytes[2] << 16 | bytes[3] << 24;
                    int expected = 0;
                    for (int i = 0; i < 4 && expected >= 0; i++) {
                        int d = hexDigit(bytes[i]);
                        expected = d < 0 ? -1 : expected << 4 | d;
                    }
                    assertEquals(expected, Swar.hex4(w), Integer.toHexString(w));
                }
            }
        }
        SplittableRandom random = new SplittableRandom(0x4e58);
        String hex = "0123456789abcdefABCDEF";
        for (int trial = 0; trial < 200_000; trial++) {
            int w = 0;
            for (int i = 3; i >= 0; i--) {
                int b = random.nextInt(8) == 0 ? random.nextInt(256) : hex.charAt(random.nextInt(hex.length()));
                w = w << 8 | b;
            }
            int expected = 0;
            for (int i = 0; i < 4 && expected >= 0; i++) {
                int d = hexDigit(w >>> (8 * i) & 0xFF);
                expected = d < 0 ? -1 : expected << 4 | d;
            }
            assertEquals(expected, Swar.hex4(w), Integer.toHexString(w));
        }
    }
}
