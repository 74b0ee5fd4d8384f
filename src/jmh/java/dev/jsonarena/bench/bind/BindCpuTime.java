package dev.jsonarena.bench.bind;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * A cross-check of {@link BindBenchmark} and {@link BindWriteBenchmark} for a shared machine: per
 * input, the binding thread's CPU time and heap allocated per operation for each
 * {@link BinderType}, interleaved round by round in one JVM. CPU time does not count waiting for
 * a core, so a loaded machine changes the figures less than JMH's wall-clock scores; heap is
 * {@code com.sun.management.ThreadMXBean.getThreadAllocatedBytes} of the thread.
 *
 * <p><b>How to run</b> (from the project root, after {@code mvn -Pbench -DskipTests package}):
 * <pre>
 * java -Xms1g -Xmx1g -cp target/benchmarks.jar dev.jsonarena.bench.bind.BindCpuTime [read|write] [input...]
 * </pre>
 * Prints, per input, the median over 5 measured rounds (after 5 warm-up rounds) of 400 ms per
 * binder, and the ratios of Jackson's and fastjson2's to jsonarena's (the one-call parse of a
 * {@code byte[]}, the first binder).
 *
 * <p>Thread-safety: runs on the calling thread only.
 */
public final class BindCpuTime {
    private static final int WARMUP = 5;
    private static final int ROUNDS = 5;

    private BindCpuTime() {}

    /**
     * Runs the comparison.
     *
     * @param args {@code read} or {@code write}, then input names (default: all)
     * @throws IOException if writing fails
     */
    public static void main(String[] args) throws IOException {
        boolean write = args.length > 0 && args[0].equals("write");
        String[] inputs = args.length > 1 ? Arrays.copyOfRange(args, 1, args.length) : BindInput.NAMES.toArray(String[]::new);
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        java.lang.reflect.Method allocated;
        try { // com.sun.management.ThreadMXBean, reached by reflection: the test sources do not read jdk.management
            allocated = Class.forName("com.sun.management.ThreadMXBean").getMethod("getThreadAllocatedBytes", long.class);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this JVM does not count allocated bytes per thread", e);
        }
        BinderType[] types = BinderType.values();
        System.out.println("| " + (write ? "write" : "bind") + " input | " + Arrays.stream(types)
                .map(t -> t + " us/op | " + t + " B/op").reduce((a, b) -> a + " | " + b).orElseThrow()
                + " | JACKSON/JSONARENA | FASTJSON2/JSONARENA |");
        System.out.println("|---|" + "---:|".repeat(types.length * 2 + 2));
        ByteArrayOutputStream out = new ByteArrayOutputStream(4 << 20);
        long thread = Thread.currentThread().threadId();
        for (String name : inputs) {
            BindInput in = BindInput.of(name);
            Binder[] binders = new Binder[types.length];
            for (int i = 0; i < types.length; i++) {
                binders[i] = types[i].create();
            }
            Object value = write ? binders[0].bind(in) : null;
            double[][] us = new double[types.length][ROUNDS];
            double[][] bytes = new double[types.length][ROUNDS];
            Object sink = null;
            for (int round = 0; round < WARMUP + ROUNDS; round++) {
                for (int t = 0; t < types.length; t++) {
                    long cpu = mx.getCurrentThreadCpuTime();
                    long heap = allocatedBytes(allocated, mx, thread);
                    long end = System.nanoTime() + 400_000_000L;
                    int n = 0;
                    while (System.nanoTime() < end) {
                        if (write) {
                            out.reset();
                            binders[t].write(value, out);
                        } else {
                            sink = binders[t].bind(in);
                        }
                        n++;
                    }
                    if (round >= WARMUP) {
                        us[t][round - WARMUP] = (mx.getCurrentThreadCpuTime() - cpu) / 1e3 / n;
                        bytes[t][round - WARMUP] = (double) (allocatedBytes(allocated, mx, thread) - heap) / n;
                    }
                }
            }
            StringBuilder row = new StringBuilder("| " + name + " | ");
            double[] med = new double[types.length];
            for (int t = 0; t < types.length; t++) {
                med[t] = median(us[t]);
                row.append(String.format("%.1f | %,.0f | ", med[t], median(bytes[t])));
            }
            row.append(String.format("%.2f | %.2f |", med[BinderType.JACKSON.ordinal()] / med[0],
                    med[BinderType.FASTJSON2.ordinal()] / med[0]));
            System.out.println(row);
            if (sink == null && !write) {
                throw new IllegalStateException("no result");
            }
        }
    }

    private static long allocatedBytes(java.lang.reflect.Method allocated, Object mx, long thread) {
        try {
            return (long) allocated.invoke(mx, thread);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
