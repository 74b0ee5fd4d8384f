package dev.jsonarena;

import static dev.jsonarena.DecoderSupport.utf8;
import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonValue#asBigDecimal()}, {@link JsonCursor#asBigDecimal()} and {@link JsonValue#toJava()}
 * (and the {@code asMap}/{@code asList} adapters, which convert like it) refuse a BigDecimal whose
 * scale is beyond ±10,000: a literal of a few bytes such as {@code 1e999999999} would otherwise
 * become a value whose plain form ({@code toPlainString}, {@code toBigInteger}, or a sum with an
 * ordinary number) takes gigabytes.
 */
class BigDecimalBoundTest extends ArenaFixture {
    /** The documented bound on the magnitude of the scale. */
    private static final int BOUND = 10_000;

    private static String refused(String text, String scale) {
        return "value " + text + " has " + scale + " (expected: a scale from -10000 to 10000 for a BigDecimal)";
    }

    private BigDecimal viaCursor(JsonValue v) {
        return new JsonCursor().reset(v).asBigDecimal();
    }

    @Test
    void theBoundIsTheDocumentedOne() {
        assertEquals(BOUND, Values.MAX_DECIMAL_SCALE);
    }

    @Test
    void asBigDecimalRefusesExponentBombs() {
        String[][] cases = {
            {"1e999999999", "scale -999999999"}, {"-1e-999999999", "scale 999999999"},
            {"1E+999999999", "scale -999999999"}, {"-2.5e999999999", "scale -999999998"},
            {"1e2147483647", "scale -2147483647"}, {"1e-2147483647", "scale 2147483647"},
            {"1e2147483648", "scale -2147483648"}, // Integer.MIN_VALUE: its absolute value is negative
            {"1e-2147483648", "a scale beyond the range of int"}, {"1e99999999999", "a scale beyond the range of int"},
            {"-1e-99999999999", "a scale beyond the range of int"},
            {"0e999999999", "scale -999999999"}, {"-0.0e-999999999", "scale 1000000000"},
        };
        for (String[] c : cases) {
            JsonValue v = parse(c[0]);
            assertEquals(refused(c[0], c[1]), assertThrows(ArithmeticException.class, v::asBigDecimal, c[0]).getMessage());
            assertEquals(refused(c[0], c[1]), assertThrows(ArithmeticException.class, () -> viaCursor(v), c[0]).getMessage());
            arena.reset();
        }
    }

    @Test
    void asBigDecimalConvertsUpToTheBoundAndNotPast() {
        for (String text : new String[] {"1E+10000", "1e10000", "-1e-10000", "1.5e10001", "-9.99e-9998", "0e10000",
            "1.0e-9999", "123456789e9992"}) {
            BigDecimal d = parse(text).asBigDecimal();
            assertEquals(new BigDecimal(text), d, text);
            assertEquals(new BigDecimal(text).scale(), d.scale(), text);
            assertTrue(Math.abs(d.scale()) <= BOUND, text);
            assertTrue(d.toPlainString().length() <= 2 * BOUND, text);
            assertEquals(d, viaCursor(parse(text)), text);
            arena.reset();
        }
        String[][] past = {{"1E+10001", "scale -10001"}, {"1e-10001", "scale 10001"}, {"1.5e10002", "scale -10001"},
            {"-10.0e-10000", "scale 10001"}};
        for (String[] c : past) {
            assertEquals(refused(c[0], c[1]), assertThrows(ArithmeticException.class, parse(c[0])::asBigDecimal).getMessage());
        }
    }

    @Test
    void theBoundCountsWrittenFractionDigitsToo() {
        // only reachable with maxNumberChars raised above the default 1,000
        JsonLimits wide = JsonLimits.builder().maxNumberChars(20_000).build();
        String atBound = "0." + "3".repeat(BOUND);
        assertEquals(new BigDecimal(atBound), arena.parse(utf8(atBound), wide).asBigDecimal());
        String past = "0." + "3".repeat(BOUND + 1);
        ArithmeticException e = assertThrows(ArithmeticException.class, arena.parse(utf8(past), wide)::asBigDecimal);
        assertEquals(refused("0.333333333333333333...3333333333 (10003 chars)", "scale 10001"), e.getMessage());
    }

    @Test
    void toJavaRefusesExponentBombs() {
        for (String text : new String[] {"1e999999999", "-1e-999999999", "1E+10001", "-1e-10001", "1e2147483648",
            "1e99999999999", "123456789012345678901234567890.5e-999999999"}) {
            ArithmeticException e = assertThrows(ArithmeticException.class, () -> parse("[" + text + "]").toJava(), text);
            String named = text.length() <= 40 ? text : text.substring(0, 20) + "..." + text.substring(text.length() - 10)
                    + " (" + text.length() + " chars)";
            assertTrue(e.getMessage().startsWith("value " + named + " has "), e.getMessage());
            assertTrue(e.getMessage().endsWith("(expected: a scale from -10000 to 10000 for a BigDecimal)"), e.getMessage());
            List<Object> list = parse("[" + text + "]").asArray().asList();
            assertThrows(ArithmeticException.class, () -> list.get(0), text);
            Map<String, Object> map = parse("{\"n\":" + text + "}").asObject().asMap();
            assertThrows(ArithmeticException.class, () -> map.get("n"), text);
            arena.reset();
        }
        assertEquals(new BigDecimal("1E+10000"), parse("1E+10000").toJava());
        assertEquals(new BigDecimal("-1e-10000"), parse("-1e-10000").toJava());
    }

    @Test
    void toJavaOfAZeroIsADoubleZeroWhateverItsExponent() {
        String[][] cases = {{"0e999999999", "0.0"}, {"-0e-999999999", "-0.0"}, {"0.000e99999999999", "0.0"},
            {"-0E-99999999999", "-0.0"}, {"0e10001", "0.0"}};
        for (String[] c : cases) {
            assertEquals(Double.valueOf(c[1]), parse(c[0]).toJava(), c[0]);
        }
    }

    @Test
    void toJavaOfAValueThatIsExactlyADoubleIsThatDoubleWhateverItsScale() {
        JsonLimits wide = JsonLimits.builder().maxNumberChars(20_000).build();
        String half = "5" + "0".repeat(BOUND + 5) + "e-" + (BOUND + 6); // 0.5 written with scale 10006
        assertEquals(0.5, arena.parse(utf8(half), wide).toJava());
        assertThrows(ArithmeticException.class, arena.parse(utf8(half), wide)::asBigDecimal);
    }

    @Test
    void ordinaryValuesStillConvertExactly() {
        String[] texts = {"0.1", "1e300", "123456789012345678901234567890.5", "-65.613616999999977", "1.50", "1e-400",
            "1e400", "-0.0", "9007199254740993.0", "0.10000000000000000001", "4.9e-324", "1.7976931348623157e308"};
        for (String text : texts) {
            BigDecimal exact = new BigDecimal(text);
            BigDecimal d = parse(text).asBigDecimal();
            assertEquals(exact, d, text);
            assertEquals(exact.scale(), d.scale(), text);
            assertEquals(exact, viaCursor(parse(text)), text);
            assertEquals(ToJavaTest.expectedNumber(text), parse(text).toJava(), text);
            arena.reset();
        }
        assertEquals(0.1, parse("0.1").toJava());
        assertEquals(1e300, parse("1e300").toJava());
        assertEquals(new BigDecimal("123456789012345678901234567890.5"), parse("123456789012345678901234567890.5").toJava());
        assertEquals(new BigDecimal("1e400"), parse("1e400").toJava());
    }
}
