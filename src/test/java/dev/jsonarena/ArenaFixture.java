package dev.jsonarena;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A private pool without scavenger (exact accounting) and one arena of it, fresh for each test and
 * closed after it; extend it for tests that parse into one arena. After each test the arena is
 * closed and the pool must be idle (no bytes in use, no arena open): a test that leaks an arena or
 * a block fails here.
 */
abstract class ArenaFixture {
    JsonPool pool;
    JsonArena arena;

    @BeforeEach
    final void openArena() {
        pool = DecoderSupport.pool();
        arena = pool.openArena();
    }

    @AfterEach
    final void closeArena() {
        try {
            arena.close();
            DecoderOracle.assertPoolIdle(pool);
        } finally {
            pool.close();
        }
    }

    /** {@return {@code json} parsed into the arena with the pool's limits} */
    final JsonValue parse(String json) {
        return arena.parse(DecoderSupport.utf8(json));
    }
}
