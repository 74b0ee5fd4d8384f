package dev.jsonarena.input;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The word-at-a-time counts a window keeps for lines and columns agree with a byte-at-a-time count
 * on every alignment and length, for bytes of every kind (ASCII, newlines, UTF-8 lead and
 * continuation bytes).
 */
class InputWindowCountsTest {
    private static final byte[] ALPHABET = {'a', ' ', '\n', '"', (byte) 0xC3, (byte) 0xA9, (byte) 0xE6,
        (byte) 0x97, (byte) 0xA5, (byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80, (byte) 0xBF, (byte) 0xFF, 0};

    @Test
    void charactersAndLinesCountedByWordsEqualTheBytewiseCounts() {
        SplittableRandom random = new SplittableRandom(0x5eed_c0feL);
        for (int trial = 0; trial < 3_000; trial++) {
            byte[] b = new byte[1 + random.nextInt(300)];
            double mix = random.nextDouble(); // from mostly ASCII to mostly multi-byte
            for (int i = 0; i < b.length; i++) {
                b[i] = random.nextDouble() < mix ? ALPHABET[random.nextInt(ALPHABET.length)] : (byte) 'x';
            }
            int from = random.nextInt(b.length);
            int to = from + random.nextInt(b.length - from + 1);
            long chars = 0;
            long lines = 0;
            for (int i = from; i < to; i++) {
                chars += (b[i] & 0xC0) == 0x80 ? 0 : 1;
                lines += b[i] == '\n' ? 1 : 0;
            }
            assertEquals(chars, InputWindow.countChars(b, from, to), "characters of [" + from + ", " + to + ")");
            assertEquals(lines, InputWindow.countLines(b, from, to), "lines of [" + from + ", " + to + ")");
        }
    }
}
