package dev.jsonarena;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsonarena.testing.FreshThread;
import dev.jsonarena.testing.JsonGenerator;
import dev.jsonarena.testing.JsonGenerator.Options;
import dev.jsonarena.testing.Property;
import dev.jsonarena.testing.ReferenceJson;
import dev.jsonarena.testing.ReferenceJson.JArray;
import dev.jsonarena.testing.ReferenceJson.JNumber;
import dev.jsonarena.testing.ReferenceJson.JObject;
import dev.jsonarena.testing.ReferenceJson.JString;
import dev.jsonarena.testing.ReferenceJson.JValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonWriter}: what it writes parses back to what was written (a property over generated
 * value trees, through every target and both formats), the same bytes as the tape writer for the
 * same tree, exact numbers, escapes, its structure checks, and no heap per token in steady state.
 */
class JsonWriterTest {
    /** Writes {@code v} as tokens. */
    static void write(JsonWriter w, JValue v) {
        switch (v) {
            case JObject o -> {
                w.beginObject();
                for (Map.Entry<String, JValue> m : o.members()) {
                    w.name(m.getKey());
                    write(w, m.getValue());
                }
                w.endObject();
            }
            case JArray a -> {
                w.beginArray();
                for (JValue e : a.elements()) {
                    write(w, e);
                }
                w.endArray();
            }
            case JString s -> w.value(s.value());
            case JNumber n -> w.value(new BigDecimal(n.text()));
            case ReferenceJson.JTrue t -> w.value(true);
            case ReferenceJson.JFalse f -> w.value(false);
            case ReferenceJson.JNull nul -> w.nullValue();
        }
    }

    @Test
    void generatedTreesWrittenParseBackEqualThroughEveryTargetAndFormat() {
        Property.check("writer round trip", 3000, gen -> {
            JsonGenerator.Document doc = new JsonGenerator(gen, Options.DEFAULT.withUnicodeAndEscapes(true)
                    .withWhitespace(true).withExtremeNumbers(gen.chance(0.3))).document();
            JValue tree = ReferenceJson.parse(doc.bytes());
            JsonFormat format = gen.chance(0.5) ? JsonFormat.PRETTY : JsonFormat.COMPACT;
            byte[] written;
            try {
                switch (gen.intBetween(0, 2)) {
                    case 0 -> {
                        JsonWriter w = JsonWriter.buffered(format);
                        write(w, tree);
                        w.close();
                        written = w.toByteArray();
                    }
                    case 1 -> {
                        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                        try (JsonWriter w = JsonWriter.of(bytes, format)) {
                            write(w, tree);
                        }
                        written = bytes.toByteArray();
                    }
                    default -> {
                        StringWriter chars = new StringWriter();
                        try (JsonWriter w = JsonWriter.of(chars, format)) {
                            write(w, tree);
                        }
                        written = chars.toString().getBytes(StandardCharsets.UTF_8);
                    }
                }
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            JValue back = ReferenceJson.parse(written);
            assertTrue(ReferenceJson.sameValue(tree, back), () -> tree + " written as " + new String(written, StandardCharsets.UTF_8));
            try (JsonArena arena = JsonArena.open()) {
                JsonValue parsed = arena.parse(written);
                // the tape writer and the generator spell the same tree the same way
                assertEquals(parsed.toJson(format), new String(written, StandardCharsets.UTF_8));
                JsonWriter copy = JsonWriter.buffered(format);
                copy.value(parsed);
                assertArrayEquals(written, copy.toByteArray(), "a copied value is written as parsed");
            }
        });
    }

    @Test
    void everyLongIsWrittenAsItsDecimalAtEveryDigitCount() {
        java.util.List<Long> values = new java.util.ArrayList<>(java.util.List.of(0L, Long.MIN_VALUE, Long.MAX_VALUE));
        for (long p = 1; p > 0 && p <= Long.MAX_VALUE / 10 * 10; p *= 10) {
            for (long v : new long[] {p - 1, p, p + 1, 2 * p - 1}) {
                values.add(v);
                values.add(-v);
            }
            if (p > Long.MAX_VALUE / 10) {
                break;
            }
        }
        java.util.SplittableRandom random = new java.util.SplittableRandom(0x10e6L);
        for (int i = 0; i < 2_000; i++) {
            values.add(random.nextLong() >> random.nextInt(64));
        }
        JsonWriter w = JsonWriter.buffered();
        w.beginArray();
        StringBuilder expected = new StringBuilder("[");
        for (long v : values) {
            w.value(v);
            expected.append(expected.length() > 1 ? "," : "").append(v);
        }
        w.endArray();
        assertEquals(expected.append(']').toString(), w.toString());
    }

    @Test
    void aNameWrittenAgainFromTheCacheIsTheSameTextAndCollidingNamesKeepTheirOwn() {
        // "Aa" and "BB" share a String.hashCode(), so they share a set of the cache;
        // names with escapes or non-ASCII are never cached
        String[][] names = {{"Aa", "\"Aa\""}, {"BB", "\"BB\""}, {"Aa", "\"Aa\""}, {new String("Aa"), "\"Aa\""},
            {"BB", "\"BB\""}, {"caf\u00e9", "\"caf\u00e9\""}, {"caf\u00e9", "\"caf\u00e9\""},
            {"tab\there", "\"tab\\there\""}, {"q\"", "\"q\\\"\""}, {"tab\there", "\"tab\\there\""},
            {"x".repeat(65), "\"" + "x".repeat(65) + "\""}, {"Aa", "\"Aa\""}};
        JsonWriter w = JsonWriter.buffered();
        w.beginObject();
        StringBuilder expected = new StringBuilder("{");
        for (int i = 0; i < names.length; i++) {
            w.name(names[i][0]).value(i);
            expected.append(i > 0 ? "," : "").append(names[i][1]).append(':').append(i);
        }
        w.endObject();
        assertEquals(expected.append('}').toString(), w.toString());
    }

    @Test
    void namesThatShareTheLowBitsOfTheirHashEachKeepTheirOwnTextInAnyOrder() {
        // "Aa", "BB" and "C#" have one String.hashCode(); two longer names share its low 16 bits,
        // so all five fall in one set of the cache of names whatever its size, more than it holds
        java.util.List<String> names = new java.util.ArrayList<>(java.util.List.of("Aa", "BB", "C#"));
        for (int i = 0; names.size() < 5; i++) {
            String n = "member_" + i + (names.size() == 3 ? "" : "_with_a_longer_name");
            if ((n.hashCode() & 0xFFFF) == ("Aa".hashCode() & 0xFFFF)) {
                names.add(n);
            }
        }
        java.util.Random random = new java.util.Random(42);
        JsonWriter w = JsonWriter.buffered();
        w.beginObject();
        StringBuilder expected = new StringBuilder("{");
        for (int i = 0; i < 3_000; i++) {
            // runs of one name, alternations of two, and all five in turn
            String name = names.get(i % 700 < 200 ? (i / 7) % 5 : i % 700 < 400 ? 3 + i % 2 : random.nextInt(5));
            w.name(random.nextBoolean() ? name : new String(name)).value(i);
            expected.append(i > 0 ? "," : "").append('"').append(name).append("\":").append(i);
        }
        w.endObject();
        assertEquals(expected.append('}').toString(), w.toString());
    }

    @Test
    void flushSendsTheBufferAndFlushesTheTargetWhileCloseLeavesTheTargetUnflushedAndOpen() throws IOException {
        int[] flushes = new int[2]; // an OutputStream's, a Writer's
        ByteArrayOutputStream bytes = new ByteArrayOutputStream() {
            @Override
            public void flush() {
                flushes[0]++;
            }
        };
        StringWriter chars = new StringWriter() {
            @Override
            public void flush() {
                flushes[1]++;
            }
        };
        JsonWriter toBytes = JsonWriter.of(bytes).beginArray().value(1);
        JsonWriter toChars = JsonWriter.of(chars, JsonFormat.COMPACT).beginArray().value(1);
        toBytes.flush();
        toChars.flush();
        assertEquals("[1", bytes.toString(StandardCharsets.UTF_8));
        assertEquals("[1", chars.toString());
        assertArrayEquals(new int[] {1, 1}, flushes);
        toBytes.endArray().close();
        toChars.endArray().close();
        assertEquals("[1]", bytes.toString(StandardCharsets.UTF_8));
        assertArrayEquals(new int[] {1, 1}, flushes, "close sends the rest but leaves the target as it is");
        JsonCodecs.defaults().write(java.util.List.of(2), bytes, JsonFormat.COMPACT); // documented: flushed, not closed
        assertEquals("[1][2]", bytes.toString(StandardCharsets.UTF_8));
        assertEquals(2, flushes[0]);
    }

    @Test
    void numbersAreWrittenExactly() {
        JsonWriter w = JsonWriter.buffered();
        w.beginArray().value(Long.MIN_VALUE).value(Long.MAX_VALUE).value(0.1).value(-0.0).value(1e300)
                .value(4.9e-324).value(123456789.125).value(new BigDecimal("1.50")).value(new BigDecimal("1E+400"))
                .value(new BigInteger("123456789012345678901234567890")).value(3).endArray();
        assertEquals("[-9223372036854775808,9223372036854775807,0.1,-0.0,1.0E300,4.9E-324,1.23456789125E8,1.50,"
                + "1E+400,123456789012345678901234567890,3]", w.toString());
        try (JsonArena arena = JsonArena.open()) {
            JsonArray a = arena.parse(w.toByteArray()).asArray();
            assertEquals(0.1, a.get(2).asDouble());
            assertEquals(Double.doubleToLongBits(-0.0), Double.doubleToLongBits(a.get(3).asDouble()));
            assertEquals(4.9e-324, a.get(5).asDouble());
            assertEquals(new BigDecimal("1.50"), a.get(7).asBigDecimal());
        }
        assertThrows(IllegalArgumentException.class, () -> JsonWriter.buffered().value(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> JsonWriter.buffered().value(Double.POSITIVE_INFINITY));
    }

    /** The chars a string of {@link #everyCharClassIsEncodedAsTheRulesSay} is made of, one class per entry. */
    private static final String[] CHAR_CLASSES = {"a", "Z", " ", "\"", "\\", "\n", "\t", "\u0001", "\u001f", "/", "<",
        "\u007f", "\u00e9", "\u07ff", "\u0800", "\u65e5", "\uffff", "\ud83d\ude00", "\udbff\udfff", "\ud800", "\udc00"};

    @Test
    void everyCharClassIsEncodedAsTheRulesSay() {
        Property.check("string chars -> JSON text", 2_000, gen -> {
            StringBuilder sb = new StringBuilder();
            // both sides of the bulk ASCII prefix, and strings written in pieces
            int n = gen.chance(0.05) ? gen.intBetween(900, 2_600) : gen.chance(0.2) ? gen.intBetween(16, 200) : gen.intBetween(0, 15);
            int runClass = gen.nextInt(CHAR_CLASSES.length);
            for (int i = 0; i < n; i++) {
                if (gen.chance(0.3)) {
                    runClass = gen.nextInt(CHAR_CLASSES.length); // runs of one class, as text has
                }
                sb.append(CHAR_CLASSES[runClass]);
            }
            String s = sb.toString();
            JsonWriter w = JsonWriter.buffered();
            w.value(s);
            byte[] expected = ReferenceJson.quote(s).getBytes(StandardCharsets.UTF_8); // the rules, a char at a time
            assertArrayEquals(expected, w.toByteArray(), s);
            JsonWriter viaChars = JsonWriter.buffered();
            viaChars.value(new StringBuilder(s)); // a CharSequence that is not a String: the piecewise path
            assertArrayEquals(expected, viaChars.toByteArray(), s);
            // the same text as UTF-8 bytes (lone surrogates become '?' there), compact and html-safe,
            // against the String path of the text the bytes decode to
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            String decoded = new String(utf8, StandardCharsets.UTF_8);
            for (boolean htmlSafe : new boolean[] {false, true}) {
                JsonWriter viaBytes = JsonWriter.buffered().htmlSafe(htmlSafe);
                viaBytes.valueUtf8(utf8, 0, utf8.length);
                JsonWriter viaString = JsonWriter.buffered().htmlSafe(htmlSafe);
                viaString.value(decoded);
                assertArrayEquals(viaString.toByteArray(), viaBytes.toByteArray(), s);
            }
        });
    }

    @Test
    void aLongStringIsWrittenWholeWhateverFallsOnTheBoundariesOfItsPieces() throws IOException {
        // strings longer than a piece (1,024 chars), with a surrogate pair, a lone high surrogate, an
        // escape or a three-byte char at every position around the first and second boundaries
        String[] probes = {"\ud83d\ude00", "\ud83d", "\"", "\u65e5", "\u00e9"};
        for (String probe : probes) {
            for (int at = 1_018; at <= 1_026; at++) {
                for (int second : new int[] {0, 1_023, 1_024}) {
                    String s = "a".repeat(at) + probe + (second == 0 ? "b".repeat(40) : "\u65e5".repeat(second) + probe + "c");
                    byte[] expected = ReferenceJson.quote(s).getBytes(StandardCharsets.UTF_8);
                    JsonWriter buffered = JsonWriter.buffered();
                    buffered.value(s);
                    assertArrayEquals(expected, buffered.toByteArray(), () -> probe + " at " + s.indexOf(probe));
                    ByteArrayOutputStream streamed = new ByteArrayOutputStream();
                    try (JsonWriter w = JsonWriter.of(streamed)) { // through the streaming sink's bounded buffer
                        w.beginArray().value("x".repeat(7_000)).value(s).endArray();
                    }
                    byte[] inArray = ("[\"" + "x".repeat(7_000) + "\"," + new String(expected, StandardCharsets.UTF_8) + "]")
                            .getBytes(StandardCharsets.UTF_8);
                    assertArrayEquals(inArray, streamed.toByteArray(), () -> probe + " at " + s.indexOf(probe));
                }
            }
        }
    }

    @Test
    void aStringOfWidestEscapesFitsAtEveryFillOfAStreamedBuffer() throws InterruptedException {
        // ASCII text whose chars take six bytes each (U+0001, escaped as backslash-u-0001) or two,
        // whole or as the second piece of a long string, starting at every position of the
        // streaming sink's 8 KiB buffer (on a thread of its own, whose writers get a buffer of that
        // size): the room reserved before a string or piece must hold its worst case and what the
        // bulk path stores past it
        byte[] xs = "x".repeat(8_192).getBytes(StandardCharsets.US_ASCII);
        Throwable thrown = FreshThread.run("widest-escapes", () -> {
            for (String escape : new String[] {"\u0001", "\""}) {
                for (String s : new String[] {"ab" + escape.repeat(22), "a".repeat(1_024) + escape.repeat(9),
                    "a".repeat(1_024) + escape.repeat(1_024)}) {
                    String quoted = ReferenceJson.quote(s);
                    for (int filler = 0; filler <= 8_192; filler++) {
                        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
                        try (JsonWriter w = JsonWriter.of(streamed)) {
                            // a filler given as bytes is copied up to the buffer's last byte, so the
                            // string starts at every fill (a String filler reserves its worst case)
                            w.beginArray().valueUtf8(xs, 0, filler).value(s).endArray();
                        }
                        String expected = "[\"" + "x".repeat(filler) + "\"," + quoted + "]";
                        assertEquals(expected, streamed.toString(StandardCharsets.UTF_8), "filler " + filler);
                    }
                }
            }
        });
        assertNull(thrown, () -> String.valueOf(thrown));
    }

    @Test
    void everyLongIsWrittenAsLongToStringSpellsIt() {
        JsonWriter w = JsonWriter.buffered();
        StringBuilder expected = new StringBuilder("[");
        w.beginArray();
        for (long p = 1; p > 0 && p <= Long.MAX_VALUE / 10 * 10; p *= 10) { // every digit count, at its edges
            for (long v : new long[] {p - 1, p, p + 1, -p, -(p - 1), 2 * p - 1}) {
                w.value(v);
                expected.append(expected.length() > 1 ? "," : "").append(v);
            }
        }
        for (long v : new long[] {0, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1, Integer.MAX_VALUE, Integer.MIN_VALUE,
            99_999_999L, 100_000_000L, 9_999_999_999_999_999L, 10_000_000_000_000_000L}) {
            w.value(v);
            expected.append(',').append(v);
        }
        w.endArray();
        assertEquals(expected.append(']').toString(), w.toString());
        Property.check("long -> its decimal", 5_000, gen -> {
            long v = gen.nextLong() >> gen.nextInt(64); // every bit length
            assertEquals(Long.toString(v), JsonWriter.buffered().value(v).toString());
        });
    }

    @Test
    void aDoubleIsWrittenAsDoubleToStringSpellsItAndReadsBackToItsOwnBits() {
        Property.check("double written as Double.toString", 100, gen -> {
            double v;
            do {
                v = gen.nextInt(2) == 0 ? Double.longBitsToDouble(gen.nextLong())
                        : Double.parseDouble(gen.longBetween(0, 99_999) + "e" + gen.intBetween(-12, 12));
            } while (!Double.isFinite(v));
            String written = JsonWriter.buffered().value(v).toString();
            assertEquals(Double.toString(v), written);
            try (JsonArena arena = JsonArena.open()) {
                assertEquals(Double.doubleToRawLongBits(v), Double.doubleToRawLongBits(arena.parse(written.getBytes(StandardCharsets.US_ASCII)).asDouble()), written);
            }
        });
    }

    @Test
    void aFloatIsWrittenAsItsOwnShortestDecimalNotItsDoubles() {
        JsonWriter w = JsonWriter.buffered();
        float[] values = {0.1f, -0.0f, 1.1f, 3.4028235e38f, 1.4e-45f, 16777216f, 1e10f, (float) Math.PI};
        w.beginArray();
        for (float f : values) {
            w.value(f);
        }
        w.endArray();
        assertEquals("[0.1,-0.0,1.1,3.4028235E38,1.4E-45,1.6777216E7,1.0E10,3.1415927]", w.toString());
        try (JsonArena arena = JsonArena.open()) {
            JsonArray a = arena.parse(w.toByteArray()).asArray();
            for (int i = 0; i < values.length; i++) {
                assertEquals(Float.floatToRawIntBits(values[i]), Float.floatToRawIntBits((float) a.get(i).asDouble()), "element " + i);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> JsonWriter.buffered().value(Float.NaN));
        assertThrows(IllegalArgumentException.class, () -> JsonWriter.buffered().value(Float.NEGATIVE_INFINITY));
    }

    @Test
    void stringsAreEscapedAndLoneSurrogatesReplaced() {
        JsonWriter w = JsonWriter.buffered();
        w.beginArray().value("q\" b\\ \n\t\r\b\f \u0001 \u001f / </script> \u00e9\u65e5\uD83D\uDE00")
                .value("lone \uD800 and \uDC00 end").value("ends high \uD83D").endArray();
        assertEquals("[\"q\\\" b\\\\ \\n\\t\\r\\b\\f \\u0001 \\u001f / </script> \u00e9\u65e5\uD83D\uDE00\","
                + "\"lone \uFFFD and \uFFFD end\",\"ends high \uFFFD\"]", w.toString());
        JsonWriter html = JsonWriter.buffered().htmlSafe(true);
        html.value("</script><!-- a/b -->");
        assertEquals("\"<\\/script><!-- a/b -->\"", html.toString());
        byte[] utf8 = "caf\u00e9 \"x\"".getBytes(StandardCharsets.UTF_8);
        assertEquals("\"caf\u00e9 \\\"x\\\"\"", JsonWriter.buffered().valueUtf8(utf8, 0, utf8.length).toString());
        assertThrows(IllegalArgumentException.class, () -> JsonWriter.buffered().valueUtf8(new byte[] {(byte) 0xC0, (byte) 0x80}, 0, 2));
        assertEquals("{\"na\\\"me\":1}", JsonWriter.buffered().beginObject().name(JsonKey.of("na\"me")).value(1).endObject().toString());
        String longText = "\u00e9x\uD83D\uDE00".repeat(5000); // pairs straddling every piece boundary
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonWriter s = JsonWriter.of(bytes)) {
            s.value(longText);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertEquals("\"" + longText + "\"", bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void everyKindOfCharIsWrittenRightAtEveryPositionOfStringsShortAndLong() {
        // chars of every class (plain ASCII around the escape table's edges, escapes, control
        // characters, Latin-1, other BMP, surrogate pairs and lone halves) at every position of
        // plain strings of every length across the 4- and 8-char steps of the fast paths and the
        // length from which a string's ASCII prefix is copied in bulk
        String[] specials = {" ", "~", "\u007f", "/", "\"", "\\", "\u0000", "\n", "\u001f", "\u0080", "\u00e9", "\u00ff",
            "\u0100", "\u65e5", "\uFFFF", "\uD83D\uDE00", "\uD800", "\uDC00", "\uDBFF", "a\uD800\uDBFF\uDFFF"};
        String[] fillers = {"a", "\u00e9", "\u65e5"}; // Latin-1 strings and strings stored as UTF-16
        JsonWriter w = JsonWriter.buffered();
        for (String filler : fillers) {
            for (int length = 1; length <= 80; length++) {
                String plain = filler.equals("a") ? "a".repeat(length) : "a".repeat(length - 1) + filler;
                w.reset();
                w.value(plain);
                assertEquals(ReferenceJson.quote(plain), w.toString(), plain);
                for (String special : specials) {
                    for (int at = 0; at < length; at++) {
                        String s = plain.substring(0, at) + special + plain.substring(at + 1);
                        int len = length;
                        int pos = at;
                        w.reset();
                        w.value(s);
                        assertEquals(ReferenceJson.quote(s), w.toString(), () -> "length " + len + " at " + pos + ": " + s);
                        w.reset();
                        w.beginObject().name(s).value(1).endObject(); // a name, as the cache of names first writes it
                        assertEquals("{" + ReferenceJson.quote(s) + ":1}", w.toString());
                    }
                }
            }
        }
    }

    @Test
    void structureMistakesAreRefusedWithIllegalState() {
        assertThrows(IllegalStateException.class, () -> JsonWriter.buffered().name("a"));
        assertThrows(IllegalStateException.class, () -> JsonWriter.buffered().beginArray().name("a"));
        assertThrows(IllegalStateException.class, () -> JsonWriter.buffered().beginObject().value(1));
        assertThrows(IllegalStateException.class, () -> JsonWriter.buffered().beginObject().name("a").name("b"));
        assertThrows(IllegalStateException.class, () -> JsonWriter.buffered().beginObject().name("a").endObject());
        assertThrows(IllegalStateException.class, () -> JsonWriter.buffered().beginObject().endArray());
        assertThrows(IllegalStateException.class, () -> JsonWriter.buffered().endObject());
        assertThrows(IllegalStateException.class, () -> JsonWriter.buffered().value(1).value(2));
        IllegalStateException open = assertThrows(IllegalStateException.class, () -> {
            JsonWriter w = JsonWriter.buffered();
            w.beginObject().name("a").beginArray();
            w.close();
        });
        assertTrue(open.getMessage().contains("2 containers"), open.getMessage());
        JsonWriter w = JsonWriter.buffered();
        w.value(1);
        w.reset();
        w.value(2);
        assertEquals("2", w.toString());
    }

    @Test
    void prettyOutputIsTheTapeWritersLayout() {
        JsonWriter w = JsonWriter.buffered(JsonFormat.PRETTY);
        w.beginObject().name("a").beginArray().value(1).beginObject().endObject().beginArray().endArray().endArray()
                .name("b").beginObject().name("c").value("d").endObject().endObject();
        assertEquals("{\n  \"a\": [\n    1,\n    {},\n    []\n  ],\n  \"b\": {\n    \"c\": \"d\"\n  }\n}", w.toString());
    }

    @Test
    void aCopiedValueStopsWhenTheTargetClosesItsArena() {
        try (JsonPool pool = JsonPool.builder().build()) {
            JsonArena arena = pool.openArena();
            // larger than any buffer the thread's cached sink may have grown to (up to 64 KiB, by an
            // earlier toJson on this thread), so that the copy must flush to the closing target
            JsonValue v = arena.parse(("[" + "\"0123456789\",".repeat(20_000) + "1]").getBytes(StandardCharsets.UTF_8));
            OutputStream closing = new OutputStream() {
                @Override
                public void write(int b) {
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    arena.close();
                }
            };
            JsonWriter w = JsonWriter.of(closing);
            assertThrows(IllegalStateException.class, () -> w.beginArray().value(v));
        }
    }

    @Test
    void writingTokensAllocatesNothingInSteadyState() {
        JsonWriter w = JsonWriter.buffered();
        JsonKey key = JsonKey.of("level");
        String message = "a message long enough to be copied in bulk, \"quoted\" and caf\u00e9";
        Runnable doc = () -> {
            w.reset();
            w.beginObject().name(key).value("INFO").name("message").value(message).name("n").value(12345L).name("x").value(0.125)
                    .name("ok").value(true).name("none").nullValue().name("list").beginArray().value(1).value(2).endArray()
                    .endObject();
        };
        long perDoc = heapPerRun(doc);
        assertTrue(perDoc <= 8, perDoc + " bytes of heap per document");
    }

    @Test
    void aWriterToAStreamAllocatesNothingButItselfInSteadyState() {
        OutputStream discard = OutputStream.nullOutputStream();
        Runnable doc = () -> {
            JsonWriter w = JsonWriter.of(discard);
            w.beginObject().name("level").value("INFO").name("x").value(0.125).name("list").beginArray()
                    .beginArray().beginObject().endObject().endArray().endArray().endObject();
            try {
                w.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        long perDoc = heapPerRun(doc);
        // the writer object (about 32 bytes); its container stack and number scratch are the thread's sink's
        assertTrue(perDoc <= 48, perDoc + " bytes of heap per document");
    }

    /** {@return the heap bytes one run of {@code doc} allocates in steady state} (after 20,000 runs, over 10,000) */
    private static long heapPerRun(Runnable doc) {
        for (int i = 0; i < 20_000; i++) {
            doc.run();
        }
        long before = DecoderSupport.allocatedBytes();
        for (int i = 0; i < 10_000; i++) {
            doc.run();
        }
        return (DecoderSupport.allocatedBytes() - before) / 10_000;
    }
}
