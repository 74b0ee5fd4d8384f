package dev.jsonarena;

import static dev.jsonarena.DecoderSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.jsonarena.testing.ChunkedStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.Pipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way into the parser gives the same document, reads only its input range, and cleans up on failure. */
class ParseEntryPointsTest extends ArenaFixture {
    private static final String DOC = "{\"name\":\"caf\\u00e9\",\"list\":[1,2.5,-3e2,true,null],\"nested\":{\"k\":\"v\"}}";
    private static final String COMPACT = "{\"name\":\"caf\u00e9\",\"list\":[1,2.5,-3e2,true,null],\"nested\":{\"k\":\"v\"}}";

    @Test
    void byteArraysWholeAndRanged() {
        assertEquals(COMPACT, arena.parse(utf8(DOC)).toJson());
        byte[] framed = utf8("xx{" + DOC + "}yy");
        assertEquals(COMPACT, arena.parse(framed, 3, DOC.length()).toJson());
        assertEquals(COMPACT, arena.parse(framed, 3, DOC.length(), JsonLimits.defaults()).toJson());
        // bytes outside the range are never read: the range "[1" ends inside an array
        JsonParseException e = assertThrows(JsonParseException.class, () -> arena.parse(utf8("[1]"), 0, 2));
        assertEquals(2, e.offset());
        assertEquals("end of input", e.found());
        // offsets count from the range's start
        assertEquals(1, assertThrows(JsonParseException.class, () -> arena.parse(utf8("[[x]"), 1, 3)).offset());
        assertThrows(IndexOutOfBoundsException.class, () -> arena.parse(framed, 3, framed.length));
        assertThrows(IndexOutOfBoundsException.class, () -> arena.parse(framed, -1, 2));
    }

    @Test
    void byteBuffersHeapDirectAndReadOnlyKeepTheirPosition() {
        for (ByteBuffer b : new ByteBuffer[] {ByteBuffer.wrap(utf8("  " + DOC)), ByteBuffer.allocateDirect(DOC.length() + 2)}) {
            if (b.isDirect()) {
                b.put(utf8("  " + DOC)).flip();
            }
            b.position(2);
            assertEquals(COMPACT, arena.parse(b).toJson());
            assertEquals(COMPACT, arena.parse(b.asReadOnlyBuffer(), JsonLimits.defaults()).toJson());
            assertEquals(2, b.position());
            assertEquals(DOC.length() + 2, b.limit());
        }
    }

    @Test
    void segmentsHeapAndNativeAreCopiedFrom() {
        assertEquals(COMPACT, arena.parse(MemorySegment.ofArray(utf8(DOC))).toJson());
        JsonValue v;
        try (Arena a = Arena.ofConfined()) {
            v = arena.parse(nativeCopy(a, utf8(DOC)), JsonLimits.defaults());
        }
        assertEquals(COMPACT, v.toJson(), "nothing refers to the input after the parse");
    }

    @Test
    void segmentInputLargerThanTheRetainedCopyAndShorterOnesAfterItParseExactly() {
        // the decoder copies segment input to a heap buffer it keeps for texts of up to 1 MiB; a
        // longer text gets a one-off copy; a short text after a long one must see none of its bytes
        String element = "{\"k\":\"" + "x".repeat(200) + "\",\"n\":12345.678}";
        int copies = (1 << 20) / element.length() + 10;
        byte[] large = utf8("[" + (element + ",").repeat(copies) + "0]");
        assertTrue(large.length > (1 << 20));
        byte[] medium = utf8("[" + (element + ",").repeat(copies / 2) + "0]");
        byte[] shortText = utf8("[1,2]");
        byte[] truncated = utf8("[1,");
        try (Arena a = Arena.ofConfined()) {
            for (byte[] json : new byte[][] {medium, large, medium, shortText, truncated, medium}) {
                arena.reset();
                MemorySegment nat = nativeCopy(a, json);
                if (json == truncated) {
                    JsonParseException e = assertThrows(JsonParseException.class, () -> arena.parse(nat));
                    assertEquals(3, e.offset(), "the end of this text, not of an earlier, longer one");
                    continue;
                }
                JsonValue root = arena.parse(nat);
                JsonValue expected = arena.parse(json);
                assertEquals(expected.toJson(), root.toJson());
                assertEquals(expected.asArray().size(), root.asArray().size());
            }
        }
    }

    /** A stream that reports nothing available and returns at most 7 bytes per read. */
    private static InputStream trickle(byte[] bytes) {
        return ChunkedStream.of(bytes, 7);
    }

    private static byte[] big() {
        return utf8("[" + (DOC + ",").repeat(3000) + "0]");
    }

    @Test
    void streamsAreReadToTheirEndIntoTheArena() throws IOException {
        assertEquals(COMPACT, arena.parse(new ByteArrayInputStream(utf8(DOC))).toJson());
        byte[] big = big();
        JsonValue v = arena.parse(trickle(big), JsonLimits.defaults());
        assertEquals(3001, v.asArray().size());
        assertEquals(COMPACT, v.asArray().get(2999).toJson());
        assertEquals(0, arena.parse(trickle(utf8("0"))).asLong());
    }

    @Test
    void channelsFilesAndPipesAreReadToTheirEnd(@TempDir Path dir) throws IOException {
        byte[] big = big();
        assertEquals(3001, arena.parse(Channels.newChannel(trickle(big))).asArray().size());
        Path f = Files.write(dir.resolve("doc.json"), big);
        try (FileChannel fc = FileChannel.open(f, StandardOpenOption.READ)) {
            fc.position(1); // reads from the channel's position: "<DOC>,<DOC>,...0]" is not one value
            assertThrows(JsonParseException.class, () -> arena.parse(fc));
        }
        try (FileChannel fc = FileChannel.open(f, StandardOpenOption.READ)) {
            assertEquals(3001, arena.parse(fc, JsonLimits.defaults()).asArray().size());
        }
        Pipe pipe = Pipe.open();
        pipe.source().configureBlocking(false);
        assertThrows(IllegalArgumentException.class, () -> arena.parse(pipe.source()));
        pipe.source().close();
        pipe.sink().close();
    }

    @Test
    void filesAreParsedThroughAMappingThatIsGoneAfterwards(@TempDir Path dir) throws IOException {
        Path f = Files.write(dir.resolve("doc.json"), big());
        JsonValue v = arena.parseFile(f);
        Files.delete(f);
        assertEquals(COMPACT, v.asArray().get(0).toJson());
        Path empty = Files.write(dir.resolve("empty.json"), new byte[0]);
        assertEquals("end of input", assertThrows(JsonParseException.class, () -> arena.parseFile(empty)).found());
        assertThrows(java.nio.file.NoSuchFileException.class, () -> arena.parseFile(dir.resolve("missing.json")));
    }

    @Test
    void readingFailuresRollTheArenaBack() {
        InputStream failing = new InputStream() {
            int n;

            @Override
            public int read() throws IOException {
                if (++n > 100_000) {
                    throw new IOException("disk on fire");
                }
                return ' ';
            }
        };
        arena.parse(utf8("[1]"));
        Accounting before = Accounting.of(arena, pool);
        assertThrows(IOException.class, () -> arena.parse(failing));
        before.assertRolledBack(Accounting.of(arena, pool));
        assertFailsLeavingNothing(JsonParseException.class, arena, pool, () -> arena.parse(trickle(utf8("[1,2,"))));
    }

    @Test
    void byteOrderMarkIsAnOption() {
        byte[] withBom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '[', '1', ']'};
        JsonParseException e = assertThrows(JsonParseException.class, () -> arena.parse(withBom));
        assertEquals(0, e.offset());
        assertTrue(e.getMessage().contains("allowByteOrderMark"), e.getMessage());
        JsonLimits bom = JsonLimits.builder().allowByteOrderMark(true).build();
        assertEquals("[1]", arena.parse(withBom, bom).toJson());
        assertEquals(3, assertThrows(JsonParseException.class,
                () -> arena.parse(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, bom)).offset());
        assertThrows(JsonParseException.class, () -> arena.parse(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, (byte) 0xEF,
            (byte) 0xBB, (byte) 0xBF, '1'}, bom), "only one mark is skipped");
    }

    @Test
    void manyDocumentsLiveInOneArenaUntilReset() {
        JsonValue[] docs = new JsonValue[50];
        for (int i = 0; i < docs.length; i++) {
            docs[i] = arena.parse(utf8("{\"i\":" + i + ",\"s\":\"" + "x".repeat(i) + "\"}"));
        }
        for (int i = 0; i < docs.length; i++) {
            assertEquals(i, docs[i].asObject().get("i").asLong());
            assertEquals(i, docs[i].at("/s").utf8Length());
        }
        arena.reset();
        for (JsonValue d : docs) {
            assertThrows(IllegalStateException.class, d::type);
        }
        assertEquals(7, arena.parse(utf8("{\"i\":7}")).at("/i").asLong());
        assertThrows(IllegalStateException.class, () -> docs[0].type(), "the reused document does not revive old views");
    }

    @Test
    void aFailedParseBetweenTwoGoodOnesLeavesBothIntact() {
        JsonValue a = arena.parse(utf8("[\"first\"]"));
        assertFailsLeavingNothing(JsonParseException.class, arena, pool, () -> arena.parse(utf8("[\"partial\", oops]")));
        JsonValue b = arena.parse(utf8("[\"second\"]"));
        assertEquals("first", a.asArray().get(0).asString());
        assertEquals("second", b.asArray().get(0).asString());
    }

    /** Parse-only in steady state (an arena reused through reset) allocates only the root view: at most 64 B. */
    @Test
    void steadyStateParsesAllocateAtMost64BytesOfHeap() {
        byte[] json = utf8("[" + (DOC + ",").repeat(10) + "0]");
        try (Arena a = Arena.ofConfined()) {
            MemorySegment nat = nativeCopy(a, json);
            for (int i = 0; i < 20_000; i++) {
                arena.reset();
                arena.parse(json);
                arena.reset();
                arena.parse(nat);
            }
            int n = 5000;
            long before = allocatedBytes();
            for (int i = 0; i < n; i++) {
                arena.reset();
                arena.parse(json);
                arena.reset();
                arena.parse(nat);
            }
            double perParse = (double) (allocatedBytes() - before) / (2 * n);
            assertTrue(perParse <= 64, perParse + " heap bytes per parse");
        }
    }

    /**
     * A whole request in steady state (open an arena from the pool, parse, close) allocates only the
     * arena handle and the root view: at most 64 B (56 B measured).
     */
    @Test
    void aRequestCycleOfOpenParseCloseAllocatesAtMost64BytesOfHeap() {
        double perRequest = heapPerRequest(pool, utf8("[" + (DOC + ",").repeat(10) + "0]"));
        assertTrue(perRequest <= 64, perRequest + " heap bytes per request");
    }

    @Test
    void aClosedArenaRefusesToParse() {
        JsonArena closed = pool.openArena();
        closed.close();
        assertThrows(IllegalStateException.class, () -> closed.parse(utf8("1")));
        assertThrows(IllegalStateException.class, () -> closed.parse(new ByteArrayInputStream(utf8("1"))));
    }
}
