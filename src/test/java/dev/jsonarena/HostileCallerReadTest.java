package dev.jsonarena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsonarena.testing.ChunkedStream;
import dev.jsonarena.testing.FreshThread;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Reading under hostile caller code: input streams whose {@code read} closes the record reader or
 * the arena it feeds, calls back into the reader, parses into another arena, returns a count
 * the {@code InputStream} contract does not allow, or reads, writes and keeps the array it is
 * given beyond the bytes it was asked for; and a {@code CharSequence} compared with arena text
 * whose {@code charAt} resets or closes the arena. Each scenario runs on a fresh daemon thread with a
 * timeout, so a hang fails the test instead of the build; the pool is back to nothing in use
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

    /** A sequence of {@code text}'s chars whose {@code charAt} runs {@code hook} once, when index {@code when} is read. */
    private static final class HookChars implements CharSequence {
        private final String text;
        private final int when;
        Runnable hook = () -> {};
        private boolean ran;

        HookChars(String text, int when) {
            this.text = text;
            this.when = when;
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            if (index == when && !ran) {
                ran = true;
                hook.run();
            }
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void aCharSequenceThatResetsOrClosesTheArenaDuringAComparisonGetsIllegalStateNeverAnAnswer() {
        // the comparison reads the arena between the sequence's charAt calls: when one of them
        // resets the arena and parses another document into it, or closes it, the answer (which
        // would mix the two documents' bytes) is not given
        String name = "member-name-of-the-first-document";
        String json = "{\"" + name + "\":\"" + name + "\"}";
        String other = "{\"" + name.replace('m', 'M') + "\":\"" + name.replace('m', 'M') + "\"}";
        for (String action : List.of("reset and parse", "close")) {
            for (String call : List.of("JsonValue.contentEquals", "JsonCursor.contentEquals", "JsonCursor.keyEquals", "member keyEquals")) {
                JsonArena arena = pool.openArena();
                try {
                    JsonValue root = arena.parse(json.getBytes(StandardCharsets.UTF_8));
                    JsonValue value = root.asObject().get(name);
                    JsonCursor cursor = new JsonCursor().reset(root);
                    assertTrue(cursor.enter(), "at the member's value");
                    JsonObject.Member member = root.asObject().iterator().next();
                    HookChars chars = new HookChars(name, 10);
                    chars.hook = () -> {
                        if (action.equals("close")) {
                            arena.close();
                        } else {
                            arena.reset();
                            arena.parse(other.getBytes(StandardCharsets.UTF_8));
                        }
                    };
                    IllegalStateException e = assertThrows(IllegalStateException.class, () -> {
                        switch (call) {
                            case "JsonValue.contentEquals" -> value.contentEquals(chars);
                            case "JsonCursor.contentEquals" -> cursor.contentEquals(chars);
                            case "JsonCursor.keyEquals" -> cursor.keyEquals(chars);
                            default -> member.keyEquals(chars);
                        }
                    }, () -> action + ", " + call);
                    assertTrue(chars.ran, action + ", " + call);
                    assertNotNull(e.getMessage());
                } finally {
                    arena.close();
                }
            }
        }
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
    void aStreamReturningMoreBytesThanItWasAskedForIsAnIOExceptionNotAReadPastItsRange() throws IOException {
        InputStream[] over = new InputStream[2];
        for (int i = 0; i < over.length; i++) {
            over[i] = new InputStream() {
                @Override
                public int read() {
                    throw new UnsupportedOperationException("the library reads arrays");
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    b[off] = '1';
                    return len + 1;
                }
            };
        }
        try (JsonArena arena = pool.openArena()) {
            IOException e = assertThrows(IOException.class, () -> arena.parse(over[0]));
            assertTrue(e.getMessage().contains("expected: at most"), e::getMessage);
            JsonRecordReader reader = JsonRecordReader.builder().open(arena, over[1]);
            IOException r = assertThrows(IOException.class, reader::next);
            assertTrue(r.getMessage().contains("expected: at most"), r::getMessage);
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

    // ---- the array a read is given

    private static final String SECRET = "s3cr3t-of-another-request";
    private static final byte[] SECRET_DOC = ("{\"token\":\"" + SECRET + "\"}").getBytes(StandardCharsets.UTF_8);

    /** Parses {@link #SECRET_DOC} on this thread in the ways that read through a window: a stream and a direct buffer. */
    private void parseTheSecretOnThisThread() throws IOException {
        try (JsonArena arena = pool.openArena()) {
            arena.parse(new ByteArrayInputStream(SECRET_DOC));
            arena.parse(ByteBuffer.allocateDirect(SECRET_DOC.length).put(SECRET_DOC).flip());
        }
    }

    private static boolean holdsSecret(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1).contains(SECRET);
    }

    @Test
    void aStreamSeesNoByteOfAnEarlierParseAnywhereInTheArrayItIsGiven() throws Exception {
        List<byte[]> snapshots = new ArrayList<>();
        Throwable t = onFreshThread(() -> {
            parseTheSecretOnThisThread();
            try (JsonArena arena = pool.openArena()) {
                arena.parse(spyingChunks("[1]".getBytes(StandardCharsets.UTF_8), Integer.MAX_VALUE, b -> snapshots.add(b.clone())));
            }
        });
        assertNull(t, () -> "the parse failed: " + t);
        for (byte[] b : snapshots) {
            assertFalse(holdsSecret(b), "a read's array held bytes of an earlier parse on the same thread");
        }
    }

    record Token(String token) {}

    @Test
    void aRecordReadersStreamSeesNoByteOfAnEarlierReaderOfTheThreadInTheArrayItReuses() throws Exception {
        List<byte[]> first = new ArrayList<>();
        List<byte[]> second = new ArrayList<>();
        List<byte[]> snapshots = new ArrayList<>();
        byte[] secretLines = (new String(SECRET_DOC, StandardCharsets.UTF_8) + "\n").repeat(3).getBytes(StandardCharsets.UTF_8);
        Throwable t = onFreshThread(() -> {
            try (JsonArena arena = pool.openArena()) {
                try (JsonRecordReader r = JsonRecordReader.builder().open(arena, spyingChunks(secretLines, 40, first::add))) {
                    for (Token token : r.as(Token.class)) {
                        assertEquals(SECRET, token.token());
                    }
                }
                try (JsonRecordReader r = JsonRecordReader.builder().open(arena,
                        spyingChunks("[1]\n[2]\n".getBytes(StandardCharsets.UTF_8), 3, b -> {
                            second.add(b);
                            snapshots.add(b.clone());
                        }))) {
                    while (r.next() != null) {
                        // read to the end
                    }
                }
            }
        });
        assertNull(t, () -> "the reading failed: " + t);
        assertSame(first.getFirst(), second.getFirst(), "the second reader of the thread reuses the first one's array");
        for (byte[] b : snapshots) {
            assertFalse(holdsSecret(b), "a read's array held bytes of an earlier record reader on the same thread");
        }
    }

    @Test
    void theArrayAReadIsGivenHoldsNoByteOfItsParseOnceTheParseEnds() throws Exception {
        List<byte[]> kept = new ArrayList<>();
        List<ByteBuffer> keptBuffers = new ArrayList<>();
        Throwable t = onFreshThread(() -> {
            try (JsonArena arena = pool.openArena()) {
                arena.parse(spyingChunks(SECRET_DOC, Integer.MAX_VALUE, kept::add));
                ByteArrayInputStream in = new ByteArrayInputStream(SECRET_DOC);
                ReadableByteChannel channel = new ReadableByteChannel() {
                    @Override
                    public int read(ByteBuffer dst) {
                        keptBuffers.add(dst);
                        int n = Math.min(dst.remaining(), 64);
                        byte[] chunk = new byte[n];
                        n = Math.max(-1, in.read(chunk, 0, n));
                        if (n > 0) {
                            dst.put(chunk, 0, n);
                        }
                        return n;
                    }

                    @Override
                    public boolean isOpen() {
                        return true;
                    }

                    @Override
                    public void close() { }
                };
                arena.parse(channel);
                arena.parse(ByteBuffer.allocateDirect(SECRET_DOC.length).put(SECRET_DOC).flip()); // native memory
            }
        });
        assertNull(t, () -> "the parse failed: " + t);
        assertFalse(kept.isEmpty() || keptBuffers.isEmpty(), "the stream and the channel were read");
        for (byte[] b : kept) {
            assertFalse(holdsSecret(b), "the array a stream was given still held its parse's input after the parse");
        }
        for (ByteBuffer b : keptBuffers) {
            assertFalse(holdsSecret(b.array()), "the buffer a channel was given still held its parse's input after the parse");
        }
    }

    @Test
    void aStreamThatCountsBytesItNeverWroteParsesNothingOfAnEarlierParse() throws Exception {
        Throwable t = onFreshThread(() -> {
            parseTheSecretOnThisThread();
            try (JsonArena arena = pool.openArena()) {
                InputStream liar = new InputStream() {
                    private boolean done;

                    @Override
                    public int read() {
                        throw new UnsupportedOperationException("the library reads arrays");
                    }

                    @Override
                    public int read(byte[] b, int off, int len) {
                        if (done) {
                            return -1;
                        }
                        done = true;
                        return SECRET_DOC.length; // writes nothing: the array holds whatever it held
                    }
                };
                arena.parse(liar);
            }
        });
        JsonParseException e = assertInstanceOf(JsonParseException.class, t, () -> "expected a parse error, got " + t);
        assertFalse(e.getMessage().contains(SECRET), () -> "the parse read an earlier parse's bytes: " + e.getMessage());
    }

    // ---- what a read throws

    /** About 1.1 MB: many reads, so that a read past the first window's fill runs inside the parse. */
    private static final byte[] LARGE = ("[" + "\"abcdefgh\",".repeat(100_000) + "1]").getBytes(StandardCharsets.UTF_8);


    /** Throws {@code t} whatever its type, as code compiled without checked exceptions (Kotlin, Lombok's {@code @SneakyThrows}) may. */
    @SuppressWarnings("unchecked")
    private static <E extends Throwable> void sneakyThrow(Throwable t) throws E {
        throw (E) t;
    }

    @Test
    void anUncheckedIOExceptionAReadThrowsGoesOutAsItIs() {
        for (int at : new int[] {1, 15}) { // the first fill, before the parse starts; a refill inside it
            UncheckedIOException thrown = new UncheckedIOException(new IOException("the stream's own"));
            try (JsonArena arena = pool.openArena()) {
                Throwable t = assertThrows(Throwable.class, () -> arena.parse(throwingAt(LARGE, at, thrown)));
                assertSame(thrown, t, () -> "read " + at + ": expected the stream's exception itself, got " + t);
            }
        }
    }

    @Test
    void whateverAReadThrowsInsideTheParseGoesOutAsItIsAndRollsTheArenaBack() throws IOException {
        List<Throwable> throwables = List.of(new IOException("io"), new IllegalArgumentException("runtime"),
                new OutOfMemoryError("error"), new StackOverflowError("error"), new Exception("checked, undeclared"));
        for (Throwable thrown : throwables) {
            try (JsonArena arena = pool.openArena()) {
                long[] reserved = new long[3];
                for (int i = 0; i < reserved.length; i++) {
                    Throwable t = assertThrows(Throwable.class, () -> arena.parse(throwingAt(LARGE, 15, thrown)));
                    assertSame(thrown, t, () -> "expected what the read threw, got " + t);
                    reserved[i] = arena.bytesReserved();
                }
                assertEquals(reserved[0], reserved[2], () -> thrown + ": the arena grew with each failed parse ("
                        + java.util.Arrays.toString(reserved) + " bytes reserved): the failed parses were not rolled back");
                arena.reset();
                assertEquals(100_001, arena.parse(new ByteArrayInputStream(LARGE)).asArray().size(), "the arena parses after a reset");
            }
        }
    }

    // ---- one record reader, called again while it reads

    /** {@code n} records {@code {"i":0}} to {@code {"i":n-1}}, one a line. */
    private static byte[] numberedLines(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append("{\"i\":").append(i).append("}\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }


    @Test
    void aStreamThatCallsTheSameRecordReaderFromEveryReadIsRefusedAndTheReadingGoesOnIntact() throws Exception {
        byte[] lines = numberedLines(2000);
        for (int chunk : new int[] {1, 7, 100, 5000}) {
            List<Long> seen = new ArrayList<>();
            List<Throwable> nested = new ArrayList<>();
            Throwable t = onFreshThread(() -> {
                try (JsonArena arena = pool.openArena()) {
                    JsonRecordReader[] reader = new JsonRecordReader[1];
                    reader[0] = JsonRecordReader.builder().open(arena, hooked(lines, chunk, () -> {
                        if (nested.size() < 50) {
                            try {
                                reader[0].next();
                                nested.add(null);
                            } catch (IllegalStateException | IOException e) {
                                nested.add(e); // the stream swallows it and reads on
                            }
                        }
                    }));
                    for (JsonValue v; (v = reader[0].next()) != null; ) {
                        seen.add(v.asObject().get("i").asLong());
                    }
                }
            });
            assertNull(t, () -> "chunk " + chunk + ": the reading failed: " + t);
            assertFalse(nested.isEmpty());
            for (Throwable e : nested) {
                assertInstanceOf(IllegalStateException.class, e, () -> "chunk " + chunk + ": a call from the read got " + e);
            }
            assertEquals(2000, seen.size(), () -> "chunk " + chunk + ": records read");
            for (int i = 0; i < seen.size(); i++) {
                assertEquals(i, seen.get(i), "chunk " + chunk + ": every record once, in order");
            }
        }
    }

    @Test
    void anErrorHandlerThatCallsNextIsRefusedInsteadOfRecursing() throws Exception {
        List<Throwable> nested = new ArrayList<>();
        String[] after = new String[1];
        Throwable t = onFreshThread(() -> {
            try (JsonArena arena = pool.openArena()) {
                JsonRecordReader[] reader = new JsonRecordReader[1];
                reader[0] = JsonRecordReader.builder().onError(e -> {
                    try {
                        reader[0].next(); // "skip to the next record": the reader does that itself
                    } catch (IllegalStateException | IOException x) {
                        nested.add(x);
                    }
                }).open(arena, new ByteArrayInputStream("[1\n[2]\n".getBytes(StandardCharsets.UTF_8)));
                after[0] = reader[0].next().toJson();
            }
        });
        assertNull(t, () -> "the reading failed: " + t);
        assertEquals(1, nested.size(), "the handler ran once");
        assertInstanceOf(IllegalStateException.class, nested.get(0));
        assertEquals("[2]", after[0], "the reader skipped the bad record and read the next");
    }

    @Test
    void twoThreadsReadingOneRecordReaderAreRefusedNeverHandedACorruptedRecord() throws Exception {
        int n = 5000;
        byte[] lines = numberedLines(n);
        for (int round = 0; round < 3; round++) {
            try (JsonArena arena = pool.openArena()) {
                JsonRecordReader reader = JsonRecordReader.builder().resetEvery(Integer.MAX_VALUE)
                        .open(arena, hooked(lines, 37, () -> { }));
                List<JsonValue> records = java.util.Collections.synchronizedList(new ArrayList<>());
                List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
                Runnable body = () -> {
                    for (;;) {
                        try {
                            JsonValue v = reader.next();
                            if (v == null) {
                                return;
                            }
                            records.add(v);
                        } catch (IllegalStateException e) {
                            Thread.onSpinWait(); // refused while the other thread reads: try again
                        } catch (Throwable e) {
                            failures.add(e);
                            return;
                        }
                    }
                };
                Thread a = new Thread(body, "reader-a");
                Thread b = new Thread(body, "reader-b");
                a.setDaemon(true);
                b.setDaemon(true);
                a.start();
                b.start();
                a.join(20_000);
                b.join(20_000);
                assertFalse(a.isAlive() || b.isAlive(), "the readers hang");
                assertTrue(failures.isEmpty(), () -> "failures other than IllegalStateException: " + failures);
                java.util.BitSet seen = new java.util.BitSet();
                for (JsonValue v : records) {
                    int i = (int) v.asObject().get("i").asLong();
                    assertFalse(seen.get(i), "record " + i + " read twice");
                    seen.set(i);
                }
                assertEquals(n, seen.cardinality(), "every record read once");
            }
        }
    }

    @Test
    void aRecordReaderClosedFromAnotherThreadWhileItReadsEndsWithIllegalStateNeverAWindowGoneUnderIt() throws Exception {
        byte[] lines = numberedLines(100_000);
        for (int round = 0; round < 60; round++) {
            long delayNanos = 200_000L * (round % 10);
            try (JsonArena arena = pool.openArena()) {
                JsonRecordReader reader = JsonRecordReader.builder().open(arena, hooked(lines, 100, () -> { }));
                Thread closer = new Thread(() -> {
                    java.util.concurrent.locks.LockSupport.parkNanos(delayNanos);
                    try {
                        reader.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, "closer");
                closer.setDaemon(true);
                closer.start();
                Throwable t = null;
                long read = 0;
                try {
                    while (reader.next() != null) {
                        read++;
                    }
                } catch (Throwable e) {
                    t = e;
                }
                closer.join(10_000);
                Throwable outcome = t;
                long records = read;
                if (outcome != null || records < 100_000) {
                    assertInstanceOf(IllegalStateException.class, outcome,
                            () -> "a reading cut short after " + records + " records by a close on another thread: " + outcome);
                    assertEquals("record reader is closed", outcome.getMessage());
                }
            }
        }
    }

    @Test
    void aRecordReaderWhoseReadFailedInsideARecordStopsInsteadOfReadingOnFromItsMiddle() throws Exception {
        // the second record spans refills of the reader's window: a read fails in its middle
        byte[] lines = ("[1]\n{\"a\":\"" + "x".repeat(100_000) + "\",\"b\":[1,2,3]}\n[2]\n[3]\n").getBytes(StandardCharsets.UTF_8);
        for (boolean handler : new boolean[] {false, true}) {
            List<JsonRecordException> reported = new ArrayList<>();
            try (JsonArena arena = pool.openArena()) {
                JsonRecordReader.Builder b = JsonRecordReader.builder();
                if (handler) {
                    b.onError(reported::add);
                }
                JsonRecordReader reader = b.open(arena, throwingIOExceptionAt(lines, 9));
                assertEquals("[1]", reader.next().toJson());
                IOException e = assertThrows(IOException.class, reader::next);
                assertEquals("transient", e.getMessage());
                IllegalStateException later = assertThrows(IllegalStateException.class, reader::next,
                        "a call after the failure reads on from the middle of the record");
                assertSame(e, later.getCause());
                assertTrue(reported.isEmpty(), () -> "the handler was given records that are not records: " + reported);
            }
        }
    }


    // ---- a channel

    @Test
    void aChannelWhoseCountIsNotWhatItPutInItsBufferFailsWithIOException() {
        byte[] doc = "[1,2,3]".getBytes(StandardCharsets.UTF_8);
        try (JsonArena arena = pool.openArena()) {
            ReadableByteChannel liar = new ReadableByteChannel() {
                private boolean done;

                @Override
                public int read(ByteBuffer dst) {
                    if (done) {
                        return -1;
                    }
                    done = true;
                    dst.put(doc, 0, 3);
                    return doc.length; // counts 7, put 3: the other 4 would be whatever the array held
                }

                @Override
                public boolean isOpen() {
                    return true;
                }

                @Override
                public void close() { }
            };
            IOException e = assertThrows(IOException.class, () -> arena.parse(liar));
            assertTrue(e.getMessage().contains("reported 7 bytes read"), e::getMessage);
            assertEquals("[4]", arena.parse("[4]".getBytes(StandardCharsets.UTF_8)).toJson(), "the arena parses on");
        }
    }

    // ---- input that changes under the parse

    /** About 200 KB of records with escapes, UTF-8, numbers of every form and repeated names (predictions at work). */
    private static final byte[] CHANGING = changingInput();

    private static byte[] changingInput() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < 2000; i++) {
            sb.append(i == 0 ? "" : ",\n  ").append("{\"id\": ").append(i).append(", \"name\": \"caf\u00e9 \\u00e9\\n ").append(i)
                    .append("\", \"score\": -").append(i).append(".25e-3, \"tags\": [\"a\", true, null, false],")
                    .append(" \"nested\": {\"k\": [").append(i % 7).append(", {\"deep\": \"\ud83d\ude00\"}]}}");
        }
        return sb.append("]").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A record of {@link #CHANGING}, so that its one-call bind reads the bytes directly. */
    record Entry(long id, String name, double score, List<Object> tags, java.util.Map<String, Object> nested) { }

    private static final JsonTypeRef<List<Entry>> ENTRIES = new JsonTypeRef<>() { };

    /** Bytes that change what the parser sees most: structure, quotes, escapes, digits, UTF-8 lead and continuation bytes. */
    private static final byte[] SCRIBBLES = "{}[]\",:\\u0123456789eE+-.tfn \n\u00e9\u00ff".getBytes(StandardCharsets.UTF_8);

    /** Runs {@code parse}: it must throw a {@link JsonException} or return a document that reads to its end. */
    private static void parsesOrFailsCleanly(String what, java.util.concurrent.Callable<JsonValue> parse) {
        JsonValue v;
        try {
            v = parse.call();
        } catch (JsonException e) {
            return;
        } catch (Throwable e) {
            throw new AssertionError(what + ": expected a JsonException or a document, got " + e, e);
        }
        if (v != null) {
            assertFalse(v.toJson().isEmpty(), what);
        }
    }

    @Test
    void anInputChangedByAnotherThreadDuringTheParseFailsWithAJsonExceptionOrParsesNeverWorse() throws Exception {
        byte[] array = CHANGING.clone();
        try (JsonArena arena = pool.openArena()) {
            assertEquals(2000, arena.parse(array, ENTRIES).size(), "the unchanged input binds");
        }
        try (java.lang.foreign.Arena memory = java.lang.foreign.Arena.ofShared(); JsonArena arena = pool.openArena()) {
            java.lang.foreign.MemorySegment segment = memory.allocate(CHANGING.length);
            ByteBuffer direct = ByteBuffer.allocateDirect(CHANGING.length);
            java.util.concurrent.atomic.AtomicReference<byte[]> lent = new java.util.concurrent.atomic.AtomicReference<>();
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            Thread scribbler = new Thread(() -> {
                java.util.SplittableRandom r = new java.util.SplittableRandom(42);
                while (!stop.get()) {
                    int at = r.nextInt(CHANGING.length);
                    byte b = SCRIBBLES[r.nextInt(SCRIBBLES.length)];
                    array[at] = b;
                    segment.set(java.lang.foreign.ValueLayout.JAVA_BYTE, at, b);
                    direct.put(at, b);
                    byte[] window = lent.get();
                    if (window != null) {
                        window[at % window.length] = b;
                    }
                }
            }, "scribbler");
            scribbler.setDaemon(true);
            scribbler.start();
            try {
                for (int i = 0; i < 60; i++) {
                    arena.reset();
                    System.arraycopy(CHANGING, 0, array, 0, CHANGING.length);
                    java.lang.foreign.MemorySegment.copy(CHANGING, 0, segment, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, CHANGING.length);
                    direct.clear().put(CHANGING).clear();
                    parsesOrFailsCleanly("a byte[] bound in one call", () -> {
                        arena.parse(array, ENTRIES);
                        return null;
                    });
                    parsesOrFailsCleanly("a heap buffer", () -> arena.parse(ByteBuffer.wrap(array)));
                    parsesOrFailsCleanly("a direct buffer", () -> arena.parse(direct));
                    parsesOrFailsCleanly("a native segment", () -> arena.parse(segment));
                    parsesOrFailsCleanly("a stream whose window another thread writes", () -> arena.parse(
                            spyingChunks(CHANGING, 3000, lent::set)));
                }
            } finally {
                stop.set(true);
                scribbler.join();
            }
        }
    }

    @Test
    void aStreamThatWritesAllOverItsArrayGetsAJsonExceptionOrADocumentNeverWorse() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            sb.append("{\"i\":").append(i).append(",\"s\":\"caf\u00e9 \\u00e9 ").append("x".repeat(i % 50)).append("\"}\n");
        }
        byte[] lines = sb.toString().getBytes(StandardCharsets.UTF_8);
        byte[] array = ("[" + sb.toString().replace("}\n{", "},\n{") + "]").getBytes(StandardCharsets.UTF_8);
        JsonRecordFormat[] formats = {null, JsonRecordFormat.LINES, JsonRecordFormat.CONCATENATED, JsonRecordFormat.ARRAY};
        java.util.SplittableRandom r = new java.util.SplittableRandom(7);
        for (int round = 0; round < 80; round++) {
            int chunk = r.nextInt(1, 9000);
            JsonRecordFormat format = formats[round % 4]; // null: one document
            // before and after its copy, the read writes into the array outside [off, off + len): into bytes already read, into the rest
            InputStream in = spyingChunks(format == JsonRecordFormat.ARRAY ? array : lines, chunk, b -> {
                for (int k = 0; k < 12; k++) {
                    b[r.nextInt(b.length)] = SCRIBBLES[r.nextInt(SCRIBBLES.length)];
                }
            });
            try (JsonArena arena = pool.openArena()) {
                if (format == null) {
                    parsesOrFailsCleanly("one document", () -> arena.parse(in));
                } else {
                    JsonRecordReader reader = JsonRecordReader.builder().format(format)
                            .onError(e -> { }).resetEvery(100).open(arena, in);
                    for (int k = 0; k < 4000; k++) {
                        boolean[] end = {false};
                        parsesOrFailsCleanly("records, " + format, () -> {
                            JsonValue v = reader.next();
                            end[0] = v == null;
                            return v;
                        });
                        if (end[0]) {
                            break;
                        }
                    }
                }
            }
        }
    }

    /** A stream of {@code data} in reads of 10,000 bytes that throws {@code thrown} at read {@code at}, declared or not. */
    private static InputStream throwingAt(byte[] data, int at, Throwable thrown) {
        return ChunkedStream.of(data, 10_000).beforeRead((call, array) -> {
            if (call == at) {
                HostileCallerReadTest.<RuntimeException>sneakyThrow(thrown);
            }
        });
    }

    /** A stream of {@code data} in reads of 10,000 bytes whose read {@code at} fails with an {@code IOException}. */
    private static InputStream throwingIOExceptionAt(byte[] data, int at) {
        return ChunkedStream.of(data, 10_000).beforeRead((call, array) -> {
            if (call == at) {
                throw new IOException("transient");
            }
        });
    }

    /** A stream of {@code data} in reads of at most {@code chunk} bytes that runs {@code hook} at the start of each read. */
    private static InputStream hooked(byte[] data, int chunk, Runnable hook) {
        return ChunkedStream.of(data, chunk).beforeRead((call, array) -> hook.run());
    }

    /** A stream of {@code data} in reads of at most {@code chunk} bytes that hands the array to {@code spy} before and after each copy. */
    private static InputStream spyingChunks(byte[] data, int chunk, java.util.function.Consumer<byte[]> spy) {
        return ChunkedStream.of(data, chunk).beforeRead((call, array) -> spy.accept(array)).afterRead(spy);
    }
}
