package dev.jsonarena.bench.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsonarena.examples.LogIngestServer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The services and the load of the incident test and of {@link IngestComparison} compute the right
 * answers: every generated batch, array or NDJSON, gets its exact counts from the jsonarena example
 * and from both Jackson variants; every hostile kind, at small sizes, gets the status
 * {@link HostileBodies} expects from the example; the load checks what it is told to check.
 */
class IngestServicesTest {
    private static final IngestLoad.Settings ONE_WORKER =
            new IngestLoad.Settings(1, Duration.ofSeconds(60), Long.MAX_VALUE, Duration.ofSeconds(30), 1 << 20);

    private static List<IngestRequest> goodBatches() {
        SplittableRandom random = new SplittableRandom(11);
        List<IngestRequest> out = new ArrayList<>();
        for (int size : new int[] {150, 3_000, 200_000, 1_500_000}) {
            out.add(IngestRequest.good("array", LogBatch.generate(random, false, size)));
            out.add(IngestRequest.good("ndjson", LogBatch.generate(random, true, size)));
        }
        return out;
    }

    private static IngestLoad.Result send(URI uri, List<IngestRequest> requests) {
        IngestLoad.Settings settings = new IngestLoad.Settings(1, ONE_WORKER.duration(), requests.size(),
                ONE_WORKER.readTimeout(), ONE_WORKER.drainBytes());
        return IngestLoad.run(uri, settings, 1, (n, random) -> requests.get((int) n));
    }

    @Test
    void everyServiceCountsEveryGeneratedBatchExactly() throws IOException {
        List<IngestRequest> batches = goodBatches();
        LogIngestServer arena = new LogIngestServer(0, 64L << 20, 16L << 20);
        JacksonLogIngestServer map = new JacksonLogIngestServer(0, JacksonLogIngestServer.Decoding.MAP);
        JacksonLogIngestServer tree = new JacksonLogIngestServer(0, JacksonLogIngestServer.Decoding.TREE);
        try {
            for (int port : new int[] {arena.port(), map.port(), tree.port()}) {
                IngestLoad.Result result = send(URI.create("http://127.0.0.1:" + port + "/logs"), batches);
                assertEquals(batches.size(), result.outcomes().size());
                assertEquals(List.of(), result.problems(), "port " + port);
            }
        } finally {
            arena.stop();
            map.stop();
            tree.stop();
        }
    }

    @Test
    void generatedBatchesCountEveryLevelTheirRecordsSpell() {
        LogBatch batch = LogBatch.generate(new SplittableRandom(3), true, 400_000);
        String text = new String(batch.body(), StandardCharsets.UTF_8);
        assertEquals(batch.records(), text.lines().count());
        assertEquals(batch.records(), batch.levels().values().stream().mapToLong(Long::longValue).sum());
        assertTrue(batch.levels().keySet().containsAll(List.of("DEBUG", "INFO", "WARN", "ERROR", LogBatch.NO_LEVEL)),
                batch.levels().toString());
        assertTrue(text.contains("\"W\\u0041RN\""), "the escaped spelling of WARN is generated");
    }

    @Test
    void theExampleAnswersEveryHostileKindAsExpected() throws IOException {
        HostileBodies hostile = new HostileBodies(new HostileBodies.Sizes(2_000, 5_000, 6, 3, 17 << 20, 40L << 20));
        SplittableRandom random = new SplittableRandom(5);
        List<IngestRequest> requests = new ArrayList<>();
        for (HostileBodies.Kind kind : HostileBodies.Kind.values()) {
            requests.add(hostile.request(kind, random));
        }
        requests.add(IngestRequest.good("array", LogBatch.generate(random, false, 10_000))); // the service goes on
        LogIngestServer service = new LogIngestServer(0, 64L << 20, 16L << 20);
        try {
            IngestLoad.Result result = send(URI.create("http://127.0.0.1:" + service.port() + "/logs"), requests);
            assertEquals(List.of(), result.problems());
            Map<String, Map<Integer, Long>> statuses = result.statusesByKind();
            for (HostileBodies.Kind kind : HostileBodies.Kind.values()) {
                assertTrue(statuses.containsKey(kind.label()), kind.label());
            }
            assertEquals(0, service.pool().stats().inUseBytes());
        } finally {
            service.stop();
        }
    }

    @Test
    void theLoadReportsAWrongCountAsAProblem() throws IOException {
        LogBatch batch = LogBatch.generate(new SplittableRandom(9), false, 5_000);
        LogBatch lying = new LogBatch(batch.contentType(), batch.body(), batch.records() + 1, batch.levels());
        LogIngestServer service = new LogIngestServer(0, 64L << 20, 16L << 20);
        try {
            IngestLoad.Result result = send(URI.create("http://127.0.0.1:" + service.port() + "/logs"),
                    List.of(IngestRequest.good("array", lying)));
            assertEquals(1, result.problems().size());
            assertTrue(result.problems().getFirst().problem().startsWith("answer "), result.problems().toString());
        } finally {
            service.stop();
        }
    }

    @Test
    void gcLogPausesAreReadWithTheirWallClockTime() throws IOException {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("gc", ".log");
        try {
            java.nio.file.Files.writeString(file, """
                    [2026-12-05T20:30:01.100+0000] Using G1
                    [2026-12-05T20:30:01.123+0000] GC(3) Pause Young (Normal) (G1 Evacuation Pause) 30M->4M(64M) 3.210ms
                    [2026-12-05T20:30:02.000+0000] GC(4) Concurrent Mark Cycle 12.000ms
                    [2026-12-05T20:30:03.500+0000] GC(5) Pause Full (G1 Compaction Pause) 63M->60M(64M) 120.5ms
                    """);
            GcLog log = GcLog.read(file);
            assertEquals(2, log.pauses().size());
            assertEquals(123.71, log.pauseMillis(), 1e-9);
            assertEquals(1, log.fullPauses().size());
            java.time.Instant t = java.time.Instant.parse("2026-12-05T20:30:02Z");
            assertEquals(1, log.between(t, t.plusSeconds(5)).pauses().size());
        } finally {
            java.nio.file.Files.delete(file);
        }
    }
}
