package dev.jsonarena.bench;

import dev.jsonarena.JsonPool;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A cross-check of {@link ParseBenchmark} for a shared machine: parse-only speed in GB per
 * <em>CPU</em>-second of the parsing thread, with the implementations interleaved round by round
 * in one JVM.
 *
 * <p>JMH measures wall-clock time, so on a machine whose cores are also busy with other work a
 * trial's score falls with the CPU share it got, and trials that ran at different moments are not
 * comparable. This harness divides the bytes parsed by the thread's CPU time
 * ({@link ThreadMXBean#getCurrentThreadCpuTime}), which time spent waiting for a core does not
 * count, and alternates the implementations every round so each sees the same conditions. It
 * still counts what contention does to caches, and the CPU time of GC threads is not charged to
 * the heap decoder (its wall-clock cost is larger than shown here). Heap bytes per parse come
 * from {@code com.sun.management.ThreadMXBean.getCurrentThreadAllocatedBytes}.
 *
 * <p>Per file: warm-up rounds, then {@code rounds} measured rounds; in each round every
 * implementation parses the file repeatedly for {@code roundMillis} of wall time. Printed: the
 * median, minimum and maximum over the rounds of GB per CPU-second, and the median heap bytes per
 * parse.
 *
 * <p><b>How to run</b> (from the project root, after {@code mvn -Pbench -DskipTests package}):
 * <pre>
 * java -cp target/benchmarks.jar dev.jsonarena.bench.ParseCpuTime [rounds] [roundMillis]
 * java -Djsonarena.impls=JSONARENA,HEAP_DECODER,JACKSON_TREE,JACKSON_STREAM,FASTJSON2 \
 *     -cp target/benchmarks.jar dev.jsonarena.bench.ParseCpuTime
 * java --add-modules jdk.incubator.vector -Djsonarena.impls=JSONARENA,HEAP_DECODER,SIMDJSON \
 *     -cp target/benchmarks.jar dev.jsonarena.bench.ParseCpuTime
 * </pre>
 * Defaults: 15 rounds of 400 ms after 10 warm-up rounds, implementations {@value #DEFAULT_IMPLS}
 * ({@value #IMPLS_PROPERTY} chooses others: {@link DecoderType} names, comma-separated;
 * {@code SIMDJSON} needs the incubator module added as above).
 *
 * <p>Thread-safety: runs on the calling thread only.
 */
public final class ParseCpuTime {
    /** System property: the implementations to compare, comma-separated {@link DecoderType} names. */
    public static final String IMPLS_PROPERTY = "jsonarena.impls";
    /** The implementations compared when {@value #IMPLS_PROPERTY} is not set. */
    public static final String DEFAULT_IMPLS = "JSONARENA,HEAP_DECODER";

    private ParseCpuTime() {}

    /**
     * Runs the comparison on every corpus file and prints a Markdown table.
     *
     * @param args optional: rounds, round length in milliseconds
     * @throws IllegalStateException if a corpus file is absent, or an implementation cannot run in
     *     this JVM
     * @throws IllegalArgumentException if {@value #IMPLS_PROPERTY} names no implementation or an
     *     unknown one
     */
    public static void main(String[] args) {
        List<DecoderType> impls = impls(System.getProperty(IMPLS_PROPERTY, DEFAULT_IMPLS));
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        long roundNanos = (args.length > 1 ? Long.parseLong(args[1]) : 400) * 1_000_000L;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        MethodHandle allocatedBytes = allocatedBytesHandle(threads);
        System.out.println("| file | impl | GB/CPU-s median | min | max | heap B/parse (median) |");
        System.out.println("|---|---|---:|---:|---:|---:|");
        try (JsonPool pool = JsonPool.builder().build()) {
            for (String file : Corpus.FILES) {
                byte[] json = Corpus.read(file);
                Map<DecoderType, Decoder> decoders = new EnumMap<>(DecoderType.class);
                Map<DecoderType, List<double[]>> samples = new EnumMap<>(DecoderType.class);
                for (DecoderType t : impls) {
                    decoders.put(t, t.create(pool));
                    samples.put(t, new ArrayList<>());
                }
                long sink = 0;
                for (int r = -10; r < rounds; r++) {
                    for (DecoderType t : impls) {
                        Decoder d = decoders.get(t);
                        long n = 0;
                        long a0 = allocated(allocatedBytes);
                        long c0 = threads.getCurrentThreadCpuTime();
                        long w0 = System.nanoTime();
                        do {
                            sink += d.parse(json);
                            n++;
                        } while (System.nanoTime() - w0 < roundNanos);
                        long cpu = threads.getCurrentThreadCpuTime() - c0;
                        long allocated = allocated(allocatedBytes) - a0;
                        if (r >= 0) {
                            samples.get(t).add(new double[] {(double) n * json.length / cpu, (double) allocated / n});
                        }
                    }
                }
                for (DecoderType t : impls) {
                    decoders.get(t).close();
                    double[] speed = samples.get(t).stream().mapToDouble(s -> s[0]).sorted().toArray();
                    double[] heap = samples.get(t).stream().mapToDouble(s -> s[1]).sorted().toArray();
                    System.out.printf("| %s | %s | %.3f | %.3f | %.3f | %,.0f |%n", file, t, median(speed), speed[0],
                            speed[speed.length - 1], median(heap));
                }
                if (sink == 42) {
                    System.out.println();
                }
            }
        }
    }

    /**
     * Parses a list of implementations.
     *
     * @param spec {@link DecoderType} names separated by commas, e.g. {@value #DEFAULT_IMPLS}
     * @return the implementations in the order given, each once
     * @throws IllegalArgumentException if {@code spec} names none, or a name is not a
     *     {@link DecoderType}
     */
    static List<DecoderType> impls(String spec) {
        List<DecoderType> impls = new ArrayList<>();
        for (String name : spec.split(",")) {
            String n = name.strip();
            if (n.isEmpty()) {
                continue;
            }
            DecoderType t;
            try {
                t = DecoderType.valueOf(n);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(IMPLS_PROPERTY + ": unknown implementation \"" + n + "\" (expected: "
                        + "comma-separated names of " + Arrays.toString(DecoderType.values()) + ")", e);
            }
            if (!impls.contains(t)) {
                impls.add(t);
            }
        }
        if (impls.isEmpty()) {
            throw new IllegalArgumentException(IMPLS_PROPERTY + ": \"" + spec + "\" names no implementation (expected:"
                    + " comma-separated names of " + Arrays.toString(DecoderType.values()) + ")");
        }
        return List.copyOf(impls);
    }

    /**
     * {@return {@code com.sun.management.ThreadMXBean.getCurrentThreadAllocatedBytes} bound to
     * {@code threads}} (looked up reflectively: the test sources compile in the library's module,
     * which does not read {@code jdk.management}; at run time the jar is on the class path)
     */
    static MethodHandle allocatedBytesHandle(ThreadMXBean threads) {
        try {
            Class<?> type = Class.forName("com.sun.management.ThreadMXBean");
            return MethodHandles.publicLookup().findVirtual(type, "getCurrentThreadAllocatedBytes",
                    MethodType.methodType(long.class)).bindTo(threads);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("com.sun.management.ThreadMXBean.getCurrentThreadAllocatedBytes is"
                    + " unavailable (expected: a HotSpot JDK)", e);
        }
    }

    static long allocated(MethodHandle allocatedBytes) {
        try {
            return (long) allocatedBytes.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException("reading the thread's allocated bytes", t);
        }
    }

    private static double median(double[] sorted) {
        double[] s = Arrays.copyOf(sorted, sorted.length);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }
}
