package dev.jsonarena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Behaviours that must not depend on where the input is or on the arena's past, run over every
 * combination: input in a heap {@code byte[]} or in native memory (a {@link MemorySegment} of a
 * confined JDK arena), parsed into a fresh arena or into one that has parsed, been read, and been
 * reset (so its memory, its recycled document object, the parser's key table and the name cache
 * all hold the earlier document's state). Each nested class is one combination; the tests are in
 * {@link Behaviours}.
 */
class InputAndArenaVariantsTest {
    /** Parsed into a reset arena before each test's own document, and read, so its state is warm. */
    private static final String EARLIER = "{\"id\":7,\"name\":\"earlier\",\"tags\":[\"x\",\"y\"],\"big\":123456789012345678901,"
            + "\"id2\":{\"name\":\"\u00e9\u00e9\"},\"n\":[1.5,2.5,3.5]}";

    /** The shared behaviours; a subclass says where the input lives and which arena parses it. */
    abstract static class Behaviours {
        JsonPool pool;
        JsonArena arena;
        private Arena nativeMemory;

        /** Whether the input is copied into native memory and parsed as a segment. */
        abstract boolean nativeInput();

        /** Whether the arena parses and reads {@link #EARLIER} and is reset before each test. */
        abstract boolean resetArena();

        @BeforeEach
        final void open() {
            pool = DecoderSupport.pool();
            arena = pool.openArena();
            nativeMemory = Arena.ofConfined();
            if (resetArena()) {
                JsonValue earlier = parse(EARLIER);
                assertEquals("earlier", earlier.asObject().get("name").asString());
                assertEquals("\u00e9\u00e9", earlier.at("/id2/name").asString());
                arena.reset();
            }
        }

        @AfterEach
        final void close() {
            try {
                arena.close();
                nativeMemory.close();
                DecoderOracle.assertPoolIdle(pool);
            } finally {
                pool.close();
            }
        }

        final JsonValue parse(String json) {
            return parse(json, pool.limits());
        }

        final JsonValue parse(String json, JsonLimits limits) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            if (!nativeInput()) {
                return arena.parse(bytes, limits);
            }
            MemorySegment segment = nativeMemory.allocate(Math.max(1, bytes.length));
            MemorySegment.copy(bytes, 0, segment, ValueLayout.JAVA_BYTE, 0, bytes.length);
            assertTrue(segment.isNative());
            return arena.parse(segment.asSlice(0, bytes.length), limits);
        }

        @Test
        void aDocumentWritesBackAsTheSameCompactText() {
            String json = "{\"a\":[1,-0,1.50,1E+2,{},[],\"x\"],\"b\":{\"c\":null,\"d\":[true,false]},\"s\":\"q\\\"\\u0001\u00e9\ud83d\ude00\"}";
            assertEquals(json, parse(json).toJson());
        }

        @Test
        void membersAreFoundByNameAndKeyAndAbsentOnesAreMissing() {
            JsonObject o = parse("{\"id\":1,\"name\":\"n\",\"\u00e9t\u00e9\":2}").asObject();
            assertEquals(1, o.get("id").asLong());
            assertEquals("n", o.get(JsonKey.of("name")).asString());
            assertEquals(2, o.get("\u00e9t\u00e9").asLong());
            assertFalse(o.has("tags"), "a name of the earlier document is not a member of this one");
            assertTrue(o.path("earlier").isMissing());
        }

        @Test
        void aLargeObjectAndALargeArrayAreReadByIndexInEveryOrder() {
            StringBuilder b = new StringBuilder("{");
            int n = 200;
            for (int i = 0; i < n; i++) {
                b.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":[").append(i).append(",\"v").append(i).append("\"]");
            }
            JsonObject o = parse(b.append('}').toString()).asObject();
            for (int round = 0; round < 3; round++) {
                for (int i = n - 1; i >= 0; i -= 3) {
                    JsonArray a = o.get("k" + i).asArray();
                    assertEquals(i, a.get(0).asLong());
                    assertEquals("v" + i, a.get(1).asString());
                }
            }
        }

        @Test
        void numbersReadExactlyInEachTapeForm() {
            JsonArray a = parse("[42,-0,3.25,12345678901234567890123,1e400,-1.5E-3]").asArray();
            assertEquals(42, a.get(0).asLong());
            assertEquals("-0", a.get(1).numberText());
            assertEquals(new BigDecimal("3.25"), a.get(2).asBigDecimal());
            assertEquals(new BigInteger("12345678901234567890123"), a.get(3).asBigInteger());
            assertEquals(Double.POSITIVE_INFINITY, a.get(4).asDouble());
            assertEquals(-0.0015, a.get(5).asDouble());
            assertThrows(ArithmeticException.class, () -> a.get(2).asLong());
        }

        @Test
        void nonAsciiStringsDecodeToTheirCharacters() {
            String s = "a\u00e9\u20ac\ud83d\ude00" + "x".repeat(300) + "\u00fc";
            JsonValue v = parse("[\"" + s + "\",\"\u00e9\"]");
            assertEquals(s, v.path(0).asString());
            assertEquals("\u00e9", v.path(1).asString());
        }

        @Test
        void aSyntaxErrorNamesItsOffsetLineAndColumn() {
            JsonParseException e = assertThrows(JsonParseException.class, () -> parse("{\"a\":1,\n \"b\" 2}"));
            assertEquals(13, e.offset());
            assertEquals(2, e.line());
            assertEquals(6, e.column());
        }

        @Test
        void aLimitPassedIsReportedWithItsOffset() {
            JsonLimits limits = JsonLimits.builder().maxDepth(2).build();
            JsonLimitException e = assertThrows(JsonLimitException.class, () -> parse("[[[1]]]", limits));
            assertEquals(JsonLimit.DEPTH, e.limit());
            assertEquals(2, e.offset());
        }

        @Test
        void viewsOfTheDocumentFailOnceTheArenaIsReset() {
            JsonValue v = parse("{\"a\":[1]}");
            JsonCursor c = new JsonCursor().reset(v);
            arena.reset();
            assertThrows(IllegalStateException.class, v::toJson);
            assertThrows(IllegalStateException.class, c::type);
            assertEquals(2, parse("[2]").path(0).asLong());
        }
    }

    @Nested
    class HeapInputFreshArena extends Behaviours {
        @Override
        boolean nativeInput() {
            return false;
        }

        @Override
        boolean resetArena() {
            return false;
        }
    }

    @Nested
    class HeapInputResetArena extends Behaviours {
        @Override
        boolean nativeInput() {
            return false;
        }

        @Override
        boolean resetArena() {
            return true;
        }
    }

    @Nested
    class NativeInputFreshArena extends Behaviours {
        @Override
        boolean nativeInput() {
            return true;
        }

        @Override
        boolean resetArena() {
            return false;
        }
    }

    @Nested
    class NativeInputResetArena extends Behaviours {
        @Override
        boolean nativeInput() {
            return true;
        }

        @Override
        boolean resetArena() {
            return true;
        }
    }
}
