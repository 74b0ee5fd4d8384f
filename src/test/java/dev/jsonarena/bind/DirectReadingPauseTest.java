package dev.jsonarena.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsonarena.JsonLimits;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A type whose inputs keep sending the direct reading to the document costs about one parse per
 * input, not an attempt and a parse: after {@link Codecs#MISSES_BEFORE_PAUSE} inputs in a row given
 * up, the next {@link Codecs#PAUSE} go to the document untried; a success in between resets the count.
 */
class DirectReadingPauseTest {
    record A(Integer a) {}

    private static final byte[] ESCAPED_NAME = "{\"\\u0061\":1}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] PLAIN = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);

    @Test
    void aTypeWhoseInputsKeepGivingUpIsPassedToTheDocumentForAWhile() {
        Codecs codecs = new Codecs(false, false, null);
        for (int i = 0; i < Codecs.MISSES_BEFORE_PAUSE - 1; i++) {
            assertSame(Codecs.NOT_BOUND, bind(codecs, ESCAPED_NAME));
        }
        assertEquals(new A(1), bind(codecs, PLAIN), "a success resets the count");
        for (int i = 0; i < Codecs.MISSES_BEFORE_PAUSE - 1; i++) {
            assertSame(Codecs.NOT_BOUND, bind(codecs, ESCAPED_NAME));
        }
        assertFalse(codecs.pausesDirectReading(A.class));
        assertSame(Codecs.NOT_BOUND, bind(codecs, ESCAPED_NAME));
        assertTrue(codecs.pausesDirectReading(A.class));
        for (int i = 0; i < Codecs.PAUSE; i++) {
            assertSame(Codecs.NOT_BOUND, bind(codecs, PLAIN), "during the pause even good inputs go to the document");
        }
        assertFalse(codecs.pausesDirectReading(A.class));
        assertEquals(new A(1), bind(codecs, PLAIN));
    }

    private static Object bind(Codecs codecs, byte[] json) {
        return codecs.bindBytes(json, 0, json.length, JsonLimits.defaults(), A.class, null, true);
    }
}
