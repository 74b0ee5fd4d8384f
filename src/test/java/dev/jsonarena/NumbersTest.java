package dev.jsonarena;

import static dev.jsonarena.DecoderSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.jsonarena.tape.Tape;
import dev.jsonarena.testing.Property;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** Numbers are exact: text kept, integral values convert to long, doubles correctly rounded. */
class NumbersTest extends ArenaFixture {
    private JsonValue num(String text) {
        return parse(text);
    }

    @Test
    void eachLiteralIsStoredInTheFormThatKeepsItsText() {
        String[][] cases = {
            {"0", "INT"}, {"-1", "INT"}, {"576460752303423487", "INT"}, {"-576460752303423487", "INT"},
            {"576460752303423488", "DEC"}, {"-576460752303423488", "DEC"}, {"-0", "DEC"},
            {"9223372036854775807", "DEC"}, {"18446744073709551615", "NUMBER"}, {"9999999999999999999", "DEC"},
            {"1.5", "DEC"}, {"-65.613616999999977", "DEC"}, {"0.000", "DEC"}, {"10.50", "DEC"},
            {"0.1234567890123456789", "NUMBER"}, {"1e5", "NUMBER"}, {"1E+5", "NUMBER"}, {"-0.0e-0", "NUMBER"},
            {"12345678901234567890123", "NUMBER"},
        };
        for (String[] c : cases) {
            JsonValue v = num(c[0]);
            int tag = v.doc.tag(v.index);
            String form = tag == Tape.INT ? "INT" : tag == Tape.DEC ? "DEC" : "NUMBER";
            assertEquals(c[1], form, c[0]);
            assertEquals(c[0], v.numberText());
            assertEquals("[" + c[0] + "]", arena.parse(utf8("[" + c[0] + "]")).toJson());
            assertEquals(JsonType.NUMBER, v.type());
        }
    }

    @Test
    void asLongIsExactForEveryIntegralValueAndThrowsOtherwise() {
        String[][] ok = {
            {"0", "0"}, {"-0", "0"}, {"1.0", "1"}, {"1e2", "100"}, {"1E+2", "100"}, {"100e-2", "1"},
            {"-0.0", "0"}, {"0e99999", "0"}, {"9223372036854775807", "9223372036854775807"},
            {"-9223372036854775808", "-9223372036854775808"}, {"922337203685477580.7e1", "9223372036854775807"},
            {"-576460752303423488", "-576460752303423488"}, {"12.000", "12"}, {"1.2e1", "12"},
        };
        for (String[] c : ok) {
            assertEquals(Long.parseLong(c[1]), num(c[0]).asLong(), c[0]);
        }
        String[] fraction = {"1.5", "0.1", "-0.5", "1e-1", "12.0001", "0.0000000000000000001", "1e-99999999"};
        for (String s : fraction) {
            ArithmeticException e = assertThrows(ArithmeticException.class, () -> num(s).asLong(), s);
            assertTrue(e.getMessage().contains("not an integer"), e.getMessage());
        }
        String[] range = {"9223372036854775808", "-9223372036854775809", "1e19", "18446744073709551616",
            "9999999999999999999", "-9999999999999999999", "1e99999999"};
        for (String s : range) {
            ArithmeticException e = assertThrows(ArithmeticException.class, () -> num(s).asLong(), s);
            assertTrue(e.getMessage().contains("range"), s + ": " + e.getMessage());
        }
        assertEquals(Integer.MAX_VALUE, num("2147483647").asInt());
        assertEquals(Integer.MIN_VALUE, num("-2147483648.0").asInt());
        assertThrows(ArithmeticException.class, () -> num("2147483648").asInt());
        assertThrows(ArithmeticException.class, () -> num("0.5").asInt());
    }

    @Test
    void asDoubleEqualsDoubleParseDoubleOnEveryForm() {
        Property.check("asDouble == Double.parseDouble", 20_000, gen -> {
            String text = switch (gen.nextInt(5)) {
                case 0 -> Double.toString(gen.nextDouble() * Math.pow(10, gen.intBetween(-30, 30)))
                        .replace("Infinity", "1").replace("NaN", "2");
                case 1 -> Long.toString(gen.nextLong());
                case 2 -> digits(gen, gen.intBetween(1, 20)) + "." + digits(gen, gen.intBetween(1, 20));
                case 3 -> digits(gen, gen.intBetween(1, 25)) + "e" + gen.intBetween(-340, 320);
                default -> (gen.chance(0.5) ? "-" : "") + "0." + "0".repeat(gen.intBetween(0, 5)) + digits(gen, gen.intBetween(1, 19));
            };
            JsonValue v = num(text);
            double expected = Double.parseDouble(text);
            assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(v.asDouble()), text);
            assertEquals(new BigDecimal(text), v.asBigDecimal(), text);
            assertEquals(text, v.numberText());
            arena.reset();
        });
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(num("-0").asDouble()));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(num("-0.0").asDouble()));
        assertEquals(Double.POSITIVE_INFINITY, num("1e400").asDouble());
        assertEquals(Double.NEGATIVE_INFINITY, num("-1e400").asDouble());
        assertEquals(0.0, num("1e-400").asDouble());
        assertEquals(9007199254740993.0, num("9007199254740993").asDouble()); // 2^53 + 1 rounds to even
        assertEquals(Double.parseDouble("9007199254740993.0"), num("9007199254740993.0").asDouble());
    }

    private static String digits(Property.Gen gen, int n) {
        StringBuilder sb = new StringBuilder();
        sb.append((char) ('1' + gen.nextInt(9)));
        for (int i = 1; i < n; i++) {
            sb.append((char) ('0' + gen.nextInt(10)));
        }
        return sb.toString();
    }

    @Test
    void bigNumbersConvertExactlyAndGuardAgainstExponentBombs() {
        String huge = "123456789012345678901234567890";
        assertEquals(new BigInteger(huge), num(huge).asBigInteger());
        assertEquals(new BigInteger("-" + huge), num("-" + huge).asBigInteger());
        assertEquals(new BigInteger("1" + "0".repeat(300)), num("1e300").asBigInteger());
        assertEquals(BigInteger.valueOf(12), num("1.2e1").asBigInteger());
        assertEquals(new BigInteger("18446744073709551615"), num("18446744073709551615.0").asBigInteger());
        assertEquals(BigInteger.ZERO, num("-0.0").asBigInteger());
        assertThrows(ArithmeticException.class, () -> num("1.5").asBigInteger());
        assertThrows(ArithmeticException.class, () -> num("1e-5").asBigInteger());
        ArithmeticException bomb = assertThrows(ArithmeticException.class, () -> num("1e1000000000").asBigInteger());
        assertTrue(bomb.getMessage().contains("10000"), bomb.getMessage());
        assertEquals(new BigDecimal("1.50"), num("1.50").asBigDecimal());
        assertEquals(2, num("1.50").asBigDecimal().scale());
        assertEquals(new BigDecimal("-9999999999999999999.5"), num("-9999999999999999999.5").asBigDecimal());
        assertEquals(new BigDecimal("1e-10000"), num("1e-10000").asBigDecimal());
        ArithmeticException bound = assertThrows(ArithmeticException.class, () -> num("1e-99999999").asBigDecimal());
        assertTrue(bound.getMessage().contains("scale 99999999 "), bound.getMessage());
        ArithmeticException far = assertThrows(ArithmeticException.class, () -> num("1e99999999999").asBigDecimal());
        assertTrue(far.getMessage().contains("scale beyond the range of int"), far.getMessage());
        assertThrows(ArithmeticException.class, () -> num("1e99999999999").asLong());
        assertEquals(Double.POSITIVE_INFINITY, num("1e99999999999").asDouble());
    }

    @Test
    void readingANonNumberAsANumberIsATypeError() {
        JsonValue s = arena.parse(utf8("\"12\""));
        JsonTypeException e = assertThrows(JsonTypeException.class, s::asLong);
        assertEquals("NUMBER", e.expected());
        assertEquals(JsonType.STRING, e.actual());
        assertThrows(JsonTypeException.class, s::asDouble);
        assertThrows(JsonTypeException.class, s::asInt);
        assertThrows(JsonTypeException.class, s::asBigInteger);
        assertThrows(JsonTypeException.class, s::asBigDecimal);
        assertThrows(JsonTypeException.class, s::numberText);
        assertThrows(JsonTypeException.class, () -> num("true").asLong());
    }

    @Test
    void numberGrammarErrorsPointAtTheOffendingCharacter() {
        String[][] cases = {
            {"01", "1"}, {"-", "1"}, {"-a", "1"}, {"1.", "2"}, {"1.e5", "2"}, {".5", "0"}, {"+1", "0"},
            {"1e", "2"}, {"1e+", "3"}, {"1ee5", "2"}, {"[1.5.3]", "4"}, {"-01", "2"}, {"0x10", "1"},
            {"NaN", "0"}, {"Infinity", "0"}, {"-Infinity", "1"}, {"1_000", "1"},
        };
        for (String[] c : cases) {
            JsonParseException e = assertThrows(JsonParseException.class, () -> num(c[0]), c[0]);
            assertEquals(Long.parseLong(c[1]), e.offset(), c[0] + ": " + e.getMessage());
        }
    }
}
