package dev.jsonarena;

import static dev.jsonarena.DecoderSupport.allocatedBytes;
import static dev.jsonarena.DecoderSupport.utf8;
import static org.junit.jupiter.api.Assertions.*;

import dev.jsonarena.tape.Numbers;
import dev.jsonarena.tape.Tape;
import dev.jsonarena.testing.Property;
import java.lang.foreign.MemorySegment;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Decimal to double conversion is bit for bit {@link Double#parseDouble} of the same text, on the
 * cases that break fast converters: 17-19 digit significands, halfway points between doubles and
 * their neighbours, exact ties, subnormals, the overflow edge, significands near 2^64, zeros of both
 * signs. It is checked on every entry point ({@link Numbers#decDouble}, {@link
 * Numbers#decimalToDouble}, {@link Numbers#eiselLemireBits}, {@link Numbers#textDouble(MemorySegment,
 * long, int)}, and {@link JsonValue#asDouble()} after a parse), and it allocates nothing.
 */
class DoubleConversionTest extends ArenaFixture {

    /** A decimal {@code (negative ? -1 : 1) * significand * 10^exponent}, significand unsigned and at most 19 digits. */
    record Decimal(boolean negative, long significand, int exponent) {
        String text() {
            return (negative ? "-" : "") + Long.toUnsignedString(significand) + "e" + exponent;
        }

        long expectedBits() {
            return Double.doubleToRawLongBits(Double.parseDouble(text()));
        }

        int digits() {
            return Long.toUnsignedString(significand).length();
        }
    }

    private static final BigInteger TEN_TO_19 = BigInteger.TEN.pow(19);

    /** {@return a decimal of at most 19 digits, biased to the hard cases} */
    static Decimal hardCase(Property.Gen gen) {
        boolean negative = gen.nextBoolean();
        return switch (gen.nextInt(12)) {
            // 17-19 digit significands over the whole exponent range, past both ends
            case 0 -> new Decimal(negative, digits(gen, gen.intBetween(17, 19)), gen.intBetween(-350, 320));
            // DEC-like: every significand length, every fraction length 0..19
            case 1 -> new Decimal(negative, digits(gen, gen.intBetween(1, 19)), -gen.intBetween(0, 19));
            // canada-like coordinates: 17 digits, 2 or 3 of them before the point
            case 2 -> new Decimal(negative, digits(gen, 17), -gen.intBetween(14, 15));
            // the midpoint between a double and its successor (or the double itself), rounded to 17-19 digits
            case 3 -> nearHalfway(gen, negative, randomDouble(gen));
            // the same around the subnormal range and the smallest normals
            case 4 -> nearHalfway(gen, negative, Double.longBitsToDouble(gen.longBetween(0, (1L << 53) + (1L << 52))));
            // the same at the top of the range: the last binades, and MAX_VALUE's midpoint with 2^1024
            case 5 -> nearHalfway(gen, negative, Double.longBitsToDouble(0x7FEFFFFFFFFFFFFFL - gen.longBetween(0, 1L << 53)));
            // exact ties and exact doubles with a decimal exponent of 0..23
            case 6 -> exactBinary(gen, negative, gen.intBetween(0, 23));
            // exact ties and exact doubles with -4..-1, and exact dyadic values down to 5^27
            case 7 -> exactBinary(gen, negative, gen.chance(0.7) ? -gen.intBetween(1, 4) : -gen.intBetween(5, 27));
            // 19-digit significands at or above 2^63 (negative as a signed long)
            case 8 -> new Decimal(negative, gen.longBetween(Long.MIN_VALUE, -8446744073709551617L), gen.intBetween(-350, 320));
            // around 2^53, the edge of Clinger's fast path, and around its 10^22 exponent limit
            case 9 -> new Decimal(negative, (1L << 53) + gen.intBetween(-3, 3), gen.intBetween(-25, 25));
            // a zero significand with any exponent and sign
            case 10 -> new Decimal(negative, 0, gen.intBetween(-400, 400));
            // fixed edges of the double range in 17-19 digit forms
            default -> nearHalfway(gen, negative, gen.pick(Double.MIN_VALUE, Double.MIN_NORMAL,
                    Math.nextDown(Double.MIN_NORMAL), Double.MAX_VALUE, 1.0, 0x1p53, 0x1p63, 0x1p64));
        };
    }

    private static long digits(Property.Gen gen, int n) {
        long w = 1 + gen.nextInt(9);
        for (int i = 1; i < n; i++) {
            w = w * 10 + gen.nextInt(10); // 19 digits stay below 2^64 as unsigned
        }
        return w;
    }

    private static double randomDouble(Property.Gen gen) {
        // uniform over the bit patterns of the positive finite doubles
        return Double.longBitsToDouble(gen.longBetween(1, 0x7FEFFFFFFFFFFFFFL));
    }

    /** The exact midpoint of {@code d} and its successor (or {@code d} itself), rounded to 17-19 digits, maybe nudged by one unit. */
    private static Decimal nearHalfway(Property.Gen gen, boolean negative, double d) {
        long bits = Double.doubleToRawLongBits(d);
        int biased = (int) (bits >>> 52);
        long m = biased == 0 ? bits & 0xFFFFFFFFFFFFFL : (bits & 0xFFFFFFFFFFFFFL) | (1L << 52);
        int k = Math.max(biased, 1) - 1075; // d = m * 2^k
        if (gen.chance(0.8)) {
            m = 2 * m + 1; // the midpoint with the successor (2^1024 after MAX_VALUE)
            k--;
        }
        if (m == 0) {
            return new Decimal(negative, 0, 0);
        }
        int n = gen.intBetween(17, 19);
        RoundingMode mode = gen.pick(RoundingMode.DOWN, RoundingMode.UP, RoundingMode.HALF_EVEN);
        // m * 2^k = w * 10^s with w of n digits: estimate s, then correct it by one if needed
        int s = (int) Math.floor(Math.log10(m) + k * Math.log10(2)) - (n - 1);
        while (true) {
            BigInteger num = BigInteger.valueOf(m).shiftLeft(Math.max(k, 0)).multiply(pow10(Math.max(-s, 0)));
            BigInteger den = BigInteger.ONE.shiftLeft(Math.max(-k, 0)).multiply(pow10(Math.max(s, 0)));
            BigInteger[] qr = num.divideAndRemainder(den);
            BigInteger w = qr[0];
            if (w.compareTo(pow10(n - 1)) < 0) {
                s--;
                continue;
            }
            if (w.compareTo(pow10(n)) >= 0) {
                s++;
                continue;
            }
            int half = qr[1].shiftLeft(1).compareTo(den);
            boolean up = switch (mode) {
                case UP -> qr[1].signum() != 0;
                case HALF_EVEN -> half > 0 || (half == 0 && w.testBit(0));
                default -> false;
            };
            long unscaled = w.longValue() + (up ? 1 : 0) + gen.intBetween(-1, 1);
            if (unscaled <= 0 || Long.compareUnsigned(unscaled, -8446744073709551617L) > 0) {
                unscaled = w.longValue(); // a nudge to zero, or past 19 digits
            }
            return new Decimal(negative, unscaled, s);
        }
    }

    private static final BigInteger[] POW10 = new BigInteger[400];

    static {
        POW10[0] = BigInteger.ONE;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1].multiply(BigInteger.TEN);
        }
    }

    private static BigInteger pow10(int n) {
        return POW10[n];
    }

    /**
     * An exact binary value {@code odd * 2^k} with {@code odd} of 53 bits (a double) or 54 bits (a tie
     * between two doubles), written as {@code significand * 10^exponent}: for {@code exponent >= 0}
     * the significand is {@code odd * 2^t} with {@code odd * 5^exponent} of 53-54 bits; for negative
     * exponents it is {@code m * 5^-exponent * 2^t}.
     */
    private static Decimal exactBinary(Property.Gen gen, boolean negative, int exponent) {
        BigInteger five = BigInteger.valueOf(5).pow(Math.abs(exponent));
        int bits = gen.pick(53, 54, 54, 55);
        BigInteger significand;
        if (exponent >= 0) {
            // odd * 5^q in [2^(bits-1), 2^bits)
            BigInteger lo = BigInteger.ONE.shiftLeft(bits - 1).add(five).subtract(BigInteger.ONE).divide(five);
            BigInteger hi = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).divide(five);
            significand = oddBetween(gen, lo.min(hi), hi);
        } else {
            // m * 5^n below 10^19, m odd of about `bits` bits
            BigInteger hi = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).min(TEN_TO_19.subtract(BigInteger.ONE).divide(five));
            BigInteger lo = BigInteger.ONE.shiftLeft(bits - 1).min(hi.shiftRight(1));
            significand = oddBetween(gen, lo, hi).multiply(five);
        }
        while (significand.compareTo(TEN_TO_19) >= 0) {
            significand = significand.shiftRight(1);
        }
        while (gen.chance(0.3) && significand.shiftLeft(1).compareTo(TEN_TO_19) < 0) {
            significand = significand.shiftLeft(1);
        }
        return new Decimal(negative, significand.longValue(), exponent);
    }

    /** {@return an odd number in {@code lo..hi}, or {@code hi} if it is the only one} */
    private static BigInteger oddBetween(Property.Gen gen, BigInteger lo, BigInteger hi) {
        BigInteger span = hi.subtract(lo).min(BigInteger.valueOf(Long.MAX_VALUE - 1));
        BigInteger r = lo.add(BigInteger.valueOf(gen.longBetween(0, span.longValue()))).setBit(0);
        return r.compareTo(hi) > 0 ? r.subtract(BigInteger.TWO).max(BigInteger.ONE) : r;
    }

    /** {@return {@code c} written as JSON in one of several equivalent texts} */
    static String jsonText(Property.Gen gen, Decimal c) {
        String digits = Long.toUnsignedString(c.significand());
        String sign = c.negative() ? "-" : "";
        int q = c.exponent();
        if (q <= 0 && -q <= 40 && gen.chance(0.5)) {
            // plain decimal: 123.45, 0.00012345, 12345
            int point = digits.length() + q;
            String body = point > 0 ? digits.substring(0, point) + (q < 0 ? "." + digits.substring(point) : "")
                    : "0." + "0".repeat(-point) + digits;
            return sign + body;
        }
        if (q > 0 && q <= 25 && c.significand() != 0 && gen.chance(0.3)) {
            return sign + digits + "0".repeat(q);
        }
        // d.ddd e E, with an optional '+' and upper-case E
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        int e = q + digits.length() - 1;
        String marker = gen.pick("e", "E");
        String esign = e < 0 ? "-" : gen.pick("", "+");
        return sign + mantissa + marker + esign + Math.abs(e);
    }

    @Test
    void everyEntryPointMatchesParseDoubleBitForBitOnHardCases() {
        AtomicLong undecided = new AtomicLong();
        Property.check("decimal -> double == Double.parseDouble", 200_000, gen -> {
            Decimal c = hardCase(gen);
            long expected = c.expectedBits();
            String text = c.text();
            assertEquals(expected, bits(Numbers.decimalToDouble(c.negative(), c.significand(), c.exponent())), text);
            long el = Numbers.eiselLemireBits(c.significand(), c.exponent());
            if (el == Numbers.NO_BITS) {
                undecided.incrementAndGet();
            } else {
                assertEquals(expected & Long.MAX_VALUE, el, "eiselLemireBits " + text);
            }
            if (c.exponent() <= 0) {
                assertEquals(expected, bits(Numbers.decDouble(c.negative(), -c.exponent(), c.significand())),
                        Numbers.decText(c.negative(), -c.exponent(), c.significand()));
            }
            String json = jsonText(gen, c); // the same value written another way (the API test parses it too)
            assertEquals(expected, bits(textDouble(json)), json);
            assertEquals(expected, bits(textDouble(text)), text);
        });
        assertEquals(0, undecided.get(), "Eisel-Lemire left cases undecided (each would allocate a parseDouble)");
    }

    @Test
    void longTextsAreTruncatedTo19DigitsAndBracketedOrParsed() {
        Property.check("> 19 digits: textDouble == Double.parseDouble", 10_000, gen -> {
            double d = gen.chance(0.2) ? Double.longBitsToDouble(gen.longBetween(0, 1L << 54)) : randomDouble(gen);
            BigDecimal exact = new BigDecimal(d).add(new BigDecimal(Math.nextUp(d))).divide(BigDecimal.TWO);
            if (gen.chance(0.3)) {
                exact = new BigDecimal(d);
            }
            // 20-40 significant digits (exact halfway points need hundreds: then the two bounds differ)
            BigDecimal r = gen.chance(0.9) ? exact.round(new MathContext(gen.intBetween(20, 40), RoundingMode.HALF_UP)) : exact;
            String text = (gen.nextBoolean() ? "-" : "") + r.toString().replace("E", gen.pick("e", "E"));
            if (gen.chance(0.2)) {
                text = text.replace("e", "000e").replace("E", "000E"); // trailing zeros past the 19th digit
                if (!text.contains("e") && !text.contains("E")) {
                    text = text.contains(".") ? text + "000" : text + ".000";
                }
            }
            assertEquals(bits(Double.parseDouble(text)), bits(textDouble(text)), text);
        });
    }

    @Test
    void throughTheApiEveryNumberFormReadsAsParseDouble() {
        Property.check("JsonValue.asDouble == Double.parseDouble", 1_000, gen -> {
            int n = 100;
            List<String> texts = new ArrayList<>(n);
            StringBuilder json = new StringBuilder("[");
            for (int i = 0; i < n; i++) {
                String t = jsonText(gen, hardCase(gen));
                texts.add(t);
                json.append(i == 0 ? "" : ",").append(t);
            }
            JsonArray array = parse(json.append(']').toString()).asArray();
            for (int i = 0; i < n; i++) {
                String t = texts.get(i);
                assertEquals(bits(Double.parseDouble(t)), bits(array.get(i).asDouble()), t);
            }
            arena.reset();
        });
    }

    @Test
    void knownHardCasesFromTheLiterature() {
        String[] cases = {
            // Java's 2.2250738585072012e-308 hang (CVE-2010-4476) and the largest subnormal / smallest normal
            "2.2250738585072012e-308", "2.2250738585072011e-308", "2.2250738585072014e-308", "2.2250738585072013e-308",
            "2.225073858507201e-308", "2.2250738585072009e-308",
            // the smallest subnormal and the halfway point to zero, below and above it
            "4.9e-324", "5e-324", "4.9406564584124654e-324", "2.4703282292062327e-324", "2.4703282292062328e-324",
            "2.470328229206232720882e-324", "2.470328229206232720881e-324", "1e-323", "3e-324", "1e-324", "7e-324",
            // the top of the range: MAX_VALUE, its halfway point to 2^1024 (rounds up to infinity), beyond
            "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308", "1.797693134862315807e308",
            "1.797693134862315708e308", "1.7976931348623157e309", "1e308", "1e309", "9.9999999999999999e307",
            "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207"
                + "096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764"
                + "475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177"
                + "90451445676962080661565541472208441271.9",
            // 2^53 + 1 and its neighbours: exact ties between consecutive doubles round to even
            "9007199254740993", "9007199254740992", "9007199254740994", "9007199254740995", "9007199254740997",
            "9007199254740993.0", "900719925474099.3e1", "18014398509481985", "18014398509481986", "18014398509481987",
            // ties with a negative decimal exponent: 2^52 + 1/2, 2^51 + 1/4, 2^50 + 1/8, 2^49 + 1/16
            "4503599627370496.5", "4503599627370497.5", "2251799813685248.25", "2251799813685248.75",
            "1125899906842624.125", "1125899906842624.375", "562949953421312.0625", "562949953421312.1875",
            // 1e23 (not exact, beyond Clinger), famous Rick Regan / Vern Paxson hard inputs
            "1e23", "8.98846567431158e307", "9007199254740991e15", "7.2057594037927933e16", "3.5e-323",
            "5.8339553793802237e23", "1.448997445238699", "4.1011542610946736e-84", "9.8813129168249309e-324",
            "1.00000000000000011102230246251565404236316680908203125", "1.00000000000000011102230246251565404236316680908203124",
            "1.00000000000000011102230246251565404236316680908203126", "0.500000000000000166533453693773481063544750213623046875",
            "3.518437208883201171875e13", "62.5364939768271845828", "8.10109172351e-10", "1.00000005960464477550",
            "1.7976931348623157e-308", "2.4354647073893157e-308",
            // significands near 2^64 and the 19-digit maximum
            "18446744073709551615", "18446744073709551616", "9999999999999999999", "9999999999999999999e-19",
            "9223372036854775807", "9223372036854775808", "9223372036854775809e290", "1844674407370955161.5e-300",
            // zeros, huge exponents, and lone digits
            "-0", "-0.0", "0e999", "-0e-999", "0.0e99999999999", "-0E+99999999999", "1e-99999999999", "-1e99999999999",
            "0.000000000000000000000000000000001", "1" + "0".repeat(400) + "e-400", "0." + "0".repeat(400) + "1e400",
            "123456789012345678901234567890e-330", "-65.613616999999977", "1e22", "1e-22", "9007199254740993e-22",
        };
        for (String t : cases) {
            long expected = bits(Double.parseDouble(t));
            assertEquals(expected, bits(textDouble(t)), t);
            assertEquals(expected, bits(parse(t).asDouble()), t);
            assertEquals(expected, bits(parse("[" + t + "]").asArray().get(0).asDouble()), t);
        }
        // pinned values, independent of Double.parseDouble
        assertEquals(0x000FFFFFFFFFFFFFL, bits(parse("2.2250738585072011e-308").asDouble()));
        assertEquals(0x0010000000000000L, bits(parse("2.2250738585072014e-308").asDouble()));
        assertEquals(1L, bits(parse("2.4703282292062328e-324").asDouble()));
        assertEquals(0L, bits(parse("2.4703282292062327e-324").asDouble()));
        assertEquals(Double.MAX_VALUE, parse("1.7976931348623158e308").asDouble());
        assertEquals(Double.POSITIVE_INFINITY, parse("1.797693134862315808e308").asDouble());
        assertEquals(0x1p53, parse("9007199254740993").asDouble());
        assertEquals(0x1p53 + 4, parse("9007199254740995").asDouble());
        assertEquals(0x1p52, parse("4503599627370496.5").asDouble());
        assertEquals(0x1p52 + 2, parse("4503599627370497.5").asDouble());
        assertEquals(0x44B52D02C7E14AF6L, bits(parse("1e23").asDouble()));
        assertEquals(0x8000000000000000L, bits(parse("-0").asDouble()));
        assertEquals(0x8000000000000000L, bits(Numbers.decimalToDouble(true, 0, 400)));
        assertEquals(Double.NEGATIVE_INFINITY, Numbers.decimalToDouble(true, 1, 309));
        assertEquals(0x8000000000000000L, bits(Numbers.decimalToDouble(true, -1L, -344)));
    }

    @Test
    void theTableCoversItsEdgesAndNoFurther() {
        // the first and last table rows, and one step past each end
        for (long w : new long[] {1, 9, 1L << 53, -1L, -8446744073709551617L /* 10^19 - 1 */}) {
            for (int q : new int[] {-343, -342, -341, -325, -324, -323, 307, 308, 309}) {
                Decimal c = new Decimal(false, w, q);
                assertEquals(c.expectedBits(), bits(Numbers.decimalToDouble(false, w, q)), c.text());
            }
        }
        // exactly representable 19-digit DEC numbers with many trailing zeros: the dyadic path, no fallback
        for (String t : new String[] {"1.500000000000000000", "1.000000000000000000", "0.500000000000000000",
            "-3.250000000000000000", "7.000000000000000000", "1.125000000000000000"}) {
            JsonValue v = parse(t);
            assertEquals(Tape.DEC, v.doc.tag(v.index), t);
            assertEquals(Double.parseDouble(t), v.asDouble(), t);
        }
        assertNotEquals(Numbers.NO_BITS, Numbers.eiselLemireBits(1500000000000000000L, -18));
        assertEquals(bits(1.5), Numbers.eiselLemireBits(1500000000000000000L, -18));
    }

    @Test
    void convertingDecNumbersAllocatesNothing() {
        int n = 10_000;
        StringBuilder json = new StringBuilder("[");
        Property.Gen gen = new Property.Gen(0x5EEDL, 1);
        for (int i = 0; i < n; i++) {
            // canada.json's coordinates: 17 significant digits, 14-15 of them after the point
            long w = digits(gen, 17);
            json.append(i == 0 ? "" : ",").append(Numbers.decText(gen.nextBoolean(), gen.intBetween(14, 15), w));
        }
        JsonValue root = parse(json.append(']').toString());
        JsonCursor cursor = new JsonCursor();
        double[] sink = new double[1];
        Runnable walk = () -> {
            cursor.reset(root);
            double sum = 0;
            if (cursor.enter()) {
                do {
                    sum += cursor.asDouble();
                } while (cursor.next());
            }
            sink[0] = sum;
        };
        for (int i = 0; i < 300; i++) {
            walk.run(); // warm-up: compile the walk and the conversion
        }
        long before = allocatedBytes();
        walk.run();
        long allocated = allocatedBytes() - before;
        assertTrue(allocated < 1024, "allocated " + allocated + " bytes converting " + n + " DEC numbers");

        long[] significands = new long[n];
        int[] fractions = new int[n];
        for (int i = 0; i < n; i++) {
            significands[i] = gen.chance(0.5) ? digits(gen, gen.intBetween(16, 19)) : gen.longBetween(Long.MIN_VALUE, -8446744073709551617L);
            fractions[i] = gen.intBetween(0, 19);
        }
        double sum = 0;
        for (int r = 0; r < 300; r++) {
            for (int i = 0; i < n; i++) {
                sum += Numbers.decDouble(i % 2 == 0, fractions[i], significands[i]);
            }
        }
        before = allocatedBytes();
        for (int i = 0; i < n; i++) {
            sum += Numbers.decDouble(i % 2 == 0, fractions[i], significands[i]);
        }
        allocated = allocatedBytes() - before;
        assertTrue(allocated < 1024, "allocated " + allocated + " bytes in " + n + " decDouble calls (sum " + sum + ")");
    }

    @Test
    void convertingNumberTextWithExponentAllocatesNothing() {
        int n = 10_000;
        Property.Gen gen = new Property.Gen(0xE1L, 1);
        StringBuilder all = new StringBuilder();
        int[] offsets = new int[n + 1];
        for (int i = 0; i < n; i++) {
            offsets[i] = all.length();
            all.append(jsonText(gen, new Decimal(gen.nextBoolean(), digits(gen, gen.intBetween(1, 19)), gen.intBetween(-340, 300))));
            if (i % 2 == 0 && all.indexOf("e", offsets[i]) < 0 && all.indexOf("E", offsets[i]) < 0) {
                all.append("e-7");
            }
        }
        offsets[n] = all.length();
        MemorySegment text = MemorySegment.ofArray(utf8(all.toString()));
        double sum = 0;
        for (int r = 0; r < 200; r++) {
            for (int i = 0; i < n; i++) {
                sum += Numbers.textDouble(text, offsets[i], offsets[i + 1] - offsets[i]);
            }
        }
        long before = allocatedBytes();
        for (int i = 0; i < n; i++) {
            sum += Numbers.textDouble(text, offsets[i], offsets[i + 1] - offsets[i]);
        }
        long allocated = allocatedBytes() - before;
        assertTrue(allocated < 1024, "allocated " + allocated + " bytes in " + n + " textDouble calls (sum " + sum + ")");
        for (int i = 0; i < n; i++) {
            String t = all.substring(offsets[i], offsets[i + 1]);
            assertEquals(bits(Double.parseDouble(t)), bits(Numbers.textDouble(text, offsets[i], offsets[i + 1] - offsets[i])), t);
        }
    }

    @Test
    void textThatIsNotAJsonNumberIsLeftToParseDouble() {
        for (String t : new String[] {"1.", ".5", "+1", "1e", "1e+", "0x10", "1_0", "NaN", "-", ""}) {
            boolean parses;
            double expected = 0;
            try {
                expected = Double.parseDouble(t);
                parses = true;
            } catch (NumberFormatException e) {
                parses = false;
            }
            if (parses) {
                assertEquals(bits(expected), bits(textDouble(t)), t);
            } else {
                assertThrows(NumberFormatException.class, () -> textDouble(t), t);
            }
        }
        // a number inside a larger segment: only its bytes are read
        MemorySegment s = MemorySegment.ofArray(utf8("[12.5e3,7]"));
        assertEquals(12500.0, Numbers.textDouble(s, 1, 6));
        assertThrows(IndexOutOfBoundsException.class, () -> Numbers.textDouble(s, 8, 5));
    }

    private static double textDouble(String text) {
        byte[] b = utf8(text);
        // surround the number with other bytes: the method must read only its range
        byte[] padded = new byte[b.length + 6];
        System.arraycopy(utf8("[9,"), 0, padded, 0, 3);
        System.arraycopy(b, 0, padded, 3, b.length);
        System.arraycopy(utf8(",8]"), 0, padded, 3 + b.length, 3);
        return Numbers.textDouble(MemorySegment.ofArray(padded), 3, b.length);
    }

    private static long bits(double d) {
        return Double.doubleToRawLongBits(d);
    }
}
