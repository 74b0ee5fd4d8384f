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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The question: what does it cost to parse a document and use all of it: every member name and
 * string materialised as a {@code String}, every number converted? (target:
 * at least 0.7 GB/s on twitter.json and citm_catalog.json.) And can a document be walked without
 * allocating at all? (an allocation-free traversal, shown by a benchmark.)
 *
 * <p><b>What one operation is.</b> Parse one corpus file from a {@code byte[]} and visit every
 * value once ({@link Walks}), adding counts and sums to a {@link WalkTotals}; the jsonarena
 * variants open an arena for the parse and close it after the walk. The implementations
 * ({@link WalkType}), side by side in the same run:
 * <ul>
 *   <li>{@code JSONARENA_VIEWS}: the walk through {@code JsonObject}/{@code JsonArray} iteration,
 *       names via {@code Member.key()}, strings via {@code asString()};
 *   <li>{@code JSONARENA_CURSOR}: the same work through one reused {@code JsonCursor};
 *   <li>{@code JSONARENA_CURSOR_IN_PLACE}: the cursor without materialising strings or names
 *       (strings read by their UTF-8 length; numbers still converted): the allocation-free walk,
 *       whose {@code gc.alloc.rate.norm} should equal the parse's alone;
 *   <li>{@code HEAP_DECODER}: {@link HeapJsonDecoder#decode}, then the same walk over its tree
 *       (its strings and numbers were materialised by the parse; the walk reads each one).
 * </ul>
 * Numbers: {@code asDouble()}, then {@code asLong()} when the double is integral (see
 * {@link WalkTotals}). The totals' checksum goes to JMH's blackhole.
 *
 * <p><b>Score.</b> Throughput in operations per second; bytes per second is the score times the
 * file size ({@code docs/benchmarks.md} reports GB/s). Run with {@code -prof gc} for
 * {@code gc.alloc.rate.norm}, the heap allocated per operation.
 *
 * <p><b>How to run</b> (from the project root; see {@code docs/benchmarks.md}):
 * <pre>
 * mvn -Pbench -DskipTests package exec:exec -Djmh.args="ParseWalkBenchmark -prof gc"
 * java -jar target/benchmarks.jar ParseWalkBenchmark -p file=twitter.json -prof gc
 * </pre>
 *
 * <p>{@code DecoderBenchmarksTest} checks that the four walks produce the same totals on every
 * corpus file.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class ParseWalkBenchmark {
    /** The corpus file. */
    @Param({"twitter.json", "citm_catalog.json", "canada.json", "github_events.json"})
    public String file;

    /** The implementation under test. */
    @Param({"JSONARENA_VIEWS", "JSONARENA_CURSOR", "JSONARENA_CURSOR_IN_PLACE", "HEAP_DECODER"})
    public WalkType impl;

    private byte[] json;
    private JsonPool pool;
    private Walker walker;
    private final WalkTotals totals = new WalkTotals();

    /**
     * Reads the file and makes the pool and the adapter.
     *
     * @throws IllegalStateException if the corpus file is absent
     */
    @Setup(Level.Trial)
    public void setUp() {
        json = Corpus.read(file);
        pool = JsonPool.builder().build();
        walker = impl.create(pool);
    }

    /** Closes the pool. */
    @TearDown(Level.Trial)
    public void tearDown() {
        if (pool != null) {
            pool.close();
        }
    }

    /**
     * Parses the file and walks all of it.
     *
     * @return the checksum of the walk's totals
     */
    @Benchmark
    public long parseAndWalk() {
        WalkTotals t = totals;
        t.clear();
        walker.parseAndWalk(json, t);
        return t.checksum();
    }
}
