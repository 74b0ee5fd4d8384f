package dev.jsonarena;

import static dev.jsonarena.DecoderSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.jsonarena.testing.JsonGenerator;
import dev.jsonarena.testing.JsonGenerator.Options;
import dev.jsonarena.testing.Property;
import dev.jsonarena.testing.ReferenceJson;
import dev.jsonarena.testing.ReferenceJson.JValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonValue#toJava()}: the classes of each kind, the documented number mapping (checked
 * against an independent statement of the rule for hand-picked boundaries and for generated
 * numbers, which also proves the fast path for short decimals), document order, deep documents
 * without recursion, and a copy that outlives its arena.
 */
class ToJavaTest extends ArenaFixture {
    private Object java(String json) {
        return arena.parse(utf8(json)).toJava();
    }

    /**
     * The rule of {@link JsonValue#toJava()} for a number literal, stated independently of the
     * implementation: integer literal -> Long if in range else BigInteger; otherwise Double if it
     * is zero or Double.toString of the parsed double has the literal's value, else BigDecimal if
     * its scale is within ±10,000, else {@link ArithmeticException}.
     *
     * @throws ArithmeticException or {@link NumberFormatException} (a scale beyond int) where
     *     toJava must throw
     */
    static Object expectedNumber(String text) {
        if (text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0) {
            BigInteger big = new BigInteger(text);
            return big.compareTo(BigInteger.valueOf(Long.MIN_VALUE)) >= 0 && big.compareTo(BigInteger.valueOf(Long.MAX_VALUE)) <= 0
                    ? (Object) big.longValueExact() : big;
        }
        double d = Double.parseDouble(text);
        if (text.replaceFirst("[eE].*", "").matches("-?[0.]*")) {
            return d; // zero, whatever the exponent
        }
        BigDecimal exact = new BigDecimal(text);
        if (Double.isFinite(d) && new BigDecimal(Double.toString(d)).compareTo(exact) == 0) {
            return d;
        }
        if (Math.abs((long) exact.scale()) > 10_000) {
            throw new ArithmeticException("scale " + exact.scale() + " beyond the bound");
        }
        return exact;
    }

    /** {@return the reference tree as the Java objects toJava() must give} */
    static Object expectedJava(JValue v) {
        return switch (v) {
            case ReferenceJson.JObject o -> {
                Map<String, Object> m = new LinkedHashMap<>();
                for (Map.Entry<String, JValue> e : o.members()) {
                    m.put(e.getKey(), expectedJava(e.getValue()));
                }
                yield m;
            }
            case ReferenceJson.JArray a -> {
                List<Object> l = new ArrayList<>();
                for (JValue e : a.elements()) {
                    l.add(expectedJava(e));
                }
                yield l;
            }
            case ReferenceJson.JString s -> s.value();
            case ReferenceJson.JNumber n -> expectedNumber(n.text());
            case ReferenceJson.JTrue t -> Boolean.TRUE;
            case ReferenceJson.JFalse f -> Boolean.FALSE;
            case ReferenceJson.JNull n -> null;
        };
    }

    private void assertNumber(Object expected, String text) {
        Object actual = java(text);
        assertEquals(expected, actual, text);
        assertEquals(expected.getClass(), actual.getClass(), text);
        assertEquals(expectedNumber(text), actual, text + " (rule)");
        arena.reset();
    }

    @Test
    void everyKindMapsToItsJavaClassInDocumentOrder() {
        Object v = java("{\"z\":\"x\\u00e9\",\"i\":1,\"t\":true,\"f\":false,\"n\":null,\"a\":[1,\"y\",[]],\"o\":{},\"d\":2.5}");
        LinkedHashMap<String, Object> m = assertInstanceOf(LinkedHashMap.class, v);
        assertEquals(List.of("z", "i", "t", "f", "n", "a", "o", "d"), new ArrayList<>(m.keySet()));
        assertEquals("x\u00e9", m.get("z"));
        assertEquals(1L, m.get("i"));
        assertEquals(Boolean.TRUE, m.get("t"));
        assertEquals(Boolean.FALSE, m.get("f"));
        assertTrue(m.containsKey("n"));
        assertNull(m.get("n"));
        ArrayList<?> a = assertInstanceOf(ArrayList.class, m.get("a"));
        assertEquals(Arrays.asList(1L, "y", new ArrayList<>()), a);
        assertEquals(new LinkedHashMap<>(), assertInstanceOf(LinkedHashMap.class, m.get("o")));
        assertEquals(2.5, m.get("d"));
        assertNull(java("null"));
        assertEquals("s", java("\"s\""));
    }

    @Test
    void integerLiteralsAreLongInRangeElseBigInteger() {
        assertNumber(0L, "0");
        assertNumber(0L, "-0");
        assertNumber(-7L, "-7");
        assertNumber((1L << 59) - 1, "576460752303423487");
        assertNumber(1L << 59, "576460752303423488");
        assertNumber(-(1L << 59) - 1, "-576460752303423489");
        assertNumber(Long.MAX_VALUE, "9223372036854775807");
        assertNumber(Long.MIN_VALUE, "-9223372036854775808");
        assertNumber(new BigInteger("9223372036854775808"), "9223372036854775808");
        assertNumber(new BigInteger("-9223372036854775809"), "-9223372036854775809");
        assertNumber(new BigInteger("18446744073709551615"), "18446744073709551615");
        assertNumber(new BigInteger("-9999999999999999999"), "-9999999999999999999");
        assertNumber(new BigInteger("123456789012345678901234567890"), "123456789012345678901234567890");
    }

    @Test
    void otherLiteralsAreDoubleWhenNothingIsLostElseBigDecimal() {
        assertNumber(0.1, "0.1");
        assertNumber(1.5, "1.50");
        assertNumber(100.0, "1e2");
        assertNumber(100.0, "1E+2");
        assertNumber(1.0, "1.0");
        assertNumber(0.30000000000000004, "0.30000000000000004");
        assertNumber(new BigDecimal("-65.613616999999977"), "-65.613616999999977"); // its double prints as -65.61361699999998
        assertNumber(123456789012345.6, "123456789012345.6");
        assertNumber(Double.MIN_VALUE, "4.9e-324");
        assertNumber(Double.MAX_VALUE, "1.7976931348623157e308");
        assertNumber(-0.0, "-0.0");
        assertEquals(-1, Double.compare((Double) java("-0.0"), 0.0), "-0.0 keeps its sign");
        assertNumber(0.0, "0e5");
        assertNumber(new BigDecimal("0.10000000000000000001"), "0.10000000000000000001");
        assertNumber(new BigDecimal("9007199254740993.0"), "9007199254740993.0");
        assertNumber(new BigDecimal("1e400"), "1e400");
        assertNumber(new BigDecimal("1e-400"), "1e-400");
        assertNumber(new BigDecimal("2.4703282292062328e-324"), "2.4703282292062328e-324");
        assertNumber(new BigDecimal("1e10000"), "1e10000");
        assertThrows(ArithmeticException.class, () -> java("[1e1000000000]"));
        assertThrows(ArithmeticException.class, () -> java("[1e9999999999]"));
        assertNumber(0.0, "0e9999999999");
    }

    @Test
    void aBigDecimalKeepsTheLiteralsScale() {
        @SuppressWarnings("unchecked")
        List<Object> l = (List<Object>) java("[0.100000000000000000010, 1.0000000000000000000010e5, 1.0000000000000000000000e5]");
        assertEquals(21, ((BigDecimal) l.get(0)).scale());
        assertEquals(new BigDecimal("1.0000000000000000000010e5"), l.get(1)); // equals compares the scale too
        assertEquals(17, ((BigDecimal) l.get(1)).scale());
        assertEquals(100000.0, l.get(2), "an exact double value stays a Double, whatever the digits");
    }

    /** Generated numbers, and decimals of 14 to 18 significant digits around the 15-digit fast path. */
    @Test
    void generatedNumbersFollowTheRule() {
        Property.check("toJava(number) follows the documented rule", 3000, gen -> {
            String text;
            if (gen.nextBoolean()) {
                text = new JsonGenerator(gen, Options.DEFAULT).numberText();
            } else {
                StringBuilder digits = new StringBuilder().append(1 + gen.nextInt(9));
                int n = gen.intBetween(13, 18);
                for (int k = 0; k < n; k++) {
                    digits.append(gen.nextInt(10));
                }
                int point = gen.intBetween(1, digits.length() - 1);
                text = (gen.nextBoolean() ? "-" : "") + (gen.chance(0.2) ? "0.000" + digits
                        : digits.substring(0, point) + "." + digits.substring(point));
            }
            arena.reset();
            Object expected;
            try {
                expected = expectedNumber(text);
            } catch (NumberFormatException | ArithmeticException e) { // a scale beyond int or beyond the bound
                assertThrows(ArithmeticException.class, () -> java(text), text);
                return;
            }
            Object actual = java(text);
            assertEquals(expected, actual, text);
            assertEquals(expected.getClass(), actual.getClass(), text);
        });
    }

    @Test
    void generatedDocumentsCopyToTheReferenceTree() {
        Property.check("toJava == reference tree as Java objects", 300, gen -> {
            JsonGenerator.Document doc = new JsonGenerator(gen, gen.chance(0.3) ? Options.DEFAULT.wide(300) : Options.DEFAULT)
                    .document();
            arena.reset();
            Object expected;
            try {
                expected = expectedJava(doc.expected());
            } catch (ArithmeticException e) { // a number beyond the BigDecimal bound
                assertThrows(ArithmeticException.class, () -> arena.parse(doc.bytes()).toJava(), doc.text());
                return;
            }
            assertEquals(expected, arena.parse(doc.bytes()).toJava(), doc.text());
        });
    }

    @Test
    void deepDocumentsCopyWithoutRecursion() {
        int depth = 300_000;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            sb.append(i % 2 == 0 ? "[" : "{\"k\":");
        }
        sb.append("42");
        for (int i = depth - 1; i >= 0; i--) {
            sb.append(i % 2 == 0 ? "]" : "}");
        }
        JsonValue v = arena.parse(utf8(sb.toString()), JsonLimits.builder().maxDepth(depth).build());
        Object cur = v.toJava();
        for (int i = 0; i < depth; i++) {
            cur = i % 2 == 0 ? ((List<?>) cur).get(0) : ((Map<?, ?>) cur).get("k");
        }
        assertEquals(42L, cur);
    }

    @Test
    void theCopyOutlivesTheArenaAndEqualNamesShareOneString() {
        JsonValue v = arena.parse(utf8("[{\"name\":1},{\"name\":2}]"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> copy = (List<Map<String, Object>>) v.toJava();
        arena.close();
        assertThrows(IllegalStateException.class, v::toJava);
        assertEquals(List.of(Map.of("name", 1L), Map.of("name", 2L)), copy);
        assertSame(copy.get(0).keySet().iterator().next(), copy.get(1).keySet().iterator().next());
    }

    @Test
    void aStaleViewThrows() {
        JsonValue v = arena.parse(utf8("{\"a\":1}"));
        arena.reset();
        assertThrows(IllegalStateException.class, v::toJava);
    }
}
