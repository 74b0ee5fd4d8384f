package dev.jsonarena.bench;

import dev.jsonarena.JsonArena;
import dev.jsonarena.JsonPool;
import dev.jsonarena.JsonValue;
import dev.jsonarena.tape.Document;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The question: how many bytes of arena memory does a parsed document hold per byte of input?
 * (target: at most 1.5x on each corpus file; the test asserts at most 2x.)
 *
 * <p>For each corpus file it parses the file into a fresh arena of a fresh pool and reports
 * {@link JsonArena#bytesReserved()} (every block the arena holds: what the pool cannot give to
 * anyone else until the arena closes) divided by the input length, with the split by kind that the
 * document exposes: the region kept after the parse (tape and string area, after the parser gave
 * back its unused gap), the tape, the strings (unescaped strings, member names, number texts), the
 * key table, and the rest (block slack, regions abandoned when the parse had to grow its region).
 *
 * <p><b>How to run</b> (from the project root, after {@code mvn -Pbench -DskipTests package}):
 * <pre>
 * java -cp target/benchmarks.jar dev.jsonarena.bench.ArenaBytesReport
 * </pre>
 * {@code DecoderBenchmarksTest} runs the same measurement and asserts the 2x bound.
 *
 * <p>The document's sizes are read through the package-private {@code JsonValue.doc} field (a
 * {@link VarHandle}), which works with the library on the class path, as in the benchmarks jar
 * and in Surefire's test runs.
 *
 * <p>Thread-safety: stateless.
 */
public final class ArenaBytesReport {
    private static final VarHandle DOC;

    static {
        try {
            DOC = MethodHandles.privateLookupIn(JsonValue.class, MethodHandles.lookup())
                    .findVarHandle(JsonValue.class, "doc", Document.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private ArenaBytesReport() {}

    /**
     * The arena bytes of one parsed file.
     *
     * @param file the corpus file name
     * @param inputBytes its length
     * @param reservedBytes {@link JsonArena#bytesReserved()} after the parse
     * @param regionBytes the tape and string region kept
     * @param tapeBytes the tape (8 bytes per word)
     * @param stringBytes the strings, member names and number texts
     * @param keyTableBytes the key table
     */
    public record Row(String file, long inputBytes, long reservedBytes, long regionBytes, long tapeBytes,
                      long stringBytes, long keyTableBytes) {
        /** {@return reserved bytes per input byte} */
        public double perInputByte() {
            return (double) reservedBytes / inputBytes;
        }

        /** {@return reserved bytes not in the kept region or the key table: block slack, abandoned regions} */
        public long otherBytes() {
            return reservedBytes - regionBytes - keyTableBytes;
        }
    }

    /** {@return the document behind a root value, for its sizes} */
    static Document document(JsonValue root) {
        return (Document) DOC.get(root);
    }

    /**
     * Parses {@code json} into a fresh arena of {@code pool} and measures it.
     *
     * @param file the name to report
     * @param json the document
     * @param pool the pool, with no arena of this thread's making open
     * @return the measurement
     */
    public static Row measure(String file, byte[] json, JsonPool pool) {
        try (JsonArena arena = pool.openArena()) {
            JsonValue root = arena.parse(json);
            Document doc = (Document) DOC.get(root);
            return new Row(file, json.length, arena.bytesReserved(), doc.regionBytes(), 8L * doc.tapeWords(),
                    doc.stringBytes(), doc.keyTableBytes());
        }
    }

    /**
     * Measures every corpus file, each in a fresh pool.
     *
     * @return one row per file of {@link Corpus#FILES}
     * @throws IllegalStateException if a corpus file is absent
     */
    public static List<Row> measureCorpus() {
        List<Row> rows = new ArrayList<>();
        for (String file : Corpus.FILES) {
            byte[] json = Corpus.read(file);
            try (JsonPool pool = JsonPool.builder().idleTimeout(Duration.ZERO).build()) {
                rows.add(measure(file, json, pool));
            }
        }
        return rows;
    }

    /** {@return the rows as a Markdown table} */
    public static String table(List<Row> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("| file | input B | arena reserved B | per input byte | region (tape+strings) B | tape B | strings B"
                + " | key table B | other B |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            sb.append(String.format("| %s | %,d | %,d | %.2f | %,d | %,d | %,d | %,d | %,d |%n", r.file(), r.inputBytes(),
                    r.reservedBytes(), r.perInputByte(), r.regionBytes(), r.tapeBytes(), r.stringBytes(),
                    r.keyTableBytes(), r.otherBytes()));
        }
        return sb.toString();
    }

    /**
     * Prints the table for the corpus.
     *
     * @param args none
     */
    public static void main(String[] args) {
        System.out.print(table(measureCorpus()));
    }
}
