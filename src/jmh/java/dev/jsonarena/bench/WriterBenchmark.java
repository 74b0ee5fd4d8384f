package dev.jsonarena.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.jsonarena.JsonFormat;
import dev.jsonarena.JsonWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The question: how fast does {@link JsonWriter} write new JSON, next to Jackson 2.21's
 * {@code JsonGenerator} writing the same calls? (target: at least 1.5x, with no heap per call.)
 *
 * <p><b>What one operation is.</b> Replay one document's generator events ({@link WriterEvents}:
 * the same begin/end, name, string, long, double and literal calls for both) into a fresh
 * generator over a reused {@link ByteArrayOutputStream}, compact, and close it: what a server does
 * per reply. {@code impl}: {@code JSONARENA} (names as {@code String}), {@code JSONARENA_KEYS}
 * (names as pre-encoded {@code JsonKey}), {@code JACKSON} ({@code JsonFactory.createGenerator},
 * names as {@code String}); {@code names}: each name a {@code String} of its own, or one per
 * distinct name (as literals in code are). Inputs: the corpus files twitter.json, citm_catalog.json,
 * canada.json, github_events.json, and a generated log-ingest reply ({@code reply}: a summary of
 * 20 levels with counts). Score: operations per second; bytes per second is the score times the
 * output size, which the setup prints.
 *
 * <p><b>How to run:</b>
 * <pre>
 * mvn -Pbench -DskipTests package exec:exec -Djmh.args="WriterBenchmark -prof gc"
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class WriterBenchmark {
    /** The implementations compared. */
    public enum Impl { JSONARENA, JSONARENA_KEYS, JACKSON }

    @Param({"twitter.json", "citm_catalog.json", "canada.json", "github_events.json", "reply"})
    public String file;

    @Param({"JSONARENA", "JSONARENA_KEYS", "JACKSON"})
    public Impl impl;

    /**
     * Where the {@code String} names come from, for both generators: {@code occurrence}, a
     * {@code String} per name as it occurs (names taken from data: a map's keys, another
     * document's names); {@code shared}, one {@code String} per distinct name (names in code:
     * literals, constants).
     */
    @Param({"occurrence", "shared"})
    public String names;

    private WriterEvents events;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
    private final JsonFactory jackson = new JsonFactory();

    /** The generated reply of a log-ingest service: counts per level, totals, a message. */
    static byte[] reply() {
        StringBuilder sb = new StringBuilder("{\"accepted\":123456,\"rejected\":12,\"bytes\":987654321,\"levels\":{");
        String[] levels = {"TRACE", "DEBUG", "INFO", "NOTICE", "WARN", "ERROR", "FATAL", "AUDIT", "SECURITY", "METRIC"};
        for (int i = 0; i < 20; i++) {
            sb.append(i == 0 ? "" : ",").append('"').append(levels[i % 10]).append(i).append("\":").append(1000 * i + 7);
        }
        return sb.append("},\"ratio\":0.999903,\"message\":\"ok: batch \\\"2026-12-04\\\" stored\",\"retry\":false}")
                .toString().getBytes(StandardCharsets.UTF_8);
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        events = WriterEvents.of(file.equals("reply") ? reply() : Corpus.read(file));
        if (names.equals("shared")) {
            events = events.withSharedNames();
        }
        out.reset();
        write();
        System.out.println(file + " " + impl + ": " + out.size() + " bytes written per operation");
    }

    /** Writes the document once; {@return the bytes written} */
    @Benchmark
    public int write() throws IOException {
        out.reset();
        switch (impl) {
            case JSONARENA, JSONARENA_KEYS -> {
                try (JsonWriter w = JsonWriter.of(out, JsonFormat.COMPACT)) {
                    events.replay(w, impl == Impl.JSONARENA_KEYS);
                }
            }
            case JACKSON -> {
                try (JsonGenerator g = jackson.createGenerator(out)) {
                    events.replay(g);
                }
            }
        }
        return out.size();
    }
}
