package dev.jsonarena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsonarena.DecoderOracle.Outcome;
import dev.jsonarena.testing.JsonGenerator;
import dev.jsonarena.testing.JsonGenerator.Options;
import dev.jsonarena.testing.JsonMutator;
import dev.jsonarena.testing.Property;
import dev.jsonarena.testing.Property.Gen;
import dev.jsonarena.testing.ReferenceJson;
import dev.jsonarena.testing.ReferenceJson.JValue;
import java.io.ByteArrayInputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Seeded properties of the decoder, on {@link Property} with {@link JsonGenerator} and
 * {@link JsonMutator}; {@link DecoderOracle} holds the checks they share with
 * {@link DecoderFuzzTest}.
 *
 * <p>Default tries: 10,000 generated documents for the round trip, 40,000 mutants, 20,000 inputs
 * against the reference parser, 3,200 documents times 8 limits at their boundary (each through one
 * of 6 entry points), 16,000 embedded slices (each through 4 entry points). The class took 42 s on
 * the 2-core machine at load average 3.5 (sizes grow from the first try to the last, so the later
 * tries are the expensive ones). {@code -Djsonarena.tries=N} or
 * {@code -Djsonarena.tries.multiplier=X} change them; a failure prints the
 * {@code -Djsonarena.seed=0x...} that replays it.
 */
class DecoderPropertyTest {
    /** Property 1: generated documents parsed, compared with their tree, written back and re-parsed (12 s). */
    static final int ROUND_TRIP_TRIES = 10_000;
    /** Property 2: mutants under default or tight limits, some with small budgets (12 s). */
    static final int MUTANT_TRIES = 40_000;
    /** Property 3: generated documents (duplicate keys, BOM) and their mutants against the reference (8 s). */
    static final int REFERENCE_TRIES = 20_000;
    /** Property 4: documents, each checked at all 8 limits (8 s). */
    static final int LIMIT_TRIES = 3200;
    /** Property 5: documents or mutants embedded in garbage (2 s). */
    static final int SLICE_TRIES = 16_000;

    private JsonPool pool;

    @BeforeEach
    void openPool() {
        pool = JsonPool.builder().idleTimeout(Duration.ZERO).build();
    }

    @AfterEach
    void closePool() {
        DecoderOracle.assertPoolIdle(pool);
        pool.close();
    }

    // ---- 1. generated values round-trip ----

    @Test
    void generatedValuesParseToTheirTreeAndWriteBackToAnIdenticalTape() {
        Property.check("generated value -> parse -> toJson -> parse", ROUND_TRIP_TRIES, gen -> {
            Options options = options(gen);
            JsonGenerator.Document doc = new JsonGenerator(gen, options).document();
            JsonLimits limits = JsonLimits.builder().maxDepth(Math.max(512, options.deepNesting())).build();
            try (JsonArena arena = pool.openArena()) {
                JsonValue v = arena.parse(doc.bytes(), limits);
                DecoderOracle.assertMatches(doc.expected(), v);
                String json = v.toJson();
                assertEquals(ReferenceJson.write(doc.expected()), json, "compact JSON");
                JsonValue again = arena.parse(json.getBytes(StandardCharsets.UTF_8), limits);
                DecoderOracle.assertTapeEqual(v, again);
                assertEquals(json, again.toJson(), "writing is idempotent");
            }
            DecoderOracle.assertPoolIdle(pool);
        });
    }

    /** {@return generator options for one try: moderate, deep, wide, ASCII only or without whitespace} */
    private static Options options(Gen gen) {
        return switch (gen.nextInt(6)) {
            case 0 -> Options.DEFAULT.withDeepNesting(1 + gen.sized(1500));
            case 1 -> Options.DEFAULT.wide(1 + gen.sized(300));
            case 2 -> Options.DEFAULT.withUnicodeAndEscapes(false);
            case 3 -> Options.DEFAULT.withWhitespace(false);
            case 4 -> new Options(8, 16, 400, 200, 0, true, true, true, false, true); // long strings
            default -> Options.DEFAULT;
        };
    }

    // ---- 2. mutants: a value or a JsonException, memory back to zero ----

    @Test
    void mutantsParseOrFailWithJsonExceptionLeavingNothing() {
        Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
        Property.check("mutant -> value or JsonException, nothing left behind", MUTANT_TRIES, gen -> {
            byte[] valid = new JsonGenerator(gen, gen.chance(0.2) ? Options.DEFAULT.withDuplicateKeys(true)
                    : Options.DEFAULT).document().bytes();
            byte[] input = JsonMutator.mutate(gen, valid);
            JsonLimits limits = gen.chance(0.3) ? tightLimits(gen) : JsonLimits.builder()
                    .duplicateKeyPolicy(gen.pick(DuplicateKeyPolicy.values())).build();
            long budget = gen.chance(0.2) ? gen.longBetween(1, 64 << 10) : 0;
            outcomes.merge(DecoderOracle.check(pool, input, limits, budget), 1, Integer::sum);
        });
        System.out.println("mutants: " + outcomes);
        assertAllOutcomes(outcomes, MUTANT_TRIES);
    }

    /** {@return random limits small enough that generated documents pass them} */
    static JsonLimits tightLimits(Gen gen) {
        return JsonLimits.builder()
                .maxDepth(gen.intBetween(0, 8))
                .maxDocumentBytes(gen.intBetween(1, 2048))
                .maxTokens(gen.intBetween(1, 64))
                .maxObjectMembers(gen.intBetween(1, 12))
                .maxArrayElements(gen.intBetween(1, 12))
                .maxKeyBytes(gen.intBetween(1, 40))
                .maxStringBytes(gen.intBetween(1, 80))
                .maxNumberChars(gen.intBetween(1, 40))
                .duplicateKeyPolicy(gen.pick(DuplicateKeyPolicy.values()))
                .allowByteOrderMark(gen.nextBoolean())
                .build();
    }

    private static void assertAllOutcomes(Map<Outcome, Integer> outcomes, int tries) {
        if (outcomes.values().stream().mapToInt(Integer::intValue).sum() >= tries) { // not a replayed seed
            for (Outcome o : Outcome.values()) {
                assertTrue(outcomes.getOrDefault(o, 0) > 0, "the property reached " + o + ": " + outcomes);
            }
        }
    }

    // ---- 3. the reference parser agrees ----

    @Test
    void referenceParserAgreesOnGeneratedAndMutatedInputs() {
        Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
        Property.check("decoder and reference agree", REFERENCE_TRIES, gen -> {
            Options options = gen.chance(0.5) ? Options.DEFAULT.withDuplicateKeys(true) : options(gen);
            if (options.deepNesting() >= ReferenceJson.DEFAULT_MAX_DEPTH) {
                options = options.withDeepNesting(gen.intBetween(1, 1023));
            }
            byte[] input = new JsonGenerator(gen, options).document().bytes();
            boolean bom = gen.chance(0.1);
            if (bom) {
                input = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, input);
            }
            if (gen.nextBoolean()) {
                input = JsonMutator.mutate(gen, input);
            }
            JsonLimits limits = JsonLimits.builder().maxDepth(1023)
                    .duplicateKeyPolicy(gen.pick(DuplicateKeyPolicy.values()))
                    .allowByteOrderMark(bom ? gen.nextBoolean() : gen.chance(0.1)).build();
            outcomes.merge(DecoderOracle.check(pool, input, limits, 0), 1, Integer::sum);
        });
        System.out.println("reference agreement: " + outcomes);
        if (outcomes.values().stream().mapToInt(Integer::intValue).sum() >= REFERENCE_TRIES) {
            assertTrue(outcomes.getOrDefault(Outcome.ACCEPTED, 0) > REFERENCE_TRIES / 4, outcomes.toString());
            assertTrue(outcomes.getOrDefault(Outcome.REJECTED_PARSE, 0) > REFERENCE_TRIES / 10, outcomes.toString());
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    // ---- 4. every limit at its boundary ----

    @Test
    void everyLimitParsesAtItsValueAndFailsOneUnitOver() {
        Map<JsonLimit, Integer> checked = new EnumMap<>(JsonLimit.class);
        Property.check("limits at their boundary", LIMIT_TRIES, gen -> {
            JsonGenerator.Document doc = limitDocument(gen);
            Entry entry = gen.pick(Entry.values());
            for (JsonLimit limit : JsonLimit.values()) {
                long m = LimitScanner.measure(doc.expected(), doc.bytes(), limit);
                long min = limit == JsonLimit.DEPTH ? 1 : 2;
                if (m < min) {
                    continue; // no document one unit over a limit's smallest value
                }
                long expectedOffset = LimitScanner.firstViolation(doc.bytes(), limit, m - 1);
                assertEquals(-1, LimitScanner.firstViolation(doc.bytes(), limit, m), "scanner agrees with measure");
                assertTrue(expectedOffset >= 0, "scanner finds the violation of " + limit + " at " + (m - 1));
                JsonLimits at = JsonLimits.builder().set(limit, m).build();
                JsonLimits under = JsonLimits.builder().set(limit, m - 1).build();
                try (JsonArena arena = pool.openArena()) {
                    JsonValue v = (JsonValue) expectValue(DecoderOracle.parseCatching(() -> entry.parse(arena, doc.bytes(), at)),
                            limit + " = " + m + " via " + entry);
                    DecoderOracle.assertMatches(doc.expected(), v);
                    DecoderOracle.Mark before = DecoderOracle.Mark.of(arena, pool);
                    Object r = DecoderOracle.parseCatching(() -> entry.parse(arena, doc.bytes(), under));
                    if (!(r instanceof JsonLimitException e)) {
                        throw new AssertionError(limit + " = " + (m - 1) + " via " + entry + ": expected a JsonLimitException, got "
                                + (r instanceof JsonValue w ? w.toJson() : r), r instanceof Throwable t ? t : null);
                    }
                    before.assertRolledBack(DecoderOracle.Mark.of(arena, pool), e);
                    assertEquals(limit, e.limit(), e.getMessage());
                    assertEquals(m - 1, e.limitValue(), e.getMessage());
                    assertEquals(expectedOffset, e.offset(), () -> limit + " via " + entry + ": " + e.getMessage());
                    if (limit != JsonLimit.DOCUMENT_BYTES) { // checked by the parser, which knows the line and column
                        DecoderOracle.assertLineAndColumn(e, doc.bytes());
                    }
                    assertTrue(e.getMessage().contains(limit.setting()) && e.getMessage().contains(Long.toString(m - 1)),
                            e.getMessage());
                    assertEquals(v.toJson(), entry.parse(arena, doc.bytes(), at).toJson(), "the arena parses after the failure");
                } catch (Exception ex) {
                    throw new AssertionError(ex);
                }
                checked.merge(limit, 1, Integer::sum);
            }
            DecoderOracle.assertPoolIdle(pool);
        });
        System.out.println("limits checked: " + checked);
        if (checked.values().stream().mapToInt(Integer::intValue).sum() >= LIMIT_TRIES) {
            for (JsonLimit l : JsonLimit.values()) {
                if (l == JsonLimit.RECORD_BYTES) {
                    continue; // a JsonRecordReader's limit: RecordReaderTest checks it
                }
                assertTrue(checked.getOrDefault(l, 0) >= LIMIT_TRIES / 4, "tries for " + l + ": " + checked);
            }
        }
    }

    private static Object expectValue(Object result, String what) {
        if (result instanceof JsonException e) {
            throw new AssertionError(what + ": the document within the limit failed: " + e, e);
        }
        return result;
    }

    /** {@return a random valid document with at least one string, name, number and container, no byte order mark} */
    private static JsonGenerator.Document limitDocument(Gen gen) {
        Options options = switch (gen.nextInt(4)) {
            case 0 -> Options.DEFAULT.withDeepNesting(1 + gen.sized(200));
            case 1 -> Options.DEFAULT.wide(1 + gen.sized(100));
            case 2 -> new Options(6, 12, 300, 120, 0, true, true, true, false, true);
            default -> Options.DEFAULT;
        };
        JsonGenerator g = new JsonGenerator(gen, options);
        JsonGenerator.Document doc = g.document();
        for (int i = 0; i < 20 && !hasEverything(doc); i++) {
            doc = g.document();
        }
        if (!hasEverything(doc)) {
            // small tries: wrap the value with what it lacks, still random
            JValue wrapped = new ReferenceJson.JArray(java.util.List.of(doc.expected(),
                    new ReferenceJson.JObject(java.util.List.of(Map.entry(g.string() + "ab", new ReferenceJson.JString(g.string() + "cd")),
                            Map.entry(g.string() + "xy", new ReferenceJson.JNumber(twoChars(g.numberText())))))));
            doc = new JsonGenerator.Document(g.encode(wrapped), wrapped);
        }
        return doc;
    }

    private static String twoChars(String number) {
        return number.length() >= 2 ? number : "-" + number;
    }

    private static boolean hasEverything(JsonGenerator.Document doc) {
        for (JsonLimit l : new JsonLimit[] {JsonLimit.KEY_BYTES, JsonLimit.STRING_BYTES, JsonLimit.NUMBER_CHARS,
                JsonLimit.OBJECT_MEMBERS, JsonLimit.ARRAY_ELEMENTS}) {
            if (LimitScanner.measure(doc.expected(), doc.bytes(), l) < 2) {
                return false;
            }
        }
        return true;
    }

    /** The entry points a limit is checked through; each reads the same bytes. */
    enum Entry {
        BYTES {
            @Override
            JsonValue parse(JsonArena arena, byte[] json, JsonLimits limits) {
                return arena.parse(json, limits);
            }
        },
        BYTE_SLICE {
            @Override
            JsonValue parse(JsonArena arena, byte[] json, JsonLimits limits) {
                byte[] big = new byte[json.length + 10];
                java.util.Arrays.fill(big, (byte) '9');
                System.arraycopy(json, 0, big, 5, json.length);
                return arena.parse(big, 5, json.length, limits);
            }
        },
        DIRECT_BUFFER {
            @Override
            JsonValue parse(JsonArena arena, byte[] json, JsonLimits limits) {
                return arena.parse(ByteBuffer.allocateDirect(json.length).put(json).flip(), limits);
            }
        },
        NATIVE_SEGMENT {
            @Override
            JsonValue parse(JsonArena arena, byte[] json, JsonLimits limits) {
                try (Arena a = Arena.ofConfined()) {
                    MemorySegment seg = a.allocate(Math.max(1, json.length)).asSlice(0, json.length);
                    MemorySegment.copy(json, 0, seg, ValueLayout.JAVA_BYTE, 0, json.length);
                    return arena.parse(seg, limits);
                }
            }
        },
        INPUT_STREAM {
            @Override
            JsonValue parse(JsonArena arena, byte[] json, JsonLimits limits) throws Exception {
                return arena.parse(new ByteArrayInputStream(json), limits);
            }
        },
        CHANNEL {
            @Override
            JsonValue parse(JsonArena arena, byte[] json, JsonLimits limits) throws Exception {
                return arena.parse(Channels.newChannel(new ByteArrayInputStream(json)), limits);
            }
        };

        abstract JsonValue parse(JsonArena arena, byte[] json, JsonLimits limits) throws Exception;
    }

    // ---- 5. slices: nothing outside [offset, offset + length) is read ----

    @Test
    void aDocumentInsideGarbageParsesAsItDoesAlone() {
        int[] accepted = new int[1];
        Property.check("slice of a larger array = standalone", SLICE_TRIES, gen -> {
            byte[] generated = new JsonGenerator(gen).document().bytes();
            byte[] doc = gen.nextBoolean() ? JsonMutator.mutate(gen, generated) : generated;
            byte[] before = garbage(gen, doc);
            byte[] after = garbage(gen, doc);
            byte[] big = concat(concat(before, doc), after);
            int off = before.length;
            int len = doc.length;
            try (JsonArena arena = pool.openArena(); Arena a = Arena.ofConfined()) {
                Object alone = DecoderOracle.parseCatching(() -> arena.parse(doc));
                accepted[0] += alone instanceof JsonValue ? 1 : 0;
                DecoderOracle.assertSameResult(alone,
                        DecoderOracle.parseCatching(() -> arena.parse(big, off, len)), "byte[] slice");
                ByteBuffer heap = ByteBuffer.wrap(big, off, len);
                DecoderOracle.assertSameResult(alone, DecoderOracle.parseCatching(() -> arena.parse(heap)), "heap buffer");
                assertEquals(off, heap.position(), "position unchanged");
                assertEquals(off + len, heap.limit(), "limit unchanged");
                ByteBuffer direct = ByteBuffer.allocateDirect(big.length).put(big).position(off).limit(off + len);
                DecoderOracle.assertSameResult(alone, DecoderOracle.parseCatching(() -> arena.parse(direct)), "direct buffer");
                MemorySegment seg = a.allocate(big.length);
                MemorySegment.copy(big, 0, seg, ValueLayout.JAVA_BYTE, 0, big.length);
                DecoderOracle.assertSameResult(alone,
                        DecoderOracle.parseCatching(() -> arena.parse(seg.asSlice(off, len))), "native slice");
            }
            DecoderOracle.assertPoolIdle(pool);
        });
        assertTrue(accepted[0] > 0, "some documents parsed");
    }

    /**
     * {@return bytes to put around a document}: nothing, random bytes, or bytes that would change
     * the document if read (digits and exponent characters, quotes, escapes, brackets, literal
     * tails, another copy of the document)
     */
    private static byte[] garbage(Gen gen, byte[] doc) {
        return switch (gen.nextInt(6)) {
            case 0 -> new byte[0];
            case 1 -> gen.bytes(1 + gen.nextInt(16));
            case 2 -> pick(gen, "0123456789", ".5e+7", "E-1", "0", "1");
            case 3 -> pick(gen, "\"", "\\", "\\u", "u0041\"", "\"}", "]", "}", ",1]", ":1}", "rue", "ull", "alse", "e");
            case 4 -> pick(gen, " ", "\n", "\t\r", "\u00e9", "\ud83d\ude00");
            default -> doc.clone();
        };
    }

    private static byte[] pick(Gen gen, String... options) {
        StringBuilder sb = new StringBuilder();
        int n = 1 + gen.nextInt(3);
        for (int i = 0; i < n; i++) {
            sb.append(gen.pick(options));
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
