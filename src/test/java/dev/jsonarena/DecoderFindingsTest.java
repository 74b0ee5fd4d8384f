package dev.jsonarena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Minimal regressions of what {@link DecoderPropertyTest} and {@link DecoderFuzzTest} found; the
 * fuzzers' inputs are also kept as seeds in their inputs directories.
 */
class DecoderFindingsTest {

    private static JsonValue parse(JsonArena arena, String json) {
        return arena.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Found by {@code fuzzTightLimits} ({@code 0e10000006565}): a zero whose exponent does not fit a
     * BigDecimal scale is still the integer 0, so asLong, asInt and asBigInteger return 0; only
     * asBigDecimal cannot represent it as written.
     */
    @Test
    void zeroWithAnExponentBeyondBigDecimalConvertsToZero() {
        try (JsonPool pool = JsonPool.builder().idleTimeout(Duration.ZERO).build(); JsonArena arena = pool.openArena()) {
            for (String zero : new String[] {"0e10000006565", "-0.000E+99999999999", "0e-99999999999"}) {
                JsonValue v = parse(arena, zero);
                assertEquals(0, v.asLong(), zero);
                assertEquals(0, v.asInt(), zero);
                assertEquals(BigInteger.ZERO, v.asBigInteger(), zero);
                assertEquals(0, new JsonCursor().reset(v).asLong(), zero);
                assertThrows(ArithmeticException.class, v::asBigDecimal, zero);
            }
            JsonValue big = parse(arena, "1e10000006565");
            assertThrows(ArithmeticException.class, big::asLong);
            assertThrows(ArithmeticException.class, big::asBigInteger);
            JsonValue tiny = parse(arena, "1e-10000006565");
            assertThrows(ArithmeticException.class, tiny::asLong);
            assertThrows(ArithmeticException.class, tiny::asBigInteger);
        }
    }
}
