package dev.jsonarena;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jsonarena.testing.PieceAppendable;
import dev.jsonarena.testing.JsonGenerator;
import dev.jsonarena.testing.Property;
import dev.jsonarena.testing.Property.Gen;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * User callbacks that misbehave, checked against a model. Each try opens a pool and a few arenas,
 * parses uniquely marked documents into them, then runs operations that call user code: a parse
 * of a stream, a write to an {@link OutputStream} or {@link Appendable}, a {@link JsonRecordReader}
 * (its stream and its error handler). Inside each call the user code does random things: closes or
 * resets this arena or another one, opens a new arena and parses into it, parses into this arena,
 * reads any document of the try, throws. The model knows which documents are live and predicts
 * each outcome (result or exception, the arena's state afterwards, the pool's bytes in use);
 * after every operation and at the end of the try every live document reads back its own data,
 * every dead view throws {@link IllegalStateException}, no output ever holds another document's
 * marker, and once everything is closed the pool has nothing in use.
 *
 * <p>Decisions the model encodes:
 * <ul>
 *   <li>A refusal inside a callback (a reset or parse of the arena whose parse is running, or of a
 *       closed arena) is an {@link IllegalStateException} thrown into the callback; the callback
 *       catches it, or (sometimes) rethrows it, and then the operation ends with that very
 *       exception.</li>
 *   <li>A callback that throws an {@link IOException} ends a parse or a record read with that very
 *       exception, even if it closed the arena first (the arena is closed afterwards all the same);
 *       a writer whose target reset or closed its arena ends with {@link IllegalStateException}
 *       whatever the target threw.</li>
 *   <li>While the arena is closed from inside its own running parse, the close is pending: the
 *       memory is still held, and views of its earlier documents may read their own data or throw
 *       {@link IllegalStateException}; once the parse has ended they throw.</li>
 *   <li>A record reader's input is read both between records and inside a record's parse; which
 *       one a call is (and so whether a reset or parse of the arena from it is refused) is told by
 *       the call stack: a {@code JsonArena.parse} frame means the arena is claimed.</li>
 *   <li>A record reader whose user code closed the arena ends with
 *       {@link IllegalStateException}, or with {@code null} if every record had been read or
 *       reported; if the close came while a bad record was parsed, that record's
 *       {@link JsonRecordException} may be reported instead (its parse error comes first).</li>
 * </ul>
 *
 * <p>A failing try prints its seed and a trace of what the user code did; the markers are unique
 * per try and of fixed width, so {@code -Djsonarena.seed=...} replays it exactly.
 */
class ReentrancyPropertyTest {
    private static final int TRIES = 2000;
    /** How often each action and outcome came up in the last run, printed as a coverage summary. */
    private static final Map<String, Integer> COUNTS = new TreeMap<>();
    private static final Pattern MARKER = Pattern.compile("MRK(\\d+)Z");
    private static final JsonGenerator.Options PAYLOAD =
            JsonGenerator.Options.DEFAULT.withWhitespace(false);
    /** Pieces of the blob string: as written in JSON, and the value they stand for. */
    private static final String[][] BLOB_PIECES = {
        {" ", " "}, {"é", "é"}, {"€", "€"}, {"😀", "😀"}, {"\\\"", "\""}, {"\\n", "\n"},
        {"\\u00e9", "é"}, {"\\\\", "\\"}, {"abc", "abc"},
    };

    private static void count(String what) {
        COUNTS.merge(what, 1, Integer::sum);
    }

    @Test
    void misbehavingCallbacksNeverExposeAnotherDocumentAndNeverLeak() {
        COUNTS.clear();
        Property.check("reentrant callbacks against the arena model", TRIES, gen -> {
            try (World w = new World(gen)) {
                w.run();
            }
        });
        System.out.println("reentrancy outcomes: " + COUNTS);
    }

    /**
     * The array a writer hands its target is the target's until the call returns: a target that
     * first writes a string of the same arena elsewhere (the same string again, or, after a reset,
     * another request's string parsed into the recycled document) and only then consumes the
     * array still gets the bytes it was handed. Found by the property above.
     */
    @Test
    void aWriteUtf8ToTargetThatWritesAnotherStringBeforeConsumingItsArrayStillGetsItsOwnBytes() {
        String mineText = "mine ".repeat(2000);
        try (JsonPool pool = JsonPool.builder().idleTimeout(Duration.ZERO).build(); JsonArena arena = pool.openArena()) {
            JsonValue mine = arena.parse(("{\"s\":\"" + mineText + "\"}").getBytes(StandardCharsets.UTF_8)).asObject().get("s");
            ByteArrayOutputStream again = new ByteArrayOutputStream();
            OutputStream writingAgainFirst = new OutputStream() {
                private int calls;

                @Override
                public void write(int b) {
                    again.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    if (calls++ == 0) {
                        mine.writeUtf8To(OutputStream.nullOutputStream()); // the same string, elsewhere
                    }
                    again.write(b, off, len);
                }
            };
            assertDoesNotThrow(() -> mine.writeUtf8To(writingAgainFirst));
            String twice = again.toString(StandardCharsets.UTF_8);
            assertTrue(mineText.equals(twice), () -> "the bytes handed to the target changed under it: " + firstDifference(mineText, twice));

            ByteArrayOutputStream other = new ByteArrayOutputStream();
            OutputStream resettingFirst = new OutputStream() {
                private int calls;

                @Override
                public void write(int b) {
                    other.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    if (calls++ == 0) {
                        arena.reset();
                        JsonValue secret = arena.parse(("{\"s\":\"" + "SECRET ".repeat(2000) + "\"}")
                                .getBytes(StandardCharsets.UTF_8)).asObject().get("s");
                        secret.writeUtf8To(OutputStream.nullOutputStream());
                    }
                    other.write(b, off, len);
                }
            };
            assertThrows(IllegalStateException.class, () -> mine.writeUtf8To(resettingFirst));
            String got = other.toString(StandardCharsets.UTF_8);
            assertFalse(got.contains("SECRET"), "the bytes handed to the target became another request's");
            assertTrue(mineText.startsWith(got), () -> firstDifference(mineText, got));
        }
    }

    /**
     * A writer on one thread streams a large document ({@code writeTo}) or a long string of it
     * ({@code writeUtf8To}) while another thread closes its arena and parses another request's
     * document (same shape, other marker) into the recycled memory. The
     * writer either completes with exactly its own JSON or stops with
     * {@link IllegalStateException}; what reached its stream is a prefix of its own JSON and never
     * holds the other marker. Platform and virtual threads; every wait has a timeout.
     */
    @Test
    void closeRacingAWriterOnAnotherThreadNeverLeaksAnotherRequestsBytes() {
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (ThreadFactory threads : List.of(Thread.ofPlatform().factory(), Thread.ofVirtual().factory())) {
                int completed = 0;
                try (JsonPool pool = JsonPool.builder().build()) {
                    for (int r = 0; r < RACE_ROUNDS; r++) {
                        completed += raceAWriterAgainstAClose(threads, pool, r) ? 1 : 0;
                        JsonPoolStats st = pool.stats();
                        int round = r;
                        assertEquals(0, st.inUseBytes(), () -> "round " + round + ": " + st);
                        assertEquals(0, st.openArenas(), () -> "round " + round + ": " + st);
                    }
                }
                System.out.println("racing writers: " + completed + " completed, " + (RACE_ROUNDS - completed)
                        + " stopped by the close");
            }
        });
    }

    /** One round of the race; {@return whether the writer completed} (else it stopped with IllegalStateException). */
    private static boolean raceAWriterAgainstAClose(ThreadFactory threads, JsonPool pool, int round) throws InterruptedException {
        String mine = String.format("AAAA%06d", round);
        String theirs = String.format("BBBB%06d", round);
        JsonArena arena = pool.openArena();
        List<JsonArena> others = new ArrayList<>();
        try {
            JsonValue root = arena.parse(requestRecords(mine));
            boolean whole = round % 2 == 0; // else only the long string, through writeUtf8To
            JsonValue blob = root.asObject().get("blob");
            String expected = whole ? root.toJson() : blob.asString();
            CountDownLatch writing = new CountDownLatch(1);
            ByteArrayOutputStream sink = new ByteArrayOutputStream() {
                @Override
                public synchronized void write(byte[] b, int off, int len) {
                    super.write(b, off, len);
                    writing.countDown();
                }
            };
            AtomicReference<Throwable> result = new AtomicReference<>();
            AtomicReference<Throwable> closerFailed = new AtomicReference<>();
            Thread writer = threads.newThread(() -> {
                try {
                    if (whole) {
                        root.writeTo(sink, JsonFormat.COMPACT);
                    } else {
                        blob.writeUtf8To(sink);
                    }
                } catch (Throwable t) {
                    result.set(t);
                }
            });
            Thread closer = threads.newThread(() -> {
                try {
                    if (!writing.await(10, TimeUnit.SECONDS)) {
                        throw new AssertionError("the writer never wrote");
                    }
                    arena.close();
                    for (int k = 0; k < 2; k++) { // other requests take the memory at once
                        JsonArena other = pool.openArena();
                        synchronized (others) {
                            others.add(other);
                        }
                        other.parse(requestRecords(theirs));
                    }
                } catch (Throwable t) {
                    closerFailed.set(t);
                }
            });
            writer.start();
            closer.start();
            writer.join(10_000);
            closer.join(10_000);
            assertFalse(writer.isAlive() || closer.isAlive(), "a thread did not finish in 10 s, round " + round);
            if (closerFailed.get() != null) {
                throw new AssertionError("round " + round, closerFailed.get());
            }
            String out = sink.toString(StandardCharsets.UTF_8);
            assertFalse(out.contains(theirs), () -> "round " + round + ": the writer emitted another request's bytes: "
                    + firstDifference(expected, out));
            if (result.get() == null) {
                assertEquals(expected, out, "round " + round);
                return true;
            }
            if (!(result.get() instanceof IllegalStateException)) {
                throw new AssertionError("round " + round + ": expected IllegalStateException", result.get());
            }
            assertTrue(expected.startsWith(out), () -> "round " + round + ": " + firstDifference(expected, out));
            return false;
        } finally {
            synchronized (others) {
                others.forEach(JsonArena::close);
            }
            arena.close();
        }
    }

    private static final int RACE_ROUNDS = 150;

    /** A request's document: many records, each naming {@code marker}, and a long string of it, about 0.5 MB. */
    private static byte[] requestRecords(String marker) {
        StringBuilder sb = new StringBuilder("{\"marker\":\"").append(marker).append("\",\"records\":[");
        for (int i = 0; i < 12_000; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"i\":").append(i).append(",\"who\":\"").append(marker).append("\"}");
        }
        sb.append("],\"blob\":\"");
        for (int i = 0; i < 10_000; i++) {
            sb.append(marker).append(' ');
        }
        return sb.append("\"}").toString().getBytes(StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- the model

    /** One arena and what the model knows of it. */
    private static final class Slot {
        final JsonArena arena;
        final String name;
        boolean open = true;
        /** Closed from inside its own running parse: freed when that parse ends. */
        boolean closePending;
        int generation;
        /** Live documents of the current generation. */
        final List<Doc> docs = new ArrayList<>();

        Slot(JsonArena arena, String name) {
            this.arena = arena;
            this.name = name;
        }

        @Override
        public String toString() {
            return name + (open ? closePending ? "(close pending)" : "" : "(closed)") + "/g" + generation;
        }
    }

    /** A marked document and what it must read back while it is live. */
    private static final class Doc {
        final String marker;
        final byte[] bytes;
        final int items;
        final String blob;
        final Slot slot;
        JsonValue root;
        String compact;
        boolean dead;

        Doc(String marker, byte[] bytes, int items, String blob, Slot slot) {
            this.marker = marker;
            this.bytes = bytes;
            this.items = items;
            this.blob = blob;
            this.slot = slot;
        }

        /** Reads may see their own data or fail: the arena's close waits for its running parse. */
        boolean pending() {
            return !dead && slot.closePending;
        }

        @Override
        public String toString() {
            return marker + "@" + slot.name + (dead ? "(dead)" : "");
        }
    }

    private enum Action {
        NOTHING, CLOSE_THIS, RESET_THIS, CLOSE_OTHER, RESET_OTHER, OPEN_AND_PARSE, PARSE_THIS, PARSE_OTHER,
        READ_DOC, READ_DOC_AGAIN, READ_SUBJECT, THROW
    }

    /** The actions to draw from: throwing ends the callback, so it comes up less often than the others. */
    private static final Action[] ACTIONS = {
        Action.NOTHING, Action.CLOSE_THIS, Action.CLOSE_THIS, Action.RESET_THIS, Action.RESET_THIS,
        Action.CLOSE_OTHER, Action.RESET_OTHER, Action.OPEN_AND_PARSE, Action.PARSE_THIS, Action.PARSE_THIS,
        Action.PARSE_OTHER, Action.READ_DOC, Action.READ_DOC, Action.READ_DOC_AGAIN, Action.READ_DOC_AGAIN,
        Action.READ_SUBJECT, Action.READ_SUBJECT, Action.THROW,
    };

    private enum Where { PARSE_READ, WRITE_TARGET, RECORD_READ, ERROR_HANDLER }

    /** What the user code of one operation did, as far as the outcome depends on it. */
    private static final class Callback {
        final Where where;
        final Slot self;
        /** The document a writer writes, or null. */
        Doc subject;
        int calls;
        /** This arena was reset or closed (not pending) by the callback. */
        boolean selfDied;
        /** This arena was closed by the callback, pending or not. */
        boolean selfClosed;
        /** The exception the callback threw out, which must end the operation. */
        Throwable thrown;
        /** The callback ended a call after its arena died: a writer must not call again. */
        boolean returnedAfterDeath;

        Callback(Where where, Slot self) {
            this.where = where;
            this.self = self;
        }
    }

    /** One try: a pool, its arenas and documents, and a trace for the failure message. */
    private static final class World implements AutoCloseable {
        final Gen gen;
        final JsonPool pool = JsonPool.builder().idleTimeout(Duration.ZERO).chunkBytes(1 << 20).build();
        final List<Slot> slots = new ArrayList<>();
        final List<Doc> docs = new ArrayList<>();
        final StringBuilder trace = new StringBuilder();

        private int markers;

        World(Gen gen) {
            this.gen = gen;
        }

        /** {@return a marker unique in this try, of fixed width, so that a replayed try draws the same sizes} */
        String nextMarker() {
            return String.format("MRK%05dZ", ++markers);
        }

        void log(String event) {
            trace.append("  ").append(event).append('\n');
        }

        String why(String message) {
            return message + "\ntrace:\n" + trace;
        }

        // ---- setup ----

        Slot openSlot() {
            Slot s = new Slot(pool.openArena(), "a" + slots.size());
            slots.add(s);
            log("open " + s.name);
            return s;
        }

        void run() {
            int arenas = gen.intBetween(1, 3);
            for (int i = 0; i < arenas; i++) {
                openSlot();
            }
            int initial = gen.intBetween(1, 3);
            for (int i = 0; i < initial; i++) {
                parseBytes(gen.pick(slots), gen.chance(0.3));
            }
            checkPool();
            int ops = gen.intBetween(1, 3);
            for (int i = 0; i < ops; i++) {
                Slot s = anyOpen();
                switch (gen.intBetween(0, 2)) {
                    case 0 -> streamedParse(s);
                    case 1 -> write(s);
                    default -> records(s);
                }
                checkEverything(i == ops - 1);
                checkPool();
            }
        }

        Slot anyOpen() {
            List<Slot> open = slots.stream().filter(s -> s.open).toList();
            return open.isEmpty() ? openSlot() : gen.pick(open);
        }

        // ---- documents ----

        /** A marked document, not yet parsed. */
        Doc newDoc(Slot slot, boolean maybeLarge) {
            String marker = nextMarker();
            int items = maybeLarge && gen.chance(0.2) ? gen.intBetween(2000, 3500) : gen.intBetween(0, 8 + gen.sized(400));
            StringBuilder json = new StringBuilder("{\"marker\":\"").append(marker).append("\",\"items\":[");
            for (int i = 0; i < items; i++) {
                json.append(i == 0 ? "" : ",").append("{\"i\":").append(i).append(",\"owner\":\"").append(marker).append("\"}");
            }
            json.append("],\"blob\":\"");
            StringBuilder blob = new StringBuilder();
            int pieces = gen.chance(0.2) ? 0 : gen.chance(0.2) ? gen.intBetween(2000, 8000) : gen.intBetween(1, 10 + gen.sized(1500));
            for (int i = 0; i < pieces; i++) {
                if (i % 4 == 0) {
                    json.append(marker);
                    blob.append(marker);
                } else {
                    String[] p = BLOB_PIECES[gen.nextInt(BLOB_PIECES.length)];
                    json.append(p[0]);
                    blob.append(p[1]);
                }
            }
            json.append('"');
            byte[] head = json.toString().getBytes(StandardCharsets.UTF_8);
            byte[] payload = gen.chance(0.3) ? new JsonGenerator(gen, PAYLOAD).document().bytes() : "null".getBytes(StandardCharsets.UTF_8);
            byte[] bytes = new byte[head.length + 9 + payload.length + 1];
            System.arraycopy(head, 0, bytes, 0, head.length);
            System.arraycopy(",\"extra\":".getBytes(StandardCharsets.UTF_8), 0, bytes, head.length, 9);
            System.arraycopy(payload, 0, bytes, head.length + 9, payload.length);
            bytes[bytes.length - 1] = '}';
            return new Doc(marker, bytes, items, blob.toString(), slot);
        }

        /** Parses a new marked document from a byte array into an open arena; {@return it, live} */
        Doc parseBytes(Slot s, boolean maybeLarge) {
            Doc d = newDoc(s, maybeLarge);
            JsonValue root = s.arena.parse(d.bytes);
            commit(d, root);
            return d;
        }

        /** Records a successful parse in the model and checks the new document at once. */
        void commit(Doc d, JsonValue root) {
            d.root = root;
            d.compact = root.toJson();
            assertOwn(d, d.compact);
            assertTrue(d.compact.startsWith("{\"marker\":\"" + d.marker + "\",\"items\":["), () -> why("compact form of " + d));
            d.slot.docs.add(d);
            docs.add(d);
            log("parsed " + d + " (" + d.bytes.length + " bytes)");
        }

        // ---- model transitions ----

        void modelReset(Slot s) {
            s.docs.forEach(d -> d.dead = true);
            s.docs.clear();
            s.generation++;
            log("reset " + s);
        }

        void modelClose(Slot s) {
            if (!s.open) {
                return;
            }
            s.docs.forEach(d -> d.dead = true);
            s.docs.clear();
            s.open = false;
            s.closePending = false;
            s.generation++;
            log("closed " + s);
        }

        // ---- checks ----

        /** Every marker in {@code text} is {@code d}'s own. */
        void assertOwn(Doc d, String text) {
            Matcher m = MARKER.matcher(text);
            while (m.find()) {
                if (!m.group().equals(d.marker)) {
                    fail(why("output of " + d + " holds another document's marker " + m.group()));
                }
            }
        }

        /** Reads {@code d} in one of several ways; asserts that what it returns is {@code d}'s own data. */
        void readBack(Doc d, int how) throws IOException {
            JsonObject o = d.root.asObject();
            switch (how) {
                case 0 -> assertEquals(d.marker, o.get("marker").asString(), () -> why("marker of " + d));
                case 1 -> {
                    JsonArray items = o.get("items").asArray();
                    assertEquals(d.items, items.size(), () -> why("items of " + d));
                    if (d.items > 0) {
                        int k = gen.nextInt(d.items);
                        JsonObject item = items.get(k).asObject();
                        assertEquals(k, item.get("i").asLong(), () -> why("item " + k + " of " + d));
                        assertEquals(d.marker, item.get("owner").asString(), () -> why("item " + k + " of " + d));
                    }
                }
                case 2 -> {
                    String blob = o.get("blob").asString();
                    assertOwn(d, blob);
                    assertEquals(d.blob, blob, () -> why("blob of " + d));
                }
                case 3 -> {
                    String json = d.root.toJson();
                    assertOwn(d, json);
                    assertEquals(d.compact, json, () -> why("toJson of " + d));
                }
                case 4 -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    d.root.writeTo(out, JsonFormat.COMPACT);
                    String json = out.toString(StandardCharsets.UTF_8);
                    assertOwn(d, json);
                    assertEquals(d.compact, json, () -> why("writeTo of " + d));
                }
                case 5 -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    o.get("blob").writeUtf8To(out);
                    String blob = out.toString(StandardCharsets.UTF_8);
                    assertOwn(d, blob);
                    assertEquals(d.blob, blob, () -> why("writeUtf8To of " + d));
                }
                default -> {
                    StringBuilder sb = new StringBuilder();
                    d.root.appendTo(sb, JsonFormat.COMPACT);
                    assertOwn(d, sb.toString());
                    assertEquals(d.compact, sb.toString(), () -> why("appendTo of " + d));
                }
            }
        }

        static final int READ_WAYS = 7;

        /** Reads {@code d} as the model says: own data if live, {@link IllegalStateException} if dead, either if pending. */
        void read(Doc d, int how) throws IOException {
            if (d.pending()) {
                try {
                    readBack(d, how);
                } catch (IllegalStateException e) {
                    // the arena's close is pending: failing already is as good as reading own data
                }
            } else if (d.dead) {
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> readBack(d, how),
                        () -> why("a view of " + d + " read " + how));
                assertFalse(MARKER.matcher(String.valueOf(e.getMessage())).find());
            } else {
                readBack(d, how);
            }
        }

        /**
         * Checks every arena's state and every document: a live one reads back its marker, and if
         * {@code thorough} its items and blob too, then is read in one more random way; a dead one
         * throws in two ways.
         */
        void checkEverything(boolean thorough) {
            for (Doc d : docs) {
                try {
                    if (d.dead) {
                        read(d, gen.nextInt(READ_WAYS));
                        read(d, gen.nextInt(READ_WAYS));
                        continue;
                    }
                    read(d, 0);
                    if (thorough) {
                        read(d, 1);
                        read(d, 2);
                    }
                    read(d, gen.intBetween(3, READ_WAYS - 1));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            for (Slot s : slots) {
                assertEquals(s.open, s.arena.isOpen(), () -> why("open state of " + s));
                assertFalse(s.closePending, () -> why("close still pending: " + s));
                if (!s.open) {
                    assertThrows(IllegalStateException.class, s.arena::reset);
                    assertThrows(IllegalStateException.class, () -> s.arena.parse("[]".getBytes(StandardCharsets.UTF_8)));
                    assertThrows(IllegalStateException.class, s.arena::bytesReserved);
                }
            }
        }

        /** The pool holds exactly the blocks of the open arenas. */
        void checkPool() {
            long held = 0;
            int open = 0;
            for (Slot s : slots) {
                if (s.open) {
                    held += s.arena.bytesReserved();
                    open++;
                }
            }
            JsonPoolStats st = pool.stats();
            assertEquals(held, st.inUseBytes(), () -> why("bytes in use: " + st));
            assertEquals(open, st.openArenas(), () -> why("open arenas: " + st));
        }

        @Override
        public void close() {
            for (Slot s : slots) {
                s.arena.close();
                modelClose(s);
            }
            for (Doc d : docs) {
                assertThrows(IllegalStateException.class, () -> d.root.asObject(), () -> why("a view of " + d + " after all closed"));
            }
            JsonPoolStats st = pool.stats();
            assertEquals(0, st.inUseBytes(), () -> why("in use after everything closed: " + st));
            assertEquals(0, st.openArenas(), () -> why("open arenas after everything closed: " + st));
            pool.close();
        }

        // ---------------------------------------------------------------- user code

        /** Whether the calling user code runs inside a parse (the arena is claimed). */
        static boolean insideParse() {
            return StackWalker.getInstance().walk(frames -> frames.anyMatch(f ->
                    f.getClassName().equals(JsonArena.class.getName()) && f.getMethodName().equals("parse")));
        }

        /**
         * One call into the user code of {@code cb}: if {@code mayAct}, it may run 1..3 random
         * actions, knowing from the call stack whether its arena is claimed by a running parse.
         */
        void act(Callback cb, boolean mayAct) throws IOException {
            cb.calls++;
            if (cb.returnedAfterDeath && cb.where == Where.WRITE_TARGET) {
                fail(why("the writer called its target again after the target reset or closed the arena"));
            }
            if (!mayAct || !gen.chance(0.6)) {
                return;
            }
            boolean claimed = insideParse();
            if (cb.where == Where.PARSE_READ) {
                assertTrue(claimed, () -> why("a parse's read ran outside the parse"));
            } else if (cb.where == Where.WRITE_TARGET || cb.where == Where.ERROR_HANDLER) {
                assertFalse(claimed, () -> why(cb.where + " ran inside a parse"));
            }
            int n = gen.intBetween(1, 3);
            for (int i = 0; i < n; i++) {
                Action a = gen.pick(ACTIONS);
                log(cb.where + " call " + cb.calls + (claimed ? " (in parse) " : " ") + a);
                count(cb.where + (claimed ? " in parse " : " ") + a);
                perform(cb, a, claimed);
            }
        }

        private void perform(Callback cb, Action a, boolean claimed) throws IOException {
            Slot self = cb.self;
            switch (a) {
                case NOTHING -> { }
                case CLOSE_THIS -> {
                    self.arena.close();
                    if (self.open && !self.closePending) {
                        cb.selfClosed = true;
                        if (claimed) {
                            self.closePending = true;
                            log("close pending " + self);
                        } else {
                            cb.selfDied = true;
                            modelClose(self);
                        }
                    }
                }
                case RESET_THIS -> {
                    if (claimed || !self.open || self.closePending) {
                        refused(cb, self.arena::reset);
                    } else {
                        self.arena.reset();
                        cb.selfDied = true;
                        modelReset(self);
                    }
                }
                case CLOSE_OTHER -> {
                    Slot o = other(self);
                    if (o != null) {
                        o.arena.close();
                        modelClose(o);
                    }
                }
                case RESET_OTHER -> {
                    Slot o = other(self);
                    if (o != null) {
                        if (o.open) {
                            o.arena.reset();
                            modelReset(o);
                        } else {
                            refused(cb, o.arena::reset);
                        }
                    }
                }
                case OPEN_AND_PARSE -> parseBytes(openSlot(), false); // stays open: it owns memory now
                case PARSE_THIS -> {
                    if (claimed || !self.open || self.closePending) {
                        Doc d = newDoc(self, false);
                        refused(cb, () -> self.arena.parse(d.bytes));
                    } else {
                        parseBytes(self, false);
                    }
                }
                case PARSE_OTHER -> {
                    Slot o = other(self);
                    if (o != null) {
                        if (o.open) {
                            parseBytes(o, false);
                        } else {
                            Doc d = newDoc(o, false);
                            refused(cb, () -> o.arena.parse(d.bytes));
                        }
                    }
                }
                case READ_DOC -> {
                    if (!docs.isEmpty()) {
                        Doc d = gen.pick(docs);
                        int how = gen.nextInt(READ_WAYS);
                        log("  read " + d + " way " + how);
                        read(d, how);
                    }
                }
                case READ_DOC_AGAIN -> { // an earlier document of this arena, which must be unchanged
                    List<Doc> own = docs.stream().filter(d -> d.slot == self).toList();
                    if (!own.isEmpty()) {
                        Doc d = gen.pick(own);
                        int how = gen.nextInt(READ_WAYS);
                        log("  read " + d + " way " + how);
                        read(d, how);
                    }
                }
                case READ_SUBJECT -> { // the very document being written, from inside its writer's target
                    Doc d = cb.subject != null ? cb.subject : self.docs.isEmpty() ? null : self.docs.getLast();
                    if (d != null) {
                        int how = gen.nextInt(READ_WAYS);
                        log("  read " + d + " way " + how);
                        read(d, how);
                    }
                }
                case THROW -> {
                    IOException e = new IOException("thrown by the user code, call " + cb.calls);
                    if (cb.where == Where.ERROR_HANDLER) {
                        UncheckedIOException u = new UncheckedIOException(e);
                        cb.thrown = u;
                        throw u;
                    }
                    cb.thrown = e;
                    throw e;
                }
            }
        }

        /** A refused call: {@link IllegalStateException} into the callback, which sometimes rethrows it. */
        private void refused(Callback cb, org.junit.jupiter.api.function.Executable call) {
            IllegalStateException e = assertThrows(IllegalStateException.class, call, () -> why("not refused"));
            if (gen.chance(0.25)) {
                log("  rethrow the refusal");
                cb.thrown = e;
                throw e;
            }
        }

        private Slot other(Slot self) {
            List<Slot> others = slots.stream().filter(s -> s != self).toList();
            return others.isEmpty() ? null : gen.pick(others);
        }

        /** Ends the callbacks' pending close, as the parse that held the arena ended. */
        private void endParse(Slot s) {
            if (s.closePending) {
                modelClose(s);
            }
        }

        // ---------------------------------------------------------------- (a) a streamed parse

        /** An input stream over {@code data} whose reads run the user code of {@code cb}. */
        private final class ActingStream extends InputStream {
            private final byte[] data;
            private final Callback cb;
            private final int maxChunk;
            private final int actingCalls;
            private int pos;

            /** The chance that a call after the first {@link #actingCalls} acts: a few acting calls spread over the input. */
            private final double later;

            ActingStream(byte[] data, Callback cb) {
                this.data = data;
                this.cb = cb;
                this.maxChunk = gen.pick(7, 100, 4096, 65536);
                this.actingCalls = gen.intBetween(1, 4);
                this.later = Math.min(1, 3.0 / (1 + data.length / ((1 + maxChunk) / 2)));
            }

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                act(cb, cb.calls < actingCalls || gen.chance(later));
                if (pos >= data.length) {
                    return -1;
                }
                if (len == 0 || gen.chance(0.03)) {
                    return 0;
                }
                int n = Math.min(Math.min(len, data.length - pos), gen.intBetween(1, maxChunk));
                System.arraycopy(data, pos, b, off, n);
                pos += n;
                return n;
            }

            @Override
            public int available() {
                return 0;
            }
        }

        void streamedParse(Slot s) {
            Doc d = newDoc(s, true);
            Callback cb = new Callback(Where.PARSE_READ, s);
            log("streamed parse of " + d.marker + " (" + d.bytes.length + " bytes) into " + s);
            JsonValue root = null;
            Throwable outcome = null;
            try {
                root = s.arena.parse(new ActingStream(d.bytes, cb));
            } catch (IOException | RuntimeException e) {
                outcome = e;
            }
            log("  -> " + (outcome == null ? "parsed" : outcome));
            count("parse -> " + (outcome == null ? "parsed" : outcome.getClass().getSimpleName()) + (d.bytes.length > 65536 ? " (large)" : ""));
            if (cb.thrown != null) {
                assertSame(cb.thrown, outcome, () -> why("the parse ends with what its read threw"));
            } else if (cb.selfClosed) {
                assertInstanceOf(IllegalStateException.class, outcome, () -> why("a parse whose read closed its arena"));
            } else if (outcome != null) {
                throw new AssertionError(why("unexpected failure of the parse"), outcome);
            }
            endParse(s);
            if (outcome == null) {
                commit(d, root);
            }
        }

        // ---------------------------------------------------------------- (b) writers

        /** The bytes or chars a target received, and when it consumes them: before or after its actions. */
        private final class ActingOutput extends OutputStream {
            final ByteArrayOutputStream got = new ByteArrayOutputStream();
            private final Callback cb;
            private final int actingCalls = gen.intBetween(1, 4);

            ActingOutput(Callback cb) {
                this.cb = cb;
            }

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                boolean first = gen.nextBoolean();
                if (first) {
                    got.write(b, off, len);
                }
                act(cb, cb.calls < actingCalls || gen.chance(0.1));
                if (!first) {
                    got.write(b, off, len); // the array must still hold what the writer handed over
                }
                cb.returnedAfterDeath |= cb.selfDied;
            }
        }

        private final class ActingWriter extends Writer {
            final StringBuilder got = new StringBuilder();
            private final Callback cb;
            private final int actingCalls = gen.intBetween(1, 4);

            ActingWriter(Callback cb) {
                this.cb = cb;
            }

            @Override
            public void write(char[] c, int off, int len) throws IOException {
                boolean first = gen.nextBoolean();
                if (first) {
                    got.append(c, off, len);
                }
                act(cb, cb.calls < actingCalls || gen.chance(0.1));
                if (!first) {
                    got.append(c, off, len);
                }
                cb.returnedAfterDeath |= cb.selfDied;
            }

            @Override
            public void flush() { }

            @Override
            public void close() { }
        }

        private final class ActingAppendable extends PieceAppendable {
            final StringBuilder got = new StringBuilder();
            private final Callback cb;
            private final int actingCalls = gen.intBetween(1, 4);

            ActingAppendable(Callback cb) {
                this.cb = cb;
            }

            @Override
            public Appendable append(CharSequence csq) throws IOException {
                boolean first = gen.nextBoolean();
                String text = first ? csq.toString() : null;
                act(cb, cb.calls < actingCalls || gen.chance(0.1));
                got.append(first ? text : csq.toString());
                cb.returnedAfterDeath |= cb.selfDied;
                return this;
            }
        }

        void write(Slot s) {
            Doc d = s.docs.isEmpty() || gen.chance(0.3) ? parseBytes(s, true) : gen.pick(s.docs);
            Callback cb = new Callback(Where.WRITE_TARGET, s);
            cb.subject = d;
            JsonFormat format = gen.pick(JsonFormat.COMPACT, JsonFormat.PRETTY);
            int kind = gen.intBetween(0, 3);
            JsonValue v = d.root;
            String expected = kind == 3 ? d.blob : v.toJson(format);
            ActingOutput bytes = new ActingOutput(cb);
            ActingWriter writer = new ActingWriter(cb);
            ActingAppendable appendable = new ActingAppendable(cb);
            Throwable outcome = null;
            log("write " + d + " kind " + kind + " " + format);
            try {
                switch (kind) {
                    case 0 -> v.writeTo(bytes, format);
                    case 1 -> v.appendTo(writer, format);
                    case 2 -> v.appendTo(appendable, format);
                    default -> v.asObject().get("blob").writeUtf8To(bytes);
                }
            } catch (IOException | RuntimeException e) {
                outcome = e;
            }
            String got = switch (kind) {
                case 1 -> writer.got.toString();
                case 2 -> appendable.got.toString();
                default -> bytes.got.toString(StandardCharsets.UTF_8);
            };
            log("  -> " + (outcome == null ? "written" : outcome) + " after " + cb.calls + " calls, " + got.length() + " chars");
            count("write " + kind + " -> " + (outcome == null ? "written" : outcome.getClass().getSimpleName()) + (cb.calls > 1 ? " (several calls)" : ""));
            if (cb.selfDied) {
                assertInstanceOf(IllegalStateException.class, outcome, () -> why("a writer whose target reset or closed the arena"));
            } else if (cb.thrown != null) {
                assertSame(cb.thrown, outcome, () -> why("the writer ends with what its target threw"));
            } else if (outcome != null) {
                throw new AssertionError(why("unexpected failure of the writer"), outcome);
            }
            assertOwn(d, got);
            if (kind == 0 || kind == 3) { // bytes: a piece may end inside a UTF-8 sequence
                byte[] want = expected.getBytes(StandardCharsets.UTF_8);
                byte[] have = bytes.got.toByteArray();
                int n = Math.min(want.length, have.length);
                assertTrue(have.length <= want.length && Arrays.equals(want, 0, n, have, 0, n),
                        () -> why("output of " + d + " is not a prefix of its JSON: " + firstDifference(expected, got)));
                assertTrue(outcome != null || have.length == want.length, () -> why("the whole output of " + d));
            } else if (outcome == null) {
                assertEquals(expected, got, () -> why("the whole output of " + d));
            } else {
                assertTrue(expected.startsWith(got), () -> why("output of " + d + " is not a prefix of its JSON: "
                        + firstDifference(expected, got)));
            }
        }

        // ---------------------------------------------------------------- (c) a record reader

        void records(Slot s) {
            int k = gen.intBetween(1, 6);
            boolean[] bad = new boolean[k];
            Doc[] record = new Doc[k];
            ByteArrayOutputStream input = new ByteArrayOutputStream();
            for (int i = 0; i < k; i++) {
                if (gen.chance(0.25)) {
                    bad[i] = true;
                    String marker = nextMarker();
                    input.writeBytes(gen.pick("{\"marker\":\"" + marker + "\",", "[1,2", "{\"a\" 1}", "tru", "{\"x\":}")
                            .getBytes(StandardCharsets.UTF_8));
                } else {
                    Doc d = newDoc(s, gen.chance(0.3));
                    record[i] = d;
                    input.writeBytes(d.bytes);
                }
                if (i < k - 1 || gen.nextBoolean()) {
                    input.write('\n');
                }
                if (gen.chance(0.1)) {
                    input.write('\n'); // an empty line
                }
            }
            int resetEvery = gen.intBetween(1, 3);
            boolean handled = gen.chance(0.6);
            Callback cb = new Callback(Where.RECORD_READ, s);
            Callback onError = new Callback(Where.ERROR_HANDLER, s);
            int[] cursor = {0};
            log("records into " + s + ": " + k + " (bad " + Arrays.toString(bad) + "), reset every " + resetEvery
                    + (handled ? ", with a handler" : ""));
            JsonRecordReader.Builder b = JsonRecordReader.builder().resetEvery(resetEvery);
            if (handled) {
                Consumer<JsonRecordException> handler = e -> {
                    int at = cursor[0];
                    assertTrue(at < k && bad[at], () -> why("handler called for record " + e.record() + " at " + at));
                    assertEquals(at + 1, e.record(), () -> why("number of the bad record"));
                    cursor[0]++;
                    try {
                        act(onError, true);
                    } catch (IOException x) {
                        throw new AssertionError(x);
                    }
                };
                b.onError(handler);
            }
            int sinceReset = 0;
            boolean done = false;
            try (JsonRecordReader reader = b.open(s.arena, new ActingStream(input.toByteArray(), cb))) {
                for (int step = 0; step < k + 3; step++) {
                    boolean openBefore = s.open;
                    if (openBefore && !done && sinceReset >= resetEvery) {
                        modelReset(s); // the reader resets before the next batch
                        sinceReset = 0;
                    }
                    cb.thrown = null;
                    onError.thrown = null;
                    boolean closedBefore = cb.selfClosed || onError.selfClosed;
                    int from = cursor[0];
                    JsonValue v = null;
                    Throwable outcome = null;
                    try {
                        v = reader.next();
                    } catch (IOException | RuntimeException e) {
                        outcome = e;
                    }
                    log("  next -> " + (outcome != null ? outcome : v == null ? "end" : "a record"));
                    count("next -> " + (outcome != null ? outcome.getClass().getSimpleName() : v == null ? "end" : "a record"));
                    endParse(s);
                    boolean closedNow = !closedBefore && (cb.selfClosed || onError.selfClosed);
                    Throwable thrown = cb.thrown != null ? cb.thrown : onError.thrown;
                    if (!openBefore) {
                        assertInstanceOf(IllegalStateException.class, outcome, () -> why("next() on a closed arena"));
                        return;
                    }
                    if (done) {
                        assertTrue(outcome == null && v == null, () -> why("next() after the end"));
                        return;
                    }
                    if (thrown != null) {
                        assertSame(thrown, outcome, () -> why("next() ends with what the user code threw"));
                        return;
                    }
                    if (closedNow) {
                        // the arena went away during this call: no further record can be parsed
                        if (outcome instanceof JsonRecordException e) {
                            // a bad record whose parse saw the close only at its end: its parse error is reported
                            int at = cursor[0];
                            assertTrue(!handled && at < k && bad[at], () -> why("record error after a close"));
                            assertEquals(at + 1, e.record());
                            return;
                        }
                        if (outcome == null) {
                            assertTrue(v == null && cursor[0] == k, () -> why("after a close, next() ends only at the end of the input"));
                        } else {
                            assertInstanceOf(IllegalStateException.class, outcome, () -> why("next() whose user code closed the arena"));
                        }
                        return;
                    }
                    // nothing closed: the next good record, past the bad ones (the handler saw those)
                    int at = from;
                    while (handled && at < k && bad[at]) {
                        at++;
                    }
                    assertEquals(at, cursor[0], () -> why("the handler saw the bad records from " + from));
                    if (at == k) {
                        JsonValue last = v;
                        assertTrue(outcome == null && v == null, () -> why("the end of the input, got " + last));
                        done = true;
                        continue;
                    }
                    if (bad[at]) {
                        JsonRecordException e = assertInstanceOf(JsonRecordException.class, outcome, () -> why("a bad record"));
                        assertEquals(at + 1, e.record());
                        return;
                    }
                    if (outcome != null) {
                        throw new AssertionError(why("unexpected failure of next()"), outcome);
                    }
                    assertNotNull(v, () -> why("a record"));
                    cursor[0] = at + 1;
                    sinceReset++;
                    commit(record[at], v);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                endParse(s);
            }
        }
    }

    private static String firstDifference(String expected, String got) {
        int i = 0;
        while (i < expected.length() && i < got.length() && expected.charAt(i) == got.charAt(i)) {
            i++;
        }
        return "at char " + i + " of " + got.length() + ": expected \""
                + expected.substring(i, Math.min(expected.length(), i + 40)) + "\", got \""
                + got.substring(i, Math.min(got.length(), i + 40)) + "\"";
    }
}
