package dev.jsonarena;

import static dev.jsonarena.DecoderSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.jsonarena.testing.FreshThread;
import dev.jsonarena.testing.PieceAppendable;
import dev.jsonarena.tape.Document;
import dev.jsonarena.tape.Tape;
import dev.jsonarena.testing.JsonGenerator;
import dev.jsonarena.testing.JsonGenerator.Options;
import dev.jsonarena.testing.Property;
import dev.jsonarena.testing.ReferenceJson;
import dev.jsonarena.testing.SharedCorpus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Writing JSON back: the compact and pretty formats byte for byte, numbers exactly as read, and
 * parse -> write -> parse giving the same tape (word for word, strings and key names byte for byte)
 * for every sink ({@code String}, {@code byte[]}, {@link OutputStream}, {@link Appendable}) over
 * the conformance corpus, the shared corpus and generated values; streaming through a fixed
 * buffer; I/O failures surfacing as the stream's own {@link IOException}.
 */
class WriterTest extends ArenaFixture {
    // ---- golden outputs ----

    private static final String DOC = "{ \"a\" : [1, -0, 1.50, 1E+2, {}, [], \"x\"], \"b\": {\"c\": null, \"d\": [true, false]},"
            + " \"e\": {}, \"s\": \"q\\\"b\\\\s\\/t\\t\\u0001\\u001f\\u00e9\\ud83d\\ude00\" }";

    @Test
    void compactOutputDropsWhitespaceKeepsNumberTextAndEscapesOnlyWhatJsonRequires() {
        assertEquals("{\"a\":[1,-0,1.50,1E+2,{},[],\"x\"],\"b\":{\"c\":null,\"d\":[true,false]},\"e\":{},"
                + "\"s\":\"q\\\"b\\\\s/t\\t\\u0001\\u001f\u00e9\ud83d\ude00\"}", parse(DOC).toJson(JsonFormat.COMPACT));
    }

    @Test
    void prettyGolden() {
        String expected = """
                {
                  "a": [
                    1,
                    -0,
                    1.50,
                    1E+2,
                    {},
                    [],
                    "x"
                  ],
                  "b": {
                    "c": null,
                    "d": [
                      true,
                      false
                    ]
                  },
                  "e": {},
                  "s": "q\\"b\\\\s/t\\t\\u0001\\u001f\u00e9\ud83d\ude00"
                }""";
        assertEquals(expected, parse(DOC).toJson(JsonFormat.PRETTY));
    }

    @Test
    void prettyScalarsAndEmptyContainersHaveNoNewline() {
        for (String s : new String[] {"1", "\"x\"", "null", "{}", "[]"}) {
            assertEquals(s, parse(" " + s + " ").toJson(JsonFormat.PRETTY));
        }
        assertEquals("[\n  []\n]", parse("[[]]").toJson(JsonFormat.PRETTY));
    }

    @Test
    void aNestedValueIsWrittenFromItsOwnIndentation() {
        JsonValue inner = parse("{\"a\":{\"b\":[1,{\"c\":2}]}}").at("/a");
        assertEquals("{\n  \"b\": [\n    1,\n    {\n      \"c\": 2\n    }\n  ]\n}", inner.toJson(JsonFormat.PRETTY));
        assertEquals("{\"b\":[1,{\"c\":2}]}", inner.toJson(JsonFormat.COMPACT));
    }

    @Test
    void numbersAreWrittenExactlyAsRead() {
        String[] numbers = {"0", "-0", "7", "-7", "1.50", "0.000", "-0.0", "-65.613616999999977", "1E+2", "1e-7", "2.5E-08",
                "576460752303423487", "-576460752303423488", "576460752303423488", "-576460752303423489",
                "9223372036854775807", "9223372036854775808", "-9223372036854775809", "18446744073709551615",
                "9999999999999999999", "0.9999999999999999999", "-0.0000000000000000001", "12345678901234567890123",
                "1.7976931348623157e308", "4.9e-324", "1e400", "123456789.123456789"};
        String json = "[" + String.join(",", numbers) + "]";
        JsonValue v = parse(json);
        assertEquals(json, v.toJson(JsonFormat.COMPACT));
        for (int i = 0; i < numbers.length; i++) {
            assertEquals(numbers[i], v.asArray().get(i).toJson(JsonFormat.COMPACT));
        }
    }

    @Test
    void onlyQuoteBackslashAndControlCharactersAreEscaped() {
        StringBuilder all = new StringBuilder("\"");
        StringBuilder expected = new StringBuilder("\"");
        for (int c = 0; c < 0x80; c++) {
            all.append(String.format("\\u%04x", c));
            expected.append(switch (c) {
                case '"' -> "\\\"";
                case '\\' -> "\\\\";
                case '\b' -> "\\b";
                case '\f' -> "\\f";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                default -> c < 0x20 ? String.format("\\u%04x", c) : String.valueOf((char) c);
            });
        }
        all.append("\u0080\u07ff\u0800\u2028\ufeff\uffff\ud800\udc00\udbff\udfff\"");
        expected.append("\u0080\u07ff\u0800\u2028\ufeff\uffff\ud800\udc00\udbff\udfff\"");
        assertEquals(expected.toString(), parse(all.toString()).toJson(JsonFormat.COMPACT));
    }

    // ---- sinks ----

    /** The output of {@code v} in {@code format} through each sink; all must be the same bytes. */
    private static List<byte[]> throughEverySink(JsonValue v, JsonFormat format) throws IOException {
        List<byte[]> out = new ArrayList<>();
        out.add(utf8(v.toJson(format)));
        out.add(v.toJsonBytes(format));
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        v.writeTo(stream, format);
        out.add(stream.toByteArray());
        StringBuilder sb = new StringBuilder();
        v.appendTo(sb, format);
        out.add(utf8(sb.toString()));
        StringWriter w = new StringWriter();
        v.appendTo(w, format);
        out.add(utf8(w.toString()));
        CharAppendable plain = new CharAppendable();
        v.appendTo(plain, format);
        out.add(utf8(plain.sb.toString()));
        if (format == JsonFormat.COMPACT) {
            out.add(utf8(v.toJson()));
        }
        return out;
    }

    /** An Appendable that is neither a StringBuilder nor a Writer, recording the size of each piece. */
    private static final class CharAppendable extends PieceAppendable {
        final StringBuilder sb = new StringBuilder();
        int largestPiece;

        @Override
        public Appendable append(CharSequence csq) {
            largestPiece = Math.max(largestPiece, csq.length());
            sb.append(csq);
            return this;
        }
    }

    /**
     * Writes {@code v} in both formats through every sink; asserts the sinks agree, that the
     * output parses to the same tape, and that writing the re-parsed value gives the same bytes.
     */
    private void assertRoundTrips(JsonValue v, String what) throws IOException {
        for (JsonFormat format : JsonFormat.values()) {
            List<byte[]> outputs = throughEverySink(v, format);
            byte[] first = outputs.get(0);
            for (int k = 1; k < outputs.size(); k++) {
                assertArrayEquals(first, outputs.get(k), what + " " + format + ": sink " + k + " differs");
            }
            JsonValue again = arena.parse(first);
            assertTapeEqual(v, again, what + " " + format);
            assertArrayEquals(first, again.toJsonBytes(format), what + " " + format + ": writing is a fixpoint");
        }
    }

    /** Asserts two parsed documents have the same tape words, strings and key names. */
    static void assertTapeEqual(JsonValue a, JsonValue b, String what) {
        Document da = a.doc;
        Document db = b.doc;
        int end = da.next(a.index);
        assertEquals(end - a.index, db.next(b.index) - b.index, what + ": tape length");
        assertEquals(da.keyCount(), db.keyCount(), what + ": distinct keys");
        for (int k = 0; k < da.keyCount(); k++) {
            assertEquals(da.keyName(k), db.keyName(k), what + ": key " + k);
        }
        for (int i = a.index, j = b.index; i < end; i++, j++) {
            long wa = da.word(i);
            assertEquals(wa, db.word(j), what + ": word " + i);
            int tag = Tape.tag(wa);
            if (tag == Tape.DEC) { // the second word is the significand
                i++;
                j++;
                assertEquals(da.word(i), db.word(j), what + ": word " + i);
            } else if (tag == Tape.STRING || tag == Tape.NUMBER) {
                int n = Tape.length(wa);
                assertEquals(-1L, java.lang.foreign.MemorySegment.mismatch(da.segment(), da.textOffset(i), da.textOffset(i) + n,
                        db.segment(), db.textOffset(j), db.textOffset(j) + n), what + ": bytes of word " + i);
            }
        }
    }

    @TestFactory
    List<DynamicTest> conformanceFilesRoundTripThroughEverySink() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        List<Path> files = files(CONFORMANCE.resolve("valid"));
        assertTrue(files.size() > 50, "conformance corpus present: " + files.size());
        for (Path f : files) {
            tests.add(DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
                byte[] json = Files.readAllBytes(f);
                JsonValue v = arena.parse(json);
                assertRoundTrips(v, f.getFileName().toString());
                assertSameAsReference(json, arena.parse(v.toJsonBytes(JsonFormat.PRETTY)));
                arena.reset();
            }));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> corpusFilesRoundTripThroughEverySink() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : new String[] {"twitter.json", "citm_catalog.json", "canada.json", "github_events.json"}) {
            tests.add(DynamicTest.dynamicTest(name, () -> {
                Path f = SharedCorpus.file(name);
                byte[] json = Files.readAllBytes(f);
                JsonValue v = arena.parse(json);
                assertRoundTrips(v, name);
                assertEquals(ReferenceJson.write(ReferenceJson.parse(json)), v.toJson(JsonFormat.COMPACT), name);
            }));
        }
        return tests;
    }

    /**
     * Generated values (deep, wide, unicode, escapes, extreme numbers): the compact output is the
     * reference writer's, the pretty output is the compact one plus whitespace outside strings
     * with each line indented by two spaces per open container, and both parse to the same tape.
     */
    @Test
    void generatedValuesRoundTripInBothFormats() {
        Property.check("generated -> write (compact, pretty, every sink) -> parse: same tape", 300, gen -> {
            Options options = switch (gen.nextInt(4)) {
                case 0 -> Options.DEFAULT.wide(200);
                case 1 -> Options.DEFAULT.withDeepNesting(gen.intBetween(1, 300));
                default -> Options.DEFAULT;
            };
            JsonGenerator.Document doc = new JsonGenerator(gen, options).document();
            try {
                arena.reset();
                JsonValue v = arena.parse(doc.bytes());
                String compact = v.toJson(JsonFormat.COMPACT);
                assertEquals(ReferenceJson.write(doc.expected()), compact, "compact");
                String pretty = v.toJson(JsonFormat.PRETTY);
                assertEquals(compact, withoutWhitespaceOutsideStrings(pretty), "pretty minus whitespace");
                assertIndentedByDepth(pretty);
                assertRoundTrips(v, "generated");
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
    }

    private static String withoutWhitespaceOutsideStrings(String json) {
        StringBuilder sb = new StringBuilder();
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                sb.append(c);
                if (c == '\\') {
                    sb.append(json.charAt(++i));
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c != ' ' && c != '\n') {
                sb.append(c);
                inString = c == '"';
            }
        }
        return sb.toString();
    }

    /** Each line starts with 2 spaces per container open at its start (one less before a closing bracket). */
    private static void assertIndentedByDepth(String pretty) {
        int depth = 0;
        boolean inString = false;
        boolean lineStart = true;
        for (int i = 0; i < pretty.length(); i++) {
            if (lineStart) {
                int spaces = 0;
                while (pretty.charAt(i + spaces) == ' ') {
                    spaces++;
                }
                char first = pretty.charAt(i + spaces);
                int expected = 2 * (first == '}' || first == ']' ? depth - 1 : depth);
                assertEquals(expected, spaces, "indentation at offset " + i);
                i += spaces;
                lineStart = false;
            }
            char c = pretty.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            } else if (c == '\n') {
                lineStart = true;
            }
        }
        assertEquals(0, depth);
    }

    // ---- streaming ----

    /** A stream that records the largest write, to prove a bounded buffer. */
    private static final class CountingStream extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int largestWrite;
        int writes;

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            largestWrite = Math.max(largestWrite, len);
            writes++;
            bytes.write(b, off, len);
        }
    }

    @Test
    void largeValuesStreamThroughABoundedBuffer() throws IOException {
        // 2-, 3- and 4-byte characters, escapes and long strings, so pieces end inside UTF-8 sequences
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < 3000; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"k\u00e9\":\"").append("\u20ac\ud83d\ude00\\n\u00e9x".repeat(i % 7))
                    .append("\",\"n\":").append(i).append(".5}");
        }
        sb.append(",\"").append("y\u00e9".repeat(40_000)).append("\"]");
        JsonValue v = parse(sb.toString());
        for (JsonFormat format : JsonFormat.values()) {
            byte[] expected = v.toJsonBytes(format);
            assertTrue(expected.length > 100_000, "large: " + expected.length);
            CountingStream stream = new CountingStream();
            v.writeTo(stream, format);
            assertArrayEquals(expected, stream.bytes.toByteArray(), format.toString());
            assertTrue(stream.largestWrite <= 8192, "largest write " + stream.largestWrite);
            assertTrue(stream.writes >= expected.length / 8192, "writes " + stream.writes);
            CharAppendable chars = new CharAppendable();
            v.appendTo(chars, format);
            assertEquals(new String(expected, StandardCharsets.UTF_8), chars.sb.toString(), format.toString());
            assertTrue(chars.largestPiece <= 8192, "largest piece " + chars.largestPiece);
        }
    }

    @Test
    void aParsedStringDenseWithEscapesIsCopiedByTheRulesAtEveryFillOfAStreamedBuffer() throws InterruptedException {
        // text that needs escaping from its first byte, dense with quotes and six-byte escapes
        // (U+0001), mixed with multi-byte characters, in one piece and in several; copied from the
        // tape through a streamed writer whose buffer it enters at each fill: a piece's reserved
        // room must hold its worst case and the word the last store writes past it
        String[] texts = {"\\u0001".repeat(300), "\\u0001\\\"".repeat(150) + "\\u0001", "\\\"{\\\"id\\\":7,\\\"n\\\":\\\"\u00e9\u20ac\ud83d\ude00\\\"}".repeat(40),
            "\\n" + "\\u0001\\u001f".repeat(1_100)};
        for (String text : texts) {
            JsonValue v = parse("\"" + text + "\"");
            String quoted = ReferenceJson.quote(v.asString());
            assertEquals(quoted, v.toJson(JsonFormat.COMPACT));
            byte[] xs = "x".repeat(8_192).getBytes(StandardCharsets.US_ASCII);
            // on a thread of its own, whose writers get a streaming buffer of the default size
            Throwable thrown = FreshThread.run("dense-escapes", () -> {
                for (int filler = 0; filler <= 8_192; filler++) {
                    ByteArrayOutputStream streamed = new ByteArrayOutputStream();
                    try (JsonWriter w = JsonWriter.of(streamed)) {
                        // a filler given as bytes is copied up to the buffer's last byte, so the
                        // string starts at every fill (a String filler reserves its worst case)
                        w.beginArray().valueUtf8(xs, 0, filler).value(v).endArray();
                    }
                    assertEquals("[\"" + "x".repeat(filler) + "\"," + quoted + "]", streamed.toString(StandardCharsets.UTF_8),
                            "filler " + filler);
                }
            });
            assertNull(thrown, () -> text.substring(0, 20) + ": " + thrown);
        }
    }

    @Test
    void aFailingStreamThrowsItsOwnIOExceptionAndTheNextWriteWorks() throws IOException {
        JsonValue v = parse("[\"" + "x".repeat(100_000) + "\"]");
        IOException boom = new IOException("disk full");
        OutputStream failing = new OutputStream() {
            int written;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                written += len;
                if (written > 20_000) {
                    throw boom;
                }
            }
        };
        assertSame(boom, assertThrows(IOException.class, () -> v.writeTo(failing, JsonFormat.COMPACT)));
        Appendable failingChars = new Appendable() {
            @Override
            public Appendable append(CharSequence csq) throws IOException {
                throw boom;
            }

            @Override
            public Appendable append(CharSequence csq, int start, int end) throws IOException {
                throw boom;
            }

            @Override
            public Appendable append(char c) throws IOException {
                throw boom;
            }
        };
        assertSame(boom, assertThrows(IOException.class, () -> v.appendTo(failingChars, JsonFormat.PRETTY)));
        java.io.UncheckedIOException own = new java.io.UncheckedIOException(boom);
        java.io.Writer uncheckedWriter = new java.io.Writer() {
            @Override
            public void write(char[] cbuf, int off, int len) {
                throw own;
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        assertSame(own, assertThrows(java.io.UncheckedIOException.class, () -> v.appendTo(uncheckedWriter, JsonFormat.COMPACT)),
                "the target's own unchecked exception is not unwrapped");
        assertEquals(100_004, v.toJsonBytes(JsonFormat.COMPACT).length);
        ByteArrayOutputStream ok = new ByteArrayOutputStream();
        v.writeTo(ok, JsonFormat.COMPACT);
        assertEquals(100_004, ok.size());
    }

    /** A stream that writes JSON of another value from inside write() gets its own buffer. */
    @Test
    void writingFromInsideAWriteIsSafe() throws IOException {
        JsonValue outer = parse("[\"" + "a".repeat(20_000) + "\"]");
        JsonValue inner = parse("{\"b\":[1,2,3]}");
        ByteArrayOutputStream side = new ByteArrayOutputStream();
        ByteArrayOutputStream main = new ByteArrayOutputStream();
        OutputStream reentrant = new OutputStream() {
            @Override
            public void write(int b) {
                main.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                main.write(b, off, len);
                try {
                    inner.writeTo(side, JsonFormat.COMPACT);
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }
        };
        outer.writeTo(reentrant, JsonFormat.COMPACT);
        assertArrayEquals(outer.toJsonBytes(JsonFormat.COMPACT), main.toByteArray());
        assertTrue(side.size() > 0 && new String(side.toByteArray(), StandardCharsets.UTF_8).replace("{\"b\":[1,2,3]}", "").isEmpty());
    }

    // ---- depth, lifetime ----

    @Test
    void deepDocumentsWriteWithoutRecursion() throws IOException {
        int depth = 200_000;
        JsonLimits limits = JsonLimits.builder().maxDepth(depth + 1).build();
        String json = "[".repeat(depth) + "{\"k\":1}" + "]".repeat(depth);
        JsonValue v = arena.parse(utf8(json), limits);
        assertEquals(json, v.toJson(JsonFormat.COMPACT));
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        v.writeTo(stream, JsonFormat.COMPACT);
        assertEquals(json, stream.toString(StandardCharsets.UTF_8));
        int prettyDepth = 2000; // pretty output grows with depth squared
        String deepPretty = "[".repeat(prettyDepth) + "]".repeat(prettyDepth);
        JsonValue p = arena.parse(utf8(deepPretty), limits);
        String pretty = p.toJson(JsonFormat.PRETTY);
        assertIndentedByDepth(pretty);
        assertEquals(deepPretty, withoutWhitespaceOutsideStrings(pretty));
    }

    @Test
    void writingAStaleViewThrows() {
        JsonValue v = parse("{\"a\":[1,2]}");
        arena.reset();
        assertThrows(IllegalStateException.class, () -> v.toJson(JsonFormat.PRETTY));
        assertThrows(IllegalStateException.class, () -> v.toJsonBytes(JsonFormat.COMPACT));
        assertThrows(IllegalStateException.class, () -> v.writeTo(new ByteArrayOutputStream(), JsonFormat.COMPACT));
        assertThrows(IllegalStateException.class, () -> v.appendTo(new StringBuilder(), JsonFormat.COMPACT));
    }
}
