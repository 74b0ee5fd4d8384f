package dev.jsonarena;

import static dev.jsonarena.DecoderSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.jsonarena.testing.Property;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * The parser reads the common number forms (up to 7 integer digits, a significand of at most 19
 * digits, no exponent, 8 or more bytes from the end of the input) on a shorter path than the
 * general one. Every number must give the same value and text whichever path reads it: the same
 * number is parsed where the short path applies (followed by padding) and where it cannot (the
 * last bytes of the input), and both are compared with {@link BigDecimal} of the text.
 */
class ShortNumbersTest extends ArenaFixture {

    private static String number(Property.Gen gen) {
        StringBuilder sb = new StringBuilder();
        if (gen.nextBoolean()) {
            sb.append('-');
        }
        int intDigits = gen.intBetween(1, 9); // 8 and 9 leave the short path
        if (gen.chance(0.2)) {
            sb.append('0');
        } else {
            sb.append((char) ('1' + gen.nextInt(9)));
            for (int i = 1; i < intDigits; i++) {
                sb.append((char) ('0' + gen.nextInt(10)));
            }
        }
        if (gen.chance(0.8)) {
            sb.append('.');
            int fraction = gen.intBetween(1, 20); // 19 digits in all is the most the short path takes
            for (int i = 0; i < fraction; i++) {
                sb.append((char) ('0' + gen.nextInt(10)));
            }
        }
        if (gen.chance(0.1)) {
            sb.append(gen.nextBoolean() ? 'e' : 'E').append(gen.intBetween(-30, 30));
        }
        return sb.toString();
    }

    @Test
    void everyNumberReadsTheSameOnTheShortAndTheGeneralPath() {
        Property.check("short numbers == general numbers", 20_000, gen -> {
            String n = number(gen);
            arena.reset();
            JsonValue padded = arena.parse(utf8("[" + n + "          ]")).asArray().get(0);
            JsonValue last = arena.parse(utf8(n));
            BigDecimal expected = new BigDecimal(n);
            assertEquals(0, expected.compareTo(padded.asBigDecimal()), n);
            assertEquals(0, expected.compareTo(last.asBigDecimal()), n);
            assertEquals(Double.doubleToRawLongBits(Double.parseDouble(n)), Double.doubleToRawLongBits(padded.asDouble()), n);
            assertEquals(n, padded.toJson(), "numbers are written exactly as read");
            assertEquals(last.toJson(), padded.toJson());
            assertEquals(last.numberText(), padded.numberText());
        });
    }

    @Test
    void malformedShortNumbersFailAtTheSameOffsetOnBothPaths() {
        for (String bad : new String[] {"01", "-01", "1.", "-", "-.5", "1.e5", "00.5", "0123456.5"}) {
            JsonParseException padded = assertThrows(JsonParseException.class,
                    () -> arena.parse(utf8("[" + bad + "          ]")), bad);
            JsonParseException last = assertThrows(JsonParseException.class, () -> arena.parse(utf8(bad)), bad);
            assertEquals(last.offset() + 1, padded.offset(), bad);
            assertEquals(last.expected(), padded.expected(), bad);
        }
    }

    @Test
    void theNumberLengthLimitHoldsOnTheShortPath() {
        JsonLimits three = JsonLimits.builder().maxNumberChars(3).build();
        assertEquals(123, arena.parse(utf8("[123        ]"), three).asArray().get(0).asLong());
        JsonLimitException e = assertThrows(JsonLimitException.class, () -> arena.parse(utf8("[1234       ]"), three));
        assertEquals(JsonLimit.NUMBER_CHARS, e.limit());
        assertThrows(JsonLimitException.class, () -> arena.parse(utf8("[1.25       ]"), three));
        assertThrows(JsonLimitException.class, () -> arena.parse(utf8("[-1.2       ]"), three));
    }
}
