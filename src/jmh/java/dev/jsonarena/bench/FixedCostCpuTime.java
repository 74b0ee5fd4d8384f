package dev.jsonarena.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * A cross-check of {@link FixedCostBenchmark} for a shared machine, and its A/B harness: the
 * nanoseconds of <em>CPU</em> time of the calling thread per operation of each of its methods, the
 * methods interleaved round by round in one JVM (see {@link ParseCpuTime} for what CPU time does
 * and does not count).
 *
 * <p>Warm-up rounds, then {@code rounds} measured rounds; in each round every method runs
 * repeatedly for {@code roundMillis} of wall time. Printed: a Markdown table of the median, minimum
 * and maximum ns per operation over the rounds.
 *
 * <p><b>How to run</b> (from the project root, after {@code mvn -Pbench -DskipTests package}):
 * <pre>
 * java -cp target/benchmarks.jar dev.jsonarena.bench.FixedCostCpuTime [rounds] [roundMillis]
 * </pre>
 * Defaults: 21 rounds of 200 ms after 10 warm-up rounds.
 *
 * <p>Thread-safety: runs on the calling thread only.
 */
public final class FixedCostCpuTime {
    private FixedCostCpuTime() {}

    /**
     * Runs every method and prints the table.
     *
     * @param args optional: rounds, round length in milliseconds
     */
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 21;
        long roundNanos = (args.length > 1 ? Long.parseLong(args[1]) : 200) * 1_000_000L;
        FixedCostBenchmark b = new FixedCostBenchmark();
        b.setUp();
        Map<String, IntSupplier> methods = new LinkedHashMap<>();
        methods.put("openParseCloseEmpty", b::openParseCloseEmpty);
        methods.put("openParseCloseId", b::openParseCloseId);
        methods.put("openParseCloseScalar", b::openParseCloseScalar);
        methods.put("openClose", () -> (int) b.openClose());
        methods.put("reusedParseEmpty", b::reusedParseEmpty);
        methods.put("reusedParseId", b::reusedParseId);
        methods.put("reset", () -> (int) b.reset());
        methods.put("parserAcquireRelease", b::parserAcquireRelease);
        methods.put("jacksonStreamId", () -> {
            try {
                return b.jacksonStreamId();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, List<Double>> samples = new LinkedHashMap<>();
        methods.keySet().forEach(m -> samples.put(m, new ArrayList<>()));
        long sink = 0;
        try {
            for (int r = -10; r < rounds; r++) {
                for (Map.Entry<String, IntSupplier> e : methods.entrySet()) {
                    IntSupplier op = e.getValue();
                    long n = 0;
                    long c0 = threads.getCurrentThreadCpuTime();
                    long w0 = System.nanoTime();
                    do {
                        for (int i = 0; i < 64; i++) {
                            sink += op.getAsInt();
                        }
                        n += 64;
                    } while (System.nanoTime() - w0 < roundNanos);
                    long cpu = threads.getCurrentThreadCpuTime() - c0;
                    if (r >= 0) {
                        samples.get(e.getKey()).add((double) cpu / n);
                    }
                }
            }
        } finally {
            b.tearDown();
        }
        System.out.println("| method | ns/op (CPU) median | min | max |");
        System.out.println("|---|---:|---:|---:|");
        for (Map.Entry<String, List<Double>> e : samples.entrySet()) {
            double[] s = e.getValue().stream().mapToDouble(Double::doubleValue).sorted().toArray();
            System.out.printf("| %s | %.1f | %.1f | %.1f |%n", e.getKey(), s[s.length / 2], s[0], s[s.length - 1]);
        }
        if (sink == 42) {
            System.out.println();
        }
    }
}
