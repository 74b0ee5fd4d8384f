package dev.jsonarena.bench.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pauses in a JVM's GC log, written with {@link #jvmFlag(Path)}
 * ({@code -Xlog:gc:file=<path>:time}): one line per pause, stamped with the wall-clock time at which
 * it ended, e.g. {@code [2026-12-05T20:30:01.123+0000] GC(3) Pause Young (Normal) (G1 Evacuation
 * Pause) 30M->4M(64M) 3.210ms}. The wall-clock stamp lets the process that started the JVM count
 * the pauses inside a window of its own clock. Lines that are not pauses (G1's concurrent cycle,
 * for instance) are skipped: they run beside the application rather than stopping it.
 *
 * @param pauses every pause in the log, in order
 */
public record GcLog(List<Pause> pauses) {
    private static final Pattern PAUSE = Pattern.compile(
            "^\\[([^\\]]+)\\] GC\\(\\d+\\) (Pause \\w+).* (\\d+(?:\\.\\d+)?)ms$");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    /**
     * One stop-the-world pause.
     *
     * @param end when it ended
     * @param kind {@code Pause Young}, {@code Pause Full}, {@code Pause Remark}, {@code Pause Cleanup}
     * @param millis how long it took
     * @param line the log line
     */
    public record Pause(Instant end, String kind, double millis, String line) {
        /** {@return whether this pause is a full collection} */
        public boolean full() {
            return kind.equals("Pause Full");
        }
    }

    /** Makes the list immutable. */
    public GcLog {
        pauses = List.copyOf(pauses);
    }

    /** {@return the JVM option that writes the log this class reads to {@code file}} */
    public static String jvmFlag(Path file) {
        return "-Xlog:gc:file=" + file + ":time";
    }

    /**
     * Reads a log; an absent file is an empty log.
     *
     * @param file the log file
     * @return its pauses
     * @throws UncheckedIOException if the file exists and cannot be read
     */
    public static GcLog read(Path file) {
        List<Pause> pauses = new ArrayList<>();
        if (!Files.exists(file)) {
            return new GcLog(pauses);
        }
        try {
            for (String line : Files.readAllLines(file)) {
                Matcher m = PAUSE.matcher(line.strip());
                if (m.matches()) {
                    pauses.add(new Pause(OffsetDateTime.parse(m.group(1), TIME).toInstant(), m.group(2),
                            Double.parseDouble(m.group(3)), line.strip()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the GC log " + file, e);
        }
        return new GcLog(pauses);
    }

    /** {@return the pauses that ended in {@code [from, to)}} */
    public GcLog between(Instant from, Instant to) {
        return new GcLog(pauses.stream().filter(p -> !p.end().isBefore(from) && p.end().isBefore(to)).toList());
    }

    /** {@return the time of all pauses, in milliseconds} */
    public double pauseMillis() {
        return pauses.stream().mapToDouble(Pause::millis).sum();
    }

    /** {@return the full collections} */
    public List<Pause> fullPauses() {
        return pauses.stream().filter(Pause::full).toList();
    }
}
