package dev.jsonarena.nativetests;

import static dev.jsonarena.nativetests.DriverRun.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Large inputs from streams, channels and direct buffers in a JVM with a 32 MiB heap: each test runs
 * {@link StreamDriver} in a fresh JVM ({@link DriverRun}) on generated log records
 * ({@link LogRecords}, made lazily, so the child's heap never holds the input) and checks that
 * the heap stays small and flat, that every record is read back, what the arena and the process
 * hold, and that everything is given back.
 *
 * <p>Run by failsafe in {@code mvn verify}. The system property
 * {@value MemoryNativeIT#MODE_PROPERTY} selects {@code short} (the default: a 64 MiB document per
 * input kind, 256 MiB of JSON Lines) or {@code long} (the same documents, 1 GiB of JSON Lines).
 *
 * <p>The bounds are set from measurements on a 2-core Linux x86-64 machine, Temurin 25, recorded in
 * {@code native-tests/README.md}; each constant says what it allows and why.
 */
class StreamsNativeIT {
    static final long KIB = 1, MIB = 1024 * KIB;
    static final long BYTES_PER_MIB = 1L << 20;

    /**
     * Flags of the child JVM: a small fixed heap, pre-touched (so heap growth never shows as RSS
     * growth), native memory tracking, and room for the {@code direct} way's 64 MiB buffer.
     */
    static final List<String> JVM_FLAGS = List.of("-Xms32m", "-Xmx32m", "-XX:+AlwaysPreTouch",
            "-XX:NativeMemoryTracking=summary", "-XX:MaxDirectMemorySize=96m");
    static final long DOCUMENT_MIB = 64;

    /**
     * Heap in use right after a full GC, at every sample: below 3/4 of the 32 MiB heap. Measured
     * 2.4 MiB before any parse and 2.8 to 3.1 MiB during and after one (3.6 MiB in the 1 GiB JSON
     * Lines run); a copy of the input on the heap (64 MiB) could not happen without
     * {@link OutOfMemoryError}, so this bound is about what the parse keeps besides its window.
     */
    static final long HEAP_BOUND_BYTES = 24 * BYTES_PER_MIB;
    /**
     * Heap growth after GC over the run's baseline sample: measured at most 0.7 MiB (1.2 MiB in the
     * 1 GiB JSON Lines run). 8 MiB is what keeping 88 bytes per record of the 64 MiB document
     * (94,966 records) would cost.
     */
    static final long HEAP_GROWTH_BOUND_BYTES = 8 * BYTES_PER_MIB;
    /**
     * The arena's reserved bytes after the parse, per input byte (per mille): the tape, strings and
     * key table of a document need about its size; measured 1.04x (no size hint) and 1.13x (hint or
     * direct buffer).
     */
    static final long ARENA_RATIO_BOUND_PERMILLE = 2000;
    /**
     * The pool's high water per input byte (per mille) when the parse knows the document's size
     * (a size hint, a direct buffer): measured 1.52x and 1.12x, the final region and the smaller
     * one it grew from.
     */
    static final long SIZED_POOL_RATIO_BOUND_PERMILLE = 2000;
    /**
     * The same without a size hint ({@code channel}): the region grows in steps of 1.5x, each move
     * holding the old region and the new one at once; chunks of their own from 32 MiB up are
     * released as soon as they are outgrown, smaller ones stay reserved until a trim. Measured
     * 3.09x (5.54x when every outgrown chunk stayed reserved until a trim).
     */
    static final long UNSIZED_POOL_RATIO_BOUND_PERMILLE = 3500;
    /**
     * Peak RSS ({@code VmHWM}) above the baseline, beyond what the pool reserved at its high water
     * (and the direct buffer, for {@code direct}): measured 4 to 14 MiB (JIT, metadata, NMT, malloc
     * arenas). 32 MiB is half the input: a hidden native copy of the document would break it.
     */
    static final long PEAK_RSS_SLACK = 32 * MIB;
    /**
     * RSS above the baseline after the arena is closed and the pool trimmed (and, for
     * {@code direct}, less the buffer the driver still holds): measured 2.9 to 12.9 MiB (JIT code
     * and metadata of the parse and walk; every chunk freed, NMT {@code Other} back to the
     * baseline), against 100 to 360 MiB at the peak.
     */
    static final long RSS_RESIDUE_BOUND = 24 * MIB;
    /**
     * JSON Lines: RSS growth from the first sample after 10% of the stream to any later sample:
     * measured 0.0 to 0.9 MiB (256 MiB) and 0.1 MiB (1 GiB). A reader that keeps memory per record
     * or per window grows in proportion to the stream (before the fix of the record regions, the
     * arena took a block per refill and reached the 64 MiB pool cap at 2.3 MB into the stream).
     */
    static final long LINES_RSS_GROWTH_BOUND = 16 * MIB;
    /**
     * JSON Lines: pool memory reserved at any sample. The reader resets its arena per record, so
     * the arena holds what the largest record needs (one record in 1024 is a 64 to 256 KiB stack
     * trace) and its growth blocks: measured one 4 MiB chunk throughout (the arena itself 0.6 to
     * 0.9 MiB at the end); two chunks allow that twice over.
     */
    static final long LINES_RESERVED_BOUND_BYTES = 8 * BYTES_PER_MIB;

    private static final boolean LONG = System.getProperty(MemoryNativeIT.MODE_PROPERTY, "short").equals("long");
    private static final long LINES_MIB = LONG ? 1024 : 256;
    /** Records between JSON Lines samples: about 28 samples in short mode, 112 in long mode. */
    private static final long LINES_SAMPLE_EVERY = 16_384;
    private static final Duration TIMEOUT = LONG ? Duration.ofMinutes(20) : Duration.ofMinutes(3);

    static {
        String mode = System.getProperty(MemoryNativeIT.MODE_PROPERTY, "short");
        if (!mode.equals("short") && !mode.equals("long")) {
            throw new IllegalArgumentException(MemoryNativeIT.MODE_PROPERTY + ": " + mode + " (expected: short or long)");
        }
    }

    @ParameterizedTest(name = "via {0}")
    @ValueSource(strings = {"stream", "channel", "direct"})
    void documentOf64MiBParsesWithASmallHeap(String via) {
        DriverRun run = DriverRun.run(StreamDriver.class, JVM_FLAGS, TIMEOUT,
                "document", "--via", via, "--mib", "" + DOCUMENT_MIB);
        assertEquals(List.of(), run.events("OutOfMemoryError"), run.describe());
        assertTrue(run.completed(), run.describe());
        Map<String, String> doc = only(run, "document");
        long input = DOCUMENT_MIB * BYTES_PER_MIB;
        assertEquals(input, value(doc, "inputBytes"), run.describe());
        assertEquals(input, value(doc, "deliveredBytes"), run.describe());
        assertReadBack(doc, run);
        assertTrue(value(doc, "records") > 50_000, "fewer records than expected: " + run.describe());

        Map<String, String> heap = only(run, "heap");
        assertTrue(value(heap, "samplesDuringParse") >= 1, "no heap sample during the parse: " + run.describe());
        Map<String, String> base = run.sample("baseline", 0);
        long peakHeap = value(heap, "peakAfterGcBytes");
        for (Map<String, String> s : run.records()) {
            if (s.get("record").equals("sample")) {
                peakHeap = Math.max(peakHeap, value(s, "heapUsedBytes"));
            }
        }
        assertHeap(peakHeap, value(base, "heapUsedBytes"), run);

        assertTrue(value(doc, "ratioPermille") <= ARENA_RATIO_BOUND_PERMILLE, "arena reserved "
                + value(doc, "ratioPermille") + " per mille of the input (expected: <= "
                + ARENA_RATIO_BOUND_PERMILLE + "): " + run.describe());

        long poolPermille = value(doc, "poolHighWaterBytes") * 1000 / input;
        long poolBound = via.equals("channel") ? UNSIZED_POOL_RATIO_BOUND_PERMILLE : SIZED_POOL_RATIO_BOUND_PERMILLE;
        assertTrue(poolPermille <= poolBound, "pool high water " + poolPermille
                + " per mille of the input (expected: <= " + poolBound + "): " + run.describe());

        Map<String, String> closed = run.samples("closed").getFirst();
        assertEquals(0, value(closed, "inUseBytes"), run.describe());
        assertEquals(0, value(closed, "openArenas"), run.describe());
        Map<String, String> trimmed = run.samples("trimmed").getFirst();
        assertEquals(0, value(trimmed, "reservedBytes"), run.describe());

        long direct = via.equals("direct") ? input / 1024 : 0; // KiB
        long peakRss = peakRssKiB(run) - value(base, "rssKiB");
        long explained = value(doc, "poolHighWaterBytes") / 1024 + direct;
        assertTrue(peakRss <= explained + PEAK_RSS_SLACK, "peak RSS " + peakRss + " KiB over baseline (expected: <= "
                + explained + " KiB reserved by the pool" + (direct > 0 ? " and the direct buffer" : "") + " + "
                + PEAK_RSS_SLACK + " KiB): " + run.describe());
        long residue = value(trimmed, "rssKiB") - value(base, "rssKiB") - direct; // the driver keeps the buffer
        assertTrue(residue <= RSS_RESIDUE_BOUND, "RSS " + residue + " KiB over baseline after close and trim "
                + "(expected: <= " + RSS_RESIDUE_BOUND + " KiB): " + run.describe());
        System.out.println(documentSummary(via, run));
    }

    /** A stream of records, JSON Lines or one JSON array's elements, read with memory that stays flat. */
    @ParameterizedTest
    @ValueSource(strings = {"LINES", "ARRAY"})
    void aStreamOfRecordsStaysFlat(String shape) {
        DriverRun run = DriverRun.run(StreamDriver.class, JVM_FLAGS, TIMEOUT,
                "lines", "--shape", shape, "--mib", "" + LINES_MIB, "--sample-every", "" + LINES_SAMPLE_EVERY);
        assertEquals(List.of(), run.events("OutOfMemoryError"), run.describe());
        assertTrue(run.completed(), run.describe());
        Map<String, String> lines = only(run, "lines");
        assertReadBack(lines, run);
        long stream = value(lines, "streamBytes");
        assertTrue(stream > LINES_MIB * BYTES_PER_MIB - BYTES_PER_MIB, "stream shorter than expected: " + run.describe());
        assertEquals(stream, value(lines, "bytesRead"), run.describe());
        assertEquals(value(lines, "records"), value(lines, "recordsRead"), run.describe());
        assertEquals(0, value(lines, "recordsSkipped"), run.describe());

        Map<String, String> base = run.sample("baseline", 0);
        List<Map<String, String>> during = new ArrayList<>(run.samples("steady"));
        during.addAll(run.samples("end"));
        long peakHeap = 0;
        for (Map<String, String> s : during) {
            peakHeap = Math.max(peakHeap, value(s, "heapUsedBytes"));
            assertTrue(value(s, "reservedBytes") <= LINES_RESERVED_BOUND_BYTES, "pool reserved "
                    + value(s, "reservedBytes") + " bytes at record " + s.get("cycle") + " (expected: <= "
                    + LINES_RESERVED_BOUND_BYTES + "): " + run.describe());
        }
        assertHeap(peakHeap, value(base, "heapUsedBytes"), run);

        Map<String, String> reference = during.stream().filter(s -> value(s, "bytesRead") >= stream / 10)
                .findFirst().orElseThrow(() -> new AssertionError("no sample after 10% of the stream: " + run.describe()));
        List<Map<String, String>> later = during.subList(during.indexOf(reference) + 1, during.size());
        assertTrue(later.size() >= 10, "fewer than 10 samples after 10% of the stream: " + run.describe());
        for (Map<String, String> s : later) {
            long grew = value(s, "rssKiB") - value(reference, "rssKiB");
            assertTrue(grew <= LINES_RSS_GROWTH_BOUND, "RSS grew by " + grew + " KiB from record "
                    + reference.get("cycle") + " to record " + s.get("cycle") + " (expected: <= "
                    + LINES_RSS_GROWTH_BOUND + " KiB): " + run.describe());
        }
        Map<String, String> closed = run.samples("closed").getFirst();
        assertEquals(0, value(closed, "inUseBytes"), run.describe());
        assertEquals(0, value(closed, "openArenas"), run.describe());
        assertEquals(0, value(run.samples("trimmed").getFirst(), "reservedBytes"), run.describe());
        System.out.println(linesSummary(run, reference));
    }

    /** Checks that the walk read back what the generator wrote: records, levels and the three sums. */
    private static void assertReadBack(Map<String, String> event, DriverRun run) {
        for (String name : List.of("records", "info", "warn", "error", "tsSum", "msgBytes", "attrMembers")) {
            String parsed = "parsed" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
            assertEquals(value(event, name), value(event, parsed), name + " written vs read: " + run.describe());
        }
        assertEquals(value(event, "records"), value(event, "info") + value(event, "warn") + value(event, "error"),
                "levels do not add up to the records: " + run.describe());
    }

    private static void assertHeap(long peak, long baseline, DriverRun run) {
        assertTrue(peak < HEAP_BOUND_BYTES, "heap after GC reached " + peak + " bytes (expected: < "
                + HEAP_BOUND_BYTES + "): " + run.describe());
        assertTrue(peak - baseline <= HEAP_GROWTH_BOUND_BYTES, "heap after GC grew by " + (peak - baseline)
                + " bytes over the baseline (expected: <= " + HEAP_GROWTH_BOUND_BYTES + "): " + run.describe());
    }

    /** {@return the highest RSS of the run: the largest VmHWM or VmRSS of any sample} */
    private static long peakRssKiB(DriverRun run) {
        long peak = 0;
        for (Map<String, String> s : run.records()) {
            if (s.get("record").equals("sample")) {
                peak = Math.max(peak, Math.max(value(s, "hwmKiB"), value(s, "rssKiB")));
            }
        }
        return peak;
    }

    private static Map<String, String> only(DriverRun run, String event) {
        List<Map<String, String>> found = run.events(event);
        assertEquals(1, found.size(), "events named " + event + ": " + run.describe());
        return found.getFirst();
    }

    private static String documentSummary(String via, DriverRun run) {
        Map<String, String> doc = only(run, "document");
        Map<String, String> heap = only(run, "heap");
        Map<String, String> base = run.sample("baseline", 0);
        Map<String, String> parsed = run.samples("parsed").getFirst();
        Map<String, String> trimmed = run.samples("trimmed").getFirst();
        return String.format("[native] document via %s: input %.1f MiB, %d records; arena reserved %.1f MiB (%.2fx),"
                        + " pool high water %.1f MiB (%.2fx); heap after GC %.1f MiB before, peak %.1f MiB (%s samples,"
                        + " %s during the parse); RSS %.1f MiB before, %.1f MiB parsed, peak %.1f MiB, %.1f MiB after"
                        + " close + trim; parse %s ms, walk %s ms, child %s ms",
                via, value(doc, "inputBytes") / 1048576.0, value(doc, "records"),
                value(doc, "arenaReservedBytes") / 1048576.0, value(doc, "ratioPermille") / 1000.0,
                value(doc, "poolHighWaterBytes") / 1048576.0,
                (double) value(doc, "poolHighWaterBytes") / value(doc, "inputBytes"),
                value(base, "heapUsedBytes") / 1048576.0, value(heap, "peakAfterGcBytes") / 1048576.0,
                heap.get("samples"), heap.get("samplesDuringParse"),
                value(base, "rssKiB") / 1024.0, value(parsed, "rssKiB") / 1024.0, peakRssKiB(run) / 1024.0,
                value(trimmed, "rssKiB") / 1024.0, doc.get("parseMillis"), doc.get("walkMillis"), done(run));
    }

    private static String linesSummary(DriverRun run, Map<String, String> reference) {
        Map<String, String> lines = only(run, "lines");
        Map<String, String> base = run.sample("baseline", 0);
        Map<String, String> end = run.samples("end").getFirst();
        Map<String, String> trimmed = run.samples("trimmed").getFirst();
        long maxRss = 0, maxHeap = 0, maxReserved = 0; // over every sample, baseline to trimmed
        for (Map<String, String> s : run.records()) {
            if (s.get("record").equals("sample")) {
                maxRss = Math.max(maxRss, value(s, "rssKiB"));
                maxHeap = Math.max(maxHeap, value(s, "heapUsedBytes"));
                maxReserved = Math.max(maxReserved, value(s, "reservedBytes"));
            }
        }
        return String.format("[native] " + lines.get("shape") + " records: %.1f MiB, %d records; arena reserved %.0f KiB at the end, pool"
                        + " reserved at most %.1f MiB (high water %.1f MiB); heap after GC %.1f MiB before, at most"
                        + " %.1f MiB; RSS %.1f MiB before, %.1f MiB at 10%% (record %s), at most %.1f MiB, %.1f MiB at"
                        + " the end, peak %.1f MiB, %.1f MiB after close + trim; read %s ms (%s ms of it sampling),"
                        + " child %s ms",
                value(lines, "streamBytes") / 1048576.0, value(lines, "records"),
                value(lines, "arenaReservedBytes") / 1024.0, maxReserved / 1048576.0,
                value(lines, "poolHighWaterBytes") / 1048576.0, value(base, "heapUsedBytes") / 1048576.0,
                maxHeap / 1048576.0, value(base, "rssKiB") / 1024.0, value(reference, "rssKiB") / 1024.0,
                reference.get("cycle"), maxRss / 1024.0, value(end, "rssKiB") / 1024.0,
                peakRssKiB(run) / 1024.0, value(trimmed, "rssKiB") / 1024.0, lines.get("readMillis"),
                lines.get("sampleMillis"), done(run));
    }

    private static String done(DriverRun run) {
        return run.records().stream().filter(r -> r.get("record").equals("done")).map(r -> r.get("millis"))
                .findFirst().orElse("?");
    }
}
