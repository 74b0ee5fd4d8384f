package dev.jsonarena.testing;

import dev.jsonarena.JsonPool;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A private pool without scavenger (exact accounting) for one test class, opened before its first
 * test and closed after its last: register it as
 * {@code @RegisterExtension static final PoolPerClass POOL = new PoolPerClass();} and take
 * {@link #pool()} in the tests.
 */
public final class PoolPerClass implements BeforeAllCallback, AfterAllCallback {
    private JsonPool pool;

    /** {@return the class's pool} @throws IllegalStateException outside the class's tests */
    public JsonPool pool() {
        if (pool == null) {
            throw new IllegalStateException("the pool is open only while the class's tests run");
        }
        return pool;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        pool = JsonPool.builder().idleTimeout(Duration.ZERO).build();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        pool.close();
        pool = null;
    }
}
