package dev.jsonarena;

import static org.junit.jupiter.api.Assertions.*;

import dev.jsonarena.BindingModel.Everything;
import dev.jsonarena.testing.Property.Gen;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * One {@link JsonCodecs} shared by many virtual threads that all start at once on types none of
 * them has bound yet (a fresh codecs object per round, so the binders of a dozen record, sealed,
 * collection and scalar types are built while the threads race for them): every thread binds its
 * own document and writes it back exactly as the shared default codecs do.
 */
class BindingConcurrencyTest {
    private static final int THREADS = 64;

    @Test
    void freshCodecsBindCorrectlyFromManyVirtualThreadsAtOnce() throws Exception {
        for (int round = 0; round < 5; round++) {
            JsonCodecs codecs = JsonCodecs.builder().build(); // empty cache each round
            List<byte[]> inputs = new ArrayList<>();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                Everything e = BindingModel.everything(new Gen(round * 1000L + i, 20));
                inputs.add(JsonCodecs.defaults().toJsonBytes(e, JsonFormat.COMPACT));
                expected.add(JsonCodecs.defaults().toJson(e));
            }
            CountDownLatch start = new CountDownLatch(1);
            try (JsonPool pool = JsonPool.builder().build();
                    ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<String>> results = new ArrayList<>();
                for (int i = 0; i < THREADS; i++) {
                    byte[] input = inputs.get(i);
                    results.add(threads.submit(() -> {
                        start.await();
                        try (JsonArena arena = pool.openArena()) {
                            Everything e = codecs.bind(arena.parse(input), Everything.class);
                            Thread.yield();
                            return codecs.toJson(e);
                        }
                    }));
                }
                start.countDown();
                for (int i = 0; i < THREADS; i++) {
                    assertEquals(expected.get(i), results.get(i).get(), "thread " + i + " of round " + round);
                }
            }
        }
    }
}
