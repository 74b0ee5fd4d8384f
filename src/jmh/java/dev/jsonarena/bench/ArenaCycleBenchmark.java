package dev.jsonarena.bench;

import dev.jsonarena.JsonPool;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The question: is a request's memory cycle cheaper with a jsonarena pool than with one JDK arena
 * per request? (target: faster than both JDK arenas, and at most 64 B of heap per cycle
 * in steady state.)
 *
 * <p><b>What one operation is.</b> Open an arena, make the allocations that parsing a document of
 * {@code documentBytes} would make (the model of {@link ParseAllocations}: a tape of N bytes, a
 * string area of 0.6 N, a 1 KiB key table and ten 64 B objects, 13 allocations), write the first
 * and last byte of each, close the arena. The implementations ({@link RequestArenaType}):
 * <ul>
 *   <li>{@code JSONARENA}: {@code JsonPool.openArena()} from one pool shared by all threads (built
 *       with the defaults: 4 MiB chunks, 1 GiB cap), bump allocation, {@code close()} as one bulk
 *       free. Memory is not zeroed.
 *   <li>{@code JSONARENA_ZEROED}: the same, plus {@code MemorySegment.fill(0)} over each
 *       allocation, so that it does the same memory work as the JDK arenas, which zero on
 *       allocate.
 *   <li>{@code CONFINED}: {@code Arena.ofConfined()} per request; each allocation is a zeroed
 *       {@code malloc}, close frees each.
 *   <li>{@code SHARED}: {@code Arena.ofShared()} per request; as {@code CONFINED}, and close
 *       performs a thread handshake.
 * </ul>
 * {@link #cycle} runs on one thread, {@link #cycle2Threads} on two threads at once (one pool
 * shared by both); the score is the average time of one cycle as each thread sees it, so perfect
 * scaling on two free cores shows the same score for both. Run with {@code -prof gc} and read
 * {@code gc.alloc.rate.norm}: the heap bytes allocated per cycle.
 *
 * <p><b>How to run</b> (from the project root; see {@code docs/benchmarks.md}):
 * <pre>
 * mvn -Pbench -DskipTests package exec:exec -Djmh.args="ArenaCycleBenchmark -prof gc"
 * java -jar target/benchmarks.jar ArenaCycleBenchmark.cycle$ -p documentBytes=2048 -prof gc
 * </pre>
 *
 * <p>{@code ArenaCycleBenchmarkTest} checks that each implementation allocates what the model says,
 * aligned, without overlap, writes what is read back, zeroes where it claims to, and that the pool
 * is back to zero bytes in use after each cycle.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ArenaCycleBenchmark {

    /** What is shared by all threads of a trial: the parameters, the model and the pool. */
    @State(Scope.Benchmark)
    public static class TrialState {
        /** Document size N in bytes: 2 KiB and 600 KiB. */
        @Param({"2048", "614400"})
        public int documentBytes;

        /** The implementation under test. */
        @Param({"JSONARENA", "JSONARENA_ZEROED", "CONFINED", "SHARED"})
        public RequestArenaType impl;

        ParseAllocations model;
        JsonPool pool;

        /** Builds the model and, for jsonarena, the pool. */
        @Setup(Level.Trial)
        public void setUp() {
            model = new ParseAllocations(documentBytes);
            pool = impl.usesPool() ? JsonPool.builder().build() : null;
        }

        /** Closes the pool; it throws if an arena was left open. */
        @TearDown(Level.Trial)
        public void tearDown() {
            if (pool != null) {
                pool.close();
            }
        }
    }

    /** One adapter per benchmark thread. */
    @State(Scope.Thread)
    public static class PerThread {
        RequestArena arena;

        /** Creates this thread's adapter over the trial's pool. */
        @Setup(Level.Trial)
        public void setUp(TrialState trial) {
            arena = trial.impl.create(trial.pool);
        }
    }

    /**
     * One request cycle on one thread.
     *
     * @return the sum of the allocation addresses, so that nothing is dead code
     */
    @Benchmark
    @Threads(1)
    public long cycle(TrialState trial, PerThread thread) {
        return trial.model.cycle(thread.arena);
    }

    /**
     * One request cycle on each of two threads at once, sharing the pool.
     *
     * @return the sum of the allocation addresses, so that nothing is dead code
     */
    @Benchmark
    @Threads(2)
    public long cycle2Threads(TrialState trial, PerThread thread) {
        return trial.model.cycle(thread.arena);
    }
}
