package dev.jsonarena;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.jsonarena.DirectBindingTest.Order;
import dev.jsonarena.bind.Codecs;
import dev.jsonarena.testing.PoolPerClass;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Jazzer target for the direct reading of the one-call parse ({@code bind.DirectInput}): arbitrary
 * bytes are bound to {@link DirectBindingTest.Order} directly and through their parsed document,
 * under the default and the strict codecs; whatever is read directly must be exactly what the
 * document binds (anything else fails the run), and the direct reading may throw nothing.
 *
 * <p>In the default {@code mvn test} the target runs once per input committed under
 * {@code src/test/resources/dev/jsonarena/DirectBindingFuzzTestInputs/fuzzDirect/}. To fuzz for ten minutes:
 * <pre>
 * JAZZER_FUZZ=1 mvn -o test -Dtest=DirectBindingFuzzTest -Djazzer.max_duration=10m
 * </pre>
 */
class DirectBindingFuzzTest {
    private static final JsonCodecs STRICT = JsonCodecs.builder().rejectUnknownMembers(true)
            .defaultMissingPrimitives(true).build();
    private static final JsonLimits SMALL = JsonLimits.builder().maxDepth(6).maxStringBytes(24).maxNumberChars(12)
            .maxTokens(200).build();
    @RegisterExtension
    static final PoolPerClass POOL = new PoolPerClass();

    @DictionaryEntries({"{\"id\":", "\"customer\":", "\"items\":[{", "\"sku\":", "\"qty\":", "\"price\":", "\"level\":\"INFO\"",
        "\"note\":", "\"amount\":", "\"n\":", "\"tags\":{", "\"codes\":[", "\"ints\":[", "\"names\":[", "\"flag\":",
        "\"ch\":", "\"b\":", "\"s\":", "\"f\":", "\"big\":", "\"nested\":[[", "\"tree\":{\"name\":", "\"children\":[",
        "\"renamed\":", "\"groups\":{", "\"day\":\"2026-12-05\"", "\"took\":\"PT1S\"", "\"weights\":[", "\"first\":",
        "\\u00e9", "\\ud83d\\ude00", "1e5", "-0", "0.5", "3000000000", "null", "true", "[]", "{}"})
    @FuzzTest(maxDuration = "30s")
    void fuzzDirect(byte[] input) {
        for (JsonCodecs codecs : new JsonCodecs[] {JsonCodecs.defaults(), STRICT}) {
            for (JsonLimits limits : new JsonLimits[] {JsonLimits.defaults(), SMALL}) {
                Object direct = codecs.bindBytesAlways(input, limits, Order.class);
                if (direct == Codecs.NOT_BOUND) {
                    continue;
                }
                Object expected;
                try (JsonArena arena = POOL.pool().openArena()) {
                    expected = codecs.bind(arena.parse(input, limits), Order.class);
                } catch (JsonException e) {
                    throw new AssertionError("read directly, but the document gives " + e + ": "
                            + new String(input, StandardCharsets.UTF_8), e);
                }
                if (!JsonCodecs.defaults().toJson(expected).equals(JsonCodecs.defaults().toJson(direct))) {
                    throw new AssertionError("read directly to another value: " + new String(input, StandardCharsets.UTF_8));
                }
            }
        }
    }
}
