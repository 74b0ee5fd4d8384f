package dev.jsonarena;

import static dev.jsonarena.DecoderSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every limit at its boundary: input exactly at the configured value parses, input one unit over
 * fails with {@link JsonLimitException} naming that limit, its configured value and the byte
 * offset where it was passed, and the failed parse leaves the arena's accounting as before.
 */
class LimitsTest extends ArenaFixture {

    private static JsonLimits with(JsonLimit limit, long value) {
        return JsonLimits.builder().set(limit, value).build();
    }

    /** Parses {@code under}, then asserts {@code over} fails on {@code limit} at {@code offset}. */
    private void boundary(JsonLimit limit, long value, String under, String over, long offset) {
        JsonLimits limits = with(limit, value);
        assertNotNull(arena.parse(utf8(under), limits), under);
        JsonLimitException e = assertFailsLeavingNothing(JsonLimitException.class, arena, pool,
                () -> arena.parse(utf8(over), limits));
        assertEquals(limit, e.limit(), e.getMessage());
        assertEquals(value, e.limitValue());
        assertEquals(offset, e.offset(), over + ": " + e.getMessage());
        assertTrue(e.getMessage().contains(limit.setting()) && e.getMessage().contains(Long.toString(value)), e.getMessage());
    }

    @Test
    void depthJustUnderParsesAndJustOverFails() {
        boundary(JsonLimit.DEPTH, 3, "[[[1]]]", "[[[[1]]]]", 3);
        boundary(JsonLimit.DEPTH, 3, "{\"a\":{\"b\":[]}}", "{\"a\":{\"b\":[{}]}}", 11);
        boundary(JsonLimit.DEPTH, 0, "1", "[]", 0);
    }

    @Test
    void documentBytesJustUnderParsesAndJustOverFails() {
        boundary(JsonLimit.DOCUMENT_BYTES, 7, "[1,2,3]", "[1,2,34]", 7);
        boundary(JsonLimit.DOCUMENT_BYTES, 7, "[1,2,3]", "[1,2,3] ", 7);
    }

    @Test
    void documentBytesBoundsEveryEntryPoint(@TempDir Path dir) throws Exception {
        JsonLimits limits = with(JsonLimit.DOCUMENT_BYTES, 7);
        byte[] ok = utf8("[1,2,3]");
        byte[] over = utf8("[1,2,34]");
        Function<byte[], Object>[] entries = entryPoints(dir, limits);
        for (Function<byte[], Object> parse : entries) {
            assertNotNull(parse.apply(ok));
            JsonLimitException e = assertFailsLeavingNothing(JsonLimitException.class, arena, pool,
                    () -> parse.apply(over));
            assertEquals(JsonLimit.DOCUMENT_BYTES, e.limit());
            assertEquals(7, e.offset());
        }
    }

    @SuppressWarnings("unchecked")
    private Function<byte[], Object>[] entryPoints(Path dir, JsonLimits limits) {
        return new Function[] {
            (Function<byte[], Object>) b -> arena.parse(b, limits),
            (Function<byte[], Object>) b -> arena.parse(java.nio.ByteBuffer.wrap(b), limits),
            (Function<byte[], Object>) b -> {
                try {
                    return arena.parse(new ByteArrayInputStream(b), limits);
                } catch (java.io.IOException e) {
                    throw new AssertionError(e);
                }
            },
            (Function<byte[], Object>) b -> {
                try {
                    return arena.parse(Channels.newChannel(new ByteArrayInputStream(b)), limits);
                } catch (java.io.IOException e) {
                    throw new AssertionError(e);
                }
            },
            (Function<byte[], Object>) b -> {
                try {
                    Path f = Files.write(dir.resolve("doc.json"), b);
                    return arena.parseFile(f, limits);
                } catch (java.io.IOException e) {
                    throw new AssertionError(e);
                }
            },
        };
    }

    @Test
    void tokensJustUnderParsesAndJustOverFails() {
        boundary(JsonLimit.TOKENS, 5, "[1,2,3,4]", "[1,2,3,4,5]", 9);
        boundary(JsonLimit.TOKENS, 5, "{\"a\":1,\"b\":[]}", "{\"a\":1,\"b\":[2]}", 12);
        boundary(JsonLimit.TOKENS, 3, "{\"a\":1}", "{\"a\":1,\"b\":2}", 7);
    }

    @Test
    void objectMembersJustUnderParsesAndJustOverFails() {
        boundary(JsonLimit.OBJECT_MEMBERS, 2, "{\"a\":1,\"b\":{\"c\":1,\"d\":2}}", "{\"a\":1,\"b\":2,\"c\":3}", 12);
    }

    @Test
    void arrayElementsJustUnderParsesAndJustOverFails() {
        boundary(JsonLimit.ARRAY_ELEMENTS, 3, "[1,[2,3,4],3]", "[1,[2,3,4,5]]", 9);
    }

    @Test
    void keyBytesCountUnescapedUtf8() {
        boundary(JsonLimit.KEY_BYTES, 4, "{\"abcd\":1}", "{\"abcde\":1}", 6);
        // \u0061 is one byte; é two
        boundary(JsonLimit.KEY_BYTES, 4, "{\"\\u0061bc\\u0064\":1}", "{\"ab\\u00e9e\":1}", 10);
        boundary(JsonLimit.KEY_BYTES, 4, "{\"ab\u00e9\":1}", "{\"abc\u00e9\":1}", 5);
    }

    @Test
    void distinctKeysCountEachNameOnce() {
        boundary(JsonLimit.DISTINCT_KEYS, 2, "[{\"a\":1,\"b\":2},{\"b\":3,\"a\":{\"\\u0061\":4}}]",
                "[{\"a\":1,\"b\":2},{\"b\":3,\"c\":4}]", 22);
    }

    @Test
    void stringBytesAtEveryLengthAroundTheWordSize() {
        for (int max = 1; max <= 40; max++) {
            String under = "[\"" + "a".repeat(max) + "\"]";
            String over = "[\"" + "a".repeat(max + 1) + "\"]";
            boundary(JsonLimit.STRING_BYTES, max, under, over, 2 + max);
            // the limit of one string is not spent by others
            boundary(JsonLimit.STRING_BYTES, max, "[\"" + "b".repeat(max) + "\",\"" + "c".repeat(max) + "\"]",
                    "[\"" + "b".repeat(max) + "\",\"" + "c".repeat(max + 1) + "\"]", 5 + 2L * max);
        }
        boundary(JsonLimit.STRING_BYTES, 2, "\"\\n\\t\"", "\"\\n\\t\\\"\"", 5);
        boundary(JsonLimit.STRING_BYTES, 4, "\"\\ud83d\\ude00\"", "\"a\\ud83d\\ude00\"", 2);
    }

    @Test
    void numberCharsJustUnderParsesAndJustOverFails() {
        boundary(JsonLimit.NUMBER_CHARS, 5, "12345", "123456", 5);
        boundary(JsonLimit.NUMBER_CHARS, 5, "[-1.25]", "[-1.255]", 6);
        boundary(JsonLimit.NUMBER_CHARS, 5, "1.5e3", "1.5e-3", 5);
        boundary(JsonLimit.NUMBER_CHARS, 25, "1" + "0".repeat(24), "1" + "0".repeat(25), 25);
    }

    @Test
    void arenaBudgetJustEnoughParsesAndOneByteLessFails() throws Exception {
        byte[] doc = utf8("{\"items\":[" + "\"0123456789abcdef\",".repeat(500) + "1]}");
        long lo = 1;
        long hi = 1L << 24;
        while (lo < hi) { // smallest budget that parses, by bisection
            long mid = (lo + hi) >>> 1;
            if (parsesWithin(doc, mid)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        assertTrue(parsesWithin(doc, lo));
        try (JsonArena small = pool.openArena(lo - 1)) {
            assertFailsLeavingNothing(JsonBudgetExceededException.class, small, pool, () -> small.parse(doc));
            assertTrue(small.bytesReserved() <= lo - 1);
        }
    }

    private boolean parsesWithin(byte[] doc, long budget) {
        try (JsonArena a = pool.openArena(budget)) {
            a.parse(doc);
            return true;
        } catch (JsonBudgetExceededException e) {
            return false;
        }
    }

    @Test
    void aMillionLevelsParseWithoutStackOverflowWhenLimitsAllow() {
        int levels = 1_000_000;
        byte[] doc = new byte[2 * levels + 1];
        for (int i = 0; i < levels; i++) {
            doc[i] = (byte) (i % 2 == 0 ? '[' : '[');
            doc[levels + 1 + i] = ']';
        }
        doc[levels] = '7';
        JsonLimits deep = JsonLimits.builder().maxDepth(levels).maxTokens(levels + 1).build();
        JsonValue root = arena.parse(doc, deep);
        JsonCursor c = new JsonCursor().reset(root);
        int depth = 0;
        while (c.type() == JsonType.ARRAY) {
            assertTrue(c.enter());
            depth++;
        }
        assertEquals(levels, depth);
        assertEquals(7, c.asLong());
        assertEquals(new String(doc, java.nio.charset.StandardCharsets.US_ASCII), root.toJson());
        JsonLimitException e = assertThrows(JsonLimitException.class,
                () -> arena.parse(doc, deep.toBuilder().maxDepth(levels - 1).build()));
        assertEquals(JsonLimit.DEPTH, e.limit());
        assertEquals(levels - 1, e.offset());
    }

    @Test
    void deepObjectsAtTheDepthMaximumParse() {
        int levels = 200_000;
        StringBuilder sb = new StringBuilder();
        sb.append("{\"k\":".repeat(levels)).append("null").append("}".repeat(levels));
        JsonLimits deep = JsonLimits.builder().set(JsonLimit.DEPTH, JsonLimit.DEPTH.maximum()).build();
        JsonValue root = arena.parse(utf8(sb.toString()), deep);
        assertEquals(sb.toString(), root.toJson());
        assertNotNull(root.at("/k".repeat(levels)));
        assertTrue(root.at("/k".repeat(levels)).isNull());
    }

    @Test
    void limitsRejectValuesOutOfRange() {
        for (JsonLimit l : JsonLimit.values()) {
            JsonLimits.Builder b = JsonLimits.builder();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.set(l, l.maximum() + 1));
            assertTrue(e.getMessage().startsWith(l.setting() + ": "), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> b.set(l, -1));
            assertEquals(l.maximum(), b.set(l, l.maximum()).build().get(l));
            assertEquals(l.defaultValue(), JsonLimits.defaults().get(l));
        }
        assertThrows(NullPointerException.class, () -> JsonLimits.builder().duplicateKeyPolicy(null));
        assertEquals(DuplicateKeyPolicy.REJECT, JsonLimits.defaults().duplicateKeyPolicy());
        assertFalse(JsonLimits.defaults().allowByteOrderMark());
        JsonLimits custom = JsonLimits.builder().maxDepth(7).allowByteOrderMark(true)
                .duplicateKeyPolicy(DuplicateKeyPolicy.LAST_WINS).build();
        assertEquals(custom, custom.toBuilder().build());
        assertEquals(custom.hashCode(), custom.toBuilder().build().hashCode());
        assertNotEquals(custom, JsonLimits.defaults());
    }

    @Test
    void poolLimitsApplyToParsesGivenNone() {
        JsonLimits tight = with(JsonLimit.ARRAY_ELEMENTS, 2);
        try (JsonPool p = JsonPool.builder().idleTimeout(java.time.Duration.ZERO).limits(tight).build();
             JsonArena a = p.openArena()) {
            assertEquals(tight, p.limits());
            assertEquals(2, a.parse(utf8("[1,2]")).asArray().size());
            assertEquals(JsonLimit.ARRAY_ELEMENTS,
                    assertThrows(JsonLimitException.class, () -> a.parse(utf8("[1,2,3]"))).limit());
            assertEquals(3, a.parse(utf8("[1,2,3]"), JsonLimits.defaults()).asArray().size());
        }
        assertEquals(JsonLimits.defaults(), JsonPool.defaultPool().limits());
    }
}
