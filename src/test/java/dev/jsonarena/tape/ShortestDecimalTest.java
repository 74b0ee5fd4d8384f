package dev.jsonarena.tape;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jsonarena.testing.Property;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@link ShortestDecimal} against {@link Double#toString(double)} and {@link Float#toString(float)},
 * which specify the same decimal and the same layout: every value written here must read exactly as
 * the JDK spells it.
 */
class ShortestDecimalTest {

    @Test
    void theLogarithmApproximationsAreExactOverTheExponentsTheyServe() {
        for (int q = -1100; q <= 1100; q++) {
            assertEquals(largestPowerOfTenAtMost(BigInteger.ONE, q), ShortestDecimal.floorLog10Pow2(q), "q " + q);
            assertEquals(largestPowerOfTenAtMost(BigInteger.valueOf(3), q - 2),
                    ShortestDecimal.floorLog10ThreeQuartersPow2(q), "3/4 q " + q);
        }
        for (int e = -400; e <= 400; e++) {
            assertEquals(largestPowerOfTwoAtMostTenTo(e), ShortestDecimal.floorLog2Pow10(e), "e " + e);
        }
    }

    /** {@return the largest k with 10^k <= m 2^q} */
    private static int largestPowerOfTenAtMost(BigInteger m, int q) {
        int k = (int) Math.floor(q * Math.log10(2)) - 2;
        while (tenToAtMost(k + 1, m, q)) {
            k++;
        }
        return k;
    }

    /** {@return whether 10^k <= m 2^q}, compared as integers by moving negative powers across */
    private static boolean tenToAtMost(int k, BigInteger m, int q) {
        BigInteger left = k >= 0 ? BigInteger.TEN.pow(k) : BigInteger.ONE;
        BigInteger right = k >= 0 ? m : m.multiply(BigInteger.TEN.pow(-k));
        if (q >= 0) {
            right = right.shiftLeft(q);
        } else {
            left = left.shiftLeft(-q);
        }
        return left.compareTo(right) <= 0;
    }

    /** {@return the largest r with 2^r <= 10^e} */
    private static int largestPowerOfTwoAtMostTenTo(int e) {
        if (e >= 0) {
            return BigInteger.TEN.pow(e).bitLength() - 1;
        }
        return -BigInteger.TEN.pow(-e).bitLength(); // 10^-e is not a power of two
    }

    @Test
    void everyDoubleAtTheEdgesOfItsRangeAndLayoutIsSpeltAsDoubleToStringSpellsIt() {
        StringBuilder failures = new StringBuilder();
        double[] fixed = {
            0.0, -0.0, Double.MIN_VALUE, 2 * Double.MIN_VALUE, 3 * Double.MIN_VALUE, Double.MIN_NORMAL,
            Math.nextDown(Double.MIN_NORMAL), Math.nextUp(Double.MIN_NORMAL), Double.MAX_VALUE,
            Math.nextDown(Double.MAX_VALUE), 1.0, 0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3, 100.0, 1e7, 1e-3,
            Math.nextDown(1e7), Math.nextUp(1e7), Math.nextDown(1e-3), Math.nextUp(1e-3), 9999999.0,
            9999999.999999998, 0.001, 0.0009999999999999998, 1e21, 1e22, 1e23, 5e-324, 9007199254740991.0,
            9007199254740992.0, 9007199254740993.0, 2e-323, 1.7976931348623157e308, 4.35e-322, 1.0e-5,
            123456789012345680.0, 2.2250738585072014E-308, 2.9802322387695312E-8, 1.9430376160308388E16,
            -6.9741824662760956E19, 4.3816050601147837E18, 5.0e-324, 1.5e-323, 2.0e-323,
        };
        for (double v : fixed) {
            check(v, failures);
            check(-v, failures);
        }
        for (int exponent = 0; exponent < 2047; exponent++) { // every power of two and its neighbours
            checkAround(Double.longBitsToDouble((long) exponent << 52), failures);
        }
        for (int k = -324; k <= 308; k++) { // every power of ten and its neighbours
            checkAround(Double.parseDouble("1e" + k), failures);
        }
        for (long c = 1; c < 3000; c++) { // the smallest subnormals, where the digits are few
            check(Double.longBitsToDouble(c), failures);
        }
        for (long n = 1; n < 100_000; n++) { // integers, and short decimals at every layout's border
            check(n, failures);
            check(n / 1000.0, failures);
            check(n / 1e7, failures);
            check(n * 1e7, failures);
        }
        assertEquals("", failures.toString());
    }

    @Test
    void randomDoublesOfEveryExponentAndShortDecimalsAreSpeltAsDoubleToStringSpellsThem() {
        Property.check("shortest decimal of a double", 200, gen -> {
            StringBuilder failures = new StringBuilder();
            for (int i = 0; i < 5_000; i++) {
                long bits = gen.nextLong();
                double v = Double.longBitsToDouble(bits);
                if (Double.isFinite(v)) {
                    check(v, failures); // uniform over bit patterns: every exponent alike
                }
                check(gen.nextDouble() * Math.pow(10, gen.intBetween(-12, 12)), failures);
                long digits = gen.longBetween(1, 1_000_000_000_000_000L) / (long) Math.pow(10, gen.nextInt(17));
                check(Double.parseDouble(digits + "e" + gen.intBetween(-330, 310)), failures); // few digits, any scale
            }
            assertEquals("", failures.toString());
        });
    }

    @Test
    void everyFloatAtTheEdgesAndRandomFloatsAreSpeltAsFloatToStringSpellsThem() {
        StringBuilder failures = new StringBuilder();
        for (int exponent = 0; exponent < 255; exponent++) { // every power of two and its neighbours
            checkAround(Float.intBitsToFloat(exponent << 23), failures);
        }
        for (int k = -45; k <= 38; k++) { // every power of ten and its neighbours
            checkAround(Float.parseFloat("1e" + k), failures);
        }
        for (int c = 1; c < 3000; c++) { // the smallest subnormals
            check(Float.intBitsToFloat(c), failures);
        }
        for (int n = 1; n < 100_000; n++) {
            check((float) n, failures);
            check(n / 1000f, failures);
            check(n / 1e7f, failures);
        }
        for (float v : new float[] {0f, -0f, Float.MAX_VALUE, Float.MIN_NORMAL, 0.1f, 1.0E7f, 16777216f, 3.4028235E38f, 1.17549435E-38f}) {
            check(v, failures);
            check(-v, failures);
        }
        assertEquals("", failures.toString());
        Property.check("shortest decimal of a float", 100, gen -> {
            StringBuilder randomFailures = new StringBuilder();
            for (int i = 0; i < 10_000; i++) {
                check(Float.intBitsToFloat((int) gen.nextLong()), randomFailures);
            }
            assertEquals("", randomFailures.toString());
        });
    }

    /**
     * Every positive float (2^31 bit patterns, minutes on two cores), when
     * {@value #EVERY_FLOAT_PROPERTY} is {@code true}; the float side is small enough to check whole.
     */
    @Test
    void everyFloatIsSpeltAsFloatToStringSpellsItWhenAskedFor() {
        Assumptions.assumeTrue(Boolean.getBoolean(EVERY_FLOAT_PROPERTY), "set -D" + EVERY_FLOAT_PROPERTY + "=true to run");
        String failures = IntStream.range(0, 256).parallel().mapToObj(block -> {
            StringBuilder found = new StringBuilder();
            for (int low = 0; low < 1 << 23; low++) {
                check(Float.intBitsToFloat(block << 23 | low), found);
            }
            return found.toString();
        }).collect(Collectors.joining());
        assertEquals("", failures);
    }

    static final String EVERY_FLOAT_PROPERTY = "jsonarena.floats.every";

    /** {@link #check(float, StringBuilder)} of {@code v} and of its two neighbours. */
    private static void checkAround(float v, StringBuilder failures) {
        check(v, failures);
        check(Math.nextUp(v), failures);
        check(Math.nextDown(v), failures);
    }

    /** {@link #check(double, StringBuilder)} of {@code v} and of its two neighbours. */
    private static void checkAround(double v, StringBuilder failures) {
        check(v, failures);
        check(Math.nextUp(v), failures);
        check(Math.nextDown(v), failures);
    }

    /** Appends a line to {@code failures} unless {@code v} is written as Float.toString spells it, within its room. */
    private static void check(float v, StringBuilder failures) {
        if (!Float.isFinite(v)) {
            return;
        }
        byte[] buf = new byte[ShortestDecimal.MAX_LENGTH + 2];
        int end = ShortestDecimal.write(v, buf, 1);
        String expected = Float.toString(v);
        if (!expected.contentEquals(new String(buf, 1, end - 1, StandardCharsets.US_ASCII)) && failures.length() < 2000) {
            failures.append(Integer.toHexString(Float.floatToRawIntBits(v))).append(": expected ").append(expected)
                    .append(", got ").append(new String(buf, 1, end - 1, StandardCharsets.US_ASCII)).append('\n');
        }
    }

    /** Appends a line to {@code failures} unless {@code v} is written as Double.toString spells it, within its room. */
    private static void check(double v, StringBuilder failures) {
        if (!Double.isFinite(v)) {
            return;
        }
        byte[] buf = new byte[ShortestDecimal.MAX_LENGTH + 2];
        buf[0] = '<';
        java.util.Arrays.fill(buf, 1, buf.length, (byte) '>');
        int end = ShortestDecimal.write(v, buf, 1);
        String expected = Double.toString(v);
        String got = new String(buf, 1, end - 1, StandardCharsets.US_ASCII);
        boolean untouched = buf[0] == '<' && buf[buf.length - 1] == '>'; // nothing before, nothing past MAX_LENGTH
        if ((!expected.equals(got) || !untouched) && failures.length() < 2000) {
            failures.append(Long.toHexString(Double.doubleToRawLongBits(v))).append(": expected ").append(expected)
                    .append(", got ").append(new String(buf, StandardCharsets.US_ASCII)).append('\n');
        }
    }
}
