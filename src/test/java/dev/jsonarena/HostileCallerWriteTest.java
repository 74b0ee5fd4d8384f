package dev.jsonarena;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsonarena.testing.FreshThread;
import dev.jsonarena.testing.PieceAppendable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Writing under hostile caller code: targets (OutputStream, Appendable), CharSequences being
 * written and record accessors that close, reset or reuse the arena, call back into the writer
 * (refused: {@link JsonWriter}'s contract for targets and sequences), throw, or return nonsense;
 * and values of the wrong type in heap-polluted
 * collections. Each scenario that depends on the thread's cached sink runs on a fresh thread, so
 * its cache starts empty, and with a timeout, so a hang fails the test instead of the build.
 */
class HostileCallerWriteTest {
    private JsonPool pool;
    private final List<JsonArena> arenas = new ArrayList<>();

    @BeforeEach
    void openPool() {
        pool = DecoderSupport.pool();
    }

    @AfterEach
    void closeEverything() {
        try {
            arenas.forEach(JsonArena::close);
            DecoderOracle.assertPoolIdle(pool);
        } finally {
            pool.close();
            onAccess = () -> {};
        }
    }

    private JsonArena arena() {
        JsonArena a = pool.openArena();
        arenas.add(a);
        return a;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Runs {@code body} on a fresh daemon thread (empty thread caches); {@return what it threw, or null}; fails if it hangs. */
    private static Throwable onFreshThread(Executable body) throws InterruptedException {
        return FreshThread.run("hostile-caller", body);
    }

    /** An output stream that runs {@code onFirst} on its first array write (after recording it). */
    private static final class Target extends OutputStream {
        final ByteArrayOutputStream got = new ByteArrayOutputStream();
        Runnable onFirst = () -> {};
        Runnable onFlush = () -> {};
        int writes;

        @Override
        public void write(int b) {
            got.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            got.write(b, off, len);
            if (writes++ == 0) {
                onFirst.run();
            }
        }

        @Override
        public void flush() {
            onFlush.run();
        }

        String text() {
            return got.toString(StandardCharsets.UTF_8);
        }
    }

    // ------------------------------------------------------------------ writer closed / reused inside its target

    /** {@return an action that closes {@code w}}, as a target's code may */
    private static Runnable closes(JsonWriter w) {
        return () -> {
            try {
                w.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    @Test
    void closingTheWriterInsideItsTargetDuringALongUtf8ValueIsRefusedWithoutHanging() throws Exception {
        byte[] big = utf8("x".repeat(40_000));
        Throwable t = onFreshThread(() -> {
            Target target = new Target();
            JsonWriter w = JsonWriter.of(target);
            target.onFirst = closes(w);
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> w.valueUtf8(big, 0, big.length));
            assertTrue(refused.getMessage().contains("inside its own target"), refused::getMessage);
        });
        if (t != null) {
            throw new AssertionError("unexpected failure", t);
        }
    }

    @Test
    void closingTheWriterInsideItsTargetDuringACopiedValueIsRefusedWithoutHanging() throws Exception {
        JsonPool own = DecoderSupport.pool();
        JsonArena a = own.openArena();
        JsonValue v = a.parse(utf8("[\"" + "x".repeat(40_000) + "\"]"));
        try {
            Throwable t = onFreshThread(() -> {
                Target target = new Target();
                JsonWriter w = JsonWriter.of(target);
                target.onFirst = closes(w);
                IllegalStateException refused = assertThrows(IllegalStateException.class, () -> w.value(v));
                assertTrue(refused.getMessage().contains("inside its own target"), refused::getMessage);
            });
            if (t != null) {
                throw new AssertionError("unexpected failure", t);
            }
        } finally {
            a.close(); // also stops a spinning copy: its next segment access throws
            own.close();
        }
    }

    @Test
    void aWriterClosingRefusedInsideItsTargetSendsNoBytesToTheNextWriterOfTheThread() throws Exception {
        String secret = "S".repeat(40_000);
        Target second = new Target();
        Throwable t = onFreshThread(() -> {
            Target first = new Target();
            JsonWriter w = JsonWriter.of(first);
            JsonWriter[] next = new JsonWriter[1];
            first.onFirst = () -> {
                try {
                    w.close();
                } catch (IllegalStateException refused) {
                    // refused, and the target carries on
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                next[0] = JsonWriter.of(second); // "another request" on the same thread
            };
            w.value(secret);
            next[0].value("b");
            next[0].close();
        });
        if (t != null) {
            throw new AssertionError("unexpected failure", t);
        }
        assertFalse(second.text().contains("S"), () -> "the second writer's target got the first writer's bytes: "
                + second.got.size() + " bytes, starting " + second.text().substring(0, Math.min(40, second.got.size())));
        assertEquals("\"b\"", second.text());
    }

    @Test
    void reenteringTheSameWriterFromItsAppendableIsRefused() throws Exception {
        String big = "y".repeat(20_000);
        StringBuilder got = new StringBuilder();
        Throwable t = onFreshThread(() -> {
            JsonWriter[] self = new JsonWriter[1];
            boolean[] once = {true};
            Appendable reentrant = new PieceAppendable() {
                @Override
                public Appendable append(CharSequence csq) {
                    got.append(csq);
                    if (once[0]) {
                        once[0] = false;
                        self[0].value(big); // re-enters the writer that called us
                    }
                    return this;
                }
            };
            JsonWriter w = self[0] = JsonWriter.of(reentrant, JsonFormat.COMPACT);
            w.beginArray().value(big).endArray();
            w.close();
        });
        assertInstanceOf(IllegalStateException.class, t, () -> "re-entry must be refused with IllegalStateException, got " + t);
    }

    @Test
    void reenteringTheSameWriterFromItsStreamsFlushIsRefused() throws Exception {
        Target target = new Target();
        Throwable t = onFreshThread(() -> {
            JsonWriter w = JsonWriter.of(target);
            target.onFlush = () -> w.value("from inside flush");
            w.beginArray().value(1);
            IllegalStateException refused = assertThrows(IllegalStateException.class, w::flush);
            assertTrue(refused.getMessage().contains("inside its own target"), refused::getMessage);
            w.value(2).endArray().close(); // the writer is untouched by the refused call
        });
        if (t != null) {
            throw new AssertionError("unexpected failure", t);
        }
        assertEquals("[1,2]", target.text());
    }

    @Test
    void reenteringTheSameWriterFromItsStreamIsRefused() throws Exception {
        String big = "y".repeat(20_000);
        Target target = new Target();
        Throwable t = onFreshThread(() -> {
            JsonWriter w = JsonWriter.of(target);
            target.onFirst = () -> w.value("z".repeat(10_000));
            w.beginArray().value(big).endArray();
            w.close();
        });
        assertInstanceOf(IllegalStateException.class, t, () -> "re-entry must be refused with IllegalStateException, got " + t);
    }

    // ------------------------------------------------------------------ a copied value whose arena goes away

    private static String sameShape(String marker, int n) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append('"').append(marker).append(String.format("-%06d", i)).append("-0123456789abcdef\"");
        }
        return sb.append(']').toString();
    }

    @Test
    void aReentrantCopyInsideTheTargetDoesNotUnguardTheOuterCopyOfAnArenaResetMeanwhile() throws Exception {
        JsonArena a = arena();
        JsonArena b = arena();
        JsonValue big = a.parse(utf8(sameShape("mine00", 3000)));
        JsonValue small = b.parse(utf8("[1]"));
        Target target = new Target();
        Throwable t = onFreshThread(() -> {
            JsonWriter w = JsonWriter.of(target);
            target.onFirst = () -> {
                w.value(small);                              // re-entry: its own copy guards, then unguards
                a.reset();
                a.parse(utf8(sameShape("SECRET", 3000)));    // another request's data at the same place
            };
            w.beginArray().value(big);
        });
        assertFalse(target.text().contains("SECRET"), () -> "another request's data went out: "
                + target.text().substring(target.text().indexOf("SECRET") - 10, target.text().indexOf("SECRET") + 20));
        assertInstanceOf(IllegalStateException.class, t, () -> "a copy whose arena was reset must fail, got " + t);
    }

    @Test
    void aTargetThatResetsTheArenaAndThrowsAnErrorLetsNoStaleByteOutLater() throws Exception {
        JsonArena a = arena();
        JsonValue big = a.parse(utf8(sameShape("mine00", 3000)));
        Target target = new Target();
        Target later = new Target();
        Throwable t = onFreshThread(() -> {
            JsonWriter w = JsonWriter.of(target);
            target.onFirst = () -> {
                a.reset();
                a.parse(utf8(sameShape("SECRET", 3000)));
                throw new StackOverflowError("simulated");
            };
            try {
                w.beginArray().value(big);
            } catch (StackOverflowError expected) {
                // the target's own Error
            }
            try {
                w.close(); // flushes what is buffered: must be nothing read after the reset
            } catch (IllegalStateException | IOException ignored) {
                // containers open
            }
            try (JsonWriter next = JsonWriter.of(later)) {
                next.value("ok");
            }
        });
        if (t != null) {
            throw new AssertionError("unexpected", t);
        }
        assertFalse(target.text().contains("SECRET"), "stale arena bytes flushed after the Error");
        assertEquals("\"ok\"", later.text());
    }

    @Test
    void aStaleValueRefusedUpFrontLeavesTheWriterUsable() {
        JsonArena a = arena();
        JsonValue v = a.parse(utf8("{\"k\":[1,2]}"));
        a.reset();
        JsonWriter w = JsonWriter.buffered();
        w.beginArray().value(1);
        assertThrows(IllegalStateException.class, () -> w.value(v));
        w.value(2).endArray();
        assertEquals("[1,2]", w.toString());
    }

    // ------------------------------------------------------------------ targets that fail, then the thread writes again

    private static OutputStream throwingAfter(int bytes, Throwable what) {
        return new OutputStream() {
            int n;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                n += len;
                if (n > bytes) {
                    if (what instanceof IOException io) {
                        throw io;
                    }
                    if (what instanceof RuntimeException r) {
                        throw r;
                    }
                    throw (Error) what;
                }
            }
        };
    }

    @Test
    void afterATargetThrowsIoRuntimeOrErrorTheNextWriterOfTheThreadHasOnlyItsOwnBytes() throws Exception {
        for (Throwable boom : List.of(new IOException("io"), new IllegalArgumentException("rt"), new OutOfMemoryError("err"))) {
            for (boolean closeFailed : new boolean[] {true, false}) {
                Target ok = new Target();
                Throwable t = onFreshThread(() -> {
                    JsonWriter w = JsonWriter.of(throwingAfter(100, boom));
                    Throwable got = null;
                    try {
                        w.beginArray().value("FAILED".repeat(5000)).endArray();
                    } catch (Throwable e) {
                        got = e;
                    }
                    assertNotNull(got, "the failure surfaces");
                    Throwable cause = got instanceof UncheckedIOException u ? u.getCause() : got;
                    assertSame(boom, cause);
                    if (closeFailed) {
                        try {
                            w.close();
                        } catch (Throwable ignored) {
                            // the target fails again
                        }
                        assertThrows(IllegalStateException.class, () -> w.value(1), "a closed writer refuses tokens");
                    }
                    try (JsonWriter next = JsonWriter.of(ok)) {
                        next.beginObject().name("k").value("v").endObject();
                    }
                });
                if (t != null) {
                    throw new AssertionError(boom + " closeFailed=" + closeFailed, t);
                }
                assertEquals("{\"k\":\"v\"}", ok.text(), boom + " closeFailed=" + closeFailed);
            }
        }
    }

    // ------------------------------------------------------------------ a CharSequence being written is user code

    /**
     * A sequence of {@code length} chars ({@code 's'}, or {@code "</"} pairs) whose {@code charAt}
     * runs {@code at} the first time index {@code when} is read, and whose {@code length()} runs
     * {@code onLength}.
     */
    private static final class HostileText implements CharSequence {
        final int length;
        final int when;
        Runnable at = () -> {};
        Runnable onLength = () -> {};
        boolean ran;

        HostileText(int length, int when) {
            this.length = length;
            this.when = when;
        }

        @Override
        public int length() {
            onLength.run();
            return length;
        }

        @Override
        public char charAt(int index) {
            if (index == when && !ran) {
                ran = true;
                at.run();
            }
            return index % 2 == 0 ? '<' : '/';
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            throw new UnsupportedOperationException();
        }
    }

    /** {@return the JSON text of {@code n} chars of {@link HostileText}}, html-safe or not */
    private static String hostileText(int n, boolean htmlSafe) {
        return "\"" + (htmlSafe ? "<\\/" : "</").repeat(n / 2) + "\"";
    }

    @Test
    void aCharSequenceThatCallsTheWriterFromCharAtOrLengthIsRefusedAndWrittenWhole() throws Exception {
        // a call back from the sequence's charAt in its second piece, or from its length(): a token,
        // a close, or a whole other writer's document (which gets a sink of its own); the sequence
        // swallows the refusal and goes on, and the output holds its text exactly once
        for (boolean htmlSafe : new boolean[] {false, true}) {
            for (String call : List.of("token", "close", "other writer", "length")) {
                Target target = new Target();
                Target other = new Target();
                List<Throwable> refused = new ArrayList<>();
                Throwable t = onFreshThread(() -> {
                    JsonWriter w = JsonWriter.of(target).htmlSafe(htmlSafe);
                    HostileText seq = new HostileText(3_000, 1_500);
                    Runnable back = () -> {
                        try {
                            switch (call) {
                                case "close" -> w.close();
                                case "other writer" -> {
                                    try (JsonWriter o = JsonWriter.of(other)) {
                                        o.beginObject().name("other").value(1).endObject();
                                    }
                                    w.value("INJECTED");
                                }
                                default -> w.value("INJECTED");
                            }
                        } catch (IllegalStateException | IOException e) {
                            refused.add(e);
                        }
                    };
                    if (call.equals("length")) {
                        seq.onLength = back;
                    } else {
                        seq.at = back;
                    }
                    w.beginArray().value(seq).value(2).endArray();
                    w.close();
                });
                String what = call + (htmlSafe ? ", html-safe" : "");
                assertNull(t, () -> what + ": " + t);
                assertEquals(1, refused.size(), what);
                assertTrue(refused.get(0).getMessage().contains("from a CharSequence or number it is writing"), refused.get(0)::getMessage);
                assertEquals("[" + hostileText(3_000, htmlSafe) + ",2]", target.text(), what);
                assertEquals(call.equals("other writer") ? "{\"other\":1}" : "", other.text(), what);
            }
        }
    }

    @Test
    void aCharSequenceThatThrowsFromCharAtSurfacesItsExceptionAndTheThreadsNextWriterHasOnlyItsOwnBytes() throws Exception {
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        Target ok = new Target();
        Throwable t = onFreshThread(() -> {
            Target target = new Target();
            JsonWriter w = JsonWriter.of(target);
            HostileText seq = new HostileText(5_000, 2_500);
            seq.at = () -> {
                throw boom;
            };
            w.beginArray();
            assertSame(boom, assertThrows(IllegalArgumentException.class, () -> w.value(seq)));
            assertThrows(IllegalStateException.class, w::close); // the document is incomplete (its array open): closed all the same
            try (JsonWriter next = JsonWriter.of(ok)) {
                next.beginObject().name("k").value("v").endObject();
            }
        });
        assertNull(t, () -> String.valueOf(t));
        assertEquals("{\"k\":\"v\"}", ok.text());
    }

    @Test
    void aCharSequenceWithANegativeLengthIsRefused() {
        CharSequence negative = new HostileText(-4, 0);
        JsonWriter w = JsonWriter.buffered().beginArray();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> w.value(negative));
        assertTrue(e.getMessage().contains("length() is -4"), e::getMessage);
    }

    /** A BigDecimal whose {@code toString()} is the caller's: formatted for people, or running {@code onText}. */
    private static final class Money extends BigDecimal {
        private static final long serialVersionUID = 1L;
        final String text;
        transient Runnable onText = () -> {};

        Money(String value, String text) {
            super(value);
            this.text = text;
        }

        @Override
        public String toString() {
            onText.run();
            return text;
        }
    }

    /** A BigInteger whose {@code toString()} is the caller's. */
    private static final class Count extends BigInteger {
        private static final long serialVersionUID = 1L;
        final String text;

        Count(String value, String text) {
            super(value);
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    record Priced(BigDecimal price, BigInteger units) {}

    @Test
    void aNumberSubclassWhoseTextIsNotANumberIsRefusedAndNeverWrittenAsJson() throws IOException {
        // "1,234.50" written as it spells itself would be two values; "1e3" and "+12" read back as
        // numbers and are written as the JDK classes spell them
        JsonWriter w = JsonWriter.buffered().beginArray();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> w.value(new Money("1234.50", "1,234.50")));
        assertTrue(e.getMessage().contains("whose toString() is \"1,234.50\""), e::getMessage);
        assertThrows(IllegalArgumentException.class, () -> w.value(new Money("1", "1],\"admin\":true,[")));
        assertThrows(IllegalArgumentException.class, () -> w.value(new Money("1", null)));
        assertThrows(IllegalArgumentException.class, () -> w.value(new Count("12", "12 units")));
        w.value(new Money("1000", "1e3")).value(new Count("12", "+12")).value(new Money("0.10", "0.10")).endArray();
        assertEquals("[1E+3,12,0.10]", w.toString());
        IllegalArgumentException bound = assertThrows(IllegalArgumentException.class,
                () -> JsonCodecs.defaults().toJson(new Priced(new Money("9.99", "$9.99"), BigInteger.ONE)));
        assertTrue(bound.getMessage().contains("$9.99"), bound::getMessage);
        assertEquals("{\"price\":9.99,\"units\":3}",
                JsonCodecs.defaults().toJson(new Priced(new Money("9.99", "9.99"), new Count("3", "3"))));
    }

    @Test
    void aNumberSubclassWhoseToStringCallsTheWriterIsRefused() throws Exception {
        Target target = new Target();
        List<Throwable> refused = new ArrayList<>();
        Throwable t = onFreshThread(() -> {
            JsonWriter w = JsonWriter.of(target);
            Money m = new Money("5", "5");
            m.onText = () -> {
                try {
                    w.value("INJECTED");
                } catch (IllegalStateException e) {
                    refused.add(e);
                }
            };
            w.beginArray().value(1).value(m).endArray();
            w.close();
        });
        assertNull(t, () -> String.valueOf(t));
        assertEquals(1, refused.size());
        assertEquals("[1,5]", target.text());
    }

    @Test
    void aTargetThatRewritesTheBytesOfAUtf8ValueBeingWrittenGetsValidJsonOrARefusal() throws Exception {
        // the caller's array, checked when the value starts, is rewritten by the target's code at
        // the first flush: with quotes (which must still be escaped) or with bytes that are not
        // UTF-8 (which must not reach the output)
        for (byte rewrite : new byte[] {'"', (byte) 0xFF}) {
            byte[] text = utf8("plain text, ".repeat(2_000));
            Target target = new Target();
            target.onFirst = () -> java.util.Arrays.fill(text, 10_000, text.length, rewrite);
            Throwable t = onFreshThread(() -> {
                JsonWriter w = JsonWriter.of(target);
                w.beginArray();
                if (rewrite == '"') {
                    w.valueUtf8(text, 0, text.length).endArray();
                    w.close();
                } else {
                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> w.valueUtf8(text, 0, text.length));
                    assertTrue(e.getMessage().contains("no longer well-formed"), e::getMessage);
                    assertThrows(IllegalStateException.class, w::close); // incomplete: closed all the same
                }
            });
            assertNull(t, () -> String.valueOf(t));
            if (rewrite == '"') {
                String out = target.text();
                JsonArena a = arena();
                JsonValue v = a.parse(utf8(out));
                assertEquals(new String(text, StandardCharsets.UTF_8), v.asArray().get(0).asString());
            } else {
                byte[] got = target.got.toByteArray();
                assertEquals(-1, dev.jsonarena.tape.Utf8.firstInvalid(got, 0, got.length), "only well-formed UTF-8 was sent");
            }
        }
    }

    @Test
    void aClosedWriterRefusesEveryTokenIncludingCopiesAndKeys() throws IOException {
        JsonArena a = arena();
        JsonValue v = a.parse(utf8("[1]"));
        Target target = new Target();
        JsonWriter w = JsonWriter.of(target);
        w.beginObject().endObject();
        w.close();
        w.close();
        w.flush();
        assertThrows(IllegalStateException.class, () -> w.value(v));
        assertThrows(IllegalStateException.class, () -> w.name(JsonKey.of("k")));
        assertThrows(IllegalStateException.class, () -> w.name("k"));
        assertThrows(IllegalStateException.class, () -> w.value("s"));
        assertThrows(IllegalStateException.class, () -> w.valueUtf8(new byte[] {'a'}, 0, 1));
        assertThrows(IllegalStateException.class, w::beginArray);
        assertEquals("{}", target.text());
    }

    // ------------------------------------------------------------------ targets that keep the array or return nonsense

    @Test
    void anAppendableThatReturnsNullOrAnotherObjectIsIgnored() throws IOException {
        StringBuilder got = new StringBuilder();
        Appendable odd = new Appendable() {
            @Override
            public Appendable append(CharSequence csq) {
                got.append(csq);
                return null;
            }

            @Override
            public Appendable append(CharSequence csq, int start, int end) {
                got.append(csq, start, end);
                return new StringBuilder();
            }

            @Override
            public Appendable append(char c) {
                got.append(c);
                return null;
            }
        };
        String s = "\u00e9\ud83d\ude00x".repeat(5000);
        try (JsonWriter w = JsonWriter.of(odd, JsonFormat.COMPACT)) {
            w.beginArray().value(s).value(1).endArray();
        }
        assertEquals("[\"" + s + "\",1]", got.toString());
    }

    // ------------------------------------------------------------------ record accessors during bind-write

    /** What a hostile accessor does; cleared after each test. */
    static Runnable onAccess = () -> {};

    record Hostile(String first, JsonValue copy) {
        @Override
        public String first() {
            onAccess.run();
            return first;
        }
    }

    record Polluted(List<BigDecimal> numbers) {}

    record PollutedViews(List<JsonValue> views) {}

    @Test
    void anAccessorThatResetsTheArenaBeforeAJsonValueComponentFailsWithoutItsData() throws IOException {
        JsonArena a = arena();
        JsonValue mine = a.parse(utf8(sameShape("mine00", 10)));
        onAccess = () -> {
            a.reset();
            a.parse(utf8(sameShape("SECRET", 10)));
        };
        Target target = new Target();
        JsonCodecs codecs = JsonCodecs.defaults();
        assertThrows(IllegalStateException.class, () -> codecs.write(new Hostile("x", mine), target, JsonFormat.COMPACT));
        assertFalse(target.text().contains("SECRET"), target.text());
        assertThrows(IllegalStateException.class, () -> codecs.toJson(new Hostile("x", mine)));
    }

    @Test
    void anAccessorThatThrowsSurfacesItsOwnExceptionAndTheThreadWritesCleanlyAfter() throws Exception {
        JsonArena a = arena();
        JsonValue mine = a.parse(utf8("[1,2]"));
        for (Throwable boom : List.of(new IllegalArgumentException("accessor"), new AssertionError("accessor error"),
                new UncheckedIOException(new IOException("the accessor's own")))) {
            Target after = new Target();
            Target target = new Target();
            Throwable t = onFreshThread(() -> {
                onAccess = () -> {
                    if (boom instanceof RuntimeException r) {
                        throw r;
                    }
                    throw (Error) boom;
                };
                Throwable got = assertThrows(Throwable.class,
                        () -> JsonCodecs.defaults().write(new Hostile("x", mine), target, JsonFormat.COMPACT));
                assertSame(boom, got);
                onAccess = () -> {};
                JsonCodecs.defaults().write(new Hostile("y", mine), after, JsonFormat.COMPACT);
            });
            if (t != null) {
                throw new AssertionError(boom.toString(), t);
            }
            assertEquals("{\"first\":\"y\",\"copy\":[1,2]}", after.text());
        }
    }

    @Test
    void aTargetThatReadsTheWholeArrayItIsGivenSeesNothingOfTheThreadsEarlierWriters() throws Exception {
        List<byte[]> bytesSeen = new ArrayList<>();
        List<char[]> charsSeen = new ArrayList<>();
        Throwable t = onFreshThread(() -> {
            for (int i = 0; i < 2; i++) { // a stream, then a Writer, each after an earlier writer's document
                JsonWriter earlier = i == 0 ? JsonWriter.of(new ByteArrayOutputStream()) : JsonWriter.of(new StringBuilder(), JsonFormat.COMPACT);
                earlier.beginArray();
                for (int k = 0; k < 100; k++) {
                    earlier.value("SECRET-" + k);
                }
                earlier.endArray().close();
                JsonWriter w = i == 0 ? JsonWriter.of(new OutputStream() {
                    @Override
                    public void write(int b) {
                        throw new UnsupportedOperationException("the writer writes arrays");
                    }

                    @Override
                    public void write(byte[] b, int off, int len) {
                        bytesSeen.add(b.clone()); // careless: keeps all of the array, not b[off, off + len)
                    }
                }) : JsonWriter.of(new java.io.Writer() {
                    @Override
                    public void write(char[] c, int off, int len) {
                        charsSeen.add(c.clone());
                    }

                    @Override
                    public void flush() { }

                    @Override
                    public void close() { }
                }, JsonFormat.COMPACT);
                w.beginArray().value(1).endArray().close();
            }
        });
        assertNull(t, () -> "writing failed: " + t);
        assertFalse(bytesSeen.isEmpty() || charsSeen.isEmpty(), "both targets were written to");
        for (byte[] b : bytesSeen) {
            assertFalse(new String(b, StandardCharsets.ISO_8859_1).contains("SECRET"), "a stream saw an earlier writer's bytes");
        }
        for (char[] c : charsSeen) {
            assertFalse(new String(c).contains("SECRET"), "a Writer saw an earlier writer's chars");
        }
    }

    @Test
    void aCachedNameWrittenInTheArrayOfAnEvictedOneCarriesNoneOfItsBytesPastItsEnd() throws Exception {
        String secret = "xSECRETSECRE"; // its cached text, ,"xSECRETSECRE": is 16 bytes, moved whole; the only upper case
        String newer = sameCacheSet(secret, "c");
        String shorter = sameCacheSet(secret, "b"); // takes the secret's array when it evicts it
        List<byte[]> seen = new ArrayList<>();
        Throwable t = onFreshThread(() -> {
            JsonWriter earlier = JsonWriter.of(new ByteArrayOutputStream());
            earlier.beginObject().name(secret).value(1).name(newer).value(2).endObject().close();
            JsonWriter w = JsonWriter.of(new OutputStream() {
                @Override
                public void write(int b) {
                    throw new UnsupportedOperationException("the writer writes arrays");
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    seen.add(b.clone()); // careless: keeps all of the array
                }
            });
            w.beginArray();
            for (int i = 0; i < 2; i++) { // the second object's name comes from the cache
                w.beginObject().name(shorter).value(i).endObject();
            }
            w.endArray().close();
        });
        assertNull(t, () -> "writing failed: " + t);
        assertFalse(seen.isEmpty(), "the target was written to");
        for (byte[] b : seen) {
            assertFalse(new String(b, StandardCharsets.ISO_8859_1).chars().anyMatch(Character::isUpperCase),
                    () -> "the target saw an evicted name's bytes: " + new String(b, 0, 40, StandardCharsets.ISO_8859_1));
        }
    }

    /** {@return a short name starting with {@code prefix} whose hash shares {@code name}'s low 8 bits: the name cache's set} */
    private static String sameCacheSet(String name, String prefix) {
        for (int i = 0; ; i++) {
            String candidate = prefix + i;
            if ((candidate.hashCode() & 0xFF) == (name.hashCode() & 0xFF)) {
                return candidate;
            }
        }
    }

    @Test
    void anUncheckedIOExceptionATargetThrowsGoesOutAsItIsWhileItsIOExceptionGoesOutUnwrapped() {
        for (boolean unchecked : new boolean[] {true, false}) {
            OutputStream target = new OutputStream() {
                @Override
                public void write(int b) {
                    throw new UnsupportedOperationException("the writer writes arrays");
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    if (unchecked) {
                        throw new UncheckedIOException(new IOException("the target's own"));
                    }
                    throw new IOException("the target failed");
                }
            };
            Class<? extends Exception> expected = unchecked ? UncheckedIOException.class : IOException.class;
            JsonWriter w = JsonWriter.of(target).beginArray().value("x").endArray();
            assertEquals(expected, assertThrows(Exception.class, w::close).getClass());
            assertEquals(expected, assertThrows(Exception.class,
                    () -> JsonCodecs.defaults().write(List.of("x"), target, JsonFormat.COMPACT)).getClass());
        }
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void anAccessorReturningAHeapPollutedListGivesAClassCastExceptionNamingBothTypes() {
        List raw = new ArrayList();
        raw.add(Integer.valueOf(1));
        Polluted p = new Polluted(raw);
        ClassCastException e = assertThrows(ClassCastException.class, () -> JsonCodecs.defaults().toJson(p));
        assertTrue(e.getMessage().contains("java.lang.Integer") && e.getMessage().contains("java.math.BigDecimal"), e::getMessage);
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void anAccessorReturningAPollutedListOfViewsGivesAClassCastExceptionNamingBothTypes() {
        List rawViews = new ArrayList();
        rawViews.add("not a view");
        ClassCastException e = assertThrows(ClassCastException.class, () -> JsonCodecs.defaults().toJson(new PollutedViews(rawViews)));
        assertTrue(e.getMessage().contains("java.lang.String") && e.getMessage().contains("JsonValue"), e::getMessage);
    }

    // ------------------------------------------------------------------ text: surrogates, pieces, long names

    /** The expected JSON string for {@code s}, from the documented rules. */
    private static String expectedJson(CharSequence s, boolean htmlSafe) {
        StringBuilder sb = new StringBuilder("\"");
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                sb.append(c).append(s.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                sb.append('\ufffd');
            } else if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\b') {
                sb.append("\\b");
            } else if (c == '\f') {
                sb.append("\\f");
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else if (htmlSafe && c == '/' && i > 0 && s.charAt(i - 1) == '<') {
                sb.append("\\/");
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    /** Strings with a surrogate pair, a lone half, an escape or "</" straddling each piece boundary (1024 chars). */
    private static List<String> boundaryStrings() {
        List<String> out = new ArrayList<>();
        String[] specials = {"\ud83d\ude00", "\ud83d", "\ude00", "\"", "\\", "\u0001", "\n", "</", "\u00e9", "\u20ac", "\ud83dx", "x\ude00"};
        for (int len : new int[] {1023, 1024, 1025, 2047, 2048, 3000}) {
            for (String sp : specials) {
                for (int at : new int[] {1022, 1023, 1024, 2047}) {
                    if (at >= len) {
                        continue;
                    }
                    StringBuilder sb = new StringBuilder("a".repeat(at)).append(sp);
                    while (sb.length() < len) {
                        sb.append((char) ('a' + sb.length() % 26));
                    }
                    out.add(sb.toString());
                }
            }
        }
        out.add("\ud83d".repeat(1500));
        out.add("\ude00\ud83d".repeat(700));
        out.add("\ud83d\ude00".repeat(2000) + "\ud83d");
        return out;
    }

    @Test
    void longStringsWithSpecialsAtPieceBoundariesAreWrittenByTheRulesToEveryTarget() throws IOException {
        for (String s : boundaryStrings()) {
            for (boolean html : new boolean[] {false, true}) {
                String want = expectedJson(s, html);
                for (CharSequence cs : List.of(s, new StringBuilder(s))) {
                    JsonWriter b = JsonWriter.buffered().htmlSafe(html);
                    b.value(cs);
                    assertEquals(want, b.toString(), () -> "buffered len " + s.length() + " html " + html + " " + cs.getClass());
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    try (JsonWriter w = JsonWriter.of(bytes).htmlSafe(html)) {
                        w.value(cs);
                    }
                    assertArrayEquals(utf8(want), bytes.toByteArray(), () -> "stream len " + s.length());
                    StringBuilder chars = new StringBuilder();
                    try (JsonWriter w = JsonWriter.of(chars, JsonFormat.PRETTY).htmlSafe(html)) {
                        w.value(cs);
                    }
                    assertEquals(want, chars.toString(), () -> "appendable len " + s.length());
                }
            }
        }
    }

    @Test
    void longNamesWithSpecialsAreWrittenByTheRulesAndCachedNamesStayTheirOwn() {
        List<String> names = new ArrayList<>();
        for (int len : new int[] {63, 64, 65, 100, 1025, 3000}) {
            names.add("n".repeat(len));
            names.add("n".repeat(len - 1) + "\ud83d");
            names.add("n".repeat(len - 2) + "\ud83d\ude00");
            names.add("\"".repeat(len));
            names.add("n".repeat(Math.min(len, 1023)) + "\ud83d\ude00" + "m".repeat(Math.max(0, len - 1025)));
        }
        names = new ArrayList<>(new java.util.LinkedHashSet<>(names)); // one member per name: the parser rejects duplicates
        for (JsonFormat format : JsonFormat.values()) {
            for (int round = 0; round < 2; round++) { // the second round writes names from the cache
                JsonWriter w = JsonWriter.buffered(format);
                w.beginObject();
                for (int i = 0; i < names.size(); i++) {
                    w.name(names.get(i)).value(i);
                    w.name(key(names.get(i) + "k")).value(-i);
                }
                w.endObject();
                String out = w.toString();
                for (int i = 0; i < names.size(); i++) {
                    String sep = format == JsonFormat.PRETTY ? ": " : ":";
                    String member = expectedJson(names.get(i), false) + sep + i;
                    String keyed = expectedJson(names.get(i) + "k", false) + sep + (-i);
                    assertTrue(out.contains(member), "name " + i + " (" + names.get(i).length() + " chars) " + format);
                    assertTrue(out.contains(keyed), "key " + i + " " + format);
                }
                JsonArena a = arena();
                JsonValue v = a.parse(utf8(out));
                assertEquals(2 * names.size() - countDuplicates(names), v.asObject().size(), format.toString());
            }
        }
    }

    /** A key of {@code name}; one with an unpaired surrogate is refused by JsonKey.of (documented), so written by String. */
    private static JsonKey key(String name) {
        try {
            return JsonKey.of(name);
        } catch (IllegalArgumentException e) {
            assertTrue(name.chars().anyMatch(c -> Character.isSurrogate((char) c)), "refused only for a lone surrogate");
            return JsonKey.of(name.replace("\ud83d", "\ufffd"));
        }
    }

    private static int countDuplicates(List<String> names) {
        List<String> all = new ArrayList<>();
        for (String n : names) {
            all.add(expectedJson(n, false));
            all.add(expectedJson(n + "k", false));
        }
        return (int) (all.size() - all.stream().distinct().count());
    }
}
