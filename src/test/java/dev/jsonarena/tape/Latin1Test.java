package dev.jsonarena.tape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Latin1Test {
    @Test
    void makesTheStringTheIsoLatin1DecoderMakesOfEveryRange() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 2_000; i++) {
            byte[] bytes = new byte[random.nextInt(0, 40)];
            random.nextBytes(bytes);
            int offset = bytes.length == 0 ? 0 : random.nextInt(0, bytes.length + 1);
            int count = random.nextInt(0, bytes.length - offset + 1);
            assertEquals(new String(bytes, offset, count, StandardCharsets.ISO_8859_1), Latin1.string(bytes, offset, count));
        }
    }

    @Test
    void anEmptyRangeIsTheEmptyString() {
        assertEquals("", Latin1.string(new byte[3], 1, 0));
    }

    @Test
    void aRangeOutsideTheArrayIsRefused() {
        byte[] bytes = "abc".getBytes(StandardCharsets.US_ASCII);
        assertThrows(IndexOutOfBoundsException.class, () -> Latin1.string(bytes, 2, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> Latin1.string(bytes, -1, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> Latin1.string(bytes, 0, -1));
    }
}
