package dev.jsonarena.bench.bind;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The question: how fast are records written as JSON by jsonarena's binder, next to Jackson's
 * {@code writeValue} and fastjson2's {@code writeTo}? (target: at least 1.5x Jackson.)
 *
 * <p><b>What one operation is.</b> The records of one {@link BindInput} (bound once in the setup,
 * by jsonarena) written as compact JSON into a reused {@code ByteArrayOutputStream}. An NDJSON
 * input is written as one JSON array of its records.
 *
 * <p><b>How to run</b> (from the project root, after {@code mvn -Pbench -DskipTests package}):
 * <pre>
 * java -jar target/benchmarks.jar BindWriteBenchmark -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class BindWriteBenchmark {
    /** The input whose records are written. */
    @Param({"twitter", "citm", "log", "ndjson"})
    public String input;

    /** The writer. */
    @Param({"JSONARENA", "JACKSON", "FASTJSON2"})
    public BinderType impl;

    private Object value;
    private Binder binder;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(4 << 20);

    /** Binds the input once and makes the writer. */
    @Setup
    public void setUp() {
        value = BinderType.JSONARENA.create().bind(BindInput.of(input));
        binder = impl.create();
    }

    /** {@return the bytes written} */
    @Benchmark
    public int write() throws IOException {
        out.reset();
        binder.write(value, out);
        return out.size();
    }
}
