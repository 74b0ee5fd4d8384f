package dev.jsonarena.bench;

import dev.jsonarena.JsonArena;
import dev.jsonarena.JsonCursor;
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
 * The question: does parsing a stream, a channel or native memory, which the parser reads through
 * a refilled 64 KiB heap window, cost more than parsing the same bytes from a {@code byte[]} in
 * place? (Target: a streamed parse at least 0.9x the speed of the {@code byte[]} parse, on every
 * input.)
 *
 * <p><b>What one operation is.</b> {@code arena.reset()}, then parse the whole input through one
 * entry point ({@link InputKind}): {@code BYTES} ({@code parse(byte[])}), {@code STREAM}
 * ({@code parse(InputStream)} on a {@code ByteArrayInputStream}, whose {@code available()} gives
 * the size), {@code STREAM_SIZE_HINT} ({@code parse(InputStream, length, limits)}),
 * {@code STREAM_NO_SIZE} (a stream whose {@code available()} is 0: size unknown),
 * {@code CHANNEL} ({@code parse(ReadableByteChannel)} on {@code Channels.newChannel} of the
 * stream: size unknown) and {@code NATIVE_SEGMENT} ({@code parse(MemorySegment)} on a native copy
 * made once per trial). The stream is rewound, not remade, per operation. One arena per trial,
 * reset before each parse (as {@code ParseBenchmark}'s {@code JSONARENA_REUSED}); the root's size,
 * read through a reused {@link JsonCursor}, goes to the blackhole.
 *
 * <p>Inputs ({@code @Param input}): the corpus files twitter.json (631,515 B), citm_catalog.json
 * (1,727,204 B), canada.json (2,251,051 B), github_events.json (65,132 B: less than one window, so
 * it is read without a refill) from {@code ../shared/corpus}, and the generated documents of
 * {@link GeneratedJson} (log records, number array, deep nesting, long strings; 2-4 MiB each).
 *
 * <p><b>Score.</b> Throughput in operations per second; bytes per second is the score times the
 * input's size, which the trial setup prints ({@code docs/benchmarks.md} reports GB/s, 10<sup>9</sup>
 * B/s, and the ratio of each kind to {@code BYTES} for the same input). The trial's teardown prints
 * the arena's {@code bytesReserved()} after the last parse (what a reused arena keeps for this
 * input and kind); {@link StreamArenaBytesReport} measures a fresh arena per parse.
 *
 * <p><b>How to run</b> (from the project root, corpus in {@code ../shared/corpus} or
 * {@code -jvmArgsAppend -Djsonarena.corpus=DIR}):
 * <pre>
 * mvn -Pbench -DskipTests package exec:exec -Djmh.args="StreamParseBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s"
 * java -jar target/benchmarks.jar StreamParseBenchmark -p input=twitter.json -p kind=BYTES,STREAM
 * </pre>
 * A missing corpus file fails that trial's setup with a message naming the path (JMH goes on with
 * the others); the generated inputs need no files.
 *
 * <p>{@code StreamBenchmarksTest} checks that every kind parses every input to the same document as
 * {@code BYTES} does (same JSON text back, same root size), twice in a row.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class StreamParseBenchmark {
    /** The input: a corpus file or a {@link GeneratedJson} document. */
    @Param({"twitter.json", "citm_catalog.json", "canada.json", "github_events.json", GeneratedJson.LOG_RECORDS,
        GeneratedJson.NUMBER_ARRAY, GeneratedJson.DEEP_NESTING, GeneratedJson.LONG_STRINGS})
    public String input;

    /** How the input is handed to the parser. */
    @Param({"BYTES", "STREAM", "STREAM_SIZE_HINT", "STREAM_NO_SIZE", "CHANNEL", "NATIVE_SEGMENT"})
    public InputKind kind;

    private byte[] json;
    private JsonPool pool;
    private JsonArena arena;
    private InputKind.Source source;
    private final JsonCursor cursor = new JsonCursor();

    /**
     * Reads or generates the input and opens the pool, the arena and the source.
     *
     * @throws IllegalStateException if the input is a corpus file that is absent
     */
    @Setup(Level.Trial)
    public void setUp() {
        json = GeneratedJson.input(input);
        pool = JsonPool.builder().build();
        arena = pool.openArena();
        source = kind.open(json);
        System.out.printf("%n[input] %s: %,d bytes%n", input, json.length);
    }

    /** Prints what the arena holds after the last parse, and closes the source, the arena and the pool. */
    @TearDown(Level.Trial)
    public void tearDown() {
        if (arena != null && arena.isOpen()) {
            System.out.printf("%n[arena] %s %s: %,d bytes reserved after the trial, %.2f per input byte%n", input,
                    kind, arena.bytesReserved(), (double) arena.bytesReserved() / json.length);
            arena.close();
        }
        if (source != null) {
            source.close();
        }
        if (pool != null) {
            pool.close();
        }
    }

    /**
     * Resets the arena and parses the input once.
     *
     * @return the root's member or element count
     * @throws IOException never for these in-memory sources
     */
    @Benchmark
    public int parse() throws IOException {
        arena.reset();
        return DecoderType.rootSize(cursor, source.parse(arena));
    }
}
