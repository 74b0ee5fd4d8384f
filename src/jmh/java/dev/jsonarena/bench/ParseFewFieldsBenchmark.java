package dev.jsonarena.bench;

import dev.jsonarena.JsonArena;
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
 * The question: what does a server pay to parse a document and read a few fields of each record
 * through {@code JsonKey}? (target: within 10% of parse only, with zero heap allocated apart from
 * the values returned.)
 *
 * <p><b>What one operation is.</b> Parse one corpus file from a {@code byte[]} and read the fields
 * of {@link FewFields} (e.g. twitter: {@code statuses[*].id}, {@code retweet_count},
 * {@code user.screen_name}) into a {@link FieldSink}: numbers as {@code long}, strings as
 * {@code String} (the values returned), booleans. The jsonarena variants open an arena for the
 * parse and close it after reading. {@link #readFewFields} runs the implementations
 * ({@link FieldReaderType}) side by side:
 * <ul>
 *   <li>{@code JSONARENA_VIEWS}: {@code JsonObject.get(JsonKey)} on the views;
 *   <li>{@code JSONARENA_CURSOR}: {@code JsonCursor.find(JsonKey)} on one reused cursor (no
 *       view objects at all);
 *   <li>{@code HEAP_DECODER}: {@link HeapJsonDecoder#decode} and {@code Map.get(String)}.
 * </ul>
 * {@link #parseOnly} is the baseline of the "within 10%" target in the same run: the same
 * open/parse/close with jsonarena, reading nothing.
 *
 * <p><b>Score.</b> Throughput in operations per second (times the file size: bytes per second).
 * Run with {@code -prof gc}: {@code gc.alloc.rate.norm} of {@code readFewFields} minus that of
 * {@code parseOnly} is what reading cost in heap; the returned strings are part of it (twitter:
 * 100 screen names, citm_catalog: 243 venue codes, canada: 2 strings, github_events: 90 strings).
 *
 * <p><b>How to run</b> (from the project root; see {@code docs/benchmarks.md}):
 * <pre>
 * mvn -Pbench -DskipTests package exec:exec -Djmh.args="ParseFewFieldsBenchmark -prof gc"
 * java -jar target/benchmarks.jar ParseFewFieldsBenchmark -p file=twitter.json -prof gc
 * </pre>
 *
 * <p>{@code DecoderBenchmarksTest} checks that the three readers read the same values, in the
 * same order, on every corpus file.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class ParseFewFieldsBenchmark {

    /** The document: the corpus file, its query and the pool. */
    @State(Scope.Benchmark)
    public static class Input {
        /** The corpus file. */
        @Param({"twitter.json", "citm_catalog.json", "canada.json", "github_events.json"})
        public String file;

        byte[] json;
        FewFields fields;
        JsonPool pool;

        /**
         * Reads the file and makes the pool.
         *
         * @throws IllegalStateException if the corpus file is absent
         */
        @Setup(Level.Trial)
        public void setUp() {
            json = Corpus.read(file);
            fields = FewFields.forFile(file);
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

    /** The implementation under test and its sink. */
    @State(Scope.Benchmark)
    public static class Reader {
        /** The implementation under test. */
        @Param({"JSONARENA_VIEWS", "JSONARENA_CURSOR", "HEAP_DECODER"})
        public FieldReaderType impl;

        FieldReader reader;
        final FieldSink sink = new FieldSink();

        /** Makes the adapter. */
        @Setup(Level.Trial)
        public void setUp(Input input) {
            reader = impl.create(input.pool);
        }
    }

    /**
     * Parses the file and reads its few fields.
     *
     * @return the checksum of the values read
     */
    @Benchmark
    public long readFewFields(Input input, Reader reader) {
        FieldSink sink = reader.sink;
        sink.clear();
        reader.reader.parseAndRead(input.json, input.fields, sink);
        return sink.checksum();
    }

    /**
     * The baseline: opens an arena, parses the file with jsonarena, closes the arena.
     *
     * @return the root's member or element count
     */
    @Benchmark
    public int parseOnly(Input input) {
        try (JsonArena arena = input.pool.openArena()) {
            return DecoderType.rootSize(arena.parse(input.json));
        }
    }
}
