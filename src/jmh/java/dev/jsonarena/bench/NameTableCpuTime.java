package dev.jsonarena.bench;

import dev.jsonarena.JsonArena;
import dev.jsonarena.JsonLimits;
import java.lang.invoke.MethodHandle;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The cost of documents with many distinct member names, where the parser's table of names is
 * large: per size, an array of two objects of the same {@code names} distinct names
 * ({@code "k0000000"} ...; the second object finds every name already interned), parsed in a loop
 * into one reused arena. Prints the median over the measured rounds of the calling thread's CPU
 * nanoseconds per member and of the heap bytes it allocates per distinct name (as
 * {@link ParseCpuTime} reads them). Run it with a small heap and {@code -Xlog:gc} to see
 * the collections the table's allocations cause.
 *
 * <p><b>How to run</b> (from the project root, after {@code mvn -Pbench -DskipTests package}):
 * <pre>
 * java -Xmx1g -cp target/benchmarks.jar dev.jsonarena.bench.NameTableCpuTime [names...]
 * </pre>
 * Defaults: 3,000, 20,000, 60,000 and 200,000 names; 3 warm-up and 7 measured rounds of 400 ms
 * each. The class uses the public API only, so it also runs against an older build's jar put after
 * it on the class path.
 *
 * <p>Thread-safety: runs on the calling thread only.
 */
public final class NameTableCpuTime {
    private static final int WARMUP_ROUNDS = 3;
    private static final int ROUNDS = 7;
    private static final long ROUND_NANOS = 400_000_000L;

    private NameTableCpuTime() {}

    /** {@return two objects of the same {@code names} distinct names, in an array} */
    static byte[] twoRecords(int names) {
        StringBuilder sb = new StringBuilder(names * 28 + 8).append('[');
        for (int r = 0; r < 2; r++) {
            sb.append(r == 0 ? "{" : ",{");
            for (int i = 0; i < names; i++) {
                sb.append(i == 0 ? "" : ",").append("\"k").append(String.format("%07d", i)).append("\":").append(i % 10);
            }
            sb.append('}');
        }
        return sb.append(']').toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Runs the measurement.
     *
     * @param args the distinct-name counts to measure (default: 3000 20000 60000 200000)
     */
    public static void main(String[] args) {
        int[] sizes = args.length == 0 ? new int[] {3_000, 20_000, 60_000, 200_000}
                : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        MethodHandle allocatedBytes = ParseCpuTime.allocatedBytesHandle(mx);
        System.out.println("| distinct names | CPU ns per member (median) | min | max | heap B per name (median) |");
        System.out.println("|---:|---:|---:|---:|---:|");
        for (int names : sizes) {
            byte[] json = twoRecords(names);
            JsonLimits limits = JsonLimits.builder().maxDistinctKeys(names).build();
            List<Double> nanos = new ArrayList<>();
            List<Double> heap = new ArrayList<>();
            try (JsonArena arena = JsonArena.open()) {
                for (int round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
                    long cpu = mx.getCurrentThreadCpuTime();
                    long allocated = ParseCpuTime.allocated(allocatedBytes);
                    long end = System.nanoTime() + ROUND_NANOS;
                    int parses = 0;
                    while (System.nanoTime() < end) {
                        arena.reset();
                        arena.parse(json, limits);
                        parses++;
                    }
                    if (round >= WARMUP_ROUNDS) {
                        nanos.add((mx.getCurrentThreadCpuTime() - cpu) / (double) parses / (2.0 * names));
                        heap.add((ParseCpuTime.allocated(allocatedBytes) - allocated) / (double) parses / names);
                    }
                }
            }
            nanos.sort(null);
            heap.sort(null);
            System.out.printf("| %,d | %.1f | %.1f | %.1f | %.0f |%n", names, nanos.get(ROUNDS / 2), nanos.get(0),
                    nanos.get(ROUNDS - 1), heap.get(ROUNDS / 2));
        }
    }
}
