package dev.jsonarena.tape;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Jazzer target for {@link ShortestDecimal}: a double and a float built from the input's bits
 * (whole bit patterns, and decimals of few digits at any scale, where the shortening and the
 * layout's borders are) must be written exactly as {@link Double#toString(double)} and
 * {@link Float#toString(float)} spell them; anything else fails the run.
 *
 * <p>In the default {@code mvn test} the target runs once per input committed under
 * {@code src/test/resources/dev/jsonarena/tape/ShortestDecimalFuzzTestInputs/fuzzDoublesAndFloats/}. To fuzz
 * for ten minutes:
 * <pre>
 * JAZZER_FUZZ=1 mvn -o test -Dtest=ShortestDecimalFuzzTest -Djazzer.max_duration=10m
 * </pre>
 */
class ShortestDecimalFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void fuzzDoublesAndFloats(FuzzedDataProvider data) {
        long bits = data.consumeLong();
        int digits = data.consumeInt(1, 17);
        int exponent = data.consumeInt(-345, 310);
        check(Double.longBitsToDouble(bits));
        check(Float.intBitsToFloat((int) bits));
        check(Float.intBitsToFloat((int) (bits >>> 32)));
        long mantissa = Math.floorMod(bits, 1_000_000_000_000_000_00L) / (long) Math.pow(10, 17 - digits);
        double decimal = Double.parseDouble(mantissa + "e" + exponent);
        check(decimal);
        check(Math.nextUp(decimal));
        check(Math.nextDown(decimal));
        check(Float.parseFloat(mantissa + "e" + exponent / 8));
    }

    private static void check(double v) {
        if (Double.isFinite(v)) {
            byte[] buf = new byte[ShortestDecimal.MAX_LENGTH];
            assertSpelt(buf, ShortestDecimal.write(v, buf, 0), Double.toString(v), Long.toHexString(Double.doubleToRawLongBits(v)));
        }
    }

    private static void check(float v) {
        if (Float.isFinite(v)) {
            byte[] buf = new byte[ShortestDecimal.MAX_LENGTH];
            assertSpelt(buf, ShortestDecimal.write(v, buf, 0), Float.toString(v), Integer.toHexString(Float.floatToRawIntBits(v)));
        }
    }

    /** Fails, naming the value by its {@code bits}, unless {@code buf[0, length)} is {@code expected}. */
    private static void assertSpelt(byte[] buf, int length, String expected, String bits) {
        String got = new String(buf, 0, length, StandardCharsets.US_ASCII);
        if (!got.equals(expected)) {
            throw new AssertionError(bits + ": " + got + " (expected: " + expected + ")");
        }
    }
}
