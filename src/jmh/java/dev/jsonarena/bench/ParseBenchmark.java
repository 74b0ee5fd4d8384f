package dev.jsonarena.bench;

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
 * The question: how fast does jsonarena parse a document, and how much heap does a parse take,
 * next to a plain heap decoder? (targets: at most 64 B of heap per parse in steady state;
 * at least 1.2 / 1.0 / 0.6 GB/s on twitter / citm_catalog / canada, at least 4x faster and 20x less
 * heap than the heap decoder.)
 *
 * <p><b>What one operation is.</b> Parse one corpus file, already in memory as a {@code byte[]}:
 * validated, every value decoded, keys interned; then let it go. The implementations
 * ({@link DecoderType}), side by side in the same run:
 * <ul>
 *   <li>{@code JSONARENA}: {@code pool.openArena()}, {@code parse(bytes)}, {@code close()}: the
 *       whole life of a request's document, the bulk free included;
 *   <li>{@code JSONARENA_REUSED}: one arena per thread, {@code reset()} then {@code parse(bytes)}:
 *       the steady state of a worker that keeps its arena;
 *   <li>{@code HEAP_DECODER}: {@link HeapJsonDecoder#decode}, a tree of {@code HashMap},
 *       {@code ArrayList}, {@code String} and boxed numbers, dropped for the GC.
 * </ul>
 * The result (the root's member or element count) goes to JMH's blackhole.
 *
 * <p><b>Score.</b> Throughput in operations per second; bytes per second is the score times the
 * file size (twitter.json 631,515 B, citm_catalog.json 1,727,204 B, canada.json 2,251,051 B,
 * github_events.json 65,132 B), which {@code docs/benchmarks.md} reports as GB/s
 * (10<sup>9</sup> B/s). With {@code -prof gc}, {@code gc.alloc.rate.norm} is the heap allocated per
 * parse. Warm-up is 5 x 2 s: on a loaded 2-core machine the C2 compilation of the parsers took
 * several seconds, and 3 x 1 s measured partly compiled code.
 *
 * <p><b>How to run</b> (from the project root, corpus in {@code ../shared/corpus} or
 * {@code -jvmArgsAppend -Djsonarena.corpus=DIR}; see {@code docs/benchmarks.md}):
 * <pre>
 * mvn -Pbench -DskipTests package exec:exec -Djmh.args="ParseBenchmark -prof gc"
 * java -jar target/benchmarks.jar ParseBenchmark -p file=twitter.json -prof gc
 * </pre>
 * A missing corpus file fails that benchmark's setup with a message naming the path; the others
 * run.
 *
 * <p><b>Outside parsers.</b> The default run compares jsonarena with the project's heap baseline
 * only. The outside parsers ({@link DecoderType#JACKSON_TREE},
 * {@link DecoderType#JACKSON_STREAM}, {@link DecoderType#FASTJSON2}; benchmark-only test
 * dependencies) run in the same fork next to jsonarena when named:
 * <pre>
 * java -jar target/benchmarks.jar ParseBenchmark -prof gc \
 *     -p impl=JSONARENA,HEAP_DECODER,JACKSON_TREE,JACKSON_STREAM,FASTJSON2
 * </pre>
 * They do not all do the same work as jsonarena (Jackson's token stream decodes no string value,
 * fastjson2 accepts non-RFC input): {@link DecoderType} says what each checks. simdjson-java needs
 * the incubator Vector API and runs in {@link ParseSimdJsonBenchmark}, whose fork adds it.
 *
 * <p>{@code DecoderBenchmarksTest} checks that every implementation parses each file to the same
 * root size and that the heap decoder decodes what the reference parser does.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class ParseBenchmark {
    /** The corpus file. */
    @Param({"twitter.json", "citm_catalog.json", "canada.json", "github_events.json"})
    public String file;

    /** The implementation under test. */
    @Param({"JSONARENA", "JSONARENA_REUSED", "HEAP_DECODER"})
    public DecoderType impl;

    private byte[] json;
    private PooledDecoder decoder;

    /**
     * Reads the file and makes the pool and the adapter.
     *
     * @throws IllegalStateException if the corpus file is absent
     */
    @Setup(Level.Trial)
    public void setUp() {
        json = Corpus.read(file);
        decoder = PooledDecoder.open(impl);
    }

    /** Closes the adapter and the pool. */
    @TearDown(Level.Trial)
    public void tearDown() {
        if (decoder != null) {
            decoder.close();
        }
    }

    /**
     * Parses the file once.
     *
     * @return the root's member or element count
     */
    @Benchmark
    public int parse() {
        return decoder.parse(json);
    }
}
