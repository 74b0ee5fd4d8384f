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
 * The question: do parses on two threads sharing one pool scale? (target: two threads on two
 * cores parse at at least 1.8x one thread; the pool's striped caches must not contend.)
 *
 * <p><b>What one operation is.</b> The parse of {@link ParseBenchmark} (open an arena, parse the
 * file from a {@code byte[]}, close), by {@code JSONARENA} from one pool shared by all threads, or
 * by {@code HEAP_DECODER} for comparison (its limit is the allocation rate and the GC). Each thread
 * has its own adapter. {@link #parse1Thread} runs on one thread, {@link #parse2Threads} on two at
 * once.
 *
 * <p><b>Score.</b> Throughput in operations per second summed over the threads (JMH adds the
 * threads' throughputs), so the scaling is {@code parse2Threads / parse1Thread}: 2.0 is perfect.
 * It is only meaningful on a machine with two free cores: note the load ({@code uptime}) with the
 * result.
 *
 * <p><b>How to run</b> (from the project root; see {@code docs/benchmarks.md}):
 * <pre>
 * mvn -Pbench -DskipTests package exec:exec -Djmh.args="ParseThreadsBenchmark -prof gc"
 * java -jar target/benchmarks.jar ParseThreadsBenchmark -p file=twitter.json
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class ParseThreadsBenchmark {

    /** Shared by the threads of a trial: the file, the implementation and the pool. */
    @State(Scope.Benchmark)
    public static class Shared {
        /** The corpus file. */
        @Param({"twitter.json", "citm_catalog.json", "canada.json", "github_events.json"})
        public String file;

        /** The implementation under test. */
        @Param({"JSONARENA", "HEAP_DECODER"})
        public DecoderType impl;

        byte[] json;
        JsonPool pool;

        /**
         * Reads the file and makes the pool.
         *
         * @throws IllegalStateException if the corpus file is absent
         */
        @Setup(Level.Trial)
        public void setUp() {
            json = Corpus.read(file);
            pool = JsonPool.builder().build();
        }

        /** Closes the pool. */
        @TearDown(Level.Trial)
        public void tearDown() {
            if (pool != null) {
                pool.close();
            }
        }
    }

    /** One adapter per thread. */
    @State(Scope.Thread)
    public static class PerThread {
        Decoder decoder;

        /** Makes this thread's adapter over the shared pool. */
        @Setup(Level.Trial)
        public void setUp(Shared shared) {
            decoder = shared.impl.create(shared.pool);
        }

        /** Closes this thread's adapter. */
        @TearDown(Level.Trial)
        public void tearDown() {
            decoder.close();
        }
    }

    /**
     * One parse on one thread.
     *
     * @return the root's member or element count
     */
    @Benchmark
    @Threads(1)
    public int parse1Thread(Shared shared, PerThread thread) {
        return thread.decoder.parse(shared.json);
    }

    /**
     * One parse on each of two threads at once, sharing the pool.
     *
     * @return the root's member or element count
     */
    @Benchmark
    @Threads(2)
    public int parse2Threads(Shared shared, PerThread thread) {
        return thread.decoder.parse(shared.json);
    }
}
