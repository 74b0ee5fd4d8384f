package dev.jsonarena.bench;

import dev.jsonarena.JsonArena;
import dev.jsonarena.JsonPool;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;

/**
 * Streamed against {@code byte[]} parsing of the same bytes, in one JVM: the input kinds parse in
 * turn, round by round, into one arena reset before each parse, so that every kind sees the same
 * load and the same compiled parser. Speed is GB per CPU-second of the parsing thread (as
 * {@link ParseCpuTime}); each line gives the median of every kind and its ratio to
 * {@link InputKind#BYTES}. On a shared machine this is the steadier check of the streamed target
 * than {@link StreamParseBenchmark}, whose forks each compile the parser their own way.
 *
 * <p><b>How to run</b> (after {@code mvn -Pbench -DskipTests package}):
 * <pre>
 * java -cp target/benchmarks.jar dev.jsonarena.bench.StreamCpuTime 15 twitter.json canada.json log_records
 * </pre>
 * Arguments: the measured rounds of 250 ms per kind (after 5 warm-up rounds), then corpus files or
 * {@link GeneratedJson} names.
 *
 * <p>Thread-safety: runs on the calling thread only.
 */
public final class StreamCpuTime {
    private StreamCpuTime() {}

    private static final List<InputKind> KINDS =
            List.of(InputKind.BYTES, InputKind.STREAM, InputKind.STREAM_NO_SIZE, InputKind.CHANNEL);

    /**
     * Runs the comparison and prints one line per input.
     *
     * @param args rounds, inputs
     * @throws IOException never for these in-memory sources
     * @throws IllegalStateException if a corpus file is absent
     */
    public static void main(String[] args) throws IOException {
        int rounds = Integer.parseInt(args[0]);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (JsonPool pool = JsonPool.builder().build(); JsonArena arena = pool.openArena()) {
            for (int a = 1; a < args.length; a++) {
                String name = args[a];
                byte[] json = GeneratedJson.input(name);
                InputKind.Source[] sources = new InputKind.Source[KINDS.size()];
                for (int k = 0; k < sources.length; k++) {
                    sources[k] = KINDS.get(k).open(json);
                }
                double[][] gbPerCpuSecond = new double[sources.length][rounds];
                long sink = 0;
                for (int r = -5; r < rounds; r++) {
                    for (int k = 0; k < sources.length; k++) {
                        long n = 0;
                        long cpu = threads.getCurrentThreadCpuTime();
                        long start = System.nanoTime();
                        do {
                            arena.reset();
                            sink += System.identityHashCode(sources[k].parse(arena));
                            n++;
                        } while (System.nanoTime() - start < 250_000_000L);
                        cpu = threads.getCurrentThreadCpuTime() - cpu;
                        if (r >= 0) {
                            gbPerCpuSecond[k][r] = (double) n * json.length / cpu;
                        }
                    }
                }
                StringBuilder line = new StringBuilder(name);
                double reference = 0;
                for (int k = 0; k < sources.length; k++) {
                    double[] x = gbPerCpuSecond[k].clone();
                    Arrays.sort(x);
                    double median = x[rounds / 2];
                    reference = k == 0 ? median : reference;
                    line.append(String.format("  %s %.3f [%.3f..%.3f]", KINDS.get(k), median, x[0], x[rounds - 1]));
                    if (k > 0) {
                        line.append(String.format(" ratio %.3f", median / reference));
                    }
                    sources[k].close();
                }
                System.out.println(line + (sink == 42 ? " " : ""));
            }
        }
    }
}
