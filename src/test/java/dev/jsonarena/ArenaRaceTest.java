package dev.jsonarena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Arenas used the way servers misuse them: closed twice at once (a watchdog and
 * try-with-resources), closed or reset from another thread during a parse, parsed into from two
 * threads at once, a pool closed while arenas are being opened. After every round: each document
 * reads back its own unique marker or the operation failed with {@link IllegalStateException} (no
 * other exception, no other request's data), and once all is closed the pool has nothing in use
 * and no open arena. Bounded rounds on platform and virtual threads; every wait has a timeout.
 */
class ArenaRaceTest {
    private static final int ROUNDS = 3000;
    private static final Duration LIMIT = Duration.ofSeconds(60);

    private static byte[] document(int marker, int records) {
        StringBuilder sb = new StringBuilder("{\"marker\":\"m").append(marker).append("\",\"records\":[");
        for (int i = 0; i < records; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"id\":").append(i).append(",\"owner\":\"m").append(marker).append("\"}");
        }
        return sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Reads the document back; {@return true if it is whole and its own}, throws ISE if its arena went away. */
    private static boolean intact(JsonValue root, int marker, int records) {
        JsonObject o = root.asObject();
        String m = "m" + marker;
        if (!m.equals(o.get("marker").asString())) {
            return false;
        }
        JsonArray a = o.get("records").asArray();
        if (a.size() != records) {
            return false;
        }
        for (int i = 0; i < records; i += 1 + records / 8) {
            if (!m.equals(a.get(i).asObject().get("owner").asString())) {
                return false;
            }
        }
        return true;
    }

    private static void assertIdle(JsonPool pool) {
        JsonPoolStats s = pool.stats();
        assertEquals(0, s.inUseBytes(), "in use after everything closed: " + s);
        assertEquals(0, s.openArenas(), "open arenas after everything closed: " + s);
    }

    private static void both(ThreadFactory f1, Runnable a, Runnable b) throws InterruptedException {
        CyclicBarrier start = new CyclicBarrier(2);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable[] tasks = {a, b};
        Thread[] threads = new Thread[2];
        for (int i = 0; i < 2; i++) {
            Runnable task = tasks[i];
            threads[i] = f1.newThread(() -> {
                try {
                    start.await();
                    task.run();
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            });
            threads[i].start();
        }
        for (Thread t : threads) {
            t.join(10_000);
            if (t.isAlive()) {
                fail("a thread did not finish in 10 s: " + t);
            }
        }
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
    }

    private static List<ThreadFactory> factories() {
        return List.of(Thread.ofPlatform().factory(), Thread.ofVirtual().factory());
    }

    @Test
    void concurrentDoubleCloseFreesOnceAndNoLaterArenasShareMemory() {
        assertTimeoutPreemptively(LIMIT, () -> {
            for (ThreadFactory f : factories()) {
                try (JsonPool pool = JsonPool.builder().build()) {
                    for (int r = 0; r < ROUNDS; r++) {
                        JsonArena arena = pool.openArena();
                        arena.parse(document(r, 4));
                        both(f, arena::close, arena::close);
                        assertTrue(pool.stats().openArenas() >= 0);
                        // two arenas opened after the double close must not share memory
                        try (JsonArena a = pool.openArena(); JsonArena b = pool.openArena()) {
                            JsonValue va = a.parse(document(2 * r, 16));
                            JsonValue vb = b.parse(document(2 * r + 1, 16));
                            assertTrue(intact(va, 2 * r, 16) && intact(vb, 2 * r + 1, 16), "round " + r);
                        }
                    }
                    assertIdle(pool);
                }
            }
        });
    }

    @Test
    void closeFromAnotherThreadDuringAParseFailsItWithIllegalStateAndFreesOnce() {
        assertTimeoutPreemptively(LIMIT, () -> {
            for (ThreadFactory f : factories()) {
                AtomicInteger closedFirst = new AtomicInteger();
                AtomicInteger failedParses = new AtomicInteger();
                try (JsonPool pool = JsonPool.builder().build()) {
                    for (int r = 0; r < ROUNDS / 3; r++) {
                        JsonArena arena = pool.openArena();
                        int marker = r;
                        both(f, () -> {
                            try {
                                JsonValue v = arena.parse(document(marker, 2000));
                                assertTrue(intact(v, marker, 2000));
                            } catch (IllegalStateException e) {
                                failedParses.incrementAndGet(); // closed before, during or after: never another error
                            }
                        }, () -> {
                            arena.close();
                            closedFirst.incrementAndGet();
                        });
                        arena.close();
                        assertIdle(pool);
                    }
                }
                assertTrue(failedParses.get() > 0, "some closes came before or during the parse: " + failedParses);
            }
        });
    }

    @Test
    void closeDuringAStreamedParseStopsItAtTheNextReadAndFreesOnce() throws Exception {
        try (JsonPool pool = JsonPool.builder().build()) {
            JsonArena arena = pool.openArena();
            CountDownLatch reading = new CountDownLatch(1);
            CountDownLatch closed = new CountDownLatch(1);
            byte[] doc = document(7, 20_000);
            InputStream slow = new InputStream() {
                private final ByteArrayInputStream in = new ByteArrayInputStream(doc);
                private int reads;

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (++reads == 2) {
                        reading.countDown();
                        try {
                            closed.await();
                        } catch (InterruptedException e) {
                            throw new IOException(e);
                        }
                    }
                    return in.read(b, off, Math.min(len, 4096));
                }
            };
            Thread watchdog = Thread.ofPlatform().start(() -> {
                try {
                    reading.await();
                } catch (InterruptedException e) {
                    return;
                }
                arena.close();
                closed.countDown();
            });
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> arena.parse(slow));
            assertTrue(e.getMessage().contains("closed"), e.getMessage());
            watchdog.join();
            assertEquals(false, arena.isOpen());
            arena.close();
            assertIdle(pool);
        }
    }

    @Test
    void twoThreadsParsingIntoOneArenaNeverHangOrMixDocuments() {
        assertTimeoutPreemptively(LIMIT, () -> {
            for (ThreadFactory f : factories()) {
                AtomicInteger refused = new AtomicInteger();
                try (JsonPool pool = JsonPool.builder().build()) {
                    for (int r = 0; r < ROUNDS / 3; r++) {
                        try (JsonArena arena = pool.openArena()) {
                            List<Runnable> parses = new ArrayList<>();
                            for (int k = 0; k < 2; k++) {
                                int marker = 2 * r + k;
                                parses.add(() -> {
                                    try {
                                        JsonValue v = arena.parse(document(marker, 500));
                                        assertTrue(intact(v, marker, 500), "marker " + marker);
                                    } catch (IllegalStateException e) {
                                        refused.incrementAndGet();
                                    }
                                });
                            }
                            both(f, parses.get(0), parses.get(1));
                        }
                        assertIdle(pool);
                    }
                }
                System.out.println("concurrent parses refused: " + refused + " of " + (2 * ROUNDS / 3));
            }
        });
    }

    @Test
    void aResetAndAParseRacingOnOneArenaRefuseEachOtherAndNeverTearADocument() throws Exception {
        try (JsonPool pool = JsonPool.builder().build(); JsonArena arena = pool.openArena()) {
            AtomicInteger refused = new AtomicInteger();
            for (int r = 0; r < ROUNDS / 3; r++) {
                int marker = r;
                AtomicReference<JsonValue> parsed = new AtomicReference<>();
                both(Thread.ofPlatform().factory(), () -> {
                    try {
                        parsed.set(arena.parse(document(marker, 1000)));
                    } catch (IllegalStateException e) {
                        refused.incrementAndGet(); // the reset held the arena: the parse is refused instead
                    }
                }, () -> {
                    try {
                        arena.reset();
                    } catch (IllegalStateException e) {
                        refused.incrementAndGet();
                    }
                });
                try {
                    if (parsed.get() != null) {
                        assertTrue(intact(parsed.get(), marker, 1000));
                    }
                } catch (IllegalStateException e) {
                    // the reset ran after the parse: the view is dead, as after any reset
                }
            }
            System.out.println("parses or resets refused: " + refused);
        }
    }

    @Test
    void aPoolClosedWhileArenasOpenNeverLeavesAnArenaOnAClosedPool() {
        assertTimeoutPreemptively(LIMIT, () -> {
            for (ThreadFactory f : factories()) {
                for (int r = 0; r < ROUNDS / 3; r++) {
                    JsonPool pool = JsonPool.builder().build();
                    AtomicReference<JsonArena> opened = new AtomicReference<>();
                    both(f, () -> {
                        try {
                            opened.set(pool.openArena());
                        } catch (IllegalStateException e) {
                            // the pool closed first
                        }
                    }, () -> {
                        try {
                            pool.close();
                        } catch (IllegalStateException e) {
                            // the arena opened first
                        }
                    });
                    JsonArena a = opened.get();
                    if (a != null) {
                        a.parse(document(r, 10));
                        a.close();
                        pool.close(); // the close that failed: now it must succeed
                    }
                    JsonPoolStats s = pool.stats();
                    assertEquals(0, s.reservedBytes(), "reserved after the pool and its arenas closed: " + s);
                    assertEquals(0, s.openArenas());
                }
            }
        });
    }

    @Test
    void aReentrantParseFromTheInputsReadIsRefused() throws Exception {
        try (JsonPool pool = JsonPool.builder().build(); JsonArena arena = pool.openArena()) {
            JsonValue earlier = arena.parse(document(1, 300));
            InputStream reentrant = new InputStream() {
                private final ByteArrayInputStream in = new ByteArrayInputStream(document(2, 300));

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    assertThrows(IllegalStateException.class, () -> arena.parse(document(3, 3)));
                    assertThrows(IllegalStateException.class, arena::reset);
                    earlier.asObject().get("records").asArray().get(50); // a read builds no index mid-parse
                    return in.read(b, off, Math.min(len, 100));
                }
            };
            JsonValue second = arena.parse(reentrant);
            assertTrue(intact(second, 2, 300));
            assertTrue(intact(earlier, 1, 300));
        }
    }

    /**
     * A reader on one thread keeps reading a document while another thread closes its arena and
     * parses other requests' documents into the recycled memory (rule 4's misuse): every read
     * returns this document's own data or throws {@link IllegalStateException}; never another
     * marker, never a type, bounds or null-pointer error from torn state.
     */
    @Test
    void aReaderRacingACloseGetsItsOwnDataOrIllegalStateNeverAnotherRequests() {
        assertTimeoutPreemptively(LIMIT, () -> {
            try (JsonPool pool = JsonPool.builder().build()) {
                long reads = 0;
                long refused = 0;
                for (int r = 0; r < 300; r++) {
                    JsonArena arena = pool.openArena();
                    int marker = 2 * r;
                    JsonValue root = arena.parse(document(marker, 64));
                    JsonArray records = root.asObject().get("records").asArray();
                    JsonCursor cursor = new JsonCursor().reset(root);
                    String own = "m" + marker;
                    AtomicReference<Throwable> wrong = new AtomicReference<>();
                    CountDownLatch started = new CountDownLatch(1);
                    Thread reader = Thread.ofPlatform().start(() -> {
                        started.countDown();
                        for (int k = 0; k < 20_000 && wrong.get() == null; k++) {
                            try {
                                String got = switch (k % 4) {
                                    case 0 -> root.asObject().get("marker").asString();
                                    case 1 -> records.get(k % 64).asObject().get("owner").asString();
                                    case 2 -> cursor.reset(root).find("marker") ? cursor.asString() : own;
                                    default -> root.at("/records/" + (k % 64) + "/owner").asString();
                                };
                                if (!own.equals(got)) {
                                    wrong.set(new AssertionError("read " + got + ", expected " + own));
                                }
                            } catch (IllegalStateException e) {
                                // the arena went away: the only allowed failure
                            } catch (Throwable t) {
                                wrong.set(t);
                            }
                        }
                    });
                    started.await();
                    arena.close();
                    // other requests reuse the memory at once
                    for (int k = 0; k < 4; k++) {
                        try (JsonArena other = pool.openArena()) {
                            other.parse(document(2 * r + 1, 64));
                        }
                    }
                    reader.join();
                    if (wrong.get() != null) {
                        throw new AssertionError("round " + r, wrong.get());
                    }
                    reads += 20_000;
                }
                assertIdle(pool);
                System.out.println("racing reads: " + reads);
            }
        });
    }
}
