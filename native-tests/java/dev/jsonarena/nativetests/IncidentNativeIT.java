package dev.jsonarena.nativetests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsonarena.JsonArena;
import dev.jsonarena.JsonObject;
import dev.jsonarena.JsonPool;
import dev.jsonarena.bench.ingest.GcLog;
import dev.jsonarena.bench.ingest.HostileBodies;
import dev.jsonarena.bench.ingest.IngestLoad;
import dev.jsonarena.bench.ingest.IngestRequest;
import dev.jsonarena.bench.ingest.LogBatch;
import dev.jsonarena.bench.ingest.ServiceProcess;
import dev.jsonarena.examples.LogIngestServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The log-ingest incident, replayed: the example service ({@link LogIngestServer}) in a JVM of its
 * own with a 64 MiB heap, under a bounded load on loopback ({@link IngestLoad}) of good log batches
 * (a JSON array or NDJSON, 0.2 KiB to {@link #maxGoodBytes()}) mixed with hostile bodies
 * ({@link HostileBodies}: deep nesting, many keys, colliding keys, a huge string, invalid UTF-8,
 * truncation, endless chunked bodies), one request in {@value #HOSTILE_EVERY} hostile.
 *
 * <p>Checks: every good request answered 200 with its exact counts and never a lost connection;
 * every hostile one answered with the status its kind allows (never 500), or, for a hostile body
 * over the service's 1 MiB drain bound only, a connection the service closed while the body was
 * still being sent (then the client cannot read the answer; counted and printed); no
 * {@code OutOfMemoryError} in the service's output and no full GC in its GC log
 * ({@code target/incident-gc.log}); the service's peak resident set ({@code VmHWM}, read by this
 * process from {@code /proc/<pid>/status}) within its resident set after start plus the pool's cap
 * plus {@value #RSS_MARGIN_MIB} MiB, and within its resident set after start plus the pool's high
 * water plus {@value #RSS_OVER_POOL_MIB} MiB; and the pool, read through {@code GET /stats}, with
 * nothing in use and no arena open at the end.
 *
 * <p>Short mode (the default in {@code mvn verify}): good batches up to 2 MiB, the
 * {@link HostileBodies#SHORT} attacks (a 20 MiB string), at most {@value #SHORT_REQUESTS} requests
 * or {@value #SHORT_SECONDS} s. Long mode ({@code -Djsonarena.native.mode=long}): batches up to
 * 8 MiB, the {@link HostileBodies#FULL} attacks (a 64 MiB string, 10^6 brackets), at most
 * {@value #LONG_REQUESTS} requests or {@value #LONG_SECONDS} s. A flood of 2^20 + 1 (long mode:
 * 2M) distinct member names has its own test, disabled: it ends in {@code OutOfMemoryError} (see
 * {@link HostileBodies#keyFlood}). The figures measured on the 2-core machine are in
 * {@code native-tests/README.md} and {@code docs/server.md}.
 */
class IncidentNativeIT {
    /** The service's pool cap, MiB. */
    static final int CAP_MIB = 256;
    /** The service's budget per request, MiB: an 8 MiB batch parsed as one array fits in it. */
    static final int BUDGET_MIB = 32;
    /** Client threads, one request in flight each: at most 4 arenas of 32 MiB, half the cap. */
    static final int WORKERS = 4;
    /** One request in this many is hostile; the hostile kinds take turns. */
    static final int HOSTILE_EVERY = 8;
    static final int SHORT_REQUESTS = 3_000;
    static final int SHORT_SECONDS = 45;
    static final int LONG_REQUESTS = 10_000;
    static final int LONG_SECONDS = 300;
    /**
     * Resident memory allowed above the service's resident set after start (which holds the whole
     * pre-touched heap) plus the pool's cap: what the process adds under load besides the pool.
     */
    static final int RSS_MARGIN_MIB = 64;
    /**
     * Resident memory allowed above the service's resident set after start plus the pool's high
     * water (its most reserved bytes). Measured 20 to 35 MiB in short-mode runs and 43.6 MiB in a
     * long-mode run; with native memory tracking in one short run, of 97.7 MiB of RSS growth 78 MiB
     * were the pool's chunks (NMT {@code Other}), 5 MiB JIT code, metaspace and thread stacks, the
     * remaining 14 MiB outside what NMT counts.
     */
    static final int RSS_OVER_POOL_MIB = 64;
    /** What the example drains of a refused body before it closes the connection ({@code LogIngestServer.DRAIN_BYTES}). */
    static final long DRAIN_BYTES = 1 << 20;

    private static final boolean LONG = "long".equals(System.getProperty(MemoryNativeIT.MODE_PROPERTY, "short"));

    static int maxGoodBytes() {
        return LONG ? 8 << 20 : 2 << 20;
    }

    @Test
    void logIngestServiceSurvivesTheIncidentInA64MiBHeap() throws IOException {
        Path gcFile = Path.of("target", "incident-gc.log"); // kept for inspection
        Files.deleteIfExists(gcFile);
        HostileBodies hostile = new HostileBodies(LONG ? HostileBodies.FULL : HostileBodies.SHORT);
        IngestLoad.Settings settings = LONG
                ? new IngestLoad.Settings(WORKERS, Duration.ofSeconds(LONG_SECONDS), LONG_REQUESTS, Duration.ofSeconds(120),
                        DRAIN_BYTES)
                : new IngestLoad.Settings(WORKERS, Duration.ofSeconds(SHORT_SECONDS), SHORT_REQUESTS, Duration.ofSeconds(60),
                        DRAIN_BYTES);
        List<String> flags = List.of("-Xms64m", "-Xmx64m", "-XX:+AlwaysPreTouch", GcLog.jvmFlag(gcFile));
        IngestLoad.Result load;
        java.time.Instant loadStart;
        ServiceProcess.Memory start;
        ServiceProcess.Memory end;
        Map<String, Long> pool;
        String output;
        try (ServiceProcess service = ServiceProcess.start(flags, LogIngestServer.class, List.of(JsonPool.class),
                List.of("0", "" + CAP_MIB, "" + BUDGET_MIB), List.of("OutOfMemoryError"), Duration.ofSeconds(60))) {
            start = service.memory();
            loadStart = java.time.Instant.now();
            load = IngestLoad.run(service.uri("/logs"), settings, 1, (n, random) -> next(n, random, hostile));
            pool = stats(service);
            end = service.memory();
            assertTrue(service.alive(), "the service is still running\n" + service.output());
            assertTrue(service.firstLineContaining("OutOfMemoryError").isEmpty(), service.output());
            output = service.output();
        }
        GcLog gc = GcLog.read(gcFile);

        String report = report(load, start, end, pool, gc, loadStart);
        System.out.println(report);
        List<IngestLoad.Outcome> problems = load.problems();
        assertTrue(problems.isEmpty(), problems.size() + " requests answered wrongly, the first ones:\n"
                + problems.stream().limit(5).map(Object::toString).collect(Collectors.joining("\n"))
                + "\n" + report + "\nservice output:\n" + output);
        Map<String, Map<Integer, Long>> byKind = load.statusesByKind();
        for (HostileBodies.Kind kind : HostileBodies.Kind.values()) {
            assertTrue(byKind.containsKey(kind.label()), kind.label() + " was never sent\n" + report);
        }
        assertTrue(byKind.containsKey("array") && byKind.containsKey("ndjson"), report);
        assertEquals(List.of(), gc.fullPauses(), "full GCs\n" + report);
        long allowedKiB = start.rssKiB() + ((long) CAP_MIB + RSS_MARGIN_MIB) * 1024;
        assertTrue(end.hwmKiB() <= allowedKiB, "peak RSS " + end.hwmKiB() + " KiB > " + allowedKiB + " KiB\n" + report);
        long overPoolKiB = end.hwmKiB() - start.rssKiB() - pool.get("highWaterBytes") / 1024;
        assertTrue(overPoolKiB <= RSS_OVER_POOL_MIB * 1024L, "peak RSS " + overPoolKiB
                + " KiB over the start and the pool's high water\n" + report);
        assertEquals(0, pool.get("inUseBytes"), report);
        assertEquals(0, pool.get("openArenas"), report);
        assertTrue(pool.get("highWaterBytes") <= (long) CAP_MIB << 20, report);
    }

    /**
     * The parser's table of member names lives on the Java heap while it reads; one body of
     * 2^20 + 1 distinct names (12 MB; 2M names, 26 MB, in long mode) must be refused by the
     * distinct-name limit or the request's budget before that table exhausts a 64 MiB heap.
     */
    @Test
    void aFloodOfDistinctKeysIsRefusedWithoutOutOfMemoryError() throws IOException {
        int keys = LONG ? 2_000_000 : (1 << 20) + 1;
        IngestRequest flood = HostileBodies.keyFlood("key-flood", keys);
        List<String> flags = List.of("-Xms64m", "-Xmx64m", "-XX:+AlwaysPreTouch");
        try (ServiceProcess service = ServiceProcess.start(flags, LogIngestServer.class, List.of(JsonPool.class),
                List.of("0", "" + CAP_MIB, "" + BUDGET_MIB), List.of("OutOfMemoryError"), Duration.ofSeconds(60))) {
            IngestLoad.Result load = IngestLoad.run(service.uri("/logs"),
                    new IngestLoad.Settings(1, Duration.ofSeconds(60), 3, Duration.ofSeconds(60), DRAIN_BYTES), 1, (n, random) -> flood);
            String output = service.output();
            assertTrue(service.firstLineContaining("OutOfMemoryError").isEmpty(), output);
            assertEquals(List.of(), load.problems(), output);
            assertEquals(0, stats(service).get("inUseBytes"), output);
        }
    }

    /** Request {@code n}: one in {@value #HOSTILE_EVERY} hostile, the kinds in turn; the others good batches of log-uniform size. */
    static IngestRequest next(long n, SplittableRandom random, HostileBodies hostile) {
        if (n % HOSTILE_EVERY == 3) {
            HostileBodies.Kind[] kinds = HostileBodies.Kind.values();
            return hostile.request(kinds[(int) (n / HOSTILE_EVERY % kinds.length)], random);
        }
        double lo = Math.log(200), hi = Math.log(maxGoodBytes());
        int size = (int) Math.exp(lo + random.nextDouble() * (hi - lo));
        boolean ndjson = random.nextBoolean();
        return IngestRequest.good(ndjson ? "ndjson" : "array", LogBatch.generate(random, ndjson, size));
    }

    /** {@code GET /stats}: the pool's figures. */
    static Map<String, Long> stats(ServiceProcess service) throws IOException {
        HttpURLConnection c = (HttpURLConnection) service.uri("/stats").toURL().openConnection();
        assertEquals(200, c.getResponseCode());
        byte[] body;
        try (InputStream in = c.getInputStream()) {
            body = in.readAllBytes();
        }
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        try (JsonArena arena = JsonArena.open()) {
            for (JsonObject.Member m : arena.parse(body).asObject()) {
                out.put(m.key(), m.value().asLong());
            }
        }
        return out;
    }

    static String report(IngestLoad.Result load, ServiceProcess.Memory start, ServiceProcess.Memory end,
                         Map<String, Long> pool, GcLog gc, java.time.Instant loadStart) {
        double seconds = (load.endNanos() - load.startNanos()) / 1e9;
        List<String> lines = new ArrayList<>();
        lines.add(String.format("incident (%s mode): %d requests in %.1f s, %d answered wrongly; good bodies %.1f MB,"
                        + " hostile bodies sent %.1f MB", LONG ? "long" : "short", load.outcomes().size(), seconds,
                load.problems().size(), load.okBytes(false) / 1e6, load.okBytes(true) / 1e6));
        load.statusesByKind().forEach((kind, statuses) -> {
            double[] latencies = load.outcomes().stream().filter(o -> o.kind().equals(kind))
                    .mapToDouble(IngestLoad.Outcome::latencyMillis).sorted().toArray();
            lines.add(String.format("  %-20s %s  median %.1f ms, max %.1f ms", kind,
                    statuses.entrySet().stream().map(e -> e.getValue() + " x " + e.getKey()).collect(Collectors.joining(", ")),
                    latencies[(latencies.length - 1) / 2], latencies[latencies.length - 1]));
        });
        lines.add("  closed while sent (hostile bodies over 1 MiB; no answer readable): " + load.outcomes().stream()
                .filter(IngestLoad.Outcome::closedEarly)
                .collect(Collectors.groupingBy(IngestLoad.Outcome::kind, java.util.TreeMap::new, Collectors.counting())));
        lines.add(String.format("  RSS: %.1f MiB after start, peak (VmHWM) %.1f MiB (+%.1f; %.1f over the pool's high"
                        + " water of %.1f MiB), %.1f MiB at the end", start.rssKiB() / 1024.0, end.hwmKiB() / 1024.0,
                (end.hwmKiB() - start.rssKiB()) / 1024.0,
                (end.hwmKiB() - start.rssKiB() - pool.get("highWaterBytes") / 1024) / 1024.0,
                pool.get("highWaterBytes") / 1048576.0, end.rssKiB() / 1024.0));
        lines.add("  pool: " + pool);
        lines.add(String.format("  GC: %d pauses, %.1f ms in all, longest %.1f ms, %d full", gc.pauses().size(),
                gc.pauseMillis(), gc.pauses().stream().mapToDouble(GcLog.Pause::millis).max().orElse(0),
                gc.fullPauses().size()));
        for (GcLog.Pause p : gc.fullPauses()) { // which requests were running when it happened
            long at = load.startNanos() + java.time.Duration.between(loadStart, p.end()).toNanos();
            lines.add("    " + p.line() + "; requests running: " + load.outcomes().stream()
                    .filter(o -> o.startNanos() <= at && o.endNanos() >= at)
                    .map(o -> o.kind() + " (" + o.bodyBytes() + " B)").toList());
        }
        return String.join("\n", lines);
    }
}
