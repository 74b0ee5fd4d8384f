package dev.jsonarena.bench.bind;

import dev.jsonarena.bench.Corpus;
import dev.jsonarena.bench.ingest.LogBatch;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The inputs of the binding benchmarks, each with the record type it binds to:
 * <ul>
 *   <li>{@code twitter}: twitter.json into {@link TwitterModel.Twitter} (631,515 B);
 *   <li>{@code citm}: citm_catalog.json into {@link CitmModel.Citm} (1,727,204 B);
 *   <li>{@code log}: one log record of about 300 B into {@link LogModel.LogRecord};
 *   <li>{@code ndjson}: a batch of log records, one per line (about 64 KiB), each bound to
 *       {@link LogModel.LogRecord} into a list.
 * </ul>
 * Log records are those of {@link LogBatch} (seed 42) without the 1% whose {@code level} is a
 * number: a string component takes only strings here, while Jackson and fastjson2 would coerce.
 *
 * @param name the input's name
 * @param bytes the UTF-8 input
 * @param type the record type
 * @param lines for NDJSON, the start and end offset of each line ({@code [2 * i]}, {@code [2 * i + 1]}); else null
 */
public record BindInput(String name, byte[] bytes, Class<?> type, int[] lines) {
    /** The names {@link #of} knows. */
    public static final List<String> NAMES = List.of("twitter", "citm", "log", "ndjson");

    /** {@return the input named {@code name}} @throws IllegalArgumentException for another name */
    public static BindInput of(String name) {
        return switch (name) {
            case "twitter" -> new BindInput(name, Corpus.read("twitter.json"), TwitterModel.Twitter.class, null);
            case "citm" -> new BindInput(name, Corpus.read("citm_catalog.json"), CitmModel.Citm.class, null);
            case "log" -> {
                byte[] batch = logLines(400);
                int end = 0;
                while (batch[end] != '\n') {
                    end++;
                }
                yield new BindInput(name, java.util.Arrays.copyOf(batch, end), LogModel.LogRecord.class, null);
            }
            case "ndjson" -> {
                byte[] batch = logLines(64 << 10);
                List<Integer> offsets = new ArrayList<>();
                int start = 0;
                for (int i = 0; i < batch.length; i++) {
                    if (batch[i] == '\n') {
                        offsets.add(start);
                        offsets.add(i);
                        start = i + 1;
                    }
                }
                yield new BindInput(name, batch, LogModel.LogRecord.class,
                        offsets.stream().mapToInt(Integer::intValue).toArray());
            }
            default -> throw new IllegalArgumentException(name + " (expected: one of " + NAMES + ")");
        };
    }

    /** {@return NDJSON log records of about {@code bytes} bytes, each line ending with LF, without numeric levels} */
    private static byte[] logLines(int bytes) {
        LogBatch b = LogBatch.generate(new SplittableRandom(42), true, bytes);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String line : new String(b.body(), StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty() && !line.contains("\"level\":3")) {
                out.writeBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    /** {@return the number of records of an NDJSON input} */
    public int records() {
        return lines == null ? 1 : lines.length / 2;
    }
}
