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
 * The question: how fast does simdjson-java 0.4.0, the fastest parser it is compared with ("Where the bar
 * is" table, parse a corpus file on this machine, next to jsonarena in the same kind of fork?
 *
 * <p>The same operation, score and settings as {@link ParseBenchmark} (see there), for
 * {@link DecoderType#SIMDJSON} by default. simdjson-java needs the incubating Vector API, so this
 * class's fork starts with {@code --add-modules=jdk.incubator.vector} (in {@code jvmArgsPrepend},
 * so a command-line {@code -jvmArgsAppend} such as the corpus directory does not drop it); no other
 * benchmark and no test run gets the module. The trial setup checks that the adapter returns the
 * root size the heap baseline computes, and fails the trial if not.
 *
 * <p><b>How to run</b> (from the project root, after {@code mvn -Pbench -DskipTests package}):
 * <pre>
 * java -jar target/benchmarks.jar ParseSimdJsonBenchmark -prof gc
 * java -jar target/benchmarks.jar ParseSimdJsonBenchmark -p impl=JSONARENA,HEAP_DECODER,SIMDJSON
 * </pre>
 * The second line measures jsonarena and the heap baseline in forks with the module added too,
 * for a comparison that differs in nothing but the parser.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules=" + DecoderType.VECTOR_MODULE},
        jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class ParseSimdJsonBenchmark {
    /** The corpus file. */
    @Param({"twitter.json", "citm_catalog.json", "canada.json", "github_events.json"})
    public String file;

    /** The implementation under test. */
    @Param({"SIMDJSON"})
    public DecoderType impl;

    private byte[] json;
    private PooledDecoder decoder;

    /**
     * Reads the file, makes the pool and the adapter, and checks the adapter's result once.
     *
     * @throws IllegalStateException if the corpus file is absent, the JVM lacks the incubator
     *     module, or the adapter's root size differs from the heap baseline's
     */
    @Setup(Level.Trial)
    public void setUp() {
        json = Corpus.read(file);
        decoder = PooledDecoder.checked(impl, json, file);
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
