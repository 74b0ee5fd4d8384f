package dev.jsonarena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsonarena.testing.PieceAppendable;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every call from the library into user code (a writer's target, a stream's read) is a lifetime
 * boundary: the user code may close or reset the arena and let another request take its memory,
 * and the library then throws {@link IllegalStateException} before it reads arena memory again,
 * so no output ever carries another request's data and no cache outlives its memory.
 */
class CallbackLifetimeTest {
    private JsonPool pool;
    /** Arenas the callbacks open for "another request", closed after each test. */
    private final List<JsonArena> others = new ArrayList<>();

    @BeforeEach
    void openPool() {
        pool = JsonPool.builder().build();
    }

    @AfterEach
    void closeEverything() {
        others.forEach(JsonArena::close);
        pool.close();
    }

    private static String records(String marker, int n) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"i\":").append(i).append(",\"who\":\"").append(marker).append("\"}");
        }
        return sb.append(']').toString();
    }

    /** An output stream that, on its first write, closes {@code victim} and lets another request parse into the pool. */
    private OutputStream closingOnFirstWrite(JsonArena victim, ByteArrayOutputStream sink) {
        return new OutputStream() {
            private boolean first = true;

            @Override
            public void write(int b) {
                sink.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                sink.write(b, off, len);
                if (first) {
                    first = false;
                    victim.close();
                    JsonArena other = pool.openArena();
                    other.parse(records("SECRET", 2000).getBytes(StandardCharsets.UTF_8)); // left open: it owns the memory now
                    others.add(other);
                }
            }
        };
    }


    @Test
    void writeToStopsWhenItsStreamClosesTheArena() {
        JsonArena arena = pool.openArena();
        JsonValue v = arena.parse(records("mine", 2000).getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThrows(IllegalStateException.class, () -> v.writeTo(closingOnFirstWrite(arena, out), JsonFormat.COMPACT));
        assertFalse(out.toString(StandardCharsets.UTF_8).contains("SECRET"), "no byte of another request");
    }

    @Test
    void appendToStopsWhenItsAppendableClosesTheArena() {
        JsonArena arena = pool.openArena();
        JsonValue v = arena.parse(records("mine", 2000).getBytes(StandardCharsets.UTF_8));
        StringBuilder text = new StringBuilder();
        Appendable closing = new PieceAppendable() {
            private boolean first = true;

            @Override
            public Appendable append(CharSequence csq) {
                text.append(csq);
                if (first) {
                    first = false;
                    arena.close();
                    JsonArena other = pool.openArena();
                    other.parse(records("SECRET", 2000).getBytes(StandardCharsets.UTF_8));
                    others.add(other);
                }
                return this;
            }
        };
        assertThrows(IllegalStateException.class, () -> v.appendTo(closing, JsonFormat.PRETTY));
        assertFalse(text.toString().contains("SECRET"));
    }

    @Test
    void writeUtf8ToStopsWhenItsStreamClosesTheArena() {
        JsonArena arena = pool.openArena();
        JsonValue v = arena.parse(("\"" + "mine ".repeat(5000) + "\"").getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThrows(IllegalStateException.class, () -> v.writeUtf8To(closingOnFirstWrite(arena, out)));
        assertFalse(out.toString(StandardCharsets.UTF_8).contains("SECRET"));
        assertTrue(out.size() < 25_000, "stopped after the first piece: " + out.size());
    }

    @Test
    void writeToStopsWhenItsStreamResetsTheArena() {
        try (JsonArena arena = pool.openArena()) {
            JsonValue v = arena.parse(records("mine", 2000).getBytes(StandardCharsets.UTF_8));
            OutputStream resetting = new OutputStream() {
                @Override
                public void write(int b) {
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    arena.reset();
                    arena.parse(records("SECRET", 2000).getBytes(StandardCharsets.UTF_8));
                }
            };
            assertThrows(IllegalStateException.class, () -> v.writeTo(resetting, JsonFormat.COMPACT));
        }
    }

    /**
     * A read of an earlier document, made from inside the read call of a stream being parsed into
     * the same arena, builds no lazy index in arena memory: the parse's rollback would free it while
     * it stays cached, and the next parse would overwrite it.
     */
    @Test
    void aLazyIndexIsNeverBuiltDuringAParseThatCanRollBack() throws IOException {
        try (JsonArena arena = pool.openArena()) {
            JsonArray earlier = arena.parse(records("first", 200).getBytes(StandardCharsets.UTF_8)).asArray();
            InputStream failing = new InputStream() {
                private final InputStream in = new ByteArrayInputStream("[1,2,3,".repeat(10_000).getBytes(StandardCharsets.UTF_8));

                @Override
                public int read() throws IOException {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    assertEquals(150, earlier.get(150).asObject().get("i").asLong()); // first get of this array
                    return in.read(b, off, Math.min(len, 1000));
                }
            };
            assertThrows(JsonException.class, () -> arena.parse(failing));
            arena.parse(records("second", 5000).getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 200; i += 7) {
                assertEquals(i, earlier.get(i).asObject().get("i").asLong());
                assertEquals("first", earlier.get(i).asObject().get("who").asString());
            }
        }
    }
}
