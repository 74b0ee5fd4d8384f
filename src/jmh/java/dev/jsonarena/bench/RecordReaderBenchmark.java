package dev.jsonarena.bench;

import dev.jsonarena.JsonPool;
import java.io.IOException;
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
 * The question: how fast does {@code JsonRecordReader} read JSON Lines from a stream, and with how
 * much heap per record, next to Jackson's {@code MappingIterator} reading the same stream?
 *
 * <p><b>What one operation is.</b> Read every record of one JSON Lines input from a
 * {@code ByteArrayInputStream} (rewound per operation) and take one string field of each record as
 * a {@code String} ({@link RecordField}: {@code "level"} of the generated log records, the brand,
 * element 1, of amazon_cellphones.ndjson's array records), adding up the {@link RecordTotals},
 * which go to the blackhole. The implementations ({@link RecordReaderType}), side by side in the
 * same run: {@code JSONARENA} ({@code JsonRecordReader} on the stream, one arena per trial, reset
 * per record), {@code JACKSON_TREE} ({@code readerFor(JsonNode.class).readValues(in)}) and
 * {@code JACKSON_MAP} ({@code readerFor(Map.class)}, {@code List.class} for array records). The
 * others run when named ({@code -p impl=...}): {@code JSONARENA_BYTES} (the same reader on the
 * {@code byte[]} in place), and the same records sent as one JSON array's elements
 * ({@code JSONARENA_ARRAY}: the reader's {@code JsonRecordFormat.ARRAY}; {@code
 * JSONARENA_ARRAY_DOCUMENT}: the array parsed whole; {@code JACKSON_ARRAY_TREE}: Jackson's
 * iterator over a root-level array's elements).
 *
 * <p>Inputs ({@code @Param input}): {@code ../shared/corpus/amazon_cellphones.ndjson} (277,673 B,
 * 793 records) and the {@link GeneratedJson} log records of about 0.2, 1 and 4 KiB each (about
 * 6 MiB each). The trial setup reads the input once, checks that the implementation counts the
 * records Jackson's tree reader counts, and prints the input's bytes and records.
 *
 * <p><b>Score.</b> Throughput in passes over the whole input per second; records per second is the
 * score times the input's records and bytes per second the score times its size (both printed by
 * the setup; {@code docs/benchmarks.md} reports records/s and GB/s). With {@code -prof gc},
 * {@code gc.alloc.rate.norm} divided by the records is the heap per record.
 *
 * <p><b>How to run</b> (from the project root):
 * <pre>
 * mvn -Pbench -DskipTests package exec:exec -Djmh.args="RecordReaderBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc"
 * java -jar target/benchmarks.jar RecordReaderBenchmark -p input=logs_1k.ndjson -prof gc
 * </pre>
 * A missing corpus file fails that trial's setup with a message naming the path.
 *
 * <p>{@code StreamBenchmarksTest} checks that all implementations compute the same totals on every
 * input, equal to the record count and field totals computed independently of both parsers.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class RecordReaderBenchmark {
    /** The JSON Lines input: the corpus file or a generated one. */
    @Param({RecordField.AMAZON, GeneratedJson.NDJSON_0_2K, GeneratedJson.NDJSON_1K, GeneratedJson.NDJSON_4K})
    public String input;

    /** The implementation under test. */
    @Param({"JSONARENA", "JACKSON_TREE", "JACKSON_MAP"})
    public RecordReaderType impl;

    private JsonPool pool;
    private RecordReaderType.Records records;

    /**
     * Reads or generates the input, makes the adapter and checks its record count once.
     *
     * @throws IllegalStateException if the input is a corpus file that is absent, or the adapter
     *     counts other records than Jackson's tree reader
     * @throws IOException never for these in-memory inputs
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        byte[] ndjson = GeneratedJson.input(input);
        RecordField field = RecordField.of(input);
        pool = JsonPool.builder().build();
        records = impl.create(ndjson, field, pool);
        RecordTotals expected = RecordReaderType.JACKSON_TREE.create(ndjson, field, pool).read();
        RecordTotals actual = records.read();
        if (!actual.equals(expected)) {
            throw new IllegalStateException(impl + " on " + input + ": " + actual + " (expected: " + expected
                    + ", Jackson's tree reader's)");
        }
        System.out.printf("%n[input] %s: %,d bytes, %,d records, %.1f bytes per record%n", input, ndjson.length,
                actual.records(), (double) ndjson.length / actual.records());
    }

    /** Closes the adapter and the pool. */
    @TearDown(Level.Trial)
    public void tearDown() {
        if (records != null) {
            records.close();
        }
        if (pool != null) {
            pool.close();
        }
    }

    /**
     * Reads every record of the input once.
     *
     * @return the totals
     * @throws IOException never for these in-memory inputs
     */
    @Benchmark
    public RecordTotals read() throws IOException {
        return records.read();
    }
}
