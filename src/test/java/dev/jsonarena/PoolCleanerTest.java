package dev.jsonarena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsonarena.memory.Pool;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PoolCleanerTest {
    @Test
    void unreachablePoolReturnsItsChunksWithoutClose() throws InterruptedException {
        Pool engine = reservedEngineOfDroppedPool();
        assertTrue(engine.counters().reservedBytes() > 0, "the dropped pool had reserved memory");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (engine.counters().reservedBytes() > 0 && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
        }
        assertEquals(0, engine.counters().reservedBytes(), "reserved bytes of the pool after it became unreachable");
    }

    private static Pool reservedEngineOfDroppedPool() {
        JsonPool pool = JsonPool.builder().idleTimeout(Duration.ofMinutes(5)).build();
        try (JsonArena arena = pool.openArena()) {
            arena.parse("{\"a\":[1,2,3]}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return pool.engine();
    }
}
