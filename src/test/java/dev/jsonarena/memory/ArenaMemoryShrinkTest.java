package dev.jsonarena.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Shrinking the last allocation in place: the freed tail is bump-allocated again, and an end past
 * the cursor or before the current block is refused instead of moving the cursor out of the block.
 */
class ArenaMemoryShrinkTest {
    private static Pool pool() {
        return new Pool(new PoolSettings("shrink", 4L << 20, 64L << 20, 0, 0,
                PoolSettings.ARENA_INITIAL_BLOCK_BYTES, PoolSettings.ARENA_MAX_BLOCK_BYTES, 0));
    }

    @Test
    void theTailGivenBackIsTheNextAllocation() {
        Pool pool = pool();
        try {
            ArenaMemory memory = pool.open(Long.MAX_VALUE);
            long a = memory.allocate(1024, 8);
            memory.shrinkTo(a + 256);
            assertEquals(a + 256, memory.markCursor());
            assertEquals(a + 256, memory.allocate(64, 8), "the next allocation starts where the shrunk one ends");
            memory.close();
        } finally {
            pool.close();
        }
    }

    @Test
    void anEndPastTheCursorOrBeforeTheBlockIsRefused() {
        Pool pool = pool();
        try {
            ArenaMemory memory = pool.open(Long.MAX_VALUE);
            assertThrows(IllegalArgumentException.class, () -> memory.shrinkTo(0), "no allocation yet");
            long a = memory.allocate(1024, 8);
            long cursor = memory.markCursor();
            assertThrows(IllegalArgumentException.class, () -> memory.shrinkTo(cursor + 8));
            assertThrows(IllegalArgumentException.class, () -> memory.shrinkTo(a - 1_000_000));
            assertEquals(cursor, memory.markCursor(), "a refused shrink leaves the cursor");
            memory.close();
        } finally {
            pool.close();
        }
    }
}
