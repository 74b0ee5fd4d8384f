package dev.jsonarena.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.jsonarena.JsonFormat;
import dev.jsonarena.JsonWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * A cross-check of {@link WriterBenchmark} for a shared machine: microseconds of the writing
 * thread's CPU time per document, {@link JsonWriter} (names as String, and as JsonKey) and
 * Jackson's generator interleaved round by round in one JVM, replaying the same
 * {@link WriterEvents}. CPU time does not count waiting for a core, so a loaded machine changes
 * the figures less than JMH's wall-clock scores.
 *
 * <p><b>How to run</b> (from the project root, after {@code mvn -Pbench -DskipTests package}):
 * <pre>
 * java -cp target/benchmarks.jar dev.jsonarena.bench.WriterCpuTime twitter.json citm_catalog.json reply
 * </pre>
 * Prints, per input, the median over 6 measured rounds (after 6 warm-up rounds) of 400 ms each.
 *
 * <p>Thread-safety: runs on the calling thread only.
 */
public final class WriterCpuTime {
    private WriterCpuTime() {}

    /**
     * Runs the comparison.
     *
     * @param args corpus files or {@code reply}
     * @throws IOException if writing fails
     */
    public static void main(String[] args) throws IOException {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        JsonFactory jackson = new JsonFactory();
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
        String[] names = {"JSONARENA", "JSONARENA_KEYS", "JACKSON"};
        System.out.println("| input | " + String.join(" | ", names) + " | Jackson / JSONARENA |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (String file : args.length > 0 ? args : new String[] {"twitter.json", "citm_catalog.json", "reply"}) {
            WriterEvents events = WriterEvents.of(file.equals("reply") ? WriterBenchmark.reply() : Corpus.read(file));
            double[][] us = new double[3][6];
            for (int round = 0; round < 12; round++) {
                for (int impl = 0; impl < 3; impl++) {
                    long cpu = mx.getCurrentThreadCpuTime();
                    long end = System.nanoTime() + 400_000_000L;
                    int n = 0;
                    while (System.nanoTime() < end) {
                        out.reset();
                        if (impl < 2) {
                            try (JsonWriter w = JsonWriter.of(out, JsonFormat.COMPACT)) {
                                events.replay(w, impl == 1);
                            }
                        } else {
                            try (JsonGenerator g = jackson.createGenerator(out)) {
                                events.replay(g);
                            }
                        }
                        n++;
                    }
                    if (round >= 6) {
                        us[impl][round - 6] = (mx.getCurrentThreadCpuTime() - cpu) / 1e3 / n;
                    }
                }
            }
            double[] median = new double[3];
            for (int impl = 0; impl < 3; impl++) {
                java.util.Arrays.sort(us[impl]);
                median[impl] = (us[impl][2] + us[impl][3]) / 2;
            }
            System.out.printf("| %s | %.1f µs | %.1f µs | %.1f µs | %.2f |%n", file, median[0], median[1], median[2],
                    median[2] / median[0]);
        }
    }
}
