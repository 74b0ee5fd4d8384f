package dev.jsonarena.tape;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
