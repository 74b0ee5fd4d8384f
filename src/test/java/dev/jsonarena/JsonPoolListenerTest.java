package dev.jsonarena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Pressure alerts: a pool of 64 chunks of 64 KiB whose arenas each take one whole chunk (a 60 KiB
 * block), so reserved memory moves one chunk per arena and per trimmed arena, and the listener's
 * calls can be counted exactly.
 */
class JsonPoolListenerTest {
    private static final long CHUNK = 64 * 1024;
    private static final long CAP = 64 * CHUNK; // 4 MiB
    /** Half the cap: 32 chunks; relief below 0.9 of that, 28.8 chunks. */
    private static final double THRESHOLD = 0.5;
    /** How long to wait for a call that must come, and for one that must not. */
    private static final long MUST_COME_SECONDS = 20;
    private static final long MUST_NOT_COME_MILLIS = 300;

    /** One listener call: which, on which thread, with which figures. */
    record Call(String method, String thread, JsonPoolStats stats, double threshold, long rejections) {}

    /** Records every call into a queue. */
    static final class Recorder implements JsonPoolListener {
        final BlockingQueue<Call> calls = new LinkedBlockingQueue<>();

        @Override
        public void onPressure(JsonPoolStats stats, double threshold) {
            calls.add(new Call("onPressure", Thread.currentThread().getName(), stats, threshold, 0));
        }

        @Override
        public void onPressureRelieved(JsonPoolStats stats, double threshold) {
            calls.add(new Call("onPressureRelieved", Thread.currentThread().getName(), stats, threshold, 0));
        }

        @Override
        public void onCapRejections(JsonPoolStats stats, long rejections) {
            calls.add(new Call("onCapRejections", Thread.currentThread().getName(), stats, 0, rejections));
        }

        Call next() throws InterruptedException {
            Call c = calls.poll(MUST_COME_SECONDS, TimeUnit.SECONDS);
            assertNotNull(c, "no listener call within " + MUST_COME_SECONDS + " s");
            return c;
        }

        void assertQuiet(String when) throws InterruptedException {
            assertNull(calls.poll(MUST_NOT_COME_MILLIS, TimeUnit.MILLISECONDS), "no call expected " + when);
        }
    }

    private static JsonPool pool(String name, JsonPoolListener listener) {
        return JsonPool.builder().name(name).chunkBytes(CHUNK).maxReservedBytes(CAP).idleTimeout(Duration.ZERO)
                .pressureListener(THRESHOLD, listener).build();
    }

    /** Opens an arena holding one chunk of its own. */
    private static JsonArena chunkArena(JsonPool pool) {
        JsonArena arena = pool.openArena();
        arena.memory().allocate(60 * 1024, 8);
        return arena;
    }

    /** Closes the last {@code n} arenas and trims, so reserved memory falls by {@code n} chunks. */
    private static void release(JsonPool pool, List<JsonArena> arenas, int n) {
        for (int i = 0; i < n; i++) {
            arenas.removeLast().close();
        }
        pool.trim();
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void pressureIsReportedOnceWhenReservedCrossesTheThresholdAndRelievedOnlyBelowTheMargin() throws Exception {
        Recorder listener = new Recorder();
        List<JsonArena> arenas = new ArrayList<>();
        try (JsonPool pool = pool("alerts", listener)) {
            while (arenas.size() < 31) {
                arenas.add(chunkArena(pool));
            }
            assertEquals(31 * CHUNK, pool.stats().reservedBytes());
            listener.assertQuiet("below the threshold");

            arenas.add(chunkArena(pool)); // 32 chunks: half the cap
            Call pressure = listener.next();
            assertEquals("onPressure", pressure.method());
            assertEquals("jsonarena-listener-alerts", pressure.thread(), "called on the pool's listener thread");
            assertEquals(THRESHOLD, pressure.threshold());
            assertEquals(32 * CHUNK, pressure.stats().reservedBytes());
            assertEquals(CAP, pressure.stats().capBytes());

            arenas.add(chunkArena(pool));
            arenas.add(chunkArena(pool)); // 34 chunks: still under pressure, no second call
            listener.assertQuiet("while reserved stays above the threshold");

            release(pool, arenas, 5); // 29 chunks: below the threshold, above the relief level (28.8)
            assertEquals(29 * CHUNK, pool.stats().reservedBytes());
            listener.assertQuiet("between the relief level and the threshold");
            arenas.add(chunkArena(pool));
            arenas.add(chunkArena(pool));
            arenas.add(chunkArena(pool)); // 32 again: the pressure never ended, so no new call
            listener.assertQuiet("on a return to the threshold before relief");

            release(pool, arenas, 4); // 28 chunks: below the relief level
            Call relief = listener.next();
            assertEquals("onPressureRelieved", relief.method());
            assertEquals(28 * CHUNK, relief.stats().reservedBytes());
            assertEquals(THRESHOLD, relief.threshold());

            while (arenas.size() < 32) {
                arenas.add(chunkArena(pool));
            }
            assertEquals("onPressure", listener.next().method(), "a new crossing after relief is a new call");
            listener.assertQuiet("after the second crossing");
            release(pool, arenas, arenas.size());
            assertEquals("onPressureRelieved", listener.next().method());
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void refusalsAtTheCapAreReportedAndCountedOnTheListenerThread() throws Exception {
        Recorder listener = new Recorder();
        List<JsonArena> arenas = new ArrayList<>();
        try (JsonPool pool = pool("refusals", listener)) {
            while (arenas.size() < 64) {
                arenas.add(chunkArena(pool));
            }
            assertEquals("onPressure", listener.next().method());
            int refused = 0;
            for (int i = 0; i < 5; i++) {
                try (JsonArena extra = pool.openArena()) {
                    assertThrows(JsonPoolExhaustedException.class, () -> extra.memory().allocate(60 * 1024, 8));
                    refused++;
                }
            }
            long reported = 0;
            Call last = null;
            while (reported < refused) { // one call per refusal, or fewer calls for several
                last = listener.next();
                assertEquals("onCapRejections", last.method());
                assertEquals("jsonarena-listener-refusals", last.thread());
                assertTrue(last.rejections() >= 1);
                reported += last.rejections();
            }
            assertEquals(refused, reported);
            assertEquals(refused, last.stats().capRejections());
            assertEquals(refused, pool.stats().capRejections());
            listener.assertQuiet("after every refusal was reported");
            arenas.forEach(JsonArena::close);
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aListenerThatThrowsIsLoggedAndStillCalledAfterwards() throws Exception {
        Recorder calls = new Recorder();
        JsonPoolListener throwing = new JsonPoolListener() {
            @Override
            public void onPressure(JsonPoolStats stats, double threshold) {
                calls.onPressure(stats, threshold);
                throw new IllegalStateException("a listener's own bug (thrown on purpose by the test)");
            }

            @Override
            public void onCapRejections(JsonPoolStats stats, long rejections) {
                calls.onCapRejections(stats, rejections);
            }
        };
        List<JsonArena> arenas = new ArrayList<>();
        try (JsonPool pool = pool("throwing", throwing)) {
            while (arenas.size() < 64) {
                arenas.add(chunkArena(pool)); // the allocating thread never sees the listener's exception
            }
            assertEquals("onPressure", calls.next().method());
            try (JsonArena extra = pool.openArena()) {
                assertThrows(JsonPoolExhaustedException.class, () -> extra.memory().allocate(60 * 1024, 8));
            }
            assertEquals("onCapRejections", calls.next().method(), "the thread survived the exception");
            arenas.forEach(JsonArena::close);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void theListenerThreadEndsWhenThePoolCloses() throws Exception {
        JsonPool pool = pool("closing", new JsonPoolListener() {});
        assertTrue(JsonPoolMXBeanTest.listenerThreadAlive("closing"));
        pool.close();
        while (JsonPoolMXBeanTest.listenerThreadAlive("closing")) {
            Thread.sleep(10);
        }
        try (JsonPool none = JsonPool.builder().name("no-listener").build()) {
            assertEquals("no-listener", none.name());
            assertTrue(!JsonPoolMXBeanTest.listenerThreadAlive("no-listener"), "a pool without listener has no thread");
        }
    }

    @Test
    void theBuilderRefusesThresholdsOutsideZeroToOneAndANullListener() {
        JsonPool.Builder b = JsonPool.builder();
        JsonPoolListener l = new JsonPoolListener() {};
        for (double bad : new double[] {0, -0.5, 1.0001, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.pressureListener(bad, l));
            assertEquals("threshold: " + bad + " (expected: > 0 and <= 1)", e.getMessage());
        }
        assertThrows(NullPointerException.class, () -> b.pressureListener(0.8, null));
        b.pressureListener(1, l);
        b.pressureListener(Double.MIN_VALUE, l);
    }
}
