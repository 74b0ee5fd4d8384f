package dev.jsonarena.bench;

import dev.jsonarena.JsonArena;
import dev.jsonarena.JsonPool;
import dev.jsonarena.JsonValue;
import dev.jsonarena.tape.Document;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The question: how much arena memory does a parse hold per input byte, for each way of handing
 * the input to the parser ({@link InputKind}) and each input of {@link StreamParseBenchmark}?
 * (Target: at most 1.5x the input plus one block (1 MiB, the largest block an arena takes for
 * growth), where the document's own size allows it.)
 *
 * <p>For each input and kind it parses the input into a fresh arena of a fresh pool and reports
 * {@link JsonArena#bytesReserved()} (every block the arena holds) per input byte, next to the
 * document's own size: its tape (8 bytes per token, 16 per decimal number that keeps its digits as
 * a significand and a scale) plus its strings plus its key table. A document whose own size is
 * above 1.5x its input (an array of short numbers, deep nesting: one 8-byte word per 1-2 input
 * bytes) cannot meet the target however it is read; the report shows those figures as they are.
 *
 * <p><b>How to run</b> (from the project root, after {@code mvn -Pbench -DskipTests package}):
 * <pre>
 * java -cp target/benchmarks.jar dev.jsonarena.bench.StreamArenaBytesReport
 * </pre>
 * A corpus file that is absent is left out with a note. {@code StreamBenchmarksTest} runs the
 * measurement on the generated inputs and checks its figures are consistent.
 *
 * <p>Thread-safety: stateless.
 */
public final class StreamArenaBytesReport {
    /** The "one block" of the target: the largest growth block of an arena (docs/memory.md). */
    public static final long ONE_BLOCK = 1 << 20;

    private StreamArenaBytesReport() {}

    /**
     * One parse's arena bytes.
     *
     * @param input the input's name
     * @param kind how it was handed to the parser
     * @param inputBytes its length
     * @param reservedBytes {@link JsonArena#bytesReserved()} after the parse
     * @param regionBytes the tape and string region kept
     * @param tapeBytes the tape (8 bytes per word)
     * @param stringBytes the strings, member names and number texts
     * @param keyTableBytes the key table
     */
    public record Row(String input, InputKind kind, long inputBytes, long reservedBytes, long regionBytes,
                      long tapeBytes, long stringBytes, long keyTableBytes) {
        /** {@return reserved bytes per input byte} */
        public double perInputByte() {
            return (double) reservedBytes / inputBytes;
        }

        /** {@return the document's own size: tape, strings and key table} */
        public long ownBytes() {
            return tapeBytes + stringBytes + keyTableBytes;
        }

        /** {@return whether the reserved bytes are at most 1.5x the input plus {@link #ONE_BLOCK}} */
        public boolean withinTarget() {
            return reservedBytes <= inputBytes + inputBytes / 2 + ONE_BLOCK;
        }

        /** {@return whether the document's own size is above 1.5x the input (the target cannot hold)} */
        public boolean ownAboveTarget() {
            return ownBytes() > inputBytes + inputBytes / 2;
        }
    }

    /**
     * Parses {@code json} through {@code kind} into a fresh arena of a fresh pool and measures it.
     *
     * @param input the name to report
     * @param json the document
     * @param kind how to hand it to the parser
     * @return the measurement
     */
    public static Row measure(String input, byte[] json, InputKind kind) {
        try (JsonPool pool = JsonPool.builder().idleTimeout(Duration.ZERO).build();
             InputKind.Source source = kind.open(json);
             JsonArena arena = pool.openArena()) {
            JsonValue root = source.parse(arena);
            Document doc = ArenaBytesReport.document(root);
            return new Row(input, kind, json.length, arena.bytesReserved(), doc.regionBytes(),
                    8L * doc.tapeWords(), doc.stringBytes(), doc.keyTableBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Measures every kind on each of {@code inputs}.
     *
     * @param inputs corpus file names or {@link GeneratedJson} names
     * @return one row per input and kind, in that order
     * @throws IllegalStateException if a corpus file is absent
     */
    public static List<Row> measure(List<String> inputs) {
        List<Row> rows = new ArrayList<>();
        for (String input : inputs) {
            byte[] json = GeneratedJson.input(input);
            for (InputKind kind : InputKind.values()) {
                rows.add(measure(input, json, kind));
            }
        }
        return rows;
    }

    /** {@return the rows as a Markdown table} */
    public static String table(List<Row> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("| input | kind | input B | reserved B | reserved / input | own (tape+strings+keys) B | own / input"
                + " | tape B | strings B | <= 1.5x input + 1 MiB |\n");
        sb.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (Row r : rows) {
            sb.append(String.format("| %s | %s | %,d | %,d | %.2f | %,d | %.2f | %,d | %,d | %s |%n", r.input(), r.kind(),
                    r.inputBytes(), r.reservedBytes(), r.perInputByte(), r.ownBytes(),
                    (double) r.ownBytes() / r.inputBytes(), r.tapeBytes(), r.stringBytes(),
                    r.withinTarget() ? "yes" : r.ownAboveTarget() ? "no (own size above 1.5x)" : "no"));
        }
        return sb.toString();
    }

    /**
     * Prints the table for every input of {@link StreamParseBenchmark}; corpus files that are
     * absent are left out with a note.
     *
     * @param args none
     */
    public static void main(String[] args) {
        List<String> inputs = new ArrayList<>();
        for (String f : Corpus.FILES) {
            if (java.nio.file.Files.isReadable(Corpus.directory().resolve(f))) {
                inputs.add(f);
            } else {
                System.out.println("(skipped: " + Corpus.directory().resolve(f) + " is absent)");
            }
        }
        inputs.addAll(GeneratedJson.DOCUMENTS);
        System.out.print(table(measure(inputs)));
    }
}
