package dev.jsonarena;

import static dev.jsonarena.DecoderSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.jsonarena.tape.Document;
import dev.jsonarena.testing.JsonGenerator;
import dev.jsonarena.testing.Property;
import dev.jsonarena.testing.ReferenceJson;
import dev.jsonarena.testing.ReferenceJson.JValue;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Strings and member names as {@code String}s: the per-document name cache and the reused scratch
 * array behind {@link Document#keyName} and {@link Document#string}. Documents are recycled across
 * parses, resets and arenas of a pool, so every test here reads names of one document, makes the
 * same document object hold another, and checks that only the new names come back.
 */
class StringMaterialisationTest {

    private static List<String> keysByViews(JsonValue object) {
        List<String> keys = new ArrayList<>();
        for (JsonObject.Member m : object.asObject()) {
            keys.add(m.key());
        }
        return keys;
    }

    private static List<String> keysByCursor(JsonValue object) {
        JsonCursor c = new JsonCursor().reset(object);
        List<String> keys = new ArrayList<>();
        if (c.enter()) {
            do {
                keys.add(c.key());
            } while (c.next());
        }
        return keys;
    }

    /** {@return the value read through a cursor (names by {@code key()}, strings by {@code asString()})} */
    private static JValue cursorToReference(JsonCursor c) {
        return switch (c.type()) {
            case OBJECT -> {
                List<Map.Entry<String, JValue>> members = new ArrayList<>();
                if (c.enter()) {
                    do {
                        members.add(new AbstractMap.SimpleImmutableEntry<>(c.key(), cursorToReference(c)));
                    } while (c.next());
                    c.exit();
                }
                yield new ReferenceJson.JObject(members);
            }
            case ARRAY -> {
                List<JValue> elements = new ArrayList<>();
                if (c.enter()) {
                    do {
                        elements.add(cursorToReference(c));
                    } while (c.next());
                    c.exit();
                }
                yield new ReferenceJson.JArray(elements);
            }
            case STRING -> new ReferenceJson.JString(c.asString());
            case NUMBER -> new ReferenceJson.JNumber(c.value().numberText());
            case TRUE -> ReferenceJson.TRUE;
            case FALSE -> ReferenceJson.FALSE;
            case NULL -> ReferenceJson.NULL;
        };
    }

    /** {@return an object of {@code n} members named {@code prefix + i}, valued i} */
    private static String object(String prefix, int n) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",").append('"').append(prefix).append(i).append("\":").append(i);
        }
        return b.append('}').toString();
    }

    private static List<String> names(String prefix, int n) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add(prefix + i);
        }
        return names;
    }

    @Test
    void aNameIsDecodedOnceAndTheSameStringIsReturnedForEveryMemberWithIt() {
        try (JsonPool pool = pool(); JsonArena arena = pool.openArena()) {
            JsonValue v = arena.parse(utf8("[{\"id\":1,\"caf\u00e9\":2},{\"id\":3,\"caf\u00e9\":4}]"));
            List<String> first = keysByViews(v.asArray().get(0));
            List<String> second = keysByCursor(v.asArray().get(1));
            assertEquals(List.of("id", "caf\u00e9"), first);
            assertSame(first.get(0), second.get(0));
            assertSame(first.get(1), second.get(1));
        }
    }

    @Test
    void recycledDocumentNeverReturnsThePreviousRequestsNamesAfterCloseAndReopen() {
        try (JsonPool pool = pool()) {
            JsonArena first = pool.openArena();
            JsonValue a = first.parse(utf8("{\"password\":1,\"token\":2,\"secret\":3}"));
            assertEquals(List.of("password", "token", "secret"), keysByViews(a));
            assertEquals(List.of("password", "token", "secret"), keysByCursor(a));
            Document recycled = a.doc;
            first.close();
            try (JsonArena second = pool.openArena()) {
                // same key ids 0, 1, 2 with other names, read by every path that materialises names
                JsonValue b = second.parse(utf8("{\"colour\":1,\"shape\":2,\"size\":3}"));
                assertSame(recycled, b.doc, "the pool must hand the same document object to the next arena for this test to prove anything");
                assertEquals(List.of("colour", "shape", "size"), keysByViews(b));
                assertEquals(List.of("colour", "shape", "size"), keysByCursor(b));
                assertEquals(List.of("colour", "shape", "size"), new ArrayList<>(b.asObject().asMap().keySet()));
                assertEquals(Map.of("colour", 1L, "shape", 2L, "size", 3L), b.toJava());
            }
        }
    }

    @Test
    void resetThenParseReturnsOnlyTheNewDocumentsNamesAndStrings() {
        try (JsonPool pool = pool(); JsonArena arena = pool.openArena()) {
            JsonValue a = arena.parse(utf8("{\"user\":\"alice\",\"pin\":\"1234\"}"));
            assertEquals(List.of("user", "pin"), keysByCursor(a));
            assertEquals("alice", a.asObject().get("user").asString());
            Document recycled = a.doc;
            arena.reset();
            assertThrows(IllegalStateException.class, () -> keysByViews(a));
            JsonValue b = arena.parse(utf8("{\"host\":\"db\",\"port\":\"5432\"}"));
            assertSame(recycled, b.doc);
            assertEquals(List.of("host", "port"), keysByViews(b));
            assertEquals(List.of("host", "port"), keysByCursor(b));
            assertEquals("db", b.asObject().get("host").asString());
            assertEquals("5432", b.asObject().get("port").asString());
            assertNull(b.asObject().get("user"));
        }
    }

    @Test
    void documentsWithMoreThenFewerKeysThanTheOneBeforeReadTheirOwnNames() {
        try (JsonPool pool = pool(); JsonArena arena = pool.openArena()) {
            int[] sizes = {3, 40, 2, 5000, 1, 0, 4100, 17};
            String[] prefixes = {"a", "b", "c", "d", "e", "f", "g", "h"};
            for (int k = 0; k < sizes.length; k++) {
                arena.reset();
                JsonValue v = arena.parse(utf8(object(prefixes[k], sizes[k])));
                List<String> expected = names(prefixes[k], sizes[k]);
                assertEquals(expected, keysByViews(v), "document " + k);
                assertEquals(expected, keysByCursor(v), "document " + k);
                assertEquals(expected, keysByViews(v), "document " + k + ", from the cache");
            }
        }
    }

    @Test
    void everyDocumentOfOneArenaKeepsItsOwnNames() {
        try (JsonPool pool = pool(); JsonArena arena = pool.openArena()) {
            JsonValue a = arena.parse(utf8("{\"x\":1,\"y\":2}"));
            assertEquals(List.of("x", "y"), keysByViews(a));
            JsonValue b = arena.parse(utf8("{\"p\":1,\"q\":2}"));
            assertNotSame(a.doc, b.doc);
            assertEquals(List.of("p", "q"), keysByViews(b));
            assertEquals(List.of("x", "y"), keysByCursor(a));
            assertEquals(List.of("p", "q"), keysByCursor(b));
        }
    }

    @Test
    void nonAsciiEscapedAndEmptyNamesAndStringsDecode() {
        try (JsonPool pool = pool(); JsonArena arena = pool.openArena()) {
            String json = "{\"\":\"\",\"caf\u00e9\":\"\u20ac\ud83d\ude00\",\"\\u0041\\n\\\"\":\"a\\tb\\u00e9\","
                    + "\"\ud83d\ude00\":[\"\",\"\u00ff\",\"plain\"],\"x\":\"\\ud83d\\ude00x\"}";
            for (int round = 0; round < 3; round++) { // fresh, then from the cache and the grown scratch array
                arena.reset();
                JsonValue v = arena.parse(utf8(json));
                assertEquals(List.of("", "caf\u00e9", "A\n\"", "\ud83d\ude00", "x"), keysByViews(v));
                assertEquals(List.of("", "caf\u00e9", "A\n\"", "\ud83d\ude00", "x"), keysByCursor(v));
                assertEquals(ReferenceJson.parse(utf8(json)), toReference(v));
                assertEquals(ReferenceJson.parse(utf8(json)), cursorToReference(new JsonCursor().reset(v)));
            }
        }
    }

    /** {@return a string of exactly {@code bytes} UTF-8 bytes; non-ASCII at the end if {@code nonAscii} and it fits} */
    private static String ofUtf8Length(int bytes, char first, boolean nonAscii) {
        if (bytes == 0) {
            return "";
        }
        if (nonAscii && bytes >= 3) {
            return first + "x".repeat(bytes - 3) + "\u00e9"; // é is 2 bytes
        }
        return first + "x".repeat(bytes - 1);
    }

    /** Lengths around every power of two the scratch array grows through, and past its cap. */
    @Test
    void stringsOfEveryScratchSizeAndLongerThanTheCapDecodeAndStayIntact() {
        assertEquals(64 << 10, Document.SCRATCH_MAX_BYTES, "the lengths below straddle the scratch cap");
        try (JsonPool pool = pool(); JsonArena arena = pool.openArena(64 << 20)) {
            List<Integer> lengths = new ArrayList<>(List.of(0, 1, 2, 3, 7, 8, 9));
            for (int p = 8; p <= 18; p++) {
                lengths.addAll(List.of((1 << p) - 1, 1 << p, (1 << p) + 1));
            }
            lengths.addAll(List.of(5, 300, 70_000, 4)); // short again after long: the scratch array is reused
            List<String> expected = new ArrayList<>();
            StringBuilder json = new StringBuilder("[");
            for (int i = 0; i < lengths.size(); i++) {
                // ASCII and non-ASCII in turn, so both the ASCII fast path and the decoder run
                String s = ofUtf8Length(lengths.get(i), (char) ('a' + i % 26), i % 2 == 1);
                assertEquals(lengths.get(i), utf8(s).length);
                expected.add(s);
                json.append(i == 0 ? "" : ",").append('"').append(s).append('"');
            }
            JsonValue v = arena.parse(utf8(json.append(']').toString()));
            List<String> strings = new ArrayList<>();
            for (JsonValue e : v.asArray()) {
                strings.add(e.asString());
            }
            // every String read before is unchanged by the later reads through the same scratch array
            assertEquals(expected, strings);
            JsonCursor c = new JsonCursor().reset(v);
            List<String> byCursor = new ArrayList<>();
            assertTrue(c.enter());
            do {
                byCursor.add(c.asString());
            } while (c.next());
            assertEquals(expected, byCursor);
            // member names longer than the cap, and short ones after them
            String longName = ofUtf8Length((64 << 10) + 3, 'k', true);
            String longValue = ofUtf8Length((64 << 10) + 1, 'v', false);
            arena.reset();
            JsonLimits limits = JsonLimits.builder().maxKeyBytes(1 << 20).build();
            JsonValue o = arena.parse(utf8("{\"" + longName + "\":\"" + longValue + "\",\"k\":\"w\"}"), limits);
            assertEquals(List.of(longName, "k"), keysByViews(o));
            assertEquals(List.of(longName, "k"), keysByCursor(o));
            assertEquals(longValue, o.asObject().get(longName).asString());
            assertEquals("w", o.asObject().get("k").asString());
        }
    }

    /**
     * Every code point from U+0020 (all of the BMP but surrogates, then every 97th supplementary
     * one), in strings of 61 code points after 0 to 7 ASCII characters, so that every sequence
     * length starts at every position relative to the 8-byte ASCII scan, decodes as the JDK's
     * decoder decodes it.
     */
    @Test
    void everyCodePointDecodesAtEveryAlignment() {
        List<Integer> codePoints = new ArrayList<>();
        for (int cp = 0x20; cp <= 0x10FFFF; cp += cp < 0x10000 ? 1 : 97) {
            if (cp != '"' && cp != '\\' && (cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE)) {
                codePoints.add(cp);
            }
        }
        try (JsonPool pool = pool(); JsonArena arena = pool.openArena(256 << 20)) {
            for (int shift = 0; shift < 8; shift++) {
                List<String> expected = new ArrayList<>();
                StringBuilder json = new StringBuilder("[");
                for (int from = 0; from < codePoints.size(); from += 61) {
                    StringBuilder b = new StringBuilder("a".repeat(shift));
                    for (int k = from; k < Math.min(from + 61, codePoints.size()); k++) {
                        b.appendCodePoint(codePoints.get(k));
                    }
                    String s = new String(utf8(b.toString()), java.nio.charset.StandardCharsets.UTF_8);
                    expected.add(s);
                    json.append(from == 0 ? "" : ",").append('"').append(s).append('"');
                }
                arena.reset();
                JsonValue v = arena.parse(utf8(json.append(']').toString()));
                int k = 0;
                for (JsonValue e : v.asArray()) {
                    assertEquals(expected.get(k), e.asString(), "string " + k + " after " + shift + " ASCII characters");
                    k++;
                }
                assertEquals(expected.size(), k);
            }
        }
    }

    /** Short strings read right after longer ones that left ASCII and non-ASCII bytes in the scratch array. */
    @Test
    void shortStringsReadAfterLongerOnesShowNoneOfTheirBytes() {
        try (JsonPool pool = pool(); JsonArena arena = pool.openArena()) {
            String[] longer = {"qrstuvwxyz\u00e9".repeat(4), "\u00e9qrstuvwxyz".repeat(4), "\u20acq".repeat(9), "qrstuvwx".repeat(5)};
            for (String before : longer) {
                for (int n = 0; n <= 16; n++) {
                    for (String unit : new String[] {"a", "\u00e9"}) {
                        String shorter = unit.repeat(n);
                        arena.reset();
                        JsonValue v = arena.parse(utf8("[\"" + before + "\",\"" + shorter + "\"]"));
                        assertEquals(before, v.asArray().get(0).asString());
                        assertEquals(shorter, v.asArray().get(1).asString());
                        arena.reset();
                        JsonValue o = arena.parse(utf8("{\"" + before + "\":1,\"" + shorter + "\":2}"));
                        assertEquals(List.of(before, shorter), keysByCursor(o));
                    }
                }
            }
        }
    }

    /**
     * A sequence cut short (which the parser never stores; reached here by decoding a prefix of a
     * stored string) decodes with a replacement character, never with bytes left in the scratch
     * array by an earlier string.
     */
    @Test
    void aTruncatedSequenceDecodesWithReplacementNotStaleScratchBytes() throws ReflectiveOperationException {
        java.lang.reflect.Field decoderField = Document.class.getDeclaredField("decoder");
        decoderField.setAccessible(true);
        java.lang.reflect.Method decode = decoderField.getType().getDeclaredMethod("decode",
                java.lang.foreign.MemorySegment.class, long.class, int.class);
        decode.setAccessible(true);
        try (JsonPool pool = pool(); JsonArena arena = pool.openArena()) {
            String[] texts = {"\u00e9", "\u20ac", "\ud83d\ude00", "ab\u20ac", "abcdefgh\ud83d\ude00"};
            for (String text : texts) {
                arena.reset();
                JsonValue v = arena.parse(utf8("[\"\uffff\uffff\ud83d\ude00\ud83d\ude00\",\"" + text + "\"]"));
                Document d = v.doc;
                assertEquals("\uffff\uffff\ud83d\ude00\ud83d\ude00", d.string(1)); // fills the scratch array with non-ASCII bytes
                byte[] bytes = utf8(text);
                for (int cut = 1; cut < bytes.length; cut++) {
                    String expected = new String(bytes, 0, cut, java.nio.charset.StandardCharsets.UTF_8);
                    assertEquals(expected, decode.invoke(decoderField.get(d), d.segment(), d.textOffset(2), cut), text + " cut to " + cut + " bytes");
                }
            }
        }
    }

    /** Random documents through one arena, with resets and reopenings, read both ways, equal the reference. */
    @Test
    void randomDocumentsThroughRecycledDocumentsMatchTheReference() {
        try (JsonPool pool = pool()) {
            JsonArena[] arena = {pool.openArena()};
            try {
                Property.check("randomDocumentsThroughRecycledDocumentsMatchTheReference", 300, gen -> {
                    switch (gen.nextInt(3)) {
                        case 0 -> arena[0].reset();
                        case 1 -> {
                            arena[0].close();
                            arena[0] = pool.openArena();
                        }
                        default -> { } // another document in the same arena
                    }
                    JsonGenerator.Document d = new JsonGenerator(gen).document();
                    JsonValue v = arena[0].parse(d.bytes());
                    if (gen.nextBoolean()) {
                        assertEquals(d.expected(), cursorToReference(new JsonCursor().reset(v)), d.toString());
                        assertEquals(d.expected(), toReference(v), d.toString());
                    } else {
                        assertEquals(d.expected(), toReference(v), d.toString());
                        assertEquals(d.expected(), cursorToReference(new JsonCursor().reset(v)), d.toString());
                    }
                });
            } finally {
                arena[0].close();
            }
        }
    }
}
