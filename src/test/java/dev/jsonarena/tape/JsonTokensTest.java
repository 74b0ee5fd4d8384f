package dev.jsonarena.tape;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class JsonTokensTest {
    @Test
    void theDecimalLengthOfALongIsTheLengthOfItsDecimalText() {
        for (long p = 1; p > 0; p = p <= Long.MAX_VALUE / 10 ? p * 10 : -1) { // every power of ten and its neighbours
            for (long v : new long[] {p - 1, p, p + 1, 2 * p - 1, Math.min(Long.MAX_VALUE / 2, p) * 2}) {
                assertEquals(Long.toString(v).length(), JsonTokens.decimalLength(v), Long.toString(v));
            }
        }
        assertEquals(19, JsonTokens.decimalLength(Long.MAX_VALUE));
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            long v = random.nextLong() >>> 1 + random.nextInt(63); // every bit length of a long that is not negative
            assertEquals(Long.toString(v).length(), JsonTokens.decimalLength(v), Long.toString(v));
        }
    }

    @Test
    void aLongIsWrittenAsLongToStringSpellsItAndNothingBeforeOrAfterIt() {
        SplittableRandom random = new SplittableRandom(13);
        JsonSink sink = JsonSink.growing();
        StringBuilder expected = new StringBuilder();
        for (long p = 1; p > 0; p = p <= Long.MAX_VALUE / 10 ? p * 10 : -1) { // every length, at both its ends
            for (long v : new long[] {p - 1, p, p + 1, -p, 1 - p, p <= Long.MAX_VALUE / 10 ? 10 * p - 1 : Long.MAX_VALUE}) {
                write(v, sink, expected);
            }
        }
        for (long v : new long[] {0, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1, Integer.MIN_VALUE, 100_000_000_000_001_000L}) {
            write(v, sink, expected);
        }
        for (int i = 0; i < 200_000; i++) {
            write(random.nextLong() >> random.nextInt(64), sink, expected); // every bit length, both signs
        }
        assertEquals(expected.toString(), new String(sink.toBytes(), StandardCharsets.US_ASCII));
    }

    /** Writes {@code v} between two spaces, so that a byte written outside the number would show. */
    private static void write(long v, JsonSink sink, StringBuilder expected) {
        sink.putByte((byte) ' ');
        JsonTokens.number(v, sink);
        sink.putByte((byte) ' ');
        expected.append(' ').append(v).append(' ');
    }
}
