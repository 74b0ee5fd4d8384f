package dev.jsonarena.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jsonarena.JsonPool;
import dev.jsonarena.testing.JsonGenerator;
import dev.jsonarena.testing.JsonMutator;
import dev.jsonarena.testing.Property;
import dev.jsonarena.testing.ReferenceJson;
import dev.jsonarena.testing.ReferenceJson.JValue;
import dev.jsonarena.testing.SharedCorpus;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks that what the decoder benchmarks ({@link ParseBenchmark}, {@link ParseWalkBenchmark},
 * {@link ParseFewFieldsBenchmark}, {@link ParseThreadsBenchmark}, {@link ArenaBytesReport}) time
 * is the work they claim to time, with correct results: the heap baseline is a correct, strict
 * decoder (agrees with the reference parser), every walk sees every value of each corpus file
 * (counts and sums that an independent decoder computed), the few-fields readers read the same
 * values, and a parse holds at most 2 arena bytes per input byte.
 *
 * <p>Tests that need the corpus ({@code ../shared/corpus}) are skipped when it is absent, or fail
 * when it is required ({@link SharedCorpus}).
 */
class DecoderBenchmarksTest {
    private static final Path CONFORMANCE = Path.of("src/test/resources/conformance");

    static Stream<String> files() {
        return Corpus.FILES.stream();
    }

    private static byte[] corpus(String file) {
        SharedCorpus.assumeBenchmarkFiles();
        return Corpus.read(file);
    }

    private static JsonPool pool() {
        return JsonPool.builder().idleTimeout(Duration.ZERO).build();
    }

    // ---- the heap baseline is a correct, validating decoder ----

    @Test
    void heapDecoderAcceptsAndRejectsTheConformanceCorpusLikeTheReferenceParser() throws IOException {
        List<Path> valid = jsonFiles(CONFORMANCE.resolve("valid"));
        List<Path> invalid = jsonFiles(CONFORMANCE.resolve("invalid"));
        assertTrue(valid.size() > 50 && invalid.size() > 50, "premise: the conformance corpus is there");
        for (Path p : valid) {
            byte[] json = Files.readAllBytes(p);
            assertSameValue(ReferenceJson.parse(json), HeapJsonDecoder.decode(json), p.getFileName().toString());
        }
        for (Path p : invalid) {
            byte[] json = Files.readAllBytes(p);
            assertThrows(HeapJsonDecoder.MalformedJsonException.class, () -> HeapJsonDecoder.decode(json),
                    p.getFileName().toString());
        }
    }

    @Test
    void heapDecoderDecodesGeneratedDocumentsToTheirValue() {
        Property.check("heap decoder: generated documents", 300, gen -> {
            JsonGenerator.Document doc = new JsonGenerator(gen).document();
            assertSameValue(doc.expected(), HeapJsonDecoder.decode(doc.bytes()), doc.text());
        });
    }

    @Test
    void heapDecoderRejectsExactlyTheMutantsTheReferenceParserRejects() {
        Property.check("heap decoder: mutants", 500, gen -> {
            byte[] mutant = JsonMutator.mutate(gen, new JsonGenerator(gen).document().bytes());
            JValue expected;
            try {
                expected = ReferenceJson.parse(mutant);
            } catch (ReferenceJson.Rejected e) {
                HeapJsonDecoder.MalformedJsonException m = assertThrows(HeapJsonDecoder.MalformedJsonException.class,
                        () -> HeapJsonDecoder.decode(mutant), () -> HexFormat.of().formatHex(mutant));
                assertTrue(m.offset() >= 0 && m.offset() <= mutant.length, m.getMessage());
                return;
            }
            assertSameValue(expected, HeapJsonDecoder.decode(mutant), HexFormat.of().formatHex(mutant));
        });
    }

    @Test
    void heapDecoderNamesTheOffsetOfTheProblem() {
        byte[] json = "{\"a\": [1, 2,]}".getBytes(StandardCharsets.UTF_8);
        HeapJsonDecoder.MalformedJsonException e =
                assertThrows(HeapJsonDecoder.MalformedJsonException.class, () -> HeapJsonDecoder.decode(json));
        assertEquals(12, e.offset());
        assertTrue(e.getMessage().contains("at byte 12"), e.getMessage());
    }

    @Test
    void heapDecoderProducesTheDocumentedTypes() {
        Object v = HeapJsonDecoder.decode(("{\"s\":\"\\u00e9t\\u00e9\",\"i\":-42,\"big\":123456789012345678901,"
                + "\"d\":1.5e1,\"t\":true,\"n\":null,\"a\":[]}").getBytes(StandardCharsets.UTF_8));
        Map<?, ?> m = assertInstanceOf(Map.class, v);
        assertEquals("été", m.get("s"));
        assertEquals(-42L, m.get("i"));
        assertEquals(new BigDecimal("123456789012345678901"), m.get("big"));
        assertEquals(15.0, m.get("d"));
        assertEquals(Boolean.TRUE, m.get("t"));
        assertTrue(m.containsKey("n"));
        assertNull(m.get("n"));
        assertEquals(List.of(), m.get("a"));
    }

    @ParameterizedTest
    @MethodSource("files")
    void heapDecoderDecodesEachCorpusFileAsTheReferenceParserDoes(String file) {
        byte[] json = corpus(file);
        assertSameValue(ReferenceJson.parse(json), HeapJsonDecoder.decode(json), file);
    }

    // ---- parse only ----

    @ParameterizedTest
    @MethodSource("files")
    void everyDecoderParsesEachFileToTheSameRootAndLeavesNothingInUse(String file) {
        byte[] json = corpus(file);
        int expected = switch (file) {
            case "twitter.json" -> 2;        // statuses, search_metadata
            case "citm_catalog.json" -> 11;
            case "canada.json" -> 2;         // type, features
            case "github_events.json" -> 30; // events
            default -> throw new AssertionError(file);
        };
        try (JsonPool pool = pool()) {
            for (DecoderType type : availableDecoders()) {
                Decoder decoder = type.create(pool);
                for (int i = 0; i < 3; i++) {
                    assertEquals(expected, decoder.parse(json), type + " on " + file);
                }
                decoder.close();
                assertEquals(0, pool.stats().inUseBytes(), type + ": in use after close");
                assertEquals(0, pool.stats().openArenas(), type + ": open arenas after close");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("files")
    void parseBenchmarkMethodsReturnTheRootSizeForEveryImplementation(String file) {
        byte[] json = corpus(file);
        int expected = DecoderType.heapRootSize(HeapJsonDecoder.decode(json));
        for (DecoderType type : availableDecoders()) {
            ParseBenchmark b = new ParseBenchmark();
            b.file = file;
            b.impl = type;
            b.setUp();
            try {
                assertEquals(expected, b.parse(), type + " on " + file);
            } finally {
                b.tearDown();
            }
        }
        ParseThreadsBenchmark.Shared shared = new ParseThreadsBenchmark.Shared();
        shared.file = file;
        shared.impl = DecoderType.JSONARENA;
        shared.setUp();
        ParseThreadsBenchmark.PerThread thread = new ParseThreadsBenchmark.PerThread();
        thread.setUp(shared);
        assertEquals(expected, new ParseThreadsBenchmark().parse2Threads(shared, thread));
        thread.tearDown();
        shared.tearDown();
    }

    // ---- the outside parsers (DecoderType javadoc) ----

    private static final List<DecoderType> OUTSIDE =
            List.of(DecoderType.JACKSON_TREE, DecoderType.JACKSON_STREAM, DecoderType.FASTJSON2, DecoderType.SIMDJSON);

    @ParameterizedTest
    @MethodSource("files")
    void outsideParsersReturnTheSameRootSizeAsJsonarena(String file) {
        byte[] json = corpus(file);
        try (JsonPool pool = pool()) {
            Decoder arena = DecoderType.JSONARENA.create(pool);
            int expected = arena.parse(json);
            arena.close();
            assertTrue(expected > 0, "premise: the root of " + file + " is a non-empty container");
            for (DecoderType type : OUTSIDE) {
                if (!type.available()) {
                    continue; // simdjsonParsesEachFileToTheSameRootAsJsonarena reports the skip
                }
                Decoder d = type.create(pool);
                assertEquals(expected, d.parse(json), type + " on " + file);
                assertEquals(expected, d.parse(json), type + " on " + file + ", second parse");
                d.close();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("files")
    void simdjsonParsesEachFileToTheSameRootAsJsonarena(String file) {
        assumeTrue(DecoderType.SIMDJSON.available(), "SIMDJSON needs " + DecoderType.VECTOR_MODULE + ": run with"
                + " -Djsonarena.test.jvmArgs=--add-modules=" + DecoderType.VECTOR_MODULE);
        byte[] json = corpus(file);
        int expected;
        try (JsonPool pool = pool()) {
            Decoder arena = DecoderType.JSONARENA.create(pool);
            expected = arena.parse(json);
            arena.close();
        }
        ParseSimdJsonBenchmark b = new ParseSimdJsonBenchmark();
        b.file = file;
        b.impl = DecoderType.SIMDJSON;
        b.setUp();
        try {
            assertEquals(expected, b.parse(), "SIMDJSON on " + file);
        } finally {
            b.tearDown();
        }
    }

    @Test
    void simdjsonWithoutTheIncubatorModuleNamesIt() {
        assumeFalse(DecoderType.SIMDJSON.available(), "this JVM has " + DecoderType.VECTOR_MODULE);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> DecoderType.SIMDJSON.create(null));
        assertTrue(e.getMessage().contains("--add-modules " + DecoderType.VECTOR_MODULE), e.getMessage());
    }

    private static final byte[] OVERLONG_SLASH = {'[', '"', (byte) 0xC0, (byte) 0xAF, '"', ']'};
    private static final byte[] ENCODED_SURROGATE = {'[', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', ']'};
    private static final byte[] BOM_THEN_ARRAY = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '[', '1', ']'};

    @Test
    void jacksonTreeIsStrictInSyntaxButReadsOnlyTheFirstValue() {
        Decoder d = DecoderType.JACKSON_TREE.create(null);
        for (String bad : List.of("[1,2,]", "['a']", "{a:1}", "[1/*c*/]", "[01]", "[NaN]", "[+1]", "[1.]", "[\"a\u0001\"]",
                "[\"\\q\"]", "[1,,2]")) {
            assertThrows(RuntimeException.class, () -> d.parse(bytes(bad)), bad);
        }
        assertEquals(0, d.parse(bytes("{} x")), "FAIL_ON_TRAILING_TOKENS is off by default");
        assertEquals(0, d.parse(bytes("{} {\"a\":1}")), "a second root value is not read");
        assertEquals(0, d.parse(bytes("")), "empty input: MissingNode");
        assertEquals(1, d.parse(OVERLONG_SLASH), "overlong UTF-8 accepted");
        assertThrows(RuntimeException.class, () -> d.parse(ENCODED_SURROGATE), "a decoded string is checked for surrogates");
        assertEquals(1, d.parse(bytes("[\"\\ud800\"]")), "escaped lone surrogate accepted");
    }

    @Test
    void jacksonStreamChecksTheDocumentButNotTheUtf8OfStringsItSkips() {
        Decoder d = DecoderType.JACKSON_STREAM.create(null);
        for (String bad : List.of("[1,2,]", "['a']", "{a:1}", "[1/*c*/]", "[01]", "[NaN]", "[\"a\u0001\"]", "[\"\\q\"]",
                "{} x", "[1,2")) {
            assertThrows(RuntimeException.class, () -> d.parse(bytes(bad)), bad);
        }
        IllegalArgumentException second = assertThrows(IllegalArgumentException.class, () -> d.parse(bytes("{} {}")));
        assertTrue(second.getMessage().contains("after the root value at byte 3"), second.getMessage());
        assertThrows(IllegalArgumentException.class, () -> d.parse(bytes(" ")), "no value");
        assertEquals(1, d.parse(OVERLONG_SLASH), "overlong UTF-8 in a skipped string");
        assertEquals(1, d.parse(ENCODED_SURROGATE), "an encoded surrogate in a skipped string (JACKSON_TREE rejects it)");
        assertThrows(RuntimeException.class, () -> d.parse(new byte[] {'[', '"', (byte) 0xFF, '"', ']'}), "not a lead byte");
        assertEquals(1, d.parse(BOM_THEN_ARRAY), "a UTF-8 byte order mark is skipped");
        assertEquals(2, d.parse(bytes("{\"a\":1,\"a\":2}")), "duplicate names counted, not detected");
        assertEquals(-1, d.parse(bytes(" 7 ")), "a scalar root");
        assertEquals(3, d.parse(bytes("[[1,[2]],{\"b\":[]},\"s\"]")), "nested containers are skipped whole");
    }

    @Test
    void fastjson2AcceptsNonRfcInputByDefault() {
        Decoder d = DecoderType.FASTJSON2.create(null);
        assertEquals(2, d.parse(bytes("[1,2,]")), "trailing comma");
        assertEquals(1, d.parse(bytes("['a']")), "single quotes");
        assertEquals(1, d.parse(bytes("{a:1}")), "unquoted name");
        assertEquals(1, d.parse(bytes("[1/*c*/]")), "comment");
        assertEquals(1, d.parse(bytes("[01]")), "leading zero");
        assertEquals(1, d.parse(bytes("[NaN]")), "NaN");
        assertEquals(1, d.parse(bytes("[\"a\u0001\"]")), "raw control character");
        assertEquals(1, d.parse(OVERLONG_SLASH), "overlong UTF-8");
        assertEquals(1, d.parse(ENCODED_SURROGATE), "encoded surrogate");
        assertEquals(-1, d.parse(bytes("")), "empty input parses to null");
        assertThrows(RuntimeException.class, () -> d.parse(bytes("{} x")), "trailing content is rejected");
        assertThrows(RuntimeException.class, () -> d.parse(bytes("[\"\\q\"]")), "a bad escape is rejected");
    }

    @Test
    void simdjsonRejectsWhatJsonarenaRejectsAndIntegersBeyond64Bits() {
        assumeTrue(DecoderType.SIMDJSON.available(), "SIMDJSON needs " + DecoderType.VECTOR_MODULE);
        Decoder d = DecoderType.SIMDJSON.create(null);
        for (String bad : List.of("[1,2,]", "['a']", "{a:1}", "[01]", "[NaN]", "{} x", "{} {}", "", "[\"a\u0001\"]")) {
            assertThrows(RuntimeException.class, () -> d.parse(bytes(bad)), bad);
        }
        assertThrows(RuntimeException.class, () -> d.parse(OVERLONG_SLASH));
        assertThrows(RuntimeException.class, () -> d.parse(ENCODED_SURROGATE));
        assertThrows(RuntimeException.class, () -> d.parse(bytes("[18446744073709551616]")), "valid JSON, beyond 64 bits");
        assertEquals(1, d.parse(bytes("[9223372036854775807]")));
    }

    @Test
    void parseCpuTimeTakesTheImplementationsByName() {
        assertEquals(List.of(DecoderType.JSONARENA, DecoderType.HEAP_DECODER), ParseCpuTime.impls(ParseCpuTime.DEFAULT_IMPLS));
        assertEquals(List.of(DecoderType.FASTJSON2, DecoderType.JSONARENA),
                ParseCpuTime.impls(" FASTJSON2, JSONARENA,,FASTJSON2 "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ParseCpuTime.impls("JSONARENA,GSON"));
        assertTrue(e.getMessage().contains("\"GSON\"") && e.getMessage().contains(ParseCpuTime.IMPLS_PROPERTY), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ParseCpuTime.impls(" , "));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<DecoderType> availableDecoders() {
        return Stream.of(DecoderType.values()).filter(DecoderType::available).toList();
    }

    @Test
    void absentCorpusFailsTheSetupWithThePath() {
        String old = System.getProperty(Corpus.PROPERTY);
        System.setProperty(Corpus.PROPERTY, "/nonexistent/corpus-dir");
        try {
            assertFalse(Corpus.available());
            ParseBenchmark b = new ParseBenchmark();
            b.file = "twitter.json";
            b.impl = DecoderType.JSONARENA;
            IllegalStateException e = assertThrows(IllegalStateException.class, b::setUp);
            assertTrue(e.getMessage().contains("/nonexistent/corpus-dir/twitter.json"), e.getMessage());
            assertTrue(e.getMessage().contains(Corpus.PROPERTY), e.getMessage());
        } finally {
            if (old == null) {
                System.clearProperty(Corpus.PROPERTY);
            } else {
                System.setProperty(Corpus.PROPERTY, old);
            }
        }
    }

    // ---- parse and walk ----

    /**
     * Counts and sums of each corpus file, computed independently (Python's {@code json} module:
     * UTF-16 lengths, integers summed mod 2^64, raw bits of the other numbers' doubles summed).
     */
    private record Facts(long objects, long arrays, long keys, long keyChars, long strings, long stringChars,
                         long stringUtf8Bytes, long numbers, long integers, long integerSum, long doubleBits,
                         long trues, long falses, long nulls) {
        static Facts of(String file) {
            return switch (file) {
                case "twitter.json" -> new Facts(1264, 1050, 13345, 167201, 4754, 137128, 200716, 2109, 2108,
                        7152497860071742983L, 4590933431344464658L, 345, 2446, 1946);
                case "citm_catalog.json" -> new Facts(10937, 10451, 25869, 204962, 735, 16243, 16417, 14392, 14392,
                        341051379245698L, 0, 0, 0, 1263);
                case "canada.json" -> new Facts(4, 56045, 8, 53, 4, 37, 37, 111126, 46, -3257,
                        2269686247970567928L, 0, 0, 0);
                case "github_events.json" -> new Facts(180, 19, 1139, 7911, 752, 37865, 37867, 149, 149, 2006754842L,
                        0, 57, 7, 24);
                default -> throw new AssertionError(file);
            };
        }
    }

    @ParameterizedTest
    @MethodSource("files")
    void everyWalkSeesEveryValueOfTheFile(String file) {
        byte[] json = corpus(file);
        Facts f = Facts.of(file);
        try (JsonPool pool = pool()) {
            WalkTotals heap = walk(WalkType.HEAP_DECODER, pool, json);
            for (WalkType type : WalkType.values()) {
                WalkTotals t = walk(type, pool, json);
                String what = type + " on " + file + ": " + t;
                assertEquals(f.objects, t.objects, what);
                assertEquals(f.arrays, t.arrays, what);
                assertEquals(f.keys, t.keys, what);
                assertEquals(f.strings, t.strings, what);
                assertEquals(f.numbers, t.numbers, what);
                assertEquals(f.integers, t.integers, what);
                assertEquals(f.integerSum, t.integerSum, what);
                assertEquals(f.doubleBits, t.doubleBits, what);
                assertEquals(f.trues, t.trues, what);
                assertEquals(f.falses, t.falses, what);
                assertEquals(f.nulls, t.nulls, what);
                if (type == WalkType.JSONARENA_CURSOR_IN_PLACE) {
                    assertEquals(f.stringUtf8Bytes, t.stringUtf8Bytes, what);
                    assertEquals(0, t.keyChars + t.stringChars + t.keyHashes + t.stringHashes, what + ": nothing materialised");
                } else {
                    assertEquals(f.keyChars, t.keyChars, what);
                    assertEquals(f.stringChars, t.stringChars, what);
                    assertEquals(heap.keyHashes, t.keyHashes, what);
                    assertEquals(heap.stringHashes, t.stringHashes, what);
                    assertEquals(heap.checksum(), t.checksum(), what);
                }
                assertEquals(0, pool.stats().inUseBytes(), type + ": in use after the walk");
            }
        }
    }

    private static WalkTotals walk(WalkType type, JsonPool pool, byte[] json) {
        Walker w = type.create(pool);
        WalkTotals first = new WalkTotals();
        w.parseAndWalk(json, first);
        WalkTotals second = new WalkTotals();
        w.parseAndWalk(json, second);
        assertEquals(first.toString(), second.toString(), type + ": a second walk sees the same");
        return first;
    }

    @ParameterizedTest
    @MethodSource("files")
    void walkBenchmarkReturnsTheSameChecksumForTheMaterialisingWalks(String file) {
        corpus(file);
        Long expected = null;
        for (WalkType type : WalkType.values()) {
            ParseWalkBenchmark b = new ParseWalkBenchmark();
            b.file = file;
            b.impl = type;
            b.setUp();
            try {
                long sum = b.parseAndWalk();
                assertEquals(sum, b.parseAndWalk(), type + ": repeatable");
                if (type != WalkType.JSONARENA_CURSOR_IN_PLACE) {
                    if (expected == null) {
                        expected = sum;
                    }
                    assertEquals(expected, sum, type + " on " + file);
                }
            } finally {
                b.tearDown();
            }
        }
    }

    // ---- parse and read a few fields ----

    @ParameterizedTest
    @MethodSource("files")
    void fewFieldsReadersReadTheSameValues(String file) {
        byte[] json = corpus(file);
        FewFields fields = FewFields.forFile(file);
        List<Object> first = switch (file) {
            case "twitter.json" -> List.of(505874924095815681L, 0L, "ayuu0123");
            case "citm_catalog.json" -> List.of(339887544L, 138586341L, 1372701600000L, "PLEYEL_PLEYEL");
            case "canada.json" -> List.of("Canada", "Polygon", 480L);
            case "github_events.json" -> List.of("1652857722", "PushEvent", "jathanism", true);
            default -> throw new AssertionError(file);
        };
        long records = switch (file) {
            case "twitter.json" -> 100;
            case "citm_catalog.json" -> 243;
            case "canada.json" -> 1;
            case "github_events.json" -> 30;
            default -> throw new AssertionError(file);
        };
        try (JsonPool pool = pool()) {
            FieldSink heap = read(FieldReaderType.HEAP_DECODER, pool, json, fields);
            assertEquals(records, heap.records);
            assertEquals(records * first.size(), heap.values().size(), "every field of every record");
            assertEquals(first, heap.values().subList(0, first.size()));
            for (FieldReaderType type : FieldReaderType.values()) {
                FieldSink s = read(type, pool, json, fields);
                assertEquals(heap.values(), s.values(), type + " on " + file);
                assertEquals(heap.toString(), s.toString(), type + " on " + file);
                assertEquals(0, pool.stats().inUseBytes(), type + ": in use after reading");
            }
        }
    }

    private static FieldSink read(FieldReaderType type, JsonPool pool, byte[] json, FewFields fields) {
        FieldSink sink = FieldSink.recording();
        type.create(pool).parseAndRead(json, fields, sink);
        return sink;
    }

    @ParameterizedTest
    @MethodSource("files")
    void fewFieldsBenchmarkMethodsAgree(String file) {
        corpus(file);
        ParseFewFieldsBenchmark b = new ParseFewFieldsBenchmark();
        ParseFewFieldsBenchmark.Input input = new ParseFewFieldsBenchmark.Input();
        input.file = file;
        input.setUp();
        try {
            Long expected = null;
            for (FieldReaderType type : FieldReaderType.values()) {
                ParseFewFieldsBenchmark.Reader reader = new ParseFewFieldsBenchmark.Reader();
                reader.impl = type;
                reader.setUp(input);
                long sum = b.readFewFields(input, reader);
                assertEquals(sum, b.readFewFields(input, reader), type + ": repeatable");
                if (expected == null) {
                    expected = sum;
                }
                assertEquals(expected, sum, type + " on " + file);
            }
            assertEquals(DecoderType.heapRootSize(HeapJsonDecoder.decode(input.json)), b.parseOnly(input));
        } finally {
            input.tearDown();
        }
    }

    // ---- arena bytes per input byte ----

    @Test
    void arenaHoldsAtMostTheBoundOfArenaBytesPerInputByteOnEachCorpusFile() {
        SharedCorpus.assumeBenchmarkFiles();
        List<ArenaBytesReport.Row> rows = ArenaBytesReport.measureCorpus();
        System.out.print(ArenaBytesReport.table(rows));
        for (ArenaBytesReport.Row r : rows) {
            assertTrue(r.regionBytes() >= r.tapeBytes() + r.stringBytes(), r.toString());
            assertTrue(r.otherBytes() >= 0, r.toString());
            assertTrue(r.perInputByte() <= SharedCorpus.MAX_ARENA_BYTES_PER_INPUT_BYTE,
                    "arena bytes <= " + SharedCorpus.MAX_ARENA_BYTES_PER_INPUT_BYTE + "x the input: " + r);
        }
    }

    // ---- helpers ----

    private static List<Path> jsonFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    /** Asserts a heap decoder result is the reference value: numbers by value, duplicate names last-wins. */
    private static void assertSameValue(JValue expected, Object actual, String where) {
        switch (expected) {
            case ReferenceJson.JObject o -> {
                Map<?, ?> m = assertInstanceOf(Map.class, actual, where);
                Map<String, JValue> last = new LinkedHashMap<>();
                for (Map.Entry<String, JValue> e : o.members()) {
                    last.put(e.getKey(), e.getValue());
                }
                assertEquals(last.keySet(), m.keySet(), where);
                for (Map.Entry<String, JValue> e : last.entrySet()) {
                    assertSameValue(e.getValue(), m.get(e.getKey()), where + "/" + e.getKey());
                }
            }
            case ReferenceJson.JArray a -> {
                List<?> l = assertInstanceOf(List.class, actual, where);
                assertEquals(a.elements().size(), l.size(), where);
                for (int i = 0; i < l.size(); i++) {
                    assertSameValue(a.elements().get(i), l.get(i), where + "/" + i);
                }
            }
            case ReferenceJson.JString s -> assertEquals(s.value(), actual, where);
            case ReferenceJson.JNumber n -> {
                String text = n.text();
                boolean integer = text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0;
                if (integer) {
                    BigDecimal exact = new BigDecimal(text);
                    if (actual instanceof Long l) {
                        assertEquals(0, exact.compareTo(BigDecimal.valueOf(l)), where + ": " + text);
                    } else {
                        BigDecimal b = assertInstanceOf(BigDecimal.class, actual, where + ": " + text);
                        assertEquals(0, exact.compareTo(b), where + ": " + text);
                        assertThrows(ArithmeticException.class, exact::longValueExact, where + ": Long if it fits");
                    }
                } else {
                    Double d = assertInstanceOf(Double.class, actual, where + ": " + text);
                    assertEquals(Double.doubleToRawLongBits(Double.parseDouble(text)), Double.doubleToRawLongBits(d),
                            where + ": " + text);
                }
            }
            case ReferenceJson.JTrue t -> assertEquals(Boolean.TRUE, actual, where);
            case ReferenceJson.JFalse f -> assertEquals(Boolean.FALSE, actual, where);
            case ReferenceJson.JNull z -> assertNull(actual, where);
            default -> fail("unknown value " + expected);
        }
    }
}
