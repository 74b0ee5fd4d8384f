package dev.jsonarena.bench;

import dev.jsonarena.JsonPool;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A cross-check of {@link ShapeBenchmark} for a shared machine: parse speed on every document of
 * {@link ShapeCorpus} in MB per <em>CPU</em>-second of the parsing thread, jsonarena, Jackson's
 * token stream and simdjson-java interleaved round by round in one JVM (as {@link ParseCpuTime}
 * does for the four corpus files; see there for what CPU time does and does not count).
 *
 * <p>Per document: warm-up rounds, then {@code rounds} measured rounds; in each round every
 * implementation parses the document repeatedly for {@code roundMillis} of wall time. Printed: a
 * Markdown table of the median MB/CPU-s of each implementation and jsonarena's ratios to the
 * others, then the geometric mean of each column per {@link ShapeCorpus.Group}. All documents run
 * in one JVM, so the parsers' compiled code has seen every shape (as a server's would), unlike
 * {@link ShapeBenchmark}'s fork per document.
 *
 * <p><b>How to run</b> (from the project root, after {@code mvn -Pbench -DskipTests package}):
 * <pre>
 * java --add-modules jdk.incubator.vector -cp target/benchmarks.jar dev.jsonarena.bench.ShapeCpuTime
 * java --add-modules jdk.incubator.vector -Djsonarena.shapes=flat_5,record_tweet \
 *     -cp target/benchmarks.jar dev.jsonarena.bench.ShapeCpuTime 15 300
 * </pre>
 * Defaults: 9 rounds of 200 ms after 5 warm-up rounds, every document ({@value #SHAPES_PROPERTY}
 * chooses some, comma-separated). Without the incubator module, simdjson-java's column is left
 * out.
 *
 * <p>Thread-safety: runs on the calling thread only.
 */
public final class ShapeCpuTime {
    /** System property: the documents to run, comma-separated {@link ShapeCorpus#NAMES}. */
    public static final String SHAPES_PROPERTY = "jsonarena.shapes";

    private ShapeCpuTime() {}

    /**
     * Runs the comparison and prints the tables.
     *
     * @param args optional: rounds, round length in milliseconds
     * @throws IllegalStateException if a shared corpus file is absent
     */
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        long roundNanos = (args.length > 1 ? Long.parseLong(args[1]) : 200) * 1_000_000L;
        String only = System.getProperty(SHAPES_PROPERTY);
        List<String> docs = only == null ? ShapeCorpus.NAMES : List.of(only.split(","));
        List<DecoderType> impls = new ArrayList<>(List.of(DecoderType.JSONARENA, DecoderType.JACKSON_STREAM));
        if (DecoderType.SIMDJSON.available()) {
            impls.add(DecoderType.SIMDJSON);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        boolean simd = impls.contains(DecoderType.SIMDJSON);
        System.out.println("| document | group | bytes | jsonarena MB/s | Jackson stream MB/s | simdjson MB/s"
                + " | vs Jackson | vs simdjson |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|");
        Map<ShapeCorpus.Group, List<double[]>> perGroup = new EnumMap<>(ShapeCorpus.Group.class);
        long sink = 0;
        try (JsonPool pool = JsonPool.builder().build()) {
            for (String doc : docs) {
                byte[] json = ShapeCorpus.bytes(doc);
                Map<DecoderType, Decoder> decoders = new LinkedHashMap<>();
                Map<DecoderType, List<Double>> samples = new EnumMap<>(DecoderType.class);
                for (DecoderType t : impls) {
                    decoders.put(t, t.create(pool));
                    samples.put(t, new ArrayList<>());
                }
                for (int r = -5; r < rounds; r++) {
                    for (DecoderType t : impls) {
                        Decoder d = decoders.get(t);
                        long n = 0;
                        long c0 = threads.getCurrentThreadCpuTime();
                        long w0 = System.nanoTime();
                        do {
                            sink += d.parse(json);
                            n++;
                        } while (System.nanoTime() - w0 < roundNanos);
                        long cpu = threads.getCurrentThreadCpuTime() - c0;
                        if (r >= 0) {
                            samples.get(t).add((double) n * json.length * 1000 / cpu);
                        }
                    }
                }
                decoders.values().forEach(Decoder::close);
                double arena = median(samples.get(DecoderType.JSONARENA));
                double jackson = median(samples.get(DecoderType.JACKSON_STREAM));
                double simdjson = simd ? median(samples.get(DecoderType.SIMDJSON)) : Double.NaN;
                perGroup.computeIfAbsent(ShapeCorpus.group(doc), g -> new ArrayList<>())
                        .add(new double[] {arena, jackson, simdjson, arena / jackson, arena / simdjson});
                System.out.printf("| %s | %s | %,d | %.0f | %.0f | %.0f | %.2f | %.2f |%n", doc,
                        ShapeCorpus.group(doc).name().toLowerCase(), json.length, arena, jackson, simdjson,
                        arena / jackson, arena / simdjson);
            }
        }
        System.out.println();
        System.out.println("| group | documents | jsonarena MB/s | Jackson stream MB/s | simdjson MB/s | vs Jackson"
                + " | vs simdjson | worst vs Jackson |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        for (Map.Entry<ShapeCorpus.Group, List<double[]>> e : perGroup.entrySet()) {
            List<double[]> rows = e.getValue();
            double worst = rows.stream().mapToDouble(x -> x[3]).min().orElse(Double.NaN);
            System.out.printf("| %s | %d | %.0f | %.0f | %.0f | %.2f | %.2f | %.2f |%n",
                    e.getKey().name().toLowerCase(), rows.size(), geomean(rows, 0), geomean(rows, 1),
                    geomean(rows, 2), geomean(rows, 3), geomean(rows, 4), worst);
        }
        if (sink == 42) {
            System.out.println();
        }
    }

    private static double geomean(List<double[]> rows, int column) {
        double logs = 0;
        for (double[] r : rows) {
            logs += Math.log(r[column]);
        }
        return Math.exp(logs / rows.size());
    }

    private static double median(List<Double> values) {
        double[] s = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }
}
