package dev.jsonarena.bench.ingest;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jsonarena.JsonPool;
import dev.jsonarena.examples.LogIngestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The log-ingest incident as a comparison: the same HTTP service decoding its batches with
 * jsonarena ({@link LogIngestServer}, the example) or with Jackson into {@code Map} or
 * {@link com.fasterxml.jackson.databind.JsonNode} ({@link JacksonLogIngestServer}), each in a JVM of
 * its own at each heap size, under the same load; for each: requests/s, MB/s of request bodies, the
 * share of wall time the service spent in GC pauses, median and 99th percentile latency, its peak
 * resident memory, and whether it survived or when it first threw {@code OutOfMemoryError}.
 *
 * <p>The load ({@link IngestLoad}): 4 MiB JSON arrays of log records ({@link LogBatch}, eight
 * different batches in turn), {@code threads x inFlight} connections (2 client threads with 5
 * requests in flight each: 10 blocking workers) for a warm-up, then the measured window. Every
 * answer is checked against the batch's exact counts; only correct answers count as throughput.
 *
 * <p>What is measured, and how:
 * <ul>
 *   <li>requests/s and MB/s (10^6 bytes of request body per second): correct answers to requests
 *       that started and ended in the window, divided by its length;
 *   <li>GC share: the pauses the service's GC log ({@code -Xlog:gc}, {@link GcLog}) stamps inside
 *       the window, summed, over the window; full GCs counted apart;
 *   <li>p50 and p99: latency from the first byte sent to the last byte of the answer read;
 *   <li>service CPU: the CPU time of the service's process in the window (all its threads, GC
 *       included), and MB answered per CPU second: on a machine shared with other work the
 *       wall-clock rates depend on the CPU the scheduler gives the service, this one much less;
 *   <li>peak RSS: {@code VmHWM} of the service's process at the end;
 *   <li>outcome: "OOM after N s" from the start of the load (warm-up included) to the first line of
 *       the service's output that names {@code OutOfMemoryError}; "exited" if the process ended.
 * </ul>
 * The jsonarena service runs with the example's defaults: a pool capped at 256 MiB of native
 * memory and a budget of 32 MiB per request. Its heap flag bounds only the Java heap, so its peak
 * RSS is reported beside the others.
 *
 * <p>Run (after {@code mvn -Pbench -DskipTests package}, with a JDK 25 {@code java}):
 * <pre>
 * java -Xmx512m -cp target/benchmarks.jar dev.jsonarena.bench.ingest.IngestComparison \
 *     [--seconds 20] [--warmup 5] [--heaps 64m,256m,1g] [--decoders jsonarena,jackson-map,jackson-tree] \
 *     [--threads 2] [--in-flight 5] [--batch-mib 4] [--logs target/ingest-comparison]
 * </pre>
 * It prints a Markdown table, the machine and the load average. Results are in
 * {@code docs/benchmarks.md} ("Log ingest in a server: jsonarena vs Jackson").
 */
public final class IngestComparison {
    /** The services compared. */
    enum Service {
        JSONARENA("jsonarena"),
        JACKSON_MAP("jackson-map"),
        JACKSON_TREE("jackson-tree");

        final String label;

        Service(String label) {
            this.label = label;
        }

        static Service of(String label) {
            for (Service s : values()) {
                if (s.label.equals(label)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("decoder: " + label + " (expected: jsonarena, jackson-map or jackson-tree)");
        }
    }

    /** One configuration's result. */
    record Row(Service service, String heap, String outcome, IngestLoad.Window window, double gcShare, int fullGcs,
               double cpuSeconds, long peakRssKiB, String loadAverage) {
        /** {@return MB of request bodies answered per second of the service's CPU time} */
        double megabytesPerCpuSecond() {
            return window.okBytes() / 1e6 / cpuSeconds;
        }
    }

    private final int seconds;
    private final int warmup;
    private final List<String> heaps;
    private final List<Service> services;
    private final int threads;
    private final int inFlight;
    private final int batchBytes;
    private final Path logs;

    private IngestComparison(String[] args) {
        int seconds = 20, warmup = 5, threads = 2, inFlight = 5, batchMiB = 4;
        List<String> heaps = List.of("64m", "256m", "1g");
        List<String> decoders = List.of("jsonarena", "jackson-map", "jackson-tree");
        Path logs = Path.of("target", "ingest-comparison");
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + ": no value (expected: --option value)");
            }
            String v = args[i + 1];
            switch (args[i]) {
                case "--seconds" -> seconds = Integer.parseInt(v);
                case "--warmup" -> warmup = Integer.parseInt(v);
                case "--heaps" -> heaps = List.of(v.split(","));
                case "--decoders" -> decoders = List.of(v.split(","));
                case "--threads" -> threads = Integer.parseInt(v);
                case "--in-flight" -> inFlight = Integer.parseInt(v);
                case "--batch-mib" -> batchMiB = Integer.parseInt(v);
                case "--logs" -> logs = Path.of(v);
                default -> throw new IllegalArgumentException("option: " + args[i]
                        + " (expected: --seconds, --warmup, --heaps, --decoders, --threads, --in-flight, --batch-mib, --logs)");
            }
        }
        this.seconds = seconds;
        this.warmup = warmup;
        this.heaps = heaps;
        this.services = decoders.stream().map(Service::of).toList();
        this.threads = threads;
        this.inFlight = inFlight;
        this.batchBytes = batchMiB << 20;
        this.logs = logs;
    }

    /**
     * Runs every configuration, one after another, and prints the results.
     *
     * @param args see the class description
     * @throws IOException if a log directory cannot be made
     */
    public static void main(String[] args) throws IOException {
        IngestComparison c = new IngestComparison(args);
        // the JDK keeps at most 5 idle connections per host by default; keep one per worker
        System.setProperty("http.maxConnections", Integer.toString(Math.max(5, c.threads * c.inFlight)));
        Files.createDirectories(c.logs);
        List<LogBatch> batches = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(4);
        for (int i = 0; i < 8; i++) {
            batches.add(LogBatch.generate(random, false, c.batchBytes));
        }
        System.out.println(machine());
        System.out.printf("load: %d client threads x %d in flight = %d connections, JSON arrays of %.2f MB on average"
                        + " (%d records), %d s warm-up, %d s measured%n", c.threads, c.inFlight, c.threads * c.inFlight,
                batches.stream().mapToLong(b -> b.body().length).average().orElse(0) / 1e6,
                batches.getFirst().records(), c.warmup, c.seconds);
        List<Row> rows = new ArrayList<>();
        for (Service service : c.services) {
            for (String heap : c.heaps) {
                Row row = c.run(service, heap, batches);
                rows.add(row);
                System.out.println(line(row));
            }
        }
        System.out.println();
        System.out.println(table(rows));
        summary(rows).ifPresent(System.out::println);
    }

    private Row run(Service service, String heap, List<LogBatch> batches) {
        Path gcFile = logs.resolve(service.label + "-" + heap + "-gc.log");
        try {
            Files.deleteIfExists(gcFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> flags = List.of("-Xmx" + heap, GcLog.jvmFlag(gcFile));
        Class<?> main = service == Service.JSONARENA ? LogIngestServer.class : JacksonLogIngestServer.class;
        List<Class<?>> classPath = service == Service.JSONARENA ? List.of(JsonPool.class)
                : List.of(ObjectMapper.class, JsonFactory.class, JsonAutoDetect.class);
        List<String> args = switch (service) {
            case JSONARENA -> List.of("0", "256", "32");
            case JACKSON_MAP -> List.of("0", "map");
            case JACKSON_TREE -> List.of("0", "tree");
        };
        IngestLoad.Source source = (n, r) -> IngestRequest.good("array", batches.get((int) (n % batches.size())));
        int workers = threads * inFlight;
        Instant from;
        IngestLoad.Result load;
        String outcome;
        String loadAverage;
        double cpu;
        long peakRss;
        try (ServiceProcess process = ServiceProcess.start(flags, main, classPath, args, List.of("OutOfMemoryError"),
                Duration.ofSeconds(60))) {
            Instant loadStart = Instant.now();
            IngestLoad.run(process.uri("/logs"), new IngestLoad.Settings(workers, Duration.ofSeconds(warmup),
                    Long.MAX_VALUE, Duration.ofSeconds(30), 1 << 20), 1, source);
            Duration cpuFrom = process.cpuTime();
            from = Instant.now();
            load = IngestLoad.run(process.uri("/logs"), new IngestLoad.Settings(workers, Duration.ofSeconds(seconds),
                    Long.MAX_VALUE, Duration.ofSeconds(30), 1 << 20), 2, source);
            loadAverage = loadAverage();
            cpu = process.alive() ? (process.cpuTime().toNanos() - cpuFrom.toNanos()) / 1e9 : Double.NaN;
            peakRss = process.alive() ? process.memory().hwmKiB() : -1;
            Optional<ServiceProcess.Line> oom = process.firstLineContaining("OutOfMemoryError");
            outcome = oom.map(l -> String.format(Locale.ROOT, "OOM after %.1f s",
                            Duration.between(loadStart, l.read()).toMillis() / 1000.0))
                    .orElse(process.alive() ? "survived" : "exited");
        } // the service is stopped here, so its GC log is complete
        GcLog gc = GcLog.read(gcFile).between(from, from.plusSeconds(seconds));
        IngestLoad.Window window = load.window(Duration.ZERO, Duration.ofSeconds(seconds));
        return new Row(service, heap, outcome, window, gc.pauseMillis() / (seconds * 1000.0), gc.fullPauses().size(),
                cpu, peakRss, loadAverage);
    }

    private static String line(Row r) {
        IngestLoad.Window w = r.window();
        return String.format(Locale.ROOT, "%-12s -Xmx%-4s %-16s %7.1f req/s %8.1f MB/s  GC %5.1f%% (%d full)  p50 %7.1f ms"
                        + "  p99 %8.1f ms  ok %d, failed %d  CPU %.1f s (%.0f MB per CPU s)  peak RSS %s  load %s",
                r.service().label, r.heap(), r.outcome(), w.requestsPerSecond(), w.megabytesPerSecond(),
                100 * r.gcShare(), r.fullGcs(), w.p50Millis(), w.p99Millis(), w.ok(), w.failed(), r.cpuSeconds(),
                r.megabytesPerCpuSecond(), r.peakRssKiB() < 0 ? "-" : r.peakRssKiB() / 1024 + " MiB", r.loadAverage());
    }

    private static String table(List<Row> rows) {
        StringBuilder s = new StringBuilder("| decoder | heap | outcome | requests/s | MB/s | GC pauses | full GCs"
                + " | p50 ms | p99 ms | ok / failed | service CPU s | MB per CPU s | peak RSS MiB |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            IngestLoad.Window w = r.window();
            s.append(String.format(Locale.ROOT, "| %s | -Xmx%s | %s | %.1f | %.0f | %.1f%% | %d | %.0f | %.0f | %d / %d | %.1f"
                            + " | %.0f | %s |%n", r.service().label, r.heap(), r.outcome(), w.requestsPerSecond(),
                    w.megabytesPerSecond(), 100 * r.gcShare(), r.fullGcs(), w.p50Millis(), w.p99Millis(), w.ok(),
                    w.failed(), r.cpuSeconds(), r.megabytesPerCpuSecond(),
                    r.peakRssKiB() < 0 ? "-" : Long.toString(r.peakRssKiB() / 1024)));
        }
        return s.toString();
    }

    /** The goal's comparison: jsonarena at the smallest heap against the best Jackson run at the largest. */
    private static Optional<String> summary(List<Row> rows) {
        Optional<Row> arena = rows.stream().filter(r -> r.service() == Service.JSONARENA).findFirst();
        Optional<Row> jackson = rows.stream().filter(r -> r.service() != Service.JSONARENA)
                .filter(r -> r.heap().equals(rows.getLast().heap()))
                .max(java.util.Comparator.comparingDouble(r -> r.window().megabytesPerSecond()));
        if (arena.isEmpty() || jackson.isEmpty() || jackson.get().window().megabytesPerSecond() == 0) {
            return Optional.empty();
        }
        Row a = arena.get(), j = jackson.get();
        return Optional.of(String.format(Locale.ROOT, "jsonarena at -Xmx%s: %.0f MB/s (%.0f MB per CPU s) with %.2f%% of"
                        + " the time in GC pauses; %.1fx the wall-clock rate and %.1fx the rate per CPU second of the best"
                        + " Jackson run at -Xmx%s (%s, %.0f MB/s, %.0f MB per CPU s, %.1f%% GC)", a.heap(),
                a.window().megabytesPerSecond(), a.megabytesPerCpuSecond(), 100 * a.gcShare(),
                a.window().megabytesPerSecond() / j.window().megabytesPerSecond(),
                a.megabytesPerCpuSecond() / j.megabytesPerCpuSecond(), j.heap(), j.service().label,
                j.window().megabytesPerSecond(), j.megabytesPerCpuSecond(), 100 * j.gcShare()));
    }

    private static String machine() {
        String cpu = "unknown";
        long memKiB = 0;
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse(cpu);
            memKiB = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                    .findFirst().map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).orElse(0L);
        } catch (IOException e) {
            // not Linux: the model stays unknown
        }
        return String.format(Locale.ROOT, "machine: %s, %d processors, %.1f GiB memory; Java %s (%s); load average %s",
                cpu, Runtime.getRuntime().availableProcessors(), memKiB / 1024.0 / 1024.0,
                Runtime.version(), System.getProperty("java.vendor"), loadAverage());
    }

    /** {@return the 1-, 5- and 15-minute load averages, or "?"} */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }
}
