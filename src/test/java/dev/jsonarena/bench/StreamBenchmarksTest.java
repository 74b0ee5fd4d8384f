package dev.jsonarena.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jsonarena.JsonArena;
import dev.jsonarena.JsonPool;
import dev.jsonarena.JsonType;
import dev.jsonarena.JsonValue;
import dev.jsonarena.input.InputWindow;
import dev.jsonarena.testing.SharedCorpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks that what {@link StreamParseBenchmark}, {@link StreamArenaBytesReport} and
 * {@link RecordReaderBenchmark} time is the work they claim, with correct results: the generated
 * inputs are deterministic, valid and of the stated shapes and sizes; every {@link InputKind}
 * parses every input to the same document as a {@code byte[]}; and every
 * {@link RecordReaderType} computes the same record count and field totals on every JSON Lines
 * input, equal to figures computed without either parser.
 *
 * <p>Tests that need the corpus ({@code ../shared/corpus}) are skipped when it is absent, or fail
 * when it is required ({@link SharedCorpus}).
 */
class StreamBenchmarksTest {
    private static final ObjectMapper JACKSON = new ObjectMapper();

    static Stream<String> parseInputs() {
        return Stream.concat(Corpus.FILES.stream(), GeneratedJson.DOCUMENTS.stream());
    }

    static Stream<String> recordInputs() {
        return Stream.concat(Stream.of(RecordField.AMAZON), GeneratedJson.NDJSON.stream());
    }

    /** The input's bytes; a corpus file that is absent skips the test. */
    private static byte[] input(String name) {
        if (!GeneratedJson.isGenerated(name)) {
            SharedCorpus.file(name);
        }
        return GeneratedJson.input(name);
    }

    private static JsonPool pool() {
        return JsonPool.builder().idleTimeout(Duration.ZERO).build();
    }

    // ---- the generated inputs ----

    @Test
    void generatedInputsAreTheSameEveryTimeAndLargerThanOneWindow() {
        for (String name : GeneratedJson.DOCUMENTS) {
            byte[] a = GeneratedJson.bytes(name);
            assertArrayEquals(a, GeneratedJson.bytes(name), name);
            assertTrue(a.length > 2 * InputWindow.WINDOW_BYTES, name + ": " + a.length);
        }
        assertBetween(4 << 20, 4.2 * (1 << 20), GeneratedJson.bytes(GeneratedJson.LOG_RECORDS).length);
        assertBetween(2 << 20, 2.1 * (1 << 20), GeneratedJson.bytes(GeneratedJson.NUMBER_ARRAY).length);
        assertBetween(2 << 20, 2.1 * (1 << 20), GeneratedJson.bytes(GeneratedJson.DEEP_NESTING).length);
        assertBetween(4 << 20, 4.1 * (1 << 20), GeneratedJson.bytes(GeneratedJson.LONG_STRINGS).length);
        for (String name : GeneratedJson.NDJSON) {
            byte[] a = GeneratedJson.bytes(name);
            assertArrayEquals(a, GeneratedJson.bytes(name), name);
            assertBetween(GeneratedJson.NDJSON_BYTES, GeneratedJson.NDJSON_BYTES * 1.01, a.length);
        }
    }

    private static void assertBetween(double low, double high, double actual) {
        assertTrue(actual >= low && actual <= high, actual + " (expected: " + low + " to " + high + ")");
    }

    @Test
    void generatedDocumentsHaveTheirShapeByJacksonAsWell() throws IOException {
        JsonNode logs = JACKSON.readTree(GeneratedJson.bytes(GeneratedJson.LOG_RECORDS));
        assertTrue(logs.isArray() && logs.size() > 10_000, "log records: " + logs.size());
        for (JsonNode r : logs) {
            assertTrue(GeneratedJson.LEVELS.contains(r.get("level").textValue()), r.toString());
            assertTrue(r.get("ts").isIntegralNumber() && r.get("msg").isTextual(), r.toString());
        }

        JsonNode numbers = JACKSON.readTree(GeneratedJson.bytes(GeneratedJson.NUMBER_ARRAY));
        assertTrue(numbers.size() > 200_000, "numbers: " + numbers.size());
        boolean integer = false;
        boolean fraction = false;
        for (JsonNode n : numbers) {
            assertTrue(n.isNumber(), n.toString());
            integer |= n.isIntegralNumber();
            fraction |= n.isFloatingPointNumber();
        }
        String text = new String(GeneratedJson.bytes(GeneratedJson.NUMBER_ARRAY), StandardCharsets.US_ASCII);
        boolean exponent = text.contains("e") && text.contains("E-");
        assertTrue(exponent && integer && fraction && !text.contains(" "), "every number form, no spaces");

        byte[] deep = GeneratedJson.bytes(GeneratedJson.DEEP_NESTING);
        assertEquals(200, maxDepth(deep));
        JsonNode nest = JACKSON.readTree(deep);
        assertTrue(nest.size() > 5000, "nests: " + nest.size());
        JsonNode leaf = nest.get(7);
        for (int d = 0; d < 199; d++) {
            assertTrue(leaf.isArray() && leaf.size() == 1, "depth " + d);
            leaf = leaf.get(0);
        }
        assertEquals(7, leaf.intValue());

        JsonNode strings = JACKSON.readTree(GeneratedJson.bytes(GeneratedJson.LONG_STRINGS));
        assertEquals(4, strings.size());
        for (JsonNode s : strings) {
            String v = s.textValue();
            // 1 MiB of JSON text; decoded, each escape is 1-4 bytes shorter
            assertBetween(0.98 * (1 << 20), (1 << 20) + 64, v.getBytes(StandardCharsets.UTF_8).length);
            assertTrue(v.contains("\n") && v.contains("\"") && v.contains("\u65e5\u672c"), "escapes and non-ASCII");
        }
    }

    private static int maxDepth(byte[] json) {
        int depth = 0;
        int max = 0;
        for (byte b : json) { // no strings in this document
            if (b == '[' || b == '{') {
                max = Math.max(max, ++depth);
            } else if (b == ']' || b == '}') {
                depth--;
            }
        }
        assertEquals(0, depth);
        return max;
    }

    // ---- StreamParseBenchmark ----

    @ParameterizedTest
    @MethodSource("parseInputs")
    void everyInputKindParsesTheInputToTheDocumentOfItsBytes(String name) throws IOException {
        byte[] json = input(name);
        String expectedText;
        int expectedSize;
        try (JsonPool pool = pool(); JsonArena arena = pool.openArena()) {
            JsonValue root = arena.parse(json);
            expectedText = root.toJson();
            expectedSize = DecoderType.rootSize(root);
            assertTrue(root.type() == JsonType.OBJECT || root.type() == JsonType.ARRAY, name);
        }
        assertEquals(JACKSON.readTree(json).size(), expectedSize, name + ": root size, by Jackson");
        try (JsonPool pool = pool()) {
            for (InputKind kind : InputKind.values()) {
                try (InputKind.Source source = kind.open(json); JsonArena arena = pool.openArena()) {
                    for (int i = 0; i < 2; i++) { // the second parse re-reads the rewound source
                        arena.reset();
                        assertEquals(expectedText, source.parse(arena).toJson(), kind + " on " + name + ", parse " + i);
                    }
                }
            }
            assertEquals(0, pool.stats().inUseBytes());
        }
        for (InputKind kind : InputKind.values()) {
            StreamParseBenchmark b = new StreamParseBenchmark();
            b.input = name;
            b.kind = kind;
            b.setUp();
            try {
                assertEquals(expectedSize, b.parse(), kind + " on " + name);
                assertEquals(expectedSize, b.parse(), kind + " on " + name + ", second operation");
            } finally {
                b.tearDown();
            }
        }
    }

    @Test
    void arenaReportMeasuresEveryKindOfEveryGeneratedDocument() {
        List<StreamArenaBytesReport.Row> rows = StreamArenaBytesReport.measure(GeneratedJson.DOCUMENTS);
        System.out.print(StreamArenaBytesReport.table(rows));
        assertEquals(GeneratedJson.DOCUMENTS.size() * InputKind.values().length, rows.size());
        for (StreamArenaBytesReport.Row r : rows) {
            assertTrue(r.regionBytes() >= r.tapeBytes() + r.stringBytes(), r.toString());
            assertTrue(r.reservedBytes() >= r.regionBytes() + r.keyTableBytes(), r.toString());
        }
        // every kind builds the same document, so the same tape and strings
        for (int i = 0; i < rows.size(); i += InputKind.values().length) {
            StreamArenaBytesReport.Row bytes = rows.get(i);
            assertEquals(InputKind.BYTES, bytes.kind());
            for (int k = 1; k < InputKind.values().length; k++) {
                StreamArenaBytesReport.Row r = rows.get(i + k);
                assertEquals(bytes.tapeBytes(), r.tapeBytes(), r.toString());
                assertEquals(bytes.stringBytes(), r.stringBytes(), r.toString());
            }
        }
    }

    @Test
    void unknownSizeStreamsReportNothingAvailable() throws IOException {
        assertEquals(0, InputKind.unknownSize(new byte[100]).available());
    }

    // ---- RecordReaderBenchmark ----

    @ParameterizedTest
    @MethodSource("recordInputs")
    void everyRecordReaderComputesTheTotalsCountedWithoutAParser(String name) throws IOException {
        byte[] ndjson = input(name);
        RecordField field = RecordField.of(name);
        RecordTotals expected = RecordField.AMAZON.equals(name)
                ? new RecordTotals(793, 5127, 397) // Python's json module: the header line + 792 products
                : levelTotals(ndjson);
        assertTrue(expected.records() > 700 && expected.matches() > 0, expected.toString());
        try (JsonPool pool = pool()) {
            for (RecordReaderType type : RecordReaderType.values()) {
                try (RecordReaderType.Records records = type.create(ndjson, field, pool)) {
                    assertEquals(expected, records.read(), type + " on " + name);
                    assertEquals(expected, records.read(), type + " on " + name + ", second pass");
                }
            }
            assertEquals(0, pool.stats().inUseBytes());
            assertEquals(0, pool.stats().openArenas());
        }
        for (RecordReaderType type : RecordReaderType.values()) {
            RecordReaderBenchmark b = new RecordReaderBenchmark();
            b.input = name;
            b.impl = type;
            b.setUp();
            try {
                assertEquals(expected, b.read(), type + " on " + name);
            } finally {
                b.tearDown();
            }
        }
    }

    /** The level totals of generated log lines, by a regular expression (the level is each line's first "level" member). */
    private static RecordTotals levelTotals(byte[] ndjson) {
        Pattern level = Pattern.compile("^\\{\"ts\":\\d+,\"level\":\"([A-Z]+)\"");
        long records = 0;
        long chars = 0;
        long matches = 0;
        List<String> seen = new ArrayList<>();
        for (String line : new String(ndjson, StandardCharsets.UTF_8).split("\n")) {
            assertFalse(line.isEmpty(), "no empty lines");
            Matcher m = level.matcher(line);
            assertTrue(m.find(), line);
            records++;
            chars += m.group(1).length();
            matches += m.group(1).equals("ERROR") ? 1 : 0;
            if (!seen.contains(m.group(1))) {
                seen.add(m.group(1));
            }
        }
        assertEquals(GeneratedJson.LEVELS.size(), seen.size(), "every level occurs: " + seen);
        return new RecordTotals(records, chars, matches);
    }

    @Test
    void recordFieldsNameWhatTheInputsHold() {
        assertEquals(RecordField.AMAZON_BRAND, RecordField.of(RecordField.AMAZON));
        assertEquals(RecordField.LEVEL, RecordField.of(GeneratedJson.NDJSON_1K));
        assertFalse(RecordField.AMAZON_BRAND.objects());
        assertEquals("level", RecordField.LEVEL.key().name());
    }
}
