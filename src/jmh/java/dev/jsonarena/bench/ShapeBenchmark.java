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
 * The question: on documents of every shape and size, request bodies most of all, how fast does
 * jsonarena parse next to Jackson's token stream and simdjson-java, in the same run? (targets:
 * at least 1.0 GB/s, 1.5x Jackson's token stream and 1.0x simdjson-java on every small document;
 * at least 1.2x Jackson's token stream on every document; at least 0.8 GB/s on escape-dense
 * strings.)
 *
 * <p><b>What one operation is.</b> Parse one document of {@link ShapeCorpus}, already in memory as
 * a {@code byte[]}, with the implementation {@code impl} ({@link DecoderType}; its javadoc says what
 * each one checks and decodes):
 * <ul>
 *   <li>{@code JSONARENA}: {@code pool.openArena()}, {@code parse(bytes)}, {@code close()}: a
 *       request's whole document life, the arena's open and bulk free included;
 *   <li>{@code JACKSON_STREAM}: Jackson 2.21's {@code JsonParser}, {@code nextToken()} to the end,
 *       no string value decoded, no number converted;
 *   <li>{@code SIMDJSON}: simdjson-java 0.4.0 into its reused on-heap tape.
 * </ul>
 * Every fork starts with {@code --add-modules=jdk.incubator.vector}, which simdjson-java needs, so
 * the three run in forks that differ in nothing but the parser. The trial setup checks that the
 * implementation returns the root size the heap baseline computes, and fails the trial if not.
 *
 * <p><b>Score.</b> Operations per second; bytes per second is the score times the document's size,
 * which {@code docs/benchmarks.md} reports as MB/s (10<sup>6</sup> B/s), with the ratios of
 * jsonarena to the other two and their geometric mean per {@link ShapeCorpus.Group}.
 *
 * <p><b>How to run</b> (from the project root, after {@code mvn -Pbench -DskipTests package}; the
 * records and the large files need the shared corpus in {@code ../shared/corpus}):
 * <pre>
 * java -jar target/benchmarks.jar ShapeBenchmark -f 1 -wi 3 -w 1 -i 5 -r 1 -rf json -rff shapes.json
 * java -jar target/benchmarks.jar ShapeBenchmark -p doc=record_github_event,flat_20
 * </pre>
 *
 * <p>{@code ShapeCorpusTest} checks that every implementation reads every document, and that
 * jsonarena reads each to the value Jackson's tree does.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules=" + DecoderType.VECTOR_MODULE},
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class ShapeBenchmark {
    /** The document: every name of {@link ShapeCorpus#NAMES}, in that order. */
    @Param({"flat_5", "flat_20", "flat_50", "flat_50_pretty", "long_keys_30", "short_keys_4k", "deep_objects_32",
        "deep_arrays_64", "deep_mixed_pretty_8k", "objects_1k", "objects_4k_pretty", "objects_16k", "api_user_pretty",
        "api_order", "api_search_16k", "text_ascii_4k", "text_cjk_4k", "text_emoji_2k", "text_mixed_8k", "literals_2k",
        "strings_short_2k", "record_tweet", "record_github_event", "record_citm_performance", "record_ndjson",
        "escape_unicode_4k", "escape_surrogates_2k", "escape_control_4k", "escape_embedded_json_8k",
        "escape_mixed_16k", "ints_small_2k", "ints_64bit_4k", "decimals_4k", "exponents_4k", "coordinates_16k",
        "metrics_pretty_2k", "twitter.json", "citm_catalog.json", "canada.json"})
    public String doc;

    /** The implementation under test. */
    @Param({"JSONARENA", "JACKSON_STREAM", "SIMDJSON"})
    public DecoderType impl;

    private byte[] json;
    private PooledDecoder decoder;

    /**
     * Makes the document, the pool and the adapter, and checks the adapter's result once.
     *
     * @throws IllegalStateException if a shared corpus file is absent, the JVM lacks what the
     *     implementation needs, or its root size differs from the heap baseline's
     */
    @Setup(Level.Trial)
    public void setUp() {
        json = ShapeCorpus.bytes(doc);
        decoder = PooledDecoder.checked(impl, json, doc);
    }

    /** Closes the adapter and the pool. */
    @TearDown(Level.Trial)
    public void tearDown() {
        if (decoder != null) {
            decoder.close();
        }
    }

    /**
     * Parses the document once.
     *
     * @return the root's member or element count
     */
    @Benchmark
    public int parse() {
        return decoder.parse(json);
    }
}
