package dev.jsonarena.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.function.Executable;

/**
 * Runs a scenario on a fresh daemon thread: its thread-local caches (the writer's sink, the parser's
 * window) start empty, and a scenario that hangs fails the test after 10 s instead of blocking the
 * build.
 *
 * <p>Thread-safety: a static function.
 */
public final class FreshThread {
    private FreshThread() {}

    /**
     * Runs {@code body} on a new daemon thread named {@code name} and waits for it.
     *
     * @return what {@code body} threw, or null
     */
    public static Throwable run(String name, Executable body) throws InterruptedException {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                body.execute();
            } catch (Throwable e) {
                thrown.set(e);
            }
        }, name);
        t.setDaemon(true);
        t.start();
        t.join(10_000);
        if (t.isAlive()) {
            fail(name + " hangs (still running after 10 s) at:\n  "
                    + String.join("\n  ", Arrays.stream(t.getStackTrace()).limit(8).map(String::valueOf).toList()));
        }
        return thrown.get();
    }
}
