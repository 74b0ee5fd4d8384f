package dev.jsonarena.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jsonarena.JsonArena;
import dev.jsonarena.JsonCursor;
import dev.jsonarena.JsonPool;
import dev.jsonarena.tape.Parser;
import dev.jsonarena.tape.ParserCache;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The question: what does a request cost that does not grow with its body, and where does it go?
 * (target: open, parse and close of {@code {}} and of {@code {"id":1}} in at most 100 ns.)
 *
 * <p><b>What one operation is</b>, one benchmark method each, all on one pool built with the
 * defaults:
 * <ul>
 *   <li>{@link #openParseCloseEmpty}, {@link #openParseCloseId}: {@code pool.openArena()},
 *       {@code parse} of {@code {}} or {@code {"id":1}}, {@code close()}: the whole fixed cost of a
 *       request;
 *   <li>{@link #openParseCloseScalar}: the same for the document {@code 1}: no container, no key;
 *   <li>{@link #openClose}: {@code pool.openArena()} and {@code close()} with no parse: the
 *       pool's share (idle memory state taken from and put back on a stripe, open-arena count,
 *       the bulk free of nothing);
 *   <li>{@link #reusedParseEmpty}, {@link #reusedParseId}: {@code reset()} and the parse on one
 *       arena kept open: the parse's share without the pool's;
 *   <li>{@link #reset}: {@code reset()} alone;
 *   <li>{@link #parserAcquireRelease}: taking the calling thread's parser from the parser cache and
 *       giving it back, as every parse does;
 *   <li>{@link #jacksonStreamId}: Jackson's token stream over {@code {"id":1}}, for scale.
 * </ul>
 * The differences between the methods split the cost: open and close ({@code openClose}), parser
 * acquire, the parse's own fixed work ({@code reusedParseEmpty} less {@code reset} and parser
 * acquire: document bookkeeping, region sizing and the final move) and one key and one number
 * ({@code reusedParseId} less {@code reusedParseEmpty}: the key table's first use).
 *
 * <p><b>Score.</b> Average nanoseconds per operation. With {@code -prof gc},
 * {@code gc.alloc.rate.norm} is the heap per operation.
 *
 * <p><b>How to run</b> (from the project root, after {@code mvn -Pbench -DskipTests package}):
 * <pre>
 * java -jar target/benchmarks.jar FixedCostBenchmark -prof gc
 * </pre>
 *
 * <p>{@code ShapeCorpusTest} checks that every method returns what its document says.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class FixedCostBenchmark {
    static final byte[] EMPTY = "{}".getBytes(StandardCharsets.UTF_8);
    static final byte[] ID = "{\"id\":1}".getBytes(StandardCharsets.UTF_8);
    static final byte[] SCALAR = "1".getBytes(StandardCharsets.UTF_8);

    private JsonPool pool;
    private JsonArena kept;
    private final JsonCursor cursor = new JsonCursor();
    private JsonFactory jackson;

    /** Makes the pool, the kept arena and Jackson's factory. */
    @Setup(Level.Trial)
    public void setUp() {
        pool = JsonPool.builder().build();
        kept = pool.openArena();
        jackson = new ObjectMapper().getFactory();
    }

    /** Closes the kept arena and the pool. */
    @TearDown(Level.Trial)
    public void tearDown() {
        kept.close();
        pool.close();
    }

    /** {@return the root's size} after opening an arena, parsing {@code {}} and closing it */
    @Benchmark
    public int openParseCloseEmpty() {
        return openParseClose(EMPTY);
    }

    /** {@return the root's size} after opening an arena, parsing {@code {"id":1}} and closing it */
    @Benchmark
    public int openParseCloseId() {
        return openParseClose(ID);
    }

    /** {@return -1, the size of a scalar root} after opening an arena, parsing {@code 1} and closing it */
    @Benchmark
    public int openParseCloseScalar() {
        return openParseClose(SCALAR);
    }

    private int openParseClose(byte[] json) {
        try (JsonArena arena = pool.openArena()) {
            return DecoderType.rootSize(cursor, arena.parse(json));
        }
    }

    /** {@return the arena's budget} after opening an arena and closing it unused */
    @Benchmark
    public long openClose() {
        JsonArena arena = pool.openArena();
        long budget = arena.budget();
        arena.close();
        return budget;
    }

    /** {@return the root's size} after resetting the kept arena and parsing {@code {}} into it */
    @Benchmark
    public int reusedParseEmpty() {
        kept.reset();
        return DecoderType.rootSize(cursor, kept.parse(EMPTY));
    }

    /** {@return the root's size} after resetting the kept arena and parsing {@code {"id":1}} into it */
    @Benchmark
    public int reusedParseId() {
        kept.reset();
        return DecoderType.rootSize(cursor, kept.parse(ID));
    }

    /** {@return the kept arena's reserved bytes} after resetting it */
    @Benchmark
    public long reset() {
        kept.reset();
        return kept.bytesReserved();
    }

    /** {@return the parser's token count} after taking the thread's parser from the cache and giving it back */
    @Benchmark
    public int parserAcquireRelease() {
        Parser p = ParserCache.acquire();
        int tokens = p.tokens();
        ParserCache.release(p);
        return tokens;
    }

    /** {@return the root's size} read by Jackson's token stream over {@code {"id":1}} */
    @Benchmark
    public int jacksonStreamId() throws IOException {
        try (JsonParser parser = jackson.createParser(ID)) {
            return DecoderType.jacksonStreamRootSize(parser);
        }
    }
}
