package dev.jsonarena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsonarena.testing.FreshThread;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Reading under hostile caller code: input streams whose {@code read} closes the record reader or
 * the arena it feeds, calls back into the reader, parses into another arena, or returns a count
 * the {@code InputStream} contract does not allow. Each scenario runs on a fresh daemon thread
 * with a timeout, so a hang fails the test instead of the build; the pool is back to nothing in use
 * after each.
 */
class HostileCallerReadTest {
    private static final byte[] LINES = "{\"a\":1}\n{\"a\":2}\n{\"a\":3}\n".getBytes(StandardCharsets.UTF_8);

    private final JsonPool pool = JsonPool.builder().build();

    @AfterEach
    void poolIsIdle() {
        try {
            assertEquals(0, pool.stats().inUseBytes(), "pool bytes in use after every arena closed");
        } finally {
            pool.close();
        }
    }

    /** A stream over {@code data} in chunks of at most {@code chunk} bytes, running {@code hook} once, at its second read. */
    private static final class HookStream extends InputStream {
        private final byte[] data;
        private final int chunk;
        private int position;
        private int calls;
        Runnable hook;

        HookStream(byte[] data, int chunk) {
            this.data = data;
            this.chunk = chunk;
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException("the library reads arrays");
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (++calls == 2 && hook != null) {
                Runnable h = hook;
                hook = null;
                h.run();
            }
            if (position >= data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, chunk), data.length - position);
            System.arraycopy(data, position, b, off, n);
            position += n;
            return n;
        }
    }

    /** Runs {@code body} on a fresh daemon thread (empty thread caches); {@return what it threw, or null}; fails if it hangs. */
    private static Throwable onFreshThread(Executable body) throws InterruptedException {
        return FreshThread.run("hostile-reader", body);
    }

    @Test
    void aStreamThatClosesTheRecordReaderFromItsReadEndsTheReadingWithIllegalState() throws Exception {
        Throwable t = onFreshThread(() -> {
            try (JsonArena arena = pool.openArena()) {
                HookStream in = new HookStream(LINES, 4);
                JsonRecordReader reader = JsonRecordReader.builder().open(arena, in);
                in.hook = () -> {
                    try {
                        reader.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                };
                while (reader.next() != null) {
                    // read to the end
                }
            }
        });
        assertInstanceOf(IllegalStateException.class, t, () -> "expected IllegalStateException, got " + t);
    }

    @Test
    void aStreamThatCallsTheSameRecordReaderFromItsReadFailsClearlyOrReadsEveryRecordOnce() throws Exception {
        StringBuilder seen = new StringBuilder();
        Throwable t = onFreshThread(() -> {
            try (JsonArena arena = pool.openArena()) {
                HookStream in = new HookStream(LINES, 4);
                JsonRecordReader reader = JsonRecordReader.builder().resetEvery(100).open(arena, in);
                in.hook = () -> {
                    try {
                        JsonValue v = reader.next();
                        if (v != null) {
                            seen.append(v.asObject().get("a").asLong());
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                };
                for (JsonValue v; (v = reader.next()) != null; ) {
                    seen.append(v.asObject().get("a").asLong());
                }
            }
        });
        if (t == null) {
            assertEquals("123", seen.toString());
        } else {
            assertTrue(t instanceof IllegalStateException || t instanceof JsonException, () -> "unclear exception: " + t);
        }
    }

    @Test
    void aStreamReturningANegativeCountOtherThanMinusOneIsAnErrorNotTheEnd() {
        try (JsonArena arena = pool.openArena()) {
            InputStream in = new InputStream() {
                private int calls;

                @Override
                public int read() {
                    return -1;
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    if (calls++ == 0) {
                        byte[] d = "[1,2]".getBytes(StandardCharsets.UTF_8);
                        System.arraycopy(d, 0, b, off, d.length);
                        return d.length;
                    }
                    return -7; // not an InputStream result
                }
            };
            IOException e = assertThrows(IOException.class, () -> arena.parse(in));
            assertTrue(e.getMessage().contains("-7"), e::getMessage);
        }
    }

    @Test
    void aStreamThatClosesTheArenaAndParsesIntoAnotherFromItsReadCorruptsNeither() throws Exception {
        byte[] doc = "{\"k\":\"outer-value\",\"n\":[1,2,3]}".getBytes(StandardCharsets.UTF_8);
        try (JsonArena other = pool.openArena()) {
            String[] inner = new String[1];
            Throwable t = onFreshThread(() -> {
                try (JsonArena arena = pool.openArena()) {
                    HookStream in = new HookStream(doc, 5);
                    in.hook = () -> {
                        arena.close();
                        try {
                            inner[0] = other.parse(new HookStream("{\"k\":\"inner\"}".getBytes(StandardCharsets.UTF_8), 3))
                                    .asObject().get("k").asString();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    };
                    arena.parse(in);
                }
            });
            assertInstanceOf(IllegalStateException.class, t, () -> "expected IllegalStateException, got " + t);
            assertEquals("inner", inner[0]);
        }
    }
}
