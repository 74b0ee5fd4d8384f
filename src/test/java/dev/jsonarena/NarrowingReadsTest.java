package dev.jsonarena;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/**
 * The narrowing reads ({@code asInt}, {@code asLong}) of {@link JsonValue} and {@link JsonCursor}
 * fail with an {@link ArithmeticException} whose message names the type asked for and the value,
 * whatever the tape form of the number (INT, DEC or text) and however far outside the range it is.
 */
class NarrowingReadsTest extends ArenaFixture {
    private static final String INT_RANGE = "-2147483648 to 2147483647";
    private static final String LONG_RANGE = "-9223372036854775808 to 9223372036854775807";

    /** The two readers of a number: the view itself and a cursor reset onto it. */
    private enum Reader {
        VALUE {
            @Override
            long asLong(JsonValue v) {
                return v.asLong();
            }

            @Override
            int asInt(JsonValue v) {
                return v.asInt();
            }
        },
        CURSOR {
            @Override
            long asLong(JsonValue v) {
                return new JsonCursor().reset(v).asLong();
            }

            @Override
            int asInt(JsonValue v) {
                return new JsonCursor().reset(v).asInt();
            }
        };

        abstract long asLong(JsonValue v);

        abstract int asInt(JsonValue v);
    }

    private ArithmeticException failInt(Reader r, String text) {
        return assertThrows(ArithmeticException.class, () -> r.asInt(parse(text)), r + " asInt " + text);
    }

    private ArithmeticException failLong(Reader r, String text) {
        return assertThrows(ArithmeticException.class, () -> r.asLong(parse(text)), r + " asLong " + text);
    }

    @Test
    void asIntJustOutsideIntSaysIntAndTheValue() {
        for (Reader r : Reader.values()) {
            for (String text : new String[] {"2147483648", "-2147483649", "2147483648.0", "2.147483648e9",
                "-21474836490e-1", "4294967296"}) {
                assertEquals("value " + text + " is out of the range of int (expected: a whole number from "
                        + INT_RANGE + ")", failInt(r, text).getMessage(), r + " " + text);
            }
            assertEquals(Integer.MAX_VALUE, r.asInt(parse("2147483647")));
            assertEquals(Integer.MIN_VALUE, r.asInt(parse("-2147483648")));
            assertEquals(Integer.MIN_VALUE, r.asInt(parse("-2147483648.000")));
            assertEquals(Integer.MAX_VALUE, r.asInt(parse("2.147483647e9")));
        }
    }

    @Test
    void asIntOutsideLongSaysIntNotLong() {
        for (Reader r : Reader.values()) {
            for (String text : new String[] {"9223372036854775808", "-9223372036854775809", "18446744073709551616",
                "9223372036854775808.0", "1e19", "123456789012345678901234567890"}) {
                String message = failInt(r, text).getMessage();
                assertEquals("value " + text + " is out of the range of int (expected: a whole number from "
                        + INT_RANGE + ")", message, r + " " + text);
                assertFalse(message.contains("long"), message);
            }
        }
    }

    @Test
    void asIntAndAsLongOnHugeExponentsSayTheTypeAskedFor() {
        for (Reader r : Reader.values()) {
            // 1e99999999999: an exponent beyond what a BigDecimal scale holds
            for (String text : new String[] {"1e999999999", "-1e999999999", "1E+999999999", "1e99999999999",
                "-2.5e2147483648"}) {
                assertEquals("value " + text + " is out of the range of int (expected: a whole number from "
                        + INT_RANGE + ")", failInt(r, text).getMessage(), r + " " + text);
                assertEquals("value " + text + " is out of the range of long (expected: a whole number from "
                        + LONG_RANGE + ")", failLong(r, text).getMessage(), r + " " + text);
            }
            for (String text : new String[] {"1e-999999999", "-1e-99999999999"}) {
                assertEquals("value " + text + " is not an integer (expected: an int, a whole number from "
                        + INT_RANGE + ")", failInt(r, text).getMessage(), r + " " + text);
                assertEquals("value " + text + " is not an integer (expected: a long, a whole number from "
                        + LONG_RANGE + ")", failLong(r, text).getMessage(), r + " " + text);
            }
            assertEquals(0, r.asInt(parse("0e999999999")));
            assertEquals(0, r.asLong(parse("-0.0E-99999999999")));
        }
    }

    @Test
    void asLongJustOutsideLongSaysLongAndTheValue() {
        for (Reader r : Reader.values()) {
            for (String text : new String[] {"9223372036854775808", "-9223372036854775809", "9223372036854775808.0",
                "922337203685477580.8e1", "18446744073709551615", "18446744073709551616", "1e19"}) {
                assertEquals("value " + text + " is out of the range of long (expected: a whole number from "
                        + LONG_RANGE + ")", failLong(r, text).getMessage(), r + " " + text);
            }
            assertEquals(Long.MAX_VALUE, r.asLong(parse("9223372036854775807")));
            assertEquals(Long.MIN_VALUE, r.asLong(parse("-9223372036854775808")));
            assertEquals(Long.MAX_VALUE, r.asLong(parse("922337203685477580.70e1")));
        }
    }

    @Test
    void narrowingReadsOfFractionsSayNotAnIntegerAndNameTheType() {
        for (Reader r : Reader.values()) {
            // INT cannot hold a fraction; DEC (1.5, 2147483647.5), text (the others)
            for (String text : new String[] {"1.5", "-0.5", "0.1", "1e-1", "2147483647.5", "-2147483648.5",
                "9223372036854775807.5", "12345678901234567890.5", "0.1234567890123456789", "15e-1"}) {
                assertEquals("value " + text + " is not an integer (expected: an int, a whole number from "
                        + INT_RANGE + ")", failInt(r, text).getMessage(), r + " " + text);
                assertEquals("value " + text + " is not an integer (expected: a long, a whole number from "
                        + LONG_RANGE + ")", failLong(r, text).getMessage(), r + " " + text);
            }
        }
    }

    @Test
    void aLongNumberIsNamedByAShortExcerpt() {
        String text = "1" + "2".repeat(60) + "9";
        for (Reader r : Reader.values()) {
            String message = failInt(r, text).getMessage();
            assertEquals("value 12222222222222222222...2222222229 (62 chars) is out of the range of int"
                    + " (expected: a whole number from " + INT_RANGE + ")", message);
            message = failLong(r, text + ".5").getMessage();
            assertTrue(message.startsWith("value 12222222222222222222...22222229.5 (64 chars) is not an integer"),
                    message);
        }
    }

    @Test
    void aNonNumberIsStillATypeError() {
        for (Reader r : Reader.values()) {
            JsonValue s = parse("\"1\"");
            assertEquals("NUMBER", assertThrows(JsonTypeException.class, () -> r.asInt(s)).expected());
            assertEquals("NUMBER", assertThrows(JsonTypeException.class, () -> r.asLong(s)).expected());
        }
    }
}
