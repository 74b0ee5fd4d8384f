package dev.jsonarena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a parse holds in its arena, for every input kind and for documents of very different
 * shapes: never more than 1.5x the input or the document's own size (8 bytes of tape per token plus
 * its strings), whichever is larger, plus one block; and a stream, a channel or a native segment
 * never more than the same bytes as a {@code byte[]} (no input copy, no abandoned regions).
 * The figures it prints are the ones docs/memory.md quotes.
 */
class InputMemoryBoundsTest {
    /** The largest block an arena takes for growth (docs/memory.md): the "one block" of the bound. */
    private static final long ONE_BLOCK = 1 << 20;

    private JsonPool pool;

    @BeforeEach
    void openPool() {
        pool = JsonPool.builder().build();
    }

    @AfterEach
    void closePool() {
        pool.close();
    }

    /** A generated document, with what its tape and strings must hold at least. */
    record Shape(String name, byte[] json, long tokens, long stringBytes) {}

    static List<Shape> shapes() {
        List<Shape> shapes = new ArrayList<>();
        Random r = new Random(42);
        StringBuilder sb = new StringBuilder("[");
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"ts\":").append(1_700_000_000_000L + i).append(",\"level\":\"")
                    .append(r.nextBoolean() ? "INFO" : "WARN").append("\",\"msg\":\"m").append(100 + r.nextInt(900))
                    .append("\",\"a\":{\"k\":").append(r.nextInt(100)).append(",\"ok\":true}}");
        }
        shapes.add(new Shape("log records", utf8(sb.append(']')), 1 + 13L * n, 8L * n));
        sb = new StringBuilder("[");
        n = 1_000_000;
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append(i % 10);
        }
        shapes.add(new Shape("one-digit numbers", utf8(sb.append(']')), 1 + n, 0));
        sb = new StringBuilder("[");
        n = 40;
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append('"').append("x".repeat(100_000)).append('"');
        }
        shapes.add(new Shape("long strings", utf8(sb.append(']')), 1 + n, 100_000L * n));
        sb = new StringBuilder("[");
        n = 4000;
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append("[".repeat(500)).append("]".repeat(500));
        }
        shapes.add(new Shape("deep nesting", utf8(sb.append(']')), 1 + 500L * n, 0));
        sb = new StringBuilder("{\n");
        n = 20_000;
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",\n").append("    \"key").append(i).append("\": {\n        \"value\": ")
                    .append(r.nextDouble()).append(",\n        \"text\": \"caf\\u00e9 \u65e5\u672c \\n\"\n    }");
        }
        shapes.add(new Shape("pretty, escapes, many keys", utf8(sb.append("\n}")), 1 + 7L * n, 24L * n));
        return shapes;
    }

    private static byte[] utf8(CharSequence s) {
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    interface Parse {
        JsonValue parse(JsonArena arena, byte[] json) throws IOException;
    }

    static final JsonLimits LIMITS = JsonLimits.builder().maxDepth(1000).build();

    @Test
    void everyInputKindStaysWithinTheBoundOnEveryShape() throws IOException {
        List<String> kinds = List.of("byte[]", "stream", "stream without a hint", "channel", "native segment");
        List<Parse> parses = List.of(
                (a, j) -> a.parse(j, LIMITS),
                (a, j) -> a.parse(new ByteArrayInputStream(j), LIMITS),
                (a, j) -> a.parse(noHint(j), LIMITS),
                (a, j) -> a.parse(Channels.newChannel(noHint(j)), LIMITS),
                (a, j) -> {
                    try (Arena native_ = Arena.ofConfined()) {
                        MemorySegment s = native_.allocate(j.length);
                        s.copyFrom(MemorySegment.ofArray(j));
                        return a.parse(s, LIMITS);
                    }
                });
        for (Shape shape : shapes()) {
            long input = shape.json().length;
            long own = 8 * shape.tokens() + shape.stringBytes();
            long bound = Math.max(input + input / 2, own + own / 8) + ONE_BLOCK;
            StringBuilder line = new StringBuilder(shape.name() + " (" + input + " B):");
            long asArray = -1;
            for (int k = 0; k < parses.size(); k++) {
                try (JsonArena arena = pool.openArena()) {
                    JsonValue root = parses.get(k).parse(arena, shape.json());
                    assertEquals(shape.json()[0] == '{' ? JsonType.OBJECT : JsonType.ARRAY, root.type());
                    long reserved = arena.bytesReserved();
                    line.append(String.format(" %s %.2f", kinds.get(k), (double) reserved / input));
                    assertTrue(reserved <= bound, shape.name() + " through " + kinds.get(k) + ": " + reserved
                            + " bytes reserved (expected: at most " + bound + ")");
                    if (k == 0) {
                        asArray = reserved;
                    } else {
                        assertTrue(reserved <= asArray + asArray / 2 + ONE_BLOCK, shape.name() + " through "
                                + kinds.get(k) + ": " + reserved + " bytes reserved, as byte[] " + asArray);
                    }
                }
            }
            System.out.println(line);
        }
        assertEquals(0, pool.stats().inUseBytes());
    }

    /**
     * An arena reused through {@code reset()} holds no more after many streamed parses than after
     * the first: the region grows in place inside the blocks the reset kept, instead of taking new
     * ones beside them.
     */
    @Test
    void aReusedArenaDoesNotGrowUnderStreamedParses() throws IOException {
        for (Shape shape : shapes()) {
            try (JsonArena arena = pool.openArena()) {
                arena.parse(noHint(shape.json()), LIMITS);
                long first = arena.bytesReserved();
                for (int i = 0; i < 5; i++) {
                    arena.reset();
                    arena.parse(noHint(shape.json()), LIMITS);
                    arena.reset();
                    arena.parse(new ByteArrayInputStream(shape.json()), LIMITS);
                }
                assertTrue(arena.bytesReserved() <= first + ONE_BLOCK, shape.name() + ": " + arena.bytesReserved()
                        + " bytes reserved after 10 parses, " + first + " after the first");
            }
        }
    }

    private static InputStream noHint(byte[] json) {
        return new ByteArrayInputStream(json) {
            @Override
            public synchronized int available() {
                return 0;
            }
        };
    }
}
