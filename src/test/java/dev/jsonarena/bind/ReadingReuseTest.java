package dev.jsonarena.bind;

import static org.junit.jupiter.api.Assertions.*;

import dev.jsonarena.JsonArena;
import dev.jsonarena.JsonCodecs;
import dev.jsonarena.JsonValue;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

/**
 * The bind state ({@link Reading}) is reused per thread stripe: threads binding at the same time
 * each reuse their own instead of contending for one and making a new one per call.
 */
class ReadingReuseTest {
    private record Point(int x, int y, String label) {}

    private static final byte[] JSON = "{\"x\":1,\"y\":2,\"label\":\"p\"}".getBytes(StandardCharsets.UTF_8);
    private static final int CALLS = 20_000;

    private static Codecs codecsOf(JsonCodecs jc) throws ReflectiveOperationException {
        Field f = JsonCodecs.class.getDeclaredField("codecs");
        f.setAccessible(true);
        return (Codecs) f.get(jc);
    }

    /** {@return {@code n} unstarted threads whose ids fall in {@code n} different stripes} */
    private static List<Thread> threadsInDistinctStripes(int n, Runnable body) {
        List<Thread> threads = new ArrayList<>();
        boolean[] used = new boolean[Codecs.STRIPES];
        while (threads.size() < n) {
            Thread t = new Thread(body);
            int stripe = (int) t.threadId() & (Codecs.STRIPES - 1);
            if (!used[stripe]) {
                used[stripe] = true;
                threads.add(t);
            }
        }
        return threads;
    }

    @Test
    void threadsBindingAtTheSameTimeEachReuseOneReading() throws Exception {
        int n = Math.min(Codecs.STRIPES, 4);
        JsonCodecs jc = JsonCodecs.builder().build();
        Codecs codecs = codecsOf(jc);
        CyclicBarrier start = new CyclicBarrier(n);
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = threadsInDistinctStripes(n, () -> {
            try (JsonArena arena = JsonArena.open()) {
                start.await();
                for (int i = 0; i < CALLS; i++) {
                    arena.reset();
                    JsonValue v = arena.parse(JSON);
                    assertEquals(new Point(1, 2, "p"), jc.bind(v, Point.class));
                }
            } catch (Throwable e) {
                failures.add(e);
            }
        });
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(List.of(), failures);
        assertEquals(n, codecs.readingsMade(), n + " threads of distinct stripes, " + CALLS + " calls each");
    }

    @Test
    void aFailedBindLeavesItsReadingReusable() throws Exception {
        JsonCodecs jc = JsonCodecs.builder().build();
        Codecs codecs = codecsOf(jc);
        try (JsonArena arena = JsonArena.open()) {
            for (int i = 0; i < 100; i++) {
                arena.reset();
                JsonValue bad = arena.parse("{\"x\":\"one\"}".getBytes(StandardCharsets.UTF_8));
                assertThrows(dev.jsonarena.JsonBindException.class, () -> jc.bind(bad, Point.class));
                arena.reset();
                assertEquals(new Point(3, 4, null), jc.bind(arena.parse("{\"x\":3,\"y\":4}".getBytes(StandardCharsets.UTF_8)), Point.class));
            }
        }
        assertEquals(1, codecs.readingsMade());
    }
}
