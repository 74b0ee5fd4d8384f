package dev.jsonarena.bench.bind;

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
 * The question: how fast do bytes become records, and how much heap does it take, with jsonarena's
 * binder next to Jackson databind and fastjson2 binding the same bytes into the same records?
 * (targets: at least 2x Jackson and 1.0x fastjson2 on each input; heap per operation within 10%
 * of the returned objects' own size, which {@link RetainedSize} estimates.)
 *
 * <p><b>What one operation is.</b> One {@link BindInput} (twitter, citm, one log record, an NDJSON
 * batch of log records), in memory as a {@code byte[]}, bound by one {@link BinderType}; the
 * result goes to JMH's blackhole. For jsonarena that is a reset of a reused arena (one request)
 * and the one-call {@code arena.parse(bytes, type)}, per line for NDJSON into that one arena;
 * {@code JSONARENA_STREAM} reads the same bytes from a stream, NDJSON through
 * {@code JsonRecordReader.as(type)} (see {@link BinderType}).
 *
 * <p><b>How to run</b> (from the project root, after {@code mvn -Pbench -DskipTests package}):
 * <pre>
 * java -jar target/benchmarks.jar BindBenchmark -prof gc
 * java -cp target/benchmarks.jar dev.jsonarena.bench.bind.RetainedSize   # the results' own size
 * </pre>
 * {@code BindBenchmarksTest} checks that the binders bind each input to the same records.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class BindBenchmark {
    /** The input. */
    @Param({"twitter", "citm", "log", "ndjson"})
    public String input;

    /** The binder. */
    @Param({"JSONARENA", "JSONARENA_STREAM", "JACKSON", "FASTJSON2"})
    public BinderType impl;

    private BindInput in;
    private Binder binder;

    /** Reads the input and makes the binder. */
    @Setup
    public void setUp() {
        in = BindInput.of(input);
        binder = impl.create();
    }

    /** {@return the input bound to its records} */
    @Benchmark
    public Object bind() {
        return binder.bind(in);
    }
}
