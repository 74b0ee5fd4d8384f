package dev.jsonarena.nativetests;

import dev.jsonarena.JsonArena;
import dev.jsonarena.JsonArray;
import dev.jsonarena.JsonKey;
import dev.jsonarena.JsonLimits;
import dev.jsonarena.JsonObject;
import dev.jsonarena.JsonPool;
import dev.jsonarena.JsonPoolStats;
import dev.jsonarena.JsonRecordFormat;
import dev.jsonarena.JsonRecordReader;
import dev.jsonarena.JsonValue;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.lang.management.MemoryMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Parses large generated inputs ({@link LogRecords}) from streams, channels and direct buffers in a
 * JVM with a small heap, and prints what the heap, the operating system and native memory tracking
 * see, for {@link StreamsNativeIT}. Start it with {@code -Xmx32m} and
 * {@code -XX:NativeMemoryTracking=summary}; the {@code direct} way needs
 * {@code -XX:MaxDirectMemorySize} above the document size.
 *
 * <pre>
 * StreamDriver document --via stream|channel|direct [--mib M] [--seed X] [--sample-ms T] [--cap-mib C] [--hint H]
 * StreamDriver lines [--shape LINES|ARRAY] [--mib M] [--seed X] [--sample-every N]
 * </pre>
 *
 * <p>Output, one record per line, {@code key=value} separated by spaces (read by {@link DriverRun}):
 * <ul>
 *   <li>{@code sample label=<l> cycle=<n> heapUsedBytes= rssKiB= hwmKiB= otherKiB= nmtKiB=
 *       reservedBytes= inUseBytes= openArenas= bytesRead=}: the heap in use right after a
 *       {@code System.gc()} ({@link MemoryMXBean}), a {@link ProcessMemory} reading, the pool's
 *       {@link JsonPoolStats}, and (lines) the bytes of the stream consumed so far;</li>
 *   <li>{@code event name=<e> ...}: the result of a parse, the heap sampler's figures, an error;</li>
 *   <li>{@code done mode=<m> millis=<t>} last, when the run completed.</li>
 * </ul>
 * Exit status 0 when done; 2 on bad arguments; 3 when the run threw (the stack trace goes to
 * standard error); 4 on {@link OutOfMemoryError}, in any thread.
 *
 * <p>Modes:
 * <ul>
 *   <li>{@code document}: one JSON array of log records, exactly {@code M} MiB (default 64), parsed
 *       with {@code maxDocumentBytes} = M + 1 MiB into an arena of a pool capped at {@code C} MiB
 *       (default 512): from the generator as an {@code InputStream} with the size hint {@code H}
 *       (default: the document's size; -1: unknown, so {@code available()}, 0, is asked) ({@code stream}), from
 *       {@code Channels.newChannel} of it (no hint: {@code channel}), or from a direct
 *       {@link ByteBuffer} of M MiB filled from it beforehand ({@code direct}). Then a walk reads
 *       every record's {@code ts}, {@code level}, {@code msg} length and {@code attrs} size. While
 *       the parse and the walk run, a sampler thread forces a GC every {@code T} ms (default 100)
 *       and keeps the largest heap in use after it. Samples: {@code baseline}, {@code filled}
 *       (direct only), {@code parsed}, {@code walked}, {@code closed} (arena closed),
 *       {@code trimmed} ({@code pool.trim()}); the direct buffer stays reachable to the last.</li>
 *   <li>{@code lines}: JSON Lines of log records ({@code LINES}, the default), or one JSON array
 *       of them ({@code ARRAY}, read as records with {@code JsonRecordFormat.ARRAY}), at most
 *       {@code M} MiB (default 256), read through {@link JsonRecordReader} from the generator as an
 *       {@code InputStream}, one arena reset per record; each record is read as in {@code document}. A sample every {@code N} records
 *       (default 16384), then {@code end}, {@code closed}, {@code trimmed}.</li>
 * </ul>
 * Each mode ends with an event carrying what the generator wrote and what the walk read back
 * ({@code records}/{@code parsedRecords}, per level, sums of {@code ts}, message bytes and
 * {@code attrs} members); the IT compares them.
 *
 * <p>Thread-safety: a program; runs on its main thread (and, in {@code document}, one sampler).
 */
public final class StreamDriver {
    private static final long MIB = 1L << 20;
    private static final JsonKey TS = JsonKey.of("ts");
    private static final JsonKey LEVEL = JsonKey.of("level");
    private static final JsonKey MSG = JsonKey.of("msg");
    private static final JsonKey ATTRS = JsonKey.of("attrs");
    private static final JsonKey[] LEVEL_NAMES = {
        JsonKey.of(LogRecords.LEVELS[0]), JsonKey.of(LogRecords.LEVELS[1]), JsonKey.of(LogRecords.LEVELS[2]),
    };
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    /** An {@link OutOfMemoryError} thrown on any thread; the main thread reports it. */
    private static volatile OutOfMemoryError oomElsewhere;

    private final Map<String, String> options;
    private final long started = System.nanoTime();

    private StreamDriver(Map<String, String> options) {
        this.options = options;
    }

    /**
     * Runs one mode; see the class description.
     *
     * @param args the mode, then {@code --name value} options
     */
    public static void main(String[] args) {
        if (args.length == 0 || args.length % 2 == 0) {
            usage("expected a mode and --name value pairs, got " + String.join(" ", args));
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                usage("option " + args[i] + " (expected: --name)");
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        StreamDriver driver = new StreamDriver(options);
        try {
            ProcessMemory.read(); // loads the management classes before any baseline is taken
            switch (args[0]) {
                case "document" -> driver.document();
                case "lines" -> driver.lines();
                default -> usage("mode " + args[0] + " (expected: document or lines)");
            }
        } catch (OutOfMemoryError e) {
            oom(e);
        } catch (RuntimeException | IOException e) {
            System.out.println("event name=failed type=" + e.getClass().getName() + " message=" + oneWord(e.getMessage()));
            System.out.flush();
            e.printStackTrace();
            System.exit(3);
        }
        if (oomElsewhere != null) {
            oom(oomElsewhere);
        }
        System.out.println("done mode=" + args[0] + " millis=" + (System.nanoTime() - driver.started) / 1_000_000);
    }

    private void document() throws IOException {
        String via = option("via", "stream");
        long size = longOption("mib", 64) * MIB;
        if (size > Integer.MAX_VALUE) {
            usage("--mib: at most 2047 (a direct buffer is at most 2 GiB)");
        }
        JsonLimits limits = JsonLimits.builder().maxDocumentBytes(size + MIB).build();
        LogRecords input = new LogRecords(LogRecords.Shape.ARRAY, size, longOption("seed", 1));
        long cap = longOption("cap-mib", 512) * MIB;
        long hint = longOption("hint", size);
        try (JsonPool pool = JsonPool.builder().maxReservedBytes(cap).idleTimeout(Duration.ZERO).build()) {
            sample("baseline", 0, pool, -1);
            ByteBuffer direct = null;
            if (via.equals("direct")) {
                direct = ByteBuffer.allocateDirect((int) size);
                byte[] piece = new byte[64 * 1024];
                while (direct.hasRemaining()) {
                    int n = input.read(piece, 0, Math.min(piece.length, direct.remaining()));
                    if (n < 0) {
                        throw new IllegalStateException("generator ended at " + direct.position() + " of " + size + " bytes");
                    }
                    direct.put(piece, 0, n);
                }
                if (input.read() != -1) {
                    throw new IllegalStateException("generator gave more than " + size + " bytes");
                }
                direct.flip();
                sample("filled", 0, pool, -1);
            }
            HeapSampler sampler = HeapSampler.start(longOption("sample-ms", 100));
            long parseMillis;
            long walkMillis;
            long reserved;
            Tally read = new Tally();
            try (JsonArena arena = pool.openArena()) {
                long t0 = System.nanoTime();
                JsonValue root = switch (via) {
                    case "stream" -> arena.parse(input, hint, limits);
                    case "channel" -> arena.parse(Channels.newChannel(input), limits);
                    case "direct" -> arena.parse(direct, limits);
                    default -> throw new IllegalArgumentException("--via " + via + " (expected: stream, channel or direct)");
                };
                parseMillis = (System.nanoTime() - t0) / 1_000_000;
                sampler.parseDone();
                reserved = arena.bytesReserved();
                sample("parsed", 0, pool, -1);
                long t1 = System.nanoTime();
                JsonArray records = root.asArray();
                for (JsonValue record : records) {
                    read.add(record);
                }
                walkMillis = (System.nanoTime() - t1) / 1_000_000;
                sampler.finish();
                sample("walked", read.records, pool, -1);
            }
            sample("closed", read.records, pool, -1);
            pool.trim();
            sample("trimmed", read.records, pool, -1);
            Reference.reachabilityFence(direct); // so that every sample of direct holds it
            System.out.println("event name=document via=" + via + " inputBytes=" + size + " deliveredBytes="
                    + input.bytesDelivered() + " arenaReservedBytes=" + reserved + " ratioPermille="
                    + reserved * 1000 / size + " poolHighWaterBytes=" + pool.stats().highWaterBytes()
                    + " parseMillis=" + parseMillis + " walkMillis=" + walkMillis + " " + read.against(input));
            System.out.println("event name=heap peakAfterGcBytes=" + sampler.peak + " samples=" + sampler.samples
                    + " samplesDuringParse=" + sampler.samplesDuringParse);
            System.out.flush();
        }
    }

    private void lines() throws IOException {
        long size = longOption("mib", 256) * MIB;
        long every = longOption("sample-every", 16_384);
        LogRecords.Shape shape;
        try {
            shape = LogRecords.Shape.valueOf(option("shape", "LINES"));
        } catch (IllegalArgumentException e) {
            usage("option --shape: " + option("shape", "") + " (expected: LINES or ARRAY)");
            return;
        }
        LogRecords input = new LogRecords(shape, size, longOption("seed", 1));
        try (JsonPool pool = JsonPool.builder().maxReservedBytes(64 * MIB).idleTimeout(Duration.ZERO).build()) {
            sample("baseline", 0, pool, 0);
            Tally read = new Tally();
            long sampleNanos = 0;
            long t0 = System.nanoTime();
            long reserved;
            long recordsRead;
            long skipped;
            long bytesRead;
            try (JsonArena arena = pool.openArena();
                 JsonRecordReader reader = JsonRecordReader.builder()
                         .format(shape == LogRecords.Shape.ARRAY ? JsonRecordFormat.ARRAY : JsonRecordFormat.LINES)
                         .open(arena, input)) {
                for (JsonValue record : reader) {
                    read.add(record);
                    if (read.records % every == 0) {
                        long s = System.nanoTime();
                        sample("steady", read.records, pool, reader.bytesRead());
                        sampleNanos += System.nanoTime() - s;
                    }
                }
                reserved = arena.bytesReserved();
                recordsRead = reader.recordsRead();
                skipped = reader.recordsSkipped();
                bytesRead = reader.bytesRead();
                sample("end", read.records, pool, bytesRead);
            }
            long totalMillis = (System.nanoTime() - t0) / 1_000_000;
            sample("closed", read.records, pool, bytesRead);
            pool.trim();
            sample("trimmed", read.records, pool, bytesRead);
            System.out.println("event name=lines shape=" + shape + " streamBytes=" + input.bytesDelivered() + " bytesRead=" + bytesRead
                    + " recordsRead=" + recordsRead + " recordsSkipped=" + skipped + " arenaReservedBytes=" + reserved
                    + " poolHighWaterBytes=" + pool.stats().highWaterBytes() + " readMillis=" + totalMillis
                    + " sampleMillis=" + sampleNanos / 1_000_000 + " " + read.against(input));
            System.out.flush();
        }
    }

    /** What a walk read back from the records. */
    private static final class Tally {
        long records;
        final long[] levels = new long[LogRecords.LEVELS.length];
        long tsSum;
        long msgBytes;
        long attrMembers;

        void add(JsonValue record) {
            JsonObject o = record.asObject();
            JsonValue level = o.get(LEVEL);
            int l = 0;
            while (!level.contentEquals(LEVEL_NAMES[l])) {
                if (++l == LEVEL_NAMES.length) {
                    throw new IllegalStateException("record " + records + ": level " + level.asString());
                }
            }
            levels[l]++;
            tsSum += o.get(TS).asLong();
            msgBytes += o.get(MSG).utf8Length();
            attrMembers += o.get(ATTRS).asObject().size();
            records++;
        }

        /** {@return "records=g parsedRecords=p ..." for each counter: g written by the generator, p read back} */
        String against(LogRecords g) {
            StringBuilder sb = new StringBuilder();
            pair(sb, "records", g.records(), records);
            long[] written = g.levels();
            for (int i = 0; i < levels.length; i++) {
                pair(sb, LogRecords.LEVELS[i].toLowerCase(java.util.Locale.ROOT), written[i], levels[i]);
            }
            pair(sb, "tsSum", g.tsSum(), tsSum);
            pair(sb, "msgBytes", g.msgBytes(), msgBytes);
            pair(sb, "attrMembers", g.attrMembers(), attrMembers);
            return sb.toString().strip();
        }

        private static void pair(StringBuilder sb, String name, long written, long read) {
            sb.append(' ').append(name).append('=').append(written).append(" parsed")
                    .append(Character.toUpperCase(name.charAt(0))).append(name, 1, name.length()).append('=').append(read);
        }
    }

    /**
     * A daemon thread that forces a GC every few milliseconds and keeps the largest heap in use
     * right after one: the live heap while the main thread parses and walks.
     */
    private static final class HeapSampler extends Thread {
        private final long intervalMillis;
        volatile long peak;
        volatile long samples;
        volatile long samplesDuringParse;
        private volatile boolean parsing = true;
        private volatile boolean running = true;

        private HeapSampler(long intervalMillis) {
            super("heap-sampler");
            this.intervalMillis = intervalMillis;
            setDaemon(true);
        }

        static HeapSampler start(long intervalMillis) {
            HeapSampler s = new HeapSampler(intervalMillis);
            s.start();
            return s;
        }

        @Override
        public void run() {
            try {
                while (running) {
                    boolean duringParse = parsing;
                    long used = heapUsedAfterGc();
                    if (!running) {
                        break;
                    }
                    peak = Math.max(peak, used);
                    samples++;
                    if (duringParse && parsing) {
                        samplesDuringParse++;
                    }
                    Thread.sleep(intervalMillis);
                }
            } catch (InterruptedException e) {
                // stopped
            } catch (OutOfMemoryError e) {
                oomElsewhere = e;
            }
        }

        void parseDone() {
            parsing = false;
        }

        /** Stops the sampler and waits for it, so its figures are final. */
        void finish() {
            running = false;
            interrupt();
            try {
                join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** {@return the heap in use right after a full GC} */
    static long heapUsedAfterGc() {
        System.gc();
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    private static void sample(String label, long cycle, JsonPool pool, long bytesRead) {
        long heap = heapUsedAfterGc();
        JsonPoolStats s = pool.stats();
        ProcessMemory.Reading r = ProcessMemory.read();
        System.out.println("sample label=" + label + " cycle=" + cycle + " heapUsedBytes=" + heap
                + " rssKiB=" + r.rssKiB() + " hwmKiB=" + r.hwmKiB() + " otherKiB=" + r.nmtOtherKiB()
                + " nmtKiB=" + r.nmtTotalKiB() + " reservedBytes=" + s.reservedBytes() + " inUseBytes="
                + s.inUseBytes() + " openArenas=" + s.openArenas() + " bytesRead=" + bytesRead);
        System.out.flush();
    }

    private String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    private long longOption(String name, long fallback) {
        String v = options.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            usage("option --" + name + ": " + v + " (expected: an integer)");
            return fallback;
        }
    }

    private static void oom(OutOfMemoryError e) {
        System.out.println("event name=OutOfMemoryError message=" + oneWord(e.getMessage()));
        System.out.flush();
        Runtime.getRuntime().halt(4);
    }

    private static String oneWord(String s) {
        return s == null ? "null" : s.replaceAll("\\s+", "_");
    }

    private static void usage(String problem) {
        System.err.println("StreamDriver: " + problem);
        System.err.println("usage: StreamDriver document --via stream|channel|direct [--mib M] [--seed X] [--sample-ms T]"
                + " [--cap-mib C] [--hint H]");
        System.err.println("       StreamDriver lines [--mib M] [--seed X] [--sample-every N]");
        System.exit(2);
    }
}
