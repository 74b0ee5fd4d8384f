package dev.jsonarena;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.jsonarena.testing.PoolPerClass;
import java.util.Arrays;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Jazzer fuzz targets of the decoder over raw bytes; every input goes through
 * {@link DecoderOracle#check}: only a {@link JsonException} may escape, the reference parser
 * agrees on accept, reject and value, an accepted document writes back and re-parses to an
 * identical tape, a failed parse leaves nothing, and the pool's accounting returns to zero.
 *
 * <p>In the default {@code mvn test} both targets run in Jazzer's regression mode: once per input
 * committed under {@code src/test/resources/dev/jsonarena/DecoderFuzzTestInputs/<method>/} (the
 * conformance corpus as seeds, plus any past finding). To fuzz one target for ten minutes:
 * <pre>
 * JAZZER_FUZZ=1 mvn -o test -Dtest=DecoderFuzzTest#fuzzTightLimits -Djazzer.max_duration=10m
 * JAZZER_FUZZ=1 mvn -o test -Dtest=DecoderFuzzTest#fuzzDefaultLimits -Djazzer.max_duration=10m
 * </pre>
 * Findings are written to that target's inputs directory and replay in every regression run once
 * committed. See {@code docs/testing.md}, section Fuzzing, for measured runs.
 */
class DecoderFuzzTest {
    /** Bytes of the limits header of {@link #fuzzTightLimits}. */
    static final int HEADER = 8;

    @RegisterExtension
    static final PoolPerClass POOL = new PoolPerClass();

    /**
     * Parses under tight limits read from the input's first {@value #HEADER} bytes (see
     * {@link #tightLimits(byte[])}), so that the fuzzer reaches every limit's boundary; the rest
     * of the input is the document. Inputs shorter than the header are parsed whole under the
     * limits of an all-zero header.
     */
    @DictionaryEntries({"\"", "\\", "\\u", "\\uD83D\\uDE00", "\\uDBFF\\uDFFF", "\\uD800", "\\/", "true", "false",
        "null", "e+", "E-", "1e308", "-0", "0.", "{}", "[]", "\":", "\",\"", "\u00e9", "\u20ac", "\ud83d\ude00",
        "\ufeff", "9223372036854775808"})
    @FuzzTest(maxDuration = "30s")
    void fuzzTightLimits(byte[] input) {
        if (input.length < HEADER) {
            DecoderOracle.check(POOL.pool(), input, tightLimits(new byte[HEADER]), 0);
        } else {
            DecoderOracle.check(POOL.pool(), Arrays.copyOfRange(input, HEADER, input.length), tightLimits(input), 0);
        }
    }

    /** Parses under the default limits (depth 512, duplicate keys rejected, no byte order mark). */
    @DictionaryEntries({"\"", "\\", "\\u", "\\uD83D\\uDE00", "\\uDBFF\\uDFFF", "\\uD800", "\\/", "true", "false",
        "null", "e+", "E-", "1e308", "-0", "0.", "{}", "[]", "\":", "\",\"", "\u00e9", "\u20ac", "\ud83d\ude00",
        "\ufeff", "9223372036854775808"})
    @FuzzTest(maxDuration = "30s")
    void fuzzDefaultLimits(byte[] input) {
        DecoderOracle.check(POOL.pool(), input, JsonLimits.defaults(), 0);
    }

    /**
     * {@return the limits encoded in the first {@value #HEADER} bytes of {@code header}}, one byte
     * each, unsigned: depth {@code b0 % 17}; tokens {@code 1 + b1 % 64}; object members
     * {@code 1 + b2 % 16}; array elements {@code 1 + b3 % 16}; key bytes {@code 1 + b4 % 32};
     * string bytes {@code 1 + b5 % 64}; number characters {@code 1 + b6 % 32}; {@code b7}: bits
     * 0-1 the duplicate-key policy (REJECT, FIRST_WINS, LAST_WINS, LAST_WINS), bit 2 whether a byte
     * order mark is allowed, bits 3-7 document bytes {@code 16 * (1 + (b7 >>> 3))} (16 to 512)
     */
    static JsonLimits tightLimits(byte[] header) {
        int[] b = new int[HEADER];
        for (int i = 0; i < HEADER; i++) {
            b[i] = header[i] & 0xFF;
        }
        DuplicateKeyPolicy[] policies = {DuplicateKeyPolicy.REJECT, DuplicateKeyPolicy.FIRST_WINS,
            DuplicateKeyPolicy.LAST_WINS, DuplicateKeyPolicy.LAST_WINS};
        return JsonLimits.builder()
                .maxDepth(b[0] % 17)
                .maxTokens(1 + b[1] % 64)
                .maxObjectMembers(1 + b[2] % 16)
                .maxArrayElements(1 + b[3] % 16)
                .maxKeyBytes(1 + b[4] % 32)
                .maxStringBytes(1 + b[5] % 64)
                .maxNumberChars(1 + b[6] % 32)
                .duplicateKeyPolicy(policies[b[7] & 3])
                .allowByteOrderMark((b[7] & 4) != 0)
                .maxDocumentBytes(16L * (1 + (b[7] >>> 3)))
                .build();
    }
}
