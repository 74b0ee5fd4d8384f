package dev.jsonarena;

import static org.junit.jupiter.api.Assertions.*;

import dev.jsonarena.memory.Address;
import dev.jsonarena.memory.ArenaMemory;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void allocatesWritesAndReturnsEverythingOnClose() {
        try (JsonPool pool = JsonPool.builder().idleTimeout(java.time.Duration.ZERO).build()) {
            for (int round = 0; round < 3; round++) {
                JsonArena arena = pool.openArena();
                ArenaMemory m = arena.memory();
                long[] addrs = new long[1000];
                for (int i = 0; i < addrs.length; i++) {
                    long size = 8 + (i * 37) % 5000;
                    if (i % 100 == 0) size = 200_000;
                    addrs[i] = m.allocate(size, 8);
                    m.segment(addrs[i]).set(ValueLayout.JAVA_LONG_UNALIGNED, Address.offset(addrs[i]), i);
                }
                for (int i = 0; i < addrs.length; i++) {
                    assertEquals(i, m.segment(addrs[i]).get(ValueLayout.JAVA_LONG_UNALIGNED, Address.offset(addrs[i])));
                }
                assertTrue(pool.stats().inUseBytes() > 0);
                arena.close();
                assertEquals(0, pool.stats().inUseBytes());
                assertEquals(0, pool.stats().openArenas());
            }
            pool.trim();
            assertEquals(0, pool.stats().reservedBytes(), pool.stats().toString());
        }
    }
}
