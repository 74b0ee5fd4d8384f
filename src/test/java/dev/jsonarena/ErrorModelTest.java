package dev.jsonarena;

import static dev.jsonarena.DecoderSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One error model: every {@link JsonException} answers where it happened through the base type
 * (offset, line, column, pointer; -1 or null when not known), and its message is one line that
 * names the place, the value and the expectation and quotes input only as a short escaped excerpt.
 * One test per exception type provokes it and checks both.
 */
class ErrorModelTest extends ArenaFixture {
    /** The longest message a hostile input may produce (long names, long excerpts). */
    private static final int MAX_MESSAGE = 400;

    /** Asserts the message is one short line of printable ASCII that states an expectation. */
    private static void assertMessageShape(JsonException e) {
        String m = e.getMessage();
        assertNotNull(m);
        assertTrue(m.length() <= MAX_MESSAGE, "message of " + m.length() + " chars: " + m);
        for (int i = 0; i < m.length(); i++) {
            char c = m.charAt(i);
            assertTrue(c >= 0x20 && c < 0x7F, "char 0x" + Integer.toHexString(c) + " at " + i + " of: " + m);
        }
        assertTrue(m.contains("expected"), "states the expectation: " + m);
    }

    /** Asserts {@code e}'s line and column are those of its offset in {@code input} (lines end at LF, columns count UTF-8 sequences). */
    private static void assertLineColumnOfOffset(JsonException e, byte[] input) {
        DecoderOracle.assertLineAndColumn(e, input);
        assertTrue(e.getMessage().contains("line " + e.line() + ", column " + e.column() + " (byte offset "
                + e.offset() + ")"), e.getMessage());
    }

    // ---- parse ----

    @Test
    void parseExceptionAnswersOffsetLineAndColumnThroughTheBaseType() {
        byte[] input = utf8("{\n  \"a\": [1,\n  2,,3]\n}");
        JsonException e = assertThrows(JsonParseException.class, () -> arena.parse(input));
        assertEquals(17, e.offset());
        assertEquals(3, e.line());
        assertEquals(5, e.column());
        assertNull(e.pointer());
        assertTrue(e.duringParse());
        assertLineColumnOfOffset(e, input);
        assertMessageShape(e);
        assertTrue(e.getMessage().startsWith("expected a JSON value in the array, found ',' (0x2C) at line 3, column 5 (byte offset 17): "),
                e.getMessage());
    }

    @Test
    void parseExceptionQuotesOnlyAShortEscapedExcerptOfHostileInput() {
        StringBuilder sb = new StringBuilder("[\"");
        sb.append("\u00e9\t\\\\".repeat(2000)).append("\", \u0001]");
        byte[] input = utf8(sb.toString());
        JsonParseException e = assertThrows(JsonParseException.class, () -> arena.parse(input));
        assertMessageShape(e);
        assertTrue(e.excerpt().length() < 120, e.excerpt());
        assertLineColumnOfOffset(e, input);
    }

    // ---- limits ----

    @Test
    void limitExceptionHasLineAndColumnWhereTheParserPassedIt() throws IOException {
        byte[] input = utf8("{\"a\": 1,\n \"deep\": [[[[1]]]]}");
        JsonLimits limits = JsonLimits.builder().maxDepth(3).build();
        List<JsonException> failures = new ArrayList<>();
        failures.add(assertThrows(JsonLimitException.class, () -> arena.parse(input, limits)));
        failures.add(assertThrows(JsonLimitException.class, () -> arena.parse(new ByteArrayInputStream(input), limits)));
        for (JsonException e : failures) {
            JsonLimitException le = (JsonLimitException) e;
            assertEquals(JsonLimit.DEPTH, le.limit());
            assertEquals(20, e.offset(), e.getMessage()); // the third '[', at depth 4
            assertEquals(2, e.line());
            assertEquals(12, e.column());
            assertLineColumnOfOffset(e, input);
            assertNull(e.pointer());
            assertTrue(e.duringParse());
            assertMessageShape(e);
            assertEquals("limit DEPTH exceeded at line 2, column 12 (byte offset 20) (expected: at most 3, set by"
                    + " JsonLimits.maxDepth)", e.getMessage());
        }
        assertEquals(failures.get(0).getMessage(), failures.get(1).getMessage(), "array and stream agree");
    }

    @Test
    void everyLimitTheParserChecksGivesLineAndColumn() throws IOException {
        String[][] cases = {
            {"maxTokens", "[1,\n2,3]", "TOKENS"},
            {"maxObjectMembers", "{\"a\":1,\n\"b\":2,\"c\":3}", "OBJECT_MEMBERS"},
            {"maxArrayElements", "[1,\n2,3]", "ARRAY_ELEMENTS"},
            {"maxKeyBytes", "{\n\"long key\":1}", "KEY_BYTES"},
            {"maxStringBytes", "[\n\"long string\"]", "STRING_BYTES"},
            {"maxNumberChars", "[\n123456789]", "NUMBER_CHARS"},
        };
        for (String[] c : cases) {
            JsonLimit limit = JsonLimit.valueOf(c[2]);
            JsonLimits limits = JsonLimits.builder().set(limit, 2).build();
            byte[] input = utf8(c[1]);
            JsonLimitException fromArray = assertThrows(JsonLimitException.class, () -> arena.parse(input, limits), c[0]);
            JsonLimitException fromStream = assertThrows(JsonLimitException.class,
                    () -> arena.parse(new ByteArrayInputStream(input), limits), c[0]);
            for (JsonLimitException e : List.of(fromArray, fromStream)) {
                assertEquals(limit, e.limit(), c[0]);
                assertEquals(2, e.line(), c[0] + ": " + e.getMessage());
                assertLineColumnOfOffset(e, input);
                assertMessageShape(e);
                assertTrue(e.getMessage().contains("JsonLimits." + c[0]), e.getMessage());
            }
            assertEquals(fromArray.getMessage(), fromStream.getMessage());
        }
    }

    @Test
    void byteCountLimitsGiveTheOffsetOnly() {
        JsonLimits limits = JsonLimits.builder().maxDocumentBytes(4).build();
        JsonLimitException e = assertThrows(JsonLimitException.class, () -> arena.parse(utf8("[1,2,3]"), limits));
        assertEquals(4, e.offset());
        assertEquals(-1, e.line());
        assertEquals(-1, e.column());
        assertNull(e.pointer());
        assertMessageShape(e);
        assertEquals("limit DOCUMENT_BYTES exceeded at byte offset 4 (expected: at most 4, set by JsonLimits.maxDocumentBytes)",
                e.getMessage());
    }

    // ---- memory ----

    /** A document whose tape outgrows its first region, with a newline per element. */
    private static byte[] longArray(int elements) {
        StringBuilder sb = new StringBuilder("[\n");
        for (int i = 0; i < elements; i++) {
            sb.append(i == 0 ? "" : ",\n").append("{\"id\":").append(i).append(",\"name\":\"n").append(i).append("\"}");
        }
        return utf8(sb.append("\n]").toString());
    }

    @Test
    void budgetExceededWhileParsingSaysSoAndGivesThePositionReached() throws IOException {
        byte[] input = longArray(40_000); // about 1.1 MB
        try (JsonArena small = pool.openArena(512 << 10)) {
            // a stream of unknown size (available() is 0): the region starts small and grows as the
            // parse goes on, so the budget refuses it in the middle
            InputStream unknownSize = new ByteArrayInputStream(input) {
                @Override
                public synchronized int available() {
                    return 0;
                }
            };
            JsonBudgetExceededException e = assertThrows(JsonBudgetExceededException.class,
                    () -> small.parse(unknownSize, JsonLimits.defaults()));
            assertTrue(e.duringParse());
            assertTrue(e.offset() > 0 && e.offset() < input.length, "offset " + e.offset());
            assertLineColumnOfOffset(e, input);
            assertNull(e.pointer());
            assertMessageShape(e);
            assertTrue(e.getMessage().startsWith("arena budget exceeded while parsing, at line " + e.line() + ", column "
                    + e.column() + " (byte offset " + e.offset() + "): requested "), e.getMessage());
            JsonBudgetExceededException cause = assertInstanceOf(JsonBudgetExceededException.class, e.getCause());
            assertFalse(cause.duringParse());
            assertEquals(-1, cause.offset());
            assertEquals(cause.budget(), e.budget());
            assertEquals(cause.requested(), e.requested());
            assertEquals(cause.inUse(), e.inUse());
            // the same input from an array: the first region is sized for the whole input and refused at its start
            JsonBudgetExceededException whole = assertThrows(JsonBudgetExceededException.class, () -> small.parse(input));
            assertEquals(0, whole.offset());
            assertEquals(1, whole.line());
            assertEquals(1, whole.column());
            assertEquals("{\"a\":1}", small.parse(utf8("{\"a\":1}")).toJson(), "the arena stays usable");
        }
    }

    @Test
    void budgetExceededOutsideAParseHasNoPosition() {
        try (JsonArena small = pool.openArena(4096)) {
            JsonBudgetExceededException e = assertThrows(JsonBudgetExceededException.class,
                    () -> small.memory().allocate(64 << 10, 8));
            assertFalse(e.duringParse());
            assertEquals(-1, e.offset());
            assertEquals(-1, e.line());
            assertEquals(-1, e.column());
            assertNull(e.pointer());
            assertNull(e.getCause());
            assertMessageShape(e);
            assertTrue(e.getMessage().startsWith("arena budget exceeded: requested "), e.getMessage());
        }
    }

    @Test
    void poolExhaustedWhileParsingSaysSoAndGivesThePositionReached() {
        byte[] input = longArray(4_000); // about 110 KB
        try (JsonPool capped = JsonPool.builder().idleTimeout(java.time.Duration.ZERO).chunkBytes(64 << 10)
                .maxReservedBytes(64 << 10).build();
             JsonArena a = capped.openArena()) {
            JsonPoolExhaustedException e = assertThrows(JsonPoolExhaustedException.class, () -> a.parse(input));
            assertTrue(e.duringParse());
            assertTrue(e.offset() >= 0 && e.offset() <= input.length, "offset " + e.offset());
            assertLineColumnOfOffset(e, input);
            assertNull(e.pointer());
            assertTrue(e.getMessage().startsWith("pool exhausted while parsing, at line " + e.line() + ", column " + e.column()
                    + " (byte offset " + e.offset() + "): a block of "), e.getMessage());
            JsonPoolExhaustedException cause = assertInstanceOf(JsonPoolExhaustedException.class, e.getCause());
            assertFalse(cause.duringParse());
            assertEquals(-1, cause.line());
            assertEquals(cause.cap(), e.cap());
            assertEquals(cause.requested(), e.requested());
            assertEquals(cause.reserved(), e.reserved());
            for (int i = 0; i < e.getMessage().length(); i++) {
                assertTrue(e.getMessage().charAt(i) >= 0x20, e.getMessage());
            }
        }
    }

    // ---- types ----

    private static final String RECORDS = "{\"records\":[{\"level\":\"info\"},{\"level\":\"warn\"},{\"level\":\"debug\"},"
            + "{\"level\":5,\"tags\":[\"a\",{\"x~y/z\":null}]}]}";

    @Test
    void typeExceptionNamesThePointerOfTheValue() {
        JsonValue root = parse(RECORDS);
        JsonValue level = root.at("/records/3/level");
        JsonTypeException e = assertThrows(JsonTypeException.class, level::asString);
        assertEquals("/records/3/level", e.pointer());
        assertEquals("value at /records/3/level is NUMBER (expected: STRING) at line 1, column 74 (byte offset 73)",
                e.getMessage());
        assertEquals(73, e.offset(), "where the 5 is in the input, read again along the pointer");
        assertLineColumnOfOffset(e, utf8(RECORDS));
        assertFalse(e.duringParse());
        assertEquals(JsonType.NUMBER, e.actual());
        assertEquals("STRING", e.expected());
        assertMessageShape(e);

        // every kind of read names the pointer, escaped as RFC 6901 says
        JsonValue odd = root.at("/records/3/tags/1/x~0y~1z");
        assertEquals("/records/3/tags/1/x~0y~1z", assertThrows(JsonTypeException.class, odd::asBoolean).pointer());
        assertEquals("/records/3/tags", assertThrows(JsonTypeException.class, () -> root.at("/records/3/tags").asObject()).pointer());
        assertEquals("", assertThrows(JsonTypeException.class, root::asArray).pointer());
        assertEquals("value at \"\" (the root) is OBJECT (expected: ARRAY) at line 1, column 1 (byte offset 0)",
                assertThrows(JsonTypeException.class, root::asArray).getMessage());
        assertEquals("/records/3/level",
                assertThrows(JsonTypeException.class, () -> root.asObject().path("records").path(3).asObject().getString("level", "")).pointer());
    }

    @Test
    void typeExceptionFromTheCursorNamesThePointerToo() {
        JsonValue root = parse(RECORDS);
        JsonCursor c = new JsonCursor().reset(root);
        assertTrue(c.find("records"));
        assertTrue(c.enter());
        assertTrue(c.next() && c.next() && c.next());
        assertTrue(c.find("level"));
        assertEquals("/records/3/level", assertThrows(JsonTypeException.class, c::asString).pointer());
        assertEquals("/records/3/level", assertThrows(JsonTypeException.class, c::enter).pointer());
        c.exit();
        assertEquals("/records/3/level", assertThrows(JsonTypeException.class, () -> c.stringAt(JsonKey.of("level"))).pointer());
        assertEquals("/records/3", assertThrows(JsonTypeException.class, c::asLong).pointer());
    }

    @Test
    void typeExceptionQuotesALongOrHostileNameShortAndEscaped() {
        String name = "k\n\"\u00e9" + "x".repeat(5000) + "/~end";
        StringBuilder json = new StringBuilder("{\"a\":{\"");
        json.append(name.replace("\n", "\\n").replace("\"", "\\\"")).append("\":true}}");
        JsonValue root = parse(json.toString());
        JsonTypeException e = assertThrows(JsonTypeException.class, () -> root.path("a").path(name).asLong());
        assertEquals("/a/" + name.replace("~", "~0").replace("/", "~1"), e.pointer(), "the pointer is exact");
        assertMessageShape(e);
        assertTrue(e.getMessage().startsWith("value at /a/k\\u000A\\\"\\u00E9xx"), e.getMessage());
        assertTrue(e.getMessage().endsWith("xx~1~0end is TRUE (expected: NUMBER) at line 1, column 5021 (byte offset 5021)"),
                e.getMessage());
    }

    // ---- missing values ----

    @Test
    void missingValueExceptionNamesTheFirstAbsentStep() {
        JsonValue root = parse(RECORDS);
        JsonMissingValueException e = assertThrows(JsonMissingValueException.class,
                () -> root.path("user").path("name").asString());
        assertEquals("/user", e.pointer());
        assertEquals("no value at /user (expected: a member \"user\" of the object at \"\" (the root))"
                + " at line 1, column 1 (byte offset 0)", e.getMessage());
        assertEquals(0, e.offset(), "the position of the object without the member");
        assertEquals(1, e.line());
        assertFalse(e.duringParse());
        assertMessageShape(e);

        e = assertThrows(JsonMissingValueException.class, () -> root.path("records").path(7).path("level").asString());
        assertEquals("/records/7", e.pointer());
        assertEquals("no value at /records/7 (expected: an element at index 7 (the array at /records has 4))"
                + " at line 1, column 12 (byte offset 11)", e.getMessage());

        e = assertThrows(JsonMissingValueException.class, () -> root.path("records").path(3).path("level").path(0).asLong());
        assertEquals("/records/3/level/0", e.pointer());
        assertEquals("no value at /records/3/level/0 (expected: an array at /records/3/level, found NUMBER)"
                + " at line 1, column 74 (byte offset 73)", e.getMessage());

        e = assertThrows(JsonMissingValueException.class, () -> root.path("records").path("level").type());
        assertEquals("/records/level", e.pointer());
        assertEquals("no value at /records/level (expected: an object at /records, found ARRAY)"
                + " at line 1, column 12 (byte offset 11)", e.getMessage());
    }

    @Test
    void missingMemberOfACursorReadNamesItsPointer() {
        JsonValue root = parse(RECORDS);
        JsonCursor c = new JsonCursor().reset(root);
        assertTrue(c.find("records") && c.enter());
        JsonMissingValueException e = assertThrows(JsonMissingValueException.class, () -> c.longAt(JsonKey.of("id")));
        assertEquals("/records/0/id", e.pointer());
        assertEquals("no value at /records/0/id (expected: a member \"id\" of the object at /records/0)"
                + " at line 1, column 13 (byte offset 12)", e.getMessage());
        assertMessageShape(e);
    }

    // ---- records ----

    @Test
    void recordExceptionAnswersWithItsCausesPlaceInTheStream() throws IOException {
        byte[] input = utf8("{\"a\":1}\n{\"a\":2}\n{\"a\": [1,,2]}\n{\"a\":4}\n");
        List<JsonRecordException> failures = new ArrayList<>();
        long good = 0;
        try (JsonRecordReader records = JsonRecordReader.builder().onError(failures::add).open(arena, input)) {
            for (JsonValue ignored : records) {
                good++;
            }
        }
        assertEquals(3, good);
        assertEquals(1, failures.size());
        JsonRecordException e = failures.get(0);
        assertInstanceOf(JsonParseException.class, e.getCause());
        assertEquals(3, e.record());
        assertEquals(3, e.recordLine());
        assertEquals(16, e.recordOffset());
        assertEquals(e.getCause().offset(), e.offset());
        assertEquals(25, e.offset());
        assertEquals(3, e.line());
        assertEquals(10, e.column());
        assertNull(e.pointer());
        assertTrue(e.duringParse());
        assertLineColumnOfOffset(e.getCause(), input);
        assertMessageShape(e);
        assertTrue(e.getMessage().startsWith("record 3 (line 3, byte offset 16): expected a JSON value in the array, found ','"),
                e.getMessage());
    }

    @Test
    void recordExceptionOfALimitCarriesTheLimitsPosition() throws IOException {
        byte[] input = utf8("[1]\n[2]\n\n  [[[3]]]\n");
        JsonLimits limits = JsonLimits.builder().maxDepth(2).build();
        try (JsonRecordReader records = JsonRecordReader.builder().limits(limits).open(arena, input)) {
            JsonRecordException e = assertThrows(JsonRecordException.class, () -> {
                for (JsonValue ignored : records) {
                    // read on to the bad record
                }
            });
            assertInstanceOf(JsonLimitException.class, e.getCause());
            assertEquals(3, e.record());
            assertEquals(4, e.recordLine());
            assertEquals(4, e.line());
            assertEquals(5, e.column()); // the third '['
            assertEquals(13, e.offset());
            assertLineColumnOfOffset(e.getCause(), input);
            assertEquals(e.getCause().offset(), e.offset());
        }
    }

    // ---- the base type's own contract ----

    @Test
    void theBaseTypeDefaultsToNoPlaceAndRejectsAHalfKnownOne() {
        JsonException plain = new JsonException("something (expected: else)");
        assertEquals(-1, plain.offset());
        assertEquals(-1, plain.line());
        assertEquals(-1, plain.column());
        assertNull(plain.pointer());
        assertFalse(plain.duringParse());
        assertThrows(IllegalArgumentException.class, () -> new JsonLimitException(JsonLimit.DEPTH, 1, 5, 2, -1));
        assertThrows(IllegalArgumentException.class, () -> new JsonLimitException(JsonLimit.DEPTH, 1, -1));
        assertThrows(IllegalArgumentException.class, () -> new JsonParseException("x", "y", 0, 0, 1, ""));
    }
}
