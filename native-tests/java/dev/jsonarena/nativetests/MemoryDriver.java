package dev.jsonarena.nativetests;

import dev.jsonarena.JsonArena;
import dev.jsonarena.JsonPool;
import dev.jsonarena.JsonPoolExhaustedException;
import dev.jsonarena.JsonPoolStats;
import dev.jsonarena.NativeTestsAccess;
import dev.jsonarena.memory.ArenaMemory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a pool in a JVM of its own and prints what the operating system and native memory tracking
 * see, for {@link MemoryNativeIT}. Start it with {@code -XX:NativeMemoryTracking=summary}.
 *
 * <pre>
 * MemoryDriver churn --cycles N [--warmup W] [--sample-every S] [--leak-every K] [--seed X] [--chunk-kib C]
 * MemoryDriver spike [--target-mib M] [--rounds R] [--seed X] [--chunk-kib C]
 * MemoryDriver cap   [--cap-mib C] [--seed X]
 * </pre>
 *
 * <p>Output, one record per line, {@code key=value} separated by spaces:
 * <ul>
 *   <li>{@code sample label=<l> cycle=<n> rssKiB= hwmKiB= otherKiB= nmtKiB= reservedBytes= inUseBytes=
 *       chunks= chunksReleased= openArenas=}: one reading ({@link ProcessMemory}) and the pool's
 *       {@link JsonPoolStats};</li>
 *   <li>{@code event name=<e> ...}: something that happened (an exception caught, a leak);</li>
 *   <li>{@code done mode=<m> millis=<t>} last, when the run completed.</li>
 * </ul>
 * Exit status 0 when done; 2 on bad arguments; 3 when the run threw (the stack trace goes to
 * standard error); 4 on {@link OutOfMemoryError}.
 *
 * <p>Modes:
 * <ul>
 *   <li>{@code churn}: {@code N} request cycles (open an arena, make one {@link Workload} request,
 *       verify it, close), sampling at 0, after {@code W} cycles (the warm-up), every {@code S}
 *       cycles after, and at the end. {@code --leak-every K} skips the close of every K-th arena (and
 *       drops it), injecting a real leak to prove the checks can see one.</li>
 *   <li>{@code spike}: per round, opens arenas until the pool has reserved {@code M} MiB (every
 *       block written), samples the peak, closes them all, samples, calls {@code trim()}, samples.</li>
 *   <li>{@code cap}: a pool capped at {@code C} MiB is driven past its cap until it throws
 *       {@link JsonPoolExhaustedException}; then one block larger than the cap is asked for; then
 *       everything is closed, 1000 churn cycles prove the JVM and pool still work, and trim.</li>
 * </ul>
 *
 * <p>Thread-safety: a program; runs on its main thread.
 */
public final class MemoryDriver {
    private final Map<String, Long> options;
    private final long started = System.nanoTime();

    private MemoryDriver(Map<String, Long> options) {
        this.options = options;
    }

    /**
     * Runs one mode; see the class description.
     *
     * @param args the mode, then {@code --name value} options
     */
    public static void main(String[] args) {
        if (args.length == 0 || args.length % 2 == 0) {
            usage("expected a mode and --name value pairs, got " + String.join(" ", args));
        }
        Map<String, Long> options = new HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                usage("option " + args[i] + " (expected: --name)");
            }
            try {
                options.put(args[i].substring(2), Long.parseLong(args[i + 1]));
            } catch (NumberFormatException e) {
                usage("option " + args[i] + ": " + args[i + 1] + " (expected: an integer)");
            }
        }
        MemoryDriver driver = new MemoryDriver(options);
        try {
            ProcessMemory.read(); // loads the management classes before any baseline is taken
            switch (args[0]) {
                case "churn" -> driver.churn();
                case "spike" -> driver.spike();
                case "cap" -> driver.cap();
                default -> usage("mode " + args[0] + " (expected: churn, spike or cap)");
            }
        } catch (OutOfMemoryError e) {
            System.out.println("event name=OutOfMemoryError message=" + oneWord(e.getMessage()));
            System.out.flush();
            Runtime.getRuntime().halt(4);
        } catch (RuntimeException e) {
            System.out.println("event name=failed type=" + e.getClass().getName() + " message=" + oneWord(e.getMessage()));
            System.out.flush();
            e.printStackTrace();
            System.exit(3);
        }
        System.out.println("done mode=" + args[0] + " millis=" + (System.nanoTime() - driver.started) / 1_000_000);
    }

    private void churn() {
        long cycles = option("cycles", 100_000);
        long warmup = option("warmup", 10_000);
        long sampleEvery = option("sample-every", 10_000);
        long leakEvery = option("leak-every", 0);
        Workload work = new Workload(option("seed", 1));
        long leaked = 0;
        JsonPool pool = poolBuilder().build();
        sample("baseline", 0, pool);
        for (long cycle = 1; cycle <= cycles; cycle++) {
            JsonArena arena = pool.openArena();
            ArenaMemory memory = NativeTestsAccess.memory(arena);
            work.request(memory, cycle);
            work.verify(memory);
            if (leakEvery > 0 && cycle % leakEvery == 0) {
                leaked++; // dropped unclosed: its blocks never return to the pool
            } else {
                arena.close();
            }
            if (cycle == warmup) {
                sample("warmup", cycle, pool);
            } else if (cycle == cycles) {
                sample("end", cycle, pool);
            } else if (cycle > warmup && cycle % sampleEvery == 0) {
                sample("steady", cycle, pool);
            }
        }
        System.out.println("event name=leaked arenas=" + leaked);
        if (leaked == 0) {
            pool.close(); // with leaked arenas the pool refuses to close; the JVM's exit frees it
        }
    }

    private void spike() {
        long target = option("target-mib", 256) << 20;
        long rounds = option("rounds", 1);
        Workload work = new Workload(option("seed", 1));
        try (JsonPool pool = poolBuilder().build()) {
            sample("baseline", 0, pool);
            for (long round = 1; round <= rounds; round++) {
                List<JsonArena> open = new ArrayList<>();
                long request = 0;
                while (pool.stats().reservedBytes() < target) {
                    JsonArena arena = pool.openArena();
                    open.add(arena);
                    ArenaMemory memory = NativeTestsAccess.memory(arena);
                    for (int i = 0; i < 8; i++) {
                        work.request(memory, ++request);
                    }
                }
                sample("peak", round, pool);
                for (JsonArena arena : open) {
                    arena.close();
                }
                sample("closed", round, pool);
                pool.trim();
                sample("trimmed", round, pool);
            }
        }
    }

    private void cap() {
        long cap = option("cap-mib", 64) << 20;
        Workload work = new Workload(option("seed", 1));
        try (JsonPool pool = JsonPool.builder().idleTimeout(Duration.ZERO).maxReservedBytes(cap).build()) {
            sample("baseline", 0, pool);
            List<JsonArena> open = new ArrayList<>();
            long request = 0;
            JsonPoolExhaustedException refused = null;
            while (refused == null && request < 1_000_000) {
                JsonArena arena = pool.openArena();
                open.add(arena);
                try {
                    work.request(NativeTestsAccess.memory(arena), ++request);
                } catch (JsonPoolExhaustedException e) {
                    refused = e;
                }
            }
            if (refused == null) {
                throw new IllegalStateException("pool capped at " + cap + " bytes never refused (expected: "
                        + JsonPoolExhaustedException.class.getSimpleName() + ")");
            }
            event("refused", refused, request);
            sample("atCap", request, pool);
            JsonArena big = pool.openArena();
            open.add(big);
            try {
                NativeTestsAccess.memory(big).allocate(2 * cap, 8);
                throw new IllegalStateException("a block of " + 2 * cap + " bytes was granted by a pool capped at "
                        + cap + " (expected: " + JsonPoolExhaustedException.class.getSimpleName() + ")");
            } catch (JsonPoolExhaustedException e) {
                event("refusedLarge", e, request);
            }
            for (JsonArena arena : open) {
                arena.close();
            }
            for (int i = 0; i < 1000; i++) {
                try (JsonArena arena = pool.openArena()) {
                    ArenaMemory memory = NativeTestsAccess.memory(arena);
                    work.request(memory, ++request);
                    work.verify(memory);
                }
            }
            sample("survived", request, pool);
            pool.trim();
            sample("trimmed", request, pool);
        }
    }

    /** {@return a builder without scavenger, with {@code --chunk-kib} if given (default: the pool's)} */
    private JsonPool.Builder poolBuilder() {
        JsonPool.Builder builder = JsonPool.builder().idleTimeout(Duration.ZERO);
        if (options.containsKey("chunk-kib")) {
            builder.chunkBytes(options.get("chunk-kib") << 10);
        }
        return builder;
    }

    private long option(String name, long fallback) {
        return options.getOrDefault(name, fallback);
    }

    private static void sample(String label, long cycle, JsonPool pool) {
        JsonPoolStats s = pool.stats();
        ProcessMemory.Reading r = ProcessMemory.read();
        System.out.println("sample label=" + label + " cycle=" + cycle + " rssKiB=" + r.rssKiB() + " hwmKiB=" + r.hwmKiB()
                + " otherKiB=" + r.nmtOtherKiB() + " nmtKiB=" + r.nmtTotalKiB() + " reservedBytes=" + s.reservedBytes()
                + " inUseBytes=" + s.inUseBytes() + " chunks=" + s.chunks() + " chunksReleased=" + s.chunksReleased()
                + " openArenas=" + s.openArenas() + " capRejections=" + s.capRejections());
        System.out.flush();
    }

    private static void event(String name, JsonPoolExhaustedException e, long request) {
        System.out.println("event name=" + name + " request=" + request + " type=" + e.getClass().getSimpleName()
                + " cap=" + e.cap() + " reserved=" + e.reserved() + " requested=" + e.requested());
    }

    private static String oneWord(String s) {
        return s == null ? "null" : s.replaceAll("\\s+", "_");
    }

    private static void usage(String problem) {
        System.err.println("MemoryDriver: " + problem);
        System.err.println("usage: MemoryDriver churn|spike|cap [--name value]...");
        System.exit(2);
    }
}
