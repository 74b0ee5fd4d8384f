package dev.jsonarena;

import static dev.jsonarena.DecoderSupport.utf8;
import static org.junit.jupiter.api.Assertions.*;

import dev.jsonarena.testing.JsonGenerator;
import dev.jsonarena.testing.JsonGenerator.Options;
import dev.jsonarena.testing.Property;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Errors raised after the parse (type errors, missing values, binding errors) give the value's
 * position in the input when the input is still at hand (an array, a buffer, a segment), found by
 * reading it again along the value's pointer; never a position in another input, and no caller
 * object kept past the arena's reset or close.
 */
class ValuePositionTest extends ArenaFixture {
    private static final int TRIES = 300;
    private static final String DOC = "{\n  \"a\": [1, {\"b\": \"x\"}],\n  \"c\\u0064\": true\n}";

    /** {@return the type error of reading {@code v} as a type it does not have} */
    private static JsonTypeException typeError(JsonValue v) {
        return assertThrows(JsonTypeException.class, () -> {
            if (v.type() == JsonType.OBJECT) {
                v.asArray();
            } else {
                v.asObject();
            }
        });
    }

    @Test
    void everyValuesPositionIsWhereAnIndependentScanOfTheInputFindsIt() {
        JsonLimits firstWins = JsonLimits.builder().duplicateKeyPolicy(DuplicateKeyPolicy.FIRST_WINS).build();
        Property.check("type error offset == scanned offset", TRIES, gen -> {
            Options options = Options.DEFAULT.withDuplicateKeys(gen.chance(0.3));
            byte[] input = new JsonGenerator(gen, options).document().bytes();
            arena.reset();
            JsonValue root = arena.parse(input, firstWins);
            Map<String, Long> expected = new ScannedOffsets(input).all();
            for (Map.Entry<String, Long> e : expected.entrySet()) {
                JsonTypeException error = typeError(root.at(e.getKey()));
                assertEquals(e.getValue(), error.offset(), e.getKey());
                DecoderOracle.assertLineAndColumn(error, input);
            }
        });
    }

    @Test
    void aSliceABufferAndASegmentCountFromTheirFirstByte() {
        byte[] doc = utf8(DOC);
        byte[] padded = new byte[doc.length + 20];
        Arrays.fill(padded, (byte) 'z');
        System.arraycopy(doc, 0, padded, 7, doc.length);
        long expected = DOC.indexOf("\"x\"");

        assertEquals(expected, typeError(arena.parse(padded, 7, doc.length).at("/a/1/b")).offset());
        assertEquals(expected, typeError(arena.parse(ByteBuffer.wrap(padded, 7, doc.length)).at("/a/1/b")).offset());
        ByteBuffer direct = ByteBuffer.allocateDirect(doc.length + 3).put(new byte[3]).put(doc).flip().position(3);
        assertEquals(expected, typeError(arena.parse(direct).at("/a/1/b")).offset());
        try (Arena a = Arena.ofConfined()) {
            MemorySegment seg = a.allocate(doc.length);
            seg.copyFrom(MemorySegment.ofArray(doc));
            JsonTypeException e = typeError(arena.parse(seg).at("/cd"));
            assertEquals(DOC.indexOf("true"), e.offset(), "a member whose name was written with an escape");
            assertEquals(3, e.line());
            assertEquals(14, e.column());
        }
    }

    @Test
    void aRecordOfAnArrayIsPlacedInTheWholeBatch() throws IOException {
        String lines = "{\"a\":1}\n{\"a\":2}\n  {\"b\": [true, \"x\"]}\n";
        try (JsonRecordReader r = JsonRecordReader.builder().open(arena, utf8(lines))) {
            r.next();
            r.next();
            JsonTypeException e = typeError(r.next().at("/b/1"));
            assertEquals(lines.indexOf("\"x\""), e.offset(), "the offset in the batch, not in the record");
            assertEquals(3, e.line());
            assertEquals(16, e.column());
        }
        String sequence = "\u001E{\"a\":1}\n\u001E[1, {\"c\": null}]\n";
        try (JsonRecordReader r = JsonRecordReader.builder().format(JsonRecordFormat.SEQUENCE).open(arena, utf8(sequence))) {
            r.next();
            assertEquals(sequence.indexOf("null"), typeError(r.next().at("/1/c")).offset());
        }
        try (JsonRecordReader r = JsonRecordReader.builder().open(arena, new ByteArrayInputStream(utf8(lines)))) {
            r.next();
            r.next();
            assertEquals(-1, typeError(r.next().at("/b/1")).offset(), "a stream's records keep no input");
        }
    }

    @Test
    void aByteOrderMarkTheParserSkippedCountsInTheOffset() {
        byte[] doc = utf8(DOC);
        byte[] withBom = new byte[doc.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(doc, 0, withBom, 3, doc.length);
        JsonValue root = arena.parse(withBom, JsonLimits.builder().allowByteOrderMark(true).build());
        assertEquals(3 + DOC.indexOf("\"x\""), typeError(root.at("/a/1/b")).offset());
    }

    @Test
    void aStreamGivesNoPositionItsBytesAreGone() throws IOException {
        JsonValue root = arena.parse(new ByteArrayInputStream(utf8(DOC)));
        JsonTypeException e = typeError(root.at("/a/1/b"));
        assertEquals("/a/1/b", e.pointer());
        assertEquals(-1, e.offset());
        assertEquals(-1, e.line());
        assertEquals(-1, e.column());
        assertFalse(e.getMessage().contains(" at line"), e.getMessage());
    }

    @Test
    void anInputChangedSinceTheParseGivesNoPosition() {
        byte[] doc = utf8(DOC);
        JsonValue root = arena.parse(doc);
        Arrays.fill(doc, (byte) '[');
        assertEquals(-1, typeError(root.at("/a/1/b")).offset(), "the path no longer fits the input");
        Arrays.fill(doc, (byte) 0);
        assertEquals(-1, typeError(root.at("/cd")).offset());
    }

    @Test
    void anyChangeToTheInputAfterTheParseGivesATypeErrorWithAPositionInsideItOrNone() {
        Property.check("mutated input -> type error, offset -1 or inside", TRIES, gen -> {
            byte[] input = new JsonGenerator(gen, Options.DEFAULT).document().bytes();
            arena.reset();
            JsonValue root = arena.parse(input);
            Map<String, Long> values = new ScannedOffsets(input.clone()).all();
            for (int i = gen.intBetween(1, 8); i > 0; i--) {
                String bytes = "{}[]\",:\\ 0a\u0080";
                input[gen.nextInt(input.length)] = (byte) bytes.charAt(gen.nextInt(bytes.length()));
            }
            for (String pointer : values.keySet()) {
                JsonTypeException e = typeError(root.at(pointer));
                assertTrue(e.offset() >= -1 && e.offset() < input.length, pointer + " at " + e.offset());
                assertEquals(e.offset() < 0, e.line() < 0);
            }
        });
    }

    @Test
    void aSegmentClosedSinceTheParseGivesNoPosition() {
        byte[] doc = utf8(DOC);
        JsonValue root;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment seg = a.allocate(doc.length);
            seg.copyFrom(MemorySegment.ofArray(doc));
            root = arena.parse(seg);
        }
        JsonTypeException e = typeError(root.at("/a/0"));
        assertEquals("/a/0", e.pointer());
        assertEquals(-1, e.offset());
    }

    @Test
    void aMissingValueIsPlacedAtTheValueTheStepWasTakenFrom() {
        JsonValue root = parse(DOC);
        JsonMissingValueException e = assertThrows(JsonMissingValueException.class,
                () -> root.path("a").path(1).path("nope").asString());
        assertEquals("/a/1/nope", e.pointer());
        assertEquals(DOC.indexOf("{\"b\""), e.offset());
    }

    @Test
    void theArenaKeepsNoInputAfterItsResetOrClose() throws InterruptedException {
        WeakReference<byte[]> kept = parseAndForget(arena);
        arena.reset();
        assertCollected(kept, "after reset");
        kept = parseAndForget(arena);
        arena.close();
        assertCollected(kept, "after close, the arena's memory idle in the pool");
    }

    private static WeakReference<byte[]> parseAndForget(JsonArena arena) {
        byte[] doc = utf8(DOC);
        arena.parse(doc);
        return new WeakReference<>(doc);
    }

    private static void assertCollected(WeakReference<byte[]> ref, String when) throws InterruptedException {
        for (int i = 0; i < 50 && ref.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertNull(ref.get(), "the parsed array is unreachable " + when);
    }

    /**
     * The offset of every value of a JSON text by its JSON Pointer, found by a recursive descent
     * over the whole text (of a repeated name the first member, the one the tape keeps): an oracle
     * written apart from the library's walk, which skips to one value.
     */
    private static final class ScannedOffsets {
        private final byte[] in;
        private final Map<String, Long> offsets = new LinkedHashMap<>();
        private int p;

        ScannedOffsets(byte[] in) {
            this.in = in;
        }

        Map<String, Long> all() {
            value("", true);
            return offsets;
        }

        /** Scans the value at {@code p}, recording its offset and its children's unless it is a dropped duplicate. */
        private void value(String pointer, boolean record) {
            space();
            if (record) {
                offsets.put(pointer, (long) p);
            }
            byte b = in[p];
            if (b == '{') {
                p++;
                space();
                if (in[p] == '}') {
                    p++;
                    return;
                }
                Set<String> names = new HashSet<>();
                for (;;) {
                    space();
                    String name = string();
                    space();
                    p++; // ':'
                    value(pointer + "/" + name.replace("~", "~0").replace("/", "~1"), record && names.add(name));
                    space();
                    if (in[p++] == '}') {
                        return;
                    }
                }
            }
            if (b == '[') {
                p++;
                space();
                if (in[p] == ']') {
                    p++;
                    return;
                }
                for (int k = 0;; k++) {
                    value(pointer + "/" + k, record);
                    space();
                    if (in[p++] == ']') {
                        return;
                    }
                }
            }
            if (b == '"') {
                string();
                return;
            }
            while (p < in.length && "0123456789+-.eEtruefalsn".indexOf(in[p]) >= 0) {
                p++;
            }
        }

        private String string() {
            StringBuilder sb = new StringBuilder();
            p++; // '"'
            int run = p;
            while (in[p] != '"') {
                if (in[p] == '\\') {
                    sb.append(new String(in, run, p - run, StandardCharsets.UTF_8));
                    char e = (char) in[p + 1];
                    if (e == 'u') {
                        sb.append((char) Integer.parseInt(new String(in, p + 2, 4, StandardCharsets.US_ASCII), 16));
                        p += 6;
                    } else {
                        sb.append(switch (e) {
                            case 'b' -> '\b';
                            case 'f' -> '\f';
                            case 'n' -> '\n';
                            case 'r' -> '\r';
                            case 't' -> '\t';
                            default -> e;
                        });
                        p += 2;
                    }
                    run = p;
                } else {
                    p++;
                }
            }
            sb.append(new String(in, run, p - run, StandardCharsets.UTF_8));
            p++;
            return sb.toString();
        }

        private void space() {
            while (p < in.length && (in[p] == ' ' || in[p] == '\t' || in[p] == '\n' || in[p] == '\r')) {
                p++;
            }
        }
    }
}
