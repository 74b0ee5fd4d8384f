package dev.jsonarena.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.jsonarena.JsonFormat;
import dev.jsonarena.JsonWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A cross-check of {@link WriterBenchmark} for a shared machine, and its view of every shape:
 * nanoseconds of the writing thread's CPU time per document, {@link JsonWriter} and Jackson's
 * generator interleaved round by round in one JVM, replaying the same {@link WriterEvents}. Names
 * are given as a {@code String} per occurrence (names taken from data) and as one {@code String}
 * per distinct name (names in code), to both generators, and as {@link dev.jsonarena.JsonKey} to
 * jsonarena. CPU time does not count waiting for a core, so a loaded machine changes the figures
 * less than JMH's wall-clock scores.
 *
 * <p><b>How to run</b> (from the project root, after {@code mvn -Pbench -DskipTests package}):
 * <pre>
 * java -cp target/benchmarks.jar dev.jsonarena.bench.WriterCpuTime twitter.json citm_catalog.json reply
 * java -cp target/benchmarks.jar dev.jsonarena.bench.WriterCpuTime shapes
 * </pre>
 * Arguments: corpus files, {@code reply} (the log-ingest service's answer), {@link ShapeCorpus}
 * names, or {@code shapes} for every document of {@link ShapeCorpus}. Prints a Markdown table: per
 * input, the median over 6 measured rounds (after 6 warm-up rounds) of 200 ms each, and Jackson ÷
 * jsonarena for each kind of {@code String} names; then the geometric mean of each ratio.
 *
 * <p>Thread-safety: runs on the calling thread only.
 */
public final class WriterCpuTime {
    private WriterCpuTime() {}

    /** The variants, in the order of the table's columns. */
    private static final String[] VARIANTS = {"jsonarena", "Jackson", "jsonarena, shared", "Jackson, shared",
        "jsonarena, JsonKey"};

    /**
     * Runs the comparison.
     *
     * @param args inputs (see the class comment); none means the four corpus files and the reply
     * @throws IOException if writing fails
     */
    public static void main(String[] args) throws IOException {
        List<String> inputs = new ArrayList<>();
        for (String a : args.length > 0 ? args
                : new String[] {"twitter.json", "citm_catalog.json", "github_events.json", "canada.json", "reply"}) {
            if (a.equals("shapes")) {
                inputs.addAll(ShapeCorpus.NAMES);
            } else {
                inputs.add(a);
            }
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        JsonFactory jackson = new JsonFactory();
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
        System.out.println("| input | bytes | " + String.join(" ns | ", VARIANTS)
                + " ns | Jackson ÷ jsonarena | shared: Jackson ÷ jsonarena |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        double logOccurrence = 0;
        double logShared = 0;
        for (String input : inputs) {
            byte[] json = input.equals("reply") ? WriterBenchmark.reply()
                    : ShapeCorpus.NAMES.contains(input) ? ShapeCorpus.bytes(input) : Corpus.read(input);
            WriterEvents[] events = {WriterEvents.of(json), null};
            events[1] = events[0].withSharedNames();
            double[][] ns = new double[VARIANTS.length][6];
            for (int round = 0; round < 12; round++) {
                for (int v = 0; v < VARIANTS.length; v++) {
                    WriterEvents e = events[v == 2 || v == 3 ? 1 : 0];
                    boolean useJackson = v == 1 || v == 3;
                    long cpu = mx.getCurrentThreadCpuTime();
                    long end = System.nanoTime() + 200_000_000L;
                    int n = 0;
                    while (System.nanoTime() < end) {
                        out.reset();
                        if (useJackson) {
                            try (JsonGenerator g = jackson.createGenerator(out)) {
                                e.replay(g);
                            }
                        } else {
                            try (JsonWriter w = JsonWriter.of(out, JsonFormat.COMPACT)) {
                                e.replay(w, v == 4);
                            }
                        }
                        n++;
                    }
                    if (round >= 6) {
                        ns[v][round - 6] = (double) (mx.getCurrentThreadCpuTime() - cpu) / n;
                    }
                }
            }
            double[] median = new double[VARIANTS.length];
            StringBuilder line = new StringBuilder("| " + input + " | " + json.length);
            for (int v = 0; v < VARIANTS.length; v++) {
                Arrays.sort(ns[v]);
                median[v] = (ns[v][2] + ns[v][3]) / 2;
                line.append(String.format(" | %,.0f", median[v]));
            }
            double occurrence = median[1] / median[0];
            double shared = median[3] / median[2];
            logOccurrence += Math.log(occurrence);
            logShared += Math.log(shared);
            System.out.println(line + String.format(" | %.2f | %.2f |", occurrence, shared));
        }
        System.out.printf("| geometric mean of %d inputs | | | | | | | %.2f | %.2f |%n", inputs.size(),
                Math.exp(logOccurrence / inputs.size()), Math.exp(logShared / inputs.size()));
    }
}
