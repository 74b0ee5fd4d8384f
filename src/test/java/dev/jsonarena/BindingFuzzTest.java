package dev.jsonarena;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.jsonarena.BindingModel.Everything;
import dev.jsonarena.testing.PoolPerClass;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Jazzer target binding arbitrary bytes into {@link BindingModel.Everything}, a nested record type
 * reaching every bindable type: a parse and a bind may only fail with a {@link JsonException}
 * subtype (anything else escapes and fails the run), under the default codecs and under the
 * strict ones, and what binds writes back and binds again to the same JSON.
 *
 * <p>In the default {@code mvn test} the target runs once per input committed under
 * {@code src/test/resources/dev/jsonarena/BindingFuzzTestInputs/fuzzBind/}. To fuzz for ten minutes:
 * <pre>
 * JAZZER_FUZZ=1 mvn -o test -Dtest=BindingFuzzTest -Djazzer.max_duration=10m
 * </pre>
 */
class BindingFuzzTest {
    private static final JsonCodecs STRICT = JsonCodecs.builder().rejectUnknownMembers(true)
            .defaultMissingPrimitives(true).build();
    @RegisterExtension
    static final PoolPerClass POOL = new PoolPerClass();

    @DictionaryEntries({"{\"scalars\":", "\"times\":", "\"containers\":", "\"page\":", "\"shape\":", "\"shapes\":",
        "\"renamed\":", "\"tree\":", "\"children\":", "\"kind\":\"Circle\"", "\"kind\":\"sq\"", "\"kind\":\"Group\"",
        "\"parts\":", "\"radius\":", "\"items\":", "\"first\":", "\"total\":", "\"instant\":\"2026-12-04T10:15:30Z\"",
        "\"uuid\":\"123e4567-e89b-12d3-a456-426614174000\"", "\"duration\":\"PT1.5S\"", "\"level\":\"WARN\"",
        "\"optional\":", "\"ints\":[", "3000000000", "1.5", "null", "true", "[]", "{}"})
    @FuzzTest(maxDuration = "30s")
    void fuzzBind(byte[] input) {
        try (JsonArena arena = POOL.pool().openArena()) {
            for (JsonCodecs codecs : new JsonCodecs[] {JsonCodecs.defaults(), STRICT}) {
                Everything e;
                try {
                    e = codecs.bind(arena.parse(input), Everything.class);
                } catch (JsonException expected) {
                    continue;
                }
                byte[] json = codecs.toJsonBytes(e, JsonFormat.COMPACT);
                Everything again = codecs.bind(arena.parse(json), Everything.class);
                if (!java.util.Arrays.equals(json, codecs.toJsonBytes(again, JsonFormat.COMPACT))) {
                    throw new AssertionError("bound value writes differently after a second bind: "
                            + new String(json, java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        }
    }
}
