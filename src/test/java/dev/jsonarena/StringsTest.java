package dev.jsonarena;

import static dev.jsonarena.DecoderSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.jsonarena.testing.ReferenceJson;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Strings: escapes and surrogate pairs, strict UTF-8 and control-character rejection at every
 * position relative to the 8-byte scan, and the allocation-free accessors.
 */
class StringsTest extends ArenaFixture {

    @Test
    void everyEscapeDecodes() {
        JsonValue v = arena.parse(utf8("\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u0041 \\u00e9 \\u20AC \\ud83d\\ude00 \\u0000\""));
        assertEquals("\" \\ / \b \f \n \r \t A \u00e9 \u20ac \ud83d\ude00 \u0000", v.asString());
        assertEquals("\"\\\" \\\\ / \\b \\f \\n \\r \\t A \u00e9 \u20ac \ud83d\ude00 \\u0000\"", v.toJson());
    }

    /** A special byte at every offset of strings of every length up to 40 crosses every scan-word boundary. */
    @Test
    void specialCharactersAtEveryPositionAroundTheWordSize() {
        String[] specials = {"\\n", "\\\"", "\\u00e9", "\u00e9", "\u20ac", "\ud83d\ude00", "\\ud83d\\ude00", "\u007f"};
        for (int length = 0; length <= 40; length++) {
            for (int at = 0; at <= length; at++) {
                for (String special : specials) {
                    String body = "a".repeat(at) + special + "b".repeat(length - at);
                    for (String doc : new String[] {"\"" + body + "\"", "[\"" + body + "\",1]", "{\"" + body + "\":\"" + body + "\"}"}) {
                        byte[] json = utf8(doc);
                        assertSameAsReference(json, arena.parse(json));
                    }
                }
            }
            arena.reset();
        }
    }

    /** {@return the text of a JSON string body, decoded one character at a time} */
    private static String decodeEscapes(String body) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = body.charAt(++i);
            switch (e) {
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    out.append((char) Integer.parseInt(body.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> out.append(e);
            }
        }
        return out.toString();
    }

    /**
     * Every escape form, alone and in runs, after 0 to 15 plain bytes (every alignment to the
     * 8-byte reads) and followed by 0 to 9 bytes before the closing quote and the input's end,
     * decodes as a character-at-a-time decoder decodes it.
     */
    @Test
    void everyEscapeFormAtEveryAlignmentAndNearTheEndDecodes() {
        String[] escapes = {"\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t", "\\u0000", "\\u0041", "\\u007F",
            "\\u0080", "\\u00e9", "\\u07FF", "\\u0800", "\\u20aC", "\\uFFFF", "\\uD800\\uDC00", "\\ud83d\\ude00",
            "\\uDBFF\\uDFFF", "\\u0041\\u00e9\\u20AC\\ud83d\\ude00\\n\\u0009", "\\u4e2d\\u6587\\u5b57\\u7b26\\u4e32\\u30c6"};
        for (String escape : escapes) {
            for (int before = 0; before < 16; before++) {
                for (int after = 0; after < 10; after++) {
                    String body = "x".repeat(before) + escape + "y".repeat(after);
                    String expected = decodeEscapes(body);
                    for (String doc : new String[] {"\"" + body + "\"", "[\"" + body + "\"]"}) {
                        JsonValue v = arena.parse(utf8(doc));
                        assertEquals(expected, (doc.startsWith("[") ? v.path(0) : v).asString(), doc);
                    }
                }
            }
            arena.reset();
        }
    }

    /**
     * A bad hex digit in any of the four places, a \\u escape cut off by the input's end, and a
     * lone or badly paired surrogate, at every alignment, are rejected at the same offset as a
     * byte-at-a-time reading finds them.
     */
    @Test
    void badUnicodeEscapesAreRejectedAtTheirOffsetAtEveryAlignment() {
        // the bad escape, and where the error is reported relative to its backslash
        String[] bad = {"\\uG041", "\\u0G41", "\\u00G1", "\\u004G", "\\u004", "\\u", "\\u00e\"", "\\u004\u00e9",
            "\\uDC00", "\\uD800", "\\uD800x", "\\uD800\\u0041", "\\uD800\\uD800", "\\uD800\\uDC0G", "\\uD800\\n"};
        int[] errorAt = {2, 3, 4, 5, -1, -1, 5, 5, 0, 6, 6, 6, 6, 11, 6};
        for (int before = 0; before < 16; before++) {
            for (int k = 0; k < bad.length; k++) {
                for (String tail : new String[] {"", "\"", "zzzzzzzz\""}) {
                    String doc = "\"" + "x".repeat(before) + bad[k] + tail;
                    byte[] json = utf8(doc);
                    JsonParseException e = assertThrows(JsonParseException.class, () -> arena.parse(json), doc);
                    if (errorAt[k] >= 0) {
                        assertEquals(1 + before + errorAt[k], e.offset(), doc + ": " + e.getMessage());
                    } else {
                        assertTrue(e.offset() >= 1 + before + 2 && e.offset() <= json.length, doc + ": " + e.getMessage());
                    }
                    assertFalse(ReferenceJson.isValid(json), doc);
                }
            }
        }
    }

    @Test
    void controlCharactersAndBadUtf8AreRejectedAtTheirOffset() {
        byte[][] bad = {{0x00}, {0x1F}, {'\n'}, {'\t'}, {(byte) 0x80}, {(byte) 0xC0, (byte) 0x80}, {(byte) 0xC1, (byte) 0xBF},
            {(byte) 0xE0, (byte) 0x80, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xFF}, {(byte) 0xC3}, {(byte) 0xE2, (byte) 0x82}};
        // where the error is reported, relative to the bad sequence's first byte
        int[] errorAt = {0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 1, 2};
        for (int length = 0; length <= 20; length++) {
            for (int at = 0; at <= length; at++) {
                for (int k = 0; k < bad.length; k++) {
                    byte[] prefix = utf8("\"" + "a".repeat(at));
                    byte[] suffix = utf8("b".repeat(length - at) + "\"");
                    byte[] json = new byte[prefix.length + bad[k].length + suffix.length];
                    System.arraycopy(prefix, 0, json, 0, prefix.length);
                    System.arraycopy(bad[k], 0, json, prefix.length, bad[k].length);
                    System.arraycopy(suffix, 0, json, prefix.length + bad[k].length, suffix.length);
                    JsonParseException e = assertThrows(JsonParseException.class, () -> arena.parse(json),
                            Arrays.toString(bad[k]) + " at " + at);
                    assertEquals(prefix.length + errorAt[k], e.offset(), e.getMessage());
                    assertFalse(ReferenceJson.isValid(json));
                }
            }
        }
    }

    /**
     * CJK text is read two 3-byte sequences at a time: a bad sequence right after 0 to 5 of them,
     * at every alignment, is still rejected at its offset, and the lead bytes E0 and ED, which
     * need a narrower second byte, are accepted where they are valid.
     */
    @Test
    void badUtf8AfterCjkTextIsRejectedAtItsOffset() {
        byte[][] bad = {{(byte) 0xE0, (byte) 0x80, (byte) 0x80}, {(byte) 0xE0, (byte) 0x9F, (byte) 0xBF},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xED, (byte) 0xBF, (byte) 0xBF}, {(byte) 0xE3, (byte) 0x81, 'x'},
            {(byte) 0xE3, (byte) 0xC1, (byte) 0x82}, {(byte) 0x80, (byte) 0x80, (byte) 0x80}};
        int[] errorAt = {1, 1, 1, 1, 2, 1, 0};
        for (int pad = 0; pad < 8; pad++) {
            for (int cjk = 0; cjk <= 5; cjk++) {
                for (int k = 0; k < bad.length; k++) {
                    byte[] prefix = utf8("\"" + "a".repeat(pad) + "\u3042".repeat(cjk));
                    byte[] suffix = utf8("\u3044\u3046 tail\"");
                    byte[] json = concat(prefix, bad[k], suffix);
                    JsonParseException e = assertThrows(JsonParseException.class, () -> arena.parse(json),
                            Arrays.toString(bad[k]) + " after " + cjk);
                    assertEquals(prefix.length + errorAt[k], e.offset(), e.getMessage());
                    assertFalse(ReferenceJson.isValid(json));
                }
                for (String valid : new String[] {"\u0800\u0fff", "\ud7ff\ud000", "\u3042\u0800", "\ue000\uffff", "\u00e9\u3042"}) {
                    byte[] json = utf8("\"" + "a".repeat(pad) + "\u3042".repeat(cjk) + valid + "\u3044\"");
                    assertSameAsReference(json, arena.parse(json));
                }
            }
            arena.reset();
        }
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] part : parts) {
            n += part.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    @Test
    void loneSurrogateEscapesAreRejected() {
        String[][] cases = {
            {"\"\\ud800\"", "7"}, {"\"\\udc00\"", "1"}, {"\"\\ud800\\u0041\"", "7"}, {"\"\\ude00\\ud83d\"", "1"},
            {"\"\\ud800x\"", "7"}, {"\"\\ud800\\\"", "7"}, {"\"\\ud800\\ud800\"", "7"},
        };
        for (String[] c : cases) {
            JsonParseException e = assertThrows(JsonParseException.class, () -> arena.parse(utf8(c[0])), c[0]);
            assertEquals(Long.parseLong(c[1]), e.offset(), c[0] + ": " + e.getMessage());
            assertTrue(e.getMessage().contains("surrogate"), e.getMessage());
        }
    }

    @Test
    void badEscapesAreRejected() {
        String[][] cases = {{"\"\\x\"", "2"}, {"\"\\u12\"", "5"}, {"\"\\u12g4\"", "5"}, {"\"\\U0041\"", "2"}, {"\"\\", "2"}, {"\"\\'\"", "2"}};
        for (String[] c : cases) {
            JsonParseException e = assertThrows(JsonParseException.class, () -> arena.parse(utf8(c[0])), c[0]);
            assertEquals(Long.parseLong(c[1]), e.offset(), c[0] + ": " + e.getMessage());
        }
    }

    @Test
    void errorsReportLineAndColumnInCharactersAndAnExcerpt() {
        JsonParseException e = assertThrows(JsonParseException.class,
                () -> arena.parse(utf8("{\n  \"caf\u00e9\": tru\n}")));
        assertEquals(2, e.line());
        assertEquals(14, e.column(), e.getMessage()); // "  "caf\u00e9": tru" then the newline
        assertEquals(16, e.offset()); // bytes: é is two
        assertEquals("the literal true", e.expected());
        assertEquals("byte 0x0A", e.found());
        assertTrue(e.excerpt().contains(">>>\\n}"), e.excerpt());
        assertTrue(e.excerpt().contains("\\xC3\\xA9"), e.excerpt());
    }

    @Test
    void allocationFreeAccessorsReadTheBytesInPlace() throws Exception {
        String text = "h\u00e9llo \ud83d\ude00 w\u00f6rld";
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        JsonValue v = arena.parse(utf8("\"h\\u00e9llo \\ud83d\\ude00 w\u00f6rld\""));
        assertEquals(utf8.length, v.utf8Length());
        assertTrue(v.contentEquals(text));
        assertTrue(v.contentEquals(new StringBuilder(text)));
        assertFalse(v.contentEquals(text + "!"));
        assertFalse(v.contentEquals(text.substring(1)));
        assertFalse(v.contentEquals("h\u00e9llo \ud83d\ude01 w\u00f6rld"));
        assertFalse(v.contentEquals("h\u00e9llo \ud83d w\u00f6rld"));
        assertTrue(v.stringEquals(JsonKey.of(text)));
        assertFalse(v.stringEquals(JsonKey.of("hello")));
        byte[] dst = new byte[utf8.length + 3];
        assertEquals(utf8.length, v.copyUtf8To(dst, 3));
        assertArrayEquals(utf8, Arrays.copyOfRange(dst, 3, dst.length));
        assertThrows(IndexOutOfBoundsException.class, () -> v.copyUtf8To(dst, 4));
        try (Arena a = Arena.ofConfined()) {
            MemorySegment seg = a.allocate(utf8.length + 5);
            assertEquals(utf8.length, v.copyUtf8To(seg, 5));
            assertArrayEquals(utf8, seg.asSlice(5).toArray(ValueLayout.JAVA_BYTE));
            assertThrows(IndexOutOfBoundsException.class, () -> v.copyUtf8To(seg, 6));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        v.writeUtf8To(out);
        assertArrayEquals(utf8, out.toByteArray());
        assertArrayEquals(utf8, v.utf8Bytes());
        // longer than the transfer buffer
        String big = "x\u00e9".repeat(5000);
        JsonValue b = arena.parse(utf8("\"" + big + "\""));
        ByteArrayOutputStream out2 = new ByteArrayOutputStream();
        b.writeUtf8To(out2);
        assertEquals(big, out2.toString(StandardCharsets.UTF_8));
        assertTrue(b.contentEquals(big));
        assertThrows(JsonTypeException.class, () -> arena.parse(utf8("1")).utf8Length());
        assertThrows(JsonTypeException.class, () -> arena.parse(utf8("[]")).contentEquals("x"));
    }

    @Test
    void emptyAndLongStringsRoundTrip() {
        assertEquals("", arena.parse(utf8("\"\"")).asString());
        assertEquals(0, arena.parse(utf8("\"\"")).utf8Length());
        String big = "0123456789\\n\u00e9".repeat(20_000);
        JsonValue v = arena.parse(utf8("[\"" + big + "\"]"));
        assertEquals(big.replace("\\n", "\n"), v.asArray().get(0).asString());
    }
}
