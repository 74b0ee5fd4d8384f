package dev.jsonarena;

import static dev.jsonarena.DecoderSupport.heapPerRequest;
import static dev.jsonarena.DecoderSupport.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import jdk.jfr.Configuration;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import jdk.jfr.ValueDescriptor;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code dev.jsonarena.*} Flight Recorder events: each is recorded where its thing happens,
 * with the figures the library's own exceptions and stats report; none costs a parse anything
 * while no recording wants it, and a process that never records loads no event class at all.
 */
class FlightRecorderEventsTest {
    private static final String PARSE = "dev.jsonarena.Parse";
    private static final String BUDGET = "dev.jsonarena.BudgetExceeded";
    private static final String EXHAUSTED = "dev.jsonarena.PoolExhausted";
    private static final String TRIM = "dev.jsonarena.Trim";
    private static final String STATISTICS = "dev.jsonarena.PoolStatistics";
    private static final Set<String> ALL = Set.of(PARSE, BUDGET, EXHAUSTED, TRIM, STATISTICS);
    private static final long KIB = 1024;

    /** A recording of every jsonarena event (no threshold, statistics every 50 ms), dumped and read back. */
    private static List<RecordedEvent> record(Path dir, RecordedAction action) throws Exception {
        try (Recording recording = new Recording()) {
            for (String name : ALL) {
                recording.enable(name).withoutThreshold().withStackTrace();
            }
            recording.enable(STATISTICS).withPeriod(Duration.ofMillis(50));
            recording.start();
            action.run();
            recording.stop();
            Path file = dir.resolve("jsonarena.jfr");
            recording.dump(file);
            return RecordingFile.readAllEvents(file).stream()
                    .filter(e -> ALL.contains(e.getEventType().getName()))
                    .toList();
        }
    }

    interface RecordedAction {
        void run() throws Exception;
    }

    private static List<RecordedEvent> of(List<RecordedEvent> events, String name, String pool) {
        return events.stream()
                .filter(e -> e.getEventType().getName().equals(name) && pool.equals(e.getString("pool")))
                .toList();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void parsesAreRecordedWithTheirInputKindSizeTokensArenaBytesAndOutcome(@TempDir Path dir) throws Exception {
        byte[] good = utf8("[1,2,{\"a\":\"b\"}]"); // 6 tokens: the array, 1, 2, the object, "a", "b"
        byte[] bad = utf8("[1,2,");
        Path file = dir.resolve("doc.json");
        Files.write(file, good);
        List<Long> reservedAfter = new ArrayList<>();
        List<RecordedEvent> events;
        try (JsonPool pool = JsonPool.builder().name("jfr-parse").idleTimeout(Duration.ZERO).build()) {
            events = record(dir, () -> {
                try (JsonArena arena = pool.openArena()) {
                    arena.parse(good);
                    reservedAfter.add(arena.bytesReserved());
                    assertThrows(JsonParseException.class, () -> arena.parse(bad));
                    arena.parse(MemorySegment.ofArray(good));
                    arena.parse(ByteBuffer.allocateDirect(good.length).put(good).flip());
                    arena.parse(slowly(good, 30), good.length, JsonLimits.defaults());
                    arena.parse(Channels.newChannel(new ByteArrayInputStream(good)));
                    arena.parseFile(file);
                    assertThrows(JsonLimitException.class,
                            () -> arena.parse(utf8("[[[1]]]"), JsonLimits.builder().maxDepth(2).build()));
                    try (JsonRecordReader records = JsonRecordReader.builder().onError(e -> {})
                            .open(arena, utf8("{\"a\":1}\n{\"a\":oops}\n{\"a\":3}\n"))) {
                        int n = 0;
                        for (JsonValue ignored : records) {
                            n++;
                        }
                        assertEquals(2, n);
                    }
                }
            });
        }
        List<RecordedEvent> parses = of(events, PARSE, "jfr-parse").stream()
                .sorted(Comparator.comparing(RecordedEvent::getStartTime))
                .toList();
        List<String> summary = parses.stream()
                .map(e -> e.getString("inputKind") + " " + e.getLong("inputBytes") + " " + e.getString("outcome"))
                .toList();
        assertEquals(List.of(
                "byte[] 15 ok",
                "byte[] 5 JsonParseException",
                "segment 15 ok",
                "segment 15 ok",
                "stream 15 ok",
                "channel 15 ok",
                "file 15 ok",
                "byte[] 7 JsonLimitException",
                "record 7 ok",
                "record 19 JsonParseException", // the window had read the input to its end (27 bytes)
                "record 7 ok"), summary);
        for (RecordedEvent e : parses) {
            if (e.getString("outcome").equals("ok") && e.getLong("inputBytes") == 15) {
                assertEquals(6, e.getLong("tokens"), e.toString());
            }
            assertTrue(e.getLong("arenaBytes") > 0, e.toString());
            assertEquals(Thread.currentThread().getName(), e.getThread().getJavaName());
            assertFalse(e.getDuration().isNegative());
        }
        assertEquals(reservedAfter.getFirst(), parses.getFirst().getLong("arenaBytes"));
        assertEquals(4, parses.get(1).getLong("tokens"), "the array, 1, 2 and the value that was missing");
        RecordedEvent streamed = parses.get(4);
        assertTrue(streamed.getDuration().toMillis() >= 30,
                "the duration runs from begin to commit, through the slow read: " + streamed.getDuration());
    }

    /**
     * A recording under the JDK's own settings, which do not name the library's events, keeps only
     * parses of 20 ms or more: a server's thousands of fast parses a second are not in it, a slow
     * one is, with its figures.
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aRecordingUnderTheJdksDefaultSettingsKeepsOnlyParsesOf20MsOrMore(@TempDir Path dir) throws Exception {
        byte[] good = utf8("[1,2,{\"a\":\"b\"}]");
        List<RecordedEvent> parses;
        try (JsonPool pool = JsonPool.builder().name("jfr-default").idleTimeout(Duration.ZERO).build();
             Recording recording = new Recording(Configuration.getConfiguration("default"))) {
            recording.start();
            try (JsonArena arena = pool.openArena()) {
                for (int i = 0; i < 1000; i++) {
                    arena.reset();
                    arena.parse(good);
                }
                arena.reset();
                arena.parse(slowly(good, 40), good.length, JsonLimits.defaults());
                arena.reset();
                assertThrows(JsonParseException.class, () -> arena.parse(utf8("[1,2,")));
            }
            recording.stop();
            Path file = dir.resolve("default.jfr");
            recording.dump(file);
            parses = RecordingFile.readAllEvents(file).stream()
                    .filter(e -> e.getEventType().getName().equals(PARSE) && "jfr-default".equals(e.getString("pool")))
                    .toList();
        }
        RecordedEvent slow = single(parses);
        assertEquals("stream", slow.getString("inputKind"));
        assertEquals(good.length, slow.getLong("inputBytes"));
        assertEquals(6, slow.getLong("tokens"));
        assertEquals("ok", slow.getString("outcome"));
        assertTrue(slow.getDuration().toMillis() >= 20, slow.getDuration().toString());
        EventType type = FlightRecorder.getFlightRecorder().getEventTypes().stream()
                .filter(t -> t.getName().equals(PARSE)).findFirst().orElseThrow();
        assertEquals("20 ms", type.getSettingDescriptors().stream()
                .filter(d -> d.getName().equals("threshold")).findFirst().orElseThrow().getDefaultValue());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void budgetAndCapRefusalsAreRecordedWithTheFiguresOfTheirExceptions(@TempDir Path dir) throws Exception {
        byte[] large = utf8("[" + "\"0123456789abcdef\",".repeat(4000) + "0]"); // 76 KB
        JsonBudgetExceededException[] budget = new JsonBudgetExceededException[1];
        JsonPoolExhaustedException[] exhausted = new JsonPoolExhaustedException[1];
        List<RecordedEvent> events;
        try (JsonPool roomy = JsonPool.builder().name("jfr-budget").idleTimeout(Duration.ZERO).build();
             JsonPool capped = JsonPool.builder().name("jfr-capped").idleTimeout(Duration.ZERO)
                     .chunkBytes(64 * KIB).maxReservedBytes(64 * KIB).build()) {
            events = record(dir, () -> {
                try (JsonArena arena = roomy.openArena(8 * KIB)) {
                    budget[0] = assertThrows(JsonBudgetExceededException.class, () -> arena.parse(large));
                }
                try (JsonArena arena = capped.openArena()) {
                    exhausted[0] = assertThrows(JsonPoolExhaustedException.class, () -> arena.parse(large));
                }
            });
        }
        RecordedEvent b = single(of(events, BUDGET, "jfr-budget"));
        assertEquals(budget[0].budget(), b.getLong("budget"));
        assertEquals(budget[0].requested(), b.getLong("requested"));
        assertEquals(budget[0].inUse(), b.getLong("reserved"));
        assertNotNull(b.getStackTrace(), "where the budget was exceeded");
        assertEquals("JsonBudgetExceededException", single(of(events, PARSE, "jfr-budget")).getString("outcome"));

        RecordedEvent x = single(of(events, EXHAUSTED, "jfr-capped"));
        assertEquals(64 * KIB, x.getLong("cap"));
        assertEquals(exhausted[0].cap(), x.getLong("cap"));
        assertEquals(exhausted[0].reserved(), x.getLong("reserved"));
        assertEquals(exhausted[0].requested(), x.getLong("requested"));
        assertNotNull(x.getStackTrace(), "where the cap refused");
        assertEquals("JsonPoolExhaustedException", single(of(events, PARSE, "jfr-capped")).getString("outcome"));
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void trimsAndPeriodicStatisticsAreRecordedForEachLivePool() throws Exception {
        BlockingQueue<RecordedEvent> got = new LinkedBlockingQueue<>();
        try (JsonPool pool = JsonPool.builder().name("jfr-trim").idleTimeout(Duration.ZERO).build();
             RecordingStream stream = new RecordingStream()) {
            stream.setReuse(false);
            stream.enable(TRIM).withoutThreshold();
            stream.enable(STATISTICS).withPeriod(Duration.ofMillis(50));
            stream.onEvent(e -> {
                if ("jfr-trim".equals(e.getString("pool"))) {
                    got.add(e);
                }
            });
            stream.startAsync();
            RecordedEvent s;
            long reserved;
            long inUse;
            try (JsonArena arena = pool.openArena()) {
                arena.parse(utf8("[" + "1,".repeat(100_000) + "1]"));
                reserved = pool.stats().reservedBytes();
                inUse = pool.stats().inUseBytes();
                // the pool holds still until the recorder's periodic thread has sampled it; an event
                // sampled between the open and the parse's first block says nothing is in use yet
                long parsed = inUse;
                s = next(got, e -> e.getEventType().getName().equals(STATISTICS) && e.getLong("openArenas") == 1
                        && e.getLong("inUseBytes") == parsed);
            }
            assertEquals(reserved, s.getLong("reservedBytes"));
            assertEquals(inUse, s.getLong("inUseBytes"));
            assertEquals(reserved - inUse, s.getLong("idleBytes"));
            assertEquals(JsonPool.DEFAULT_CAP_BYTES, s.getLong("capBytes"));
            assertTrue(s.getLong("highWaterBytes") >= reserved);
            assertEquals(0, s.getLong("capRejections"));
            assertTrue(s.getLong("chunks") >= 1 && s.getLong("chunksReserved") >= s.getLong("chunks"));
            assertEquals(0, s.getLong("chunksReleased"));
            assertNull(s.getStackTrace(), "a periodic event has no stack trace");

            JsonPoolStats before = pool.stats();
            pool.trim();
            JsonPoolStats after = pool.stats();
            RecordedEvent t = next(got, e -> e.getEventType().getName().equals(TRIM));
            assertEquals("trim", t.getString("trigger"));
            assertTrue(t.getLong("chunksReleased") >= 1, t.toString());
            assertEquals(before.reservedBytes() - after.reservedBytes(), t.getLong("bytesReleased"));
            assertEquals(after.chunksReleased() - before.chunksReleased(), t.getLong("chunksReleased"));
            assertEquals(0, t.getLong("reservedAfter"));
            assertEquals(Thread.currentThread().getName(), t.getThread().getJavaName());
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void theScavengerRecordsATrimWhenItReleasesAChunk() throws Exception {
        BlockingQueue<RecordedEvent> got = new LinkedBlockingQueue<>();
        try (JsonPool pool = JsonPool.builder().name("jfr-scavenger").idleTimeout(Duration.ofMillis(100)).build();
             RecordingStream stream = new RecordingStream()) {
            stream.setReuse(false);
            stream.enable(TRIM).withoutThreshold();
            stream.onEvent(TRIM, e -> {
                if ("jfr-scavenger".equals(e.getString("pool"))) {
                    got.add(e);
                }
            });
            stream.startAsync();
            try (JsonArena arena = pool.openArena()) {
                arena.parse(utf8("[" + "1,".repeat(100_000) + "1]"));
            }
            RecordedEvent t = next(got, e -> true);
            assertEquals("scavenger", t.getString("trigger"));
            assertTrue(t.getLong("chunksReleased") >= 1 && t.getLong("bytesReleased") > 0, t.toString());
            assertTrue(t.getThread().getJavaName().startsWith("jsonarena-scavenger"), t.getThread().getJavaName());
        }
    }

    /** {@return the next event of {@code events} that {@code wanted} accepts, waiting up to 30 s} */
    private static RecordedEvent next(BlockingQueue<RecordedEvent> events, Predicate<RecordedEvent> wanted)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (;;) {
            RecordedEvent e = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertNotNull(e, "no such event within 30 s");
            if (wanted.test(e)) {
                return e;
            }
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aClosedPoolHasNoStatisticsHookAndEmitsNoMoreStatistics(@TempDir Path dir) throws Exception {
        JsonPool pool = JsonPool.builder().name("jfr-closed").idleTimeout(Duration.ZERO).build();
        Instant[] closedAt = new Instant[1];
        List<RecordedEvent> events = record(dir, () -> {
            assertTrue(pool.engine().statisticsHookRegistered(), "registered once a recording exists");
            Thread.sleep(1200); // the recorder applies a new period within a second
            pool.close();
            closedAt[0] = Instant.now();
            assertFalse(pool.engine().statisticsHookRegistered());
            Thread.sleep(500); // ten periods
        });
        for (RecordedEvent e : of(events, STATISTICS, "jfr-closed")) {
            // a run that began before the close may commit just after it
            assertTrue(e.getStartTime().isBefore(closedAt[0].plusMillis(100)), e + " after the close at " + closedAt[0]);
        }
    }

    @Test
    void everyEventIsInTheJsonarenaCategoryWithLabelsAndDescriptions() {
        // loads the event classes: the recorder must exist by then (FlightRecorder.getFlightRecorder)
        List<EventType> types = FlightRecorder.getFlightRecorder().getEventTypes().stream()
                .filter(t -> ALL.contains(t.getName()))
                .toList();
        if (types.size() < ALL.size()) {
            try (Recording r = new Recording()) { // a type is listed once its class is loaded
                r.start();
                try (JsonPool pool = JsonPool.builder().idleTimeout(Duration.ZERO).build();
                     JsonArena arena = pool.openArena()) {
                    arena.parse(utf8("1"));
                    pool.trim();
                }
                assertThrows(JsonBudgetExceededException.class, () -> {
                    try (JsonArena arena = JsonPool.defaultPool().openArena(8 * KIB)) {
                        arena.parse(utf8("[" + "1,".repeat(10_000) + "1]"));
                    }
                });
                try (JsonPool tiny = JsonPool.builder().chunkBytes(64 * KIB).maxReservedBytes(64 * KIB)
                        .idleTimeout(Duration.ZERO).build(); JsonArena arena = tiny.openArena()) {
                    assertThrows(JsonPoolExhaustedException.class, () -> arena.parse(utf8("[" + "1,".repeat(100_000) + "1]")));
                }
            }
            types = FlightRecorder.getFlightRecorder().getEventTypes().stream()
                    .filter(t -> ALL.contains(t.getName()))
                    .toList();
        }
        assertEquals(ALL, types.stream().map(EventType::getName).collect(Collectors.toSet()));
        Set<String> implicit = Set.of("startTime", "duration", "eventThread", "stackTrace");
        for (EventType t : types) {
            assertEquals(List.of("jsonarena"), t.getCategoryNames(), t.getName());
            assertNotNull(t.getLabel(), t.getName());
            assertNotNull(t.getDescription(), t.getName());
            for (ValueDescriptor f : t.getFields()) {
                if (!implicit.contains(f.getName())) {
                    assertNotNull(f.getLabel(), t.getName() + "." + f.getName());
                    assertNotNull(f.getDescription(), t.getName() + "." + f.getName());
                }
            }
        }
    }

    /**
     * With the recorder initialised (the gate open), a parse checks only the event type's enabled
     * flag: no event object while no running recording has the parse event enabled.
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aParseAllocatesNothingMoreWhenNoRecordingWantsTheParseEvent() {
        try (JsonPool pool = DecoderSupport.pool(); Recording other = new Recording()) {
            other.enable(TRIM);
            other.disable(PARSE); // a recording enables a user event it has no setting for
            other.start();
            assertTrue(FlightRecorder.isInitialized());
            assertAtMost64BytesPerRequest(pool, "a recording without the parse event");
            other.stop();
            assertAtMost64BytesPerRequest(pool, "no recording running");
        }
    }

    /** As {@code ParseEntryPointsTest.aRequestCycleOfOpenParseCloseAllocatesAtMost64BytesOfHeap}. */
    private static void assertAtMost64BytesPerRequest(JsonPool pool, String when) {
        byte[] json = utf8("[" + "{\"name\":\"caf\\u00e9\",\"list\":[1,2.5,-3e2,true,null],\"nested\":{\"k\":\"v\"}},".repeat(10) + "0]");
        double perRequest = heapPerRequest(pool, json);
        assertTrue(perRequest <= 64, perRequest + " heap bytes per request with " + when);
    }

    /**
     * A process that parses, trims and builds pools without ever recording loads no event class and
     * does not initialise the recorder (whose first event class costs 0.5-0.9 s of class loading):
     * the command-line tool, run in a JVM of its own with class loading logged.
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aProcessThatNeverRecordsLoadsNoEventClass() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Xlog:class+load=info", "-cp", "target/classes",
                "dev.jsonarena.cli.Main", "validate", "docs/sample.json")
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("docs/sample.json: valid"), out);
        assertTrue(out.contains("dev.jsonarena.events.Jfr "), "the gate ran");
        for (String line : out.lines().toList()) {
            assertFalse(line.contains("Event source:") && line.contains("dev.jsonarena.events."), line);
            assertFalse(line.contains("jdk.jfr.internal.MetadataRepository"), line);
        }
    }

    /** {@return a stream of {@code bytes} whose first read waits {@code millis}} */
    private static InputStream slowly(byte[] bytes, long millis) {
        return new ByteArrayInputStream(bytes) {
            private boolean waited;

            @Override
            public synchronized int read(byte[] b, int off, int len) {
                if (!waited) {
                    waited = true;
                    try {
                        Thread.sleep(millis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return super.read(b, off, len);
            }
        };
    }

    private static RecordedEvent single(List<RecordedEvent> events) {
        assertEquals(1, events.size(), events.toString());
        return events.getFirst();
    }
}
