package dev.jsonarena.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.jsonarena.JsonArena;
import dev.jsonarena.JsonBudgetExceededException;
import dev.jsonarena.JsonException;
import dev.jsonarena.JsonKey;
import dev.jsonarena.JsonLimitException;
import dev.jsonarena.JsonPool;
import dev.jsonarena.JsonPoolExhaustedException;
import dev.jsonarena.JsonPoolStats;
import dev.jsonarena.JsonRecordException;
import dev.jsonarena.JsonRecordReader;
import dev.jsonarena.JsonType;
import dev.jsonarena.JsonValue;
import dev.jsonarena.JsonWriter;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * A log-ingest HTTP service: {@code POST /logs} takes a JSON array of records, or NDJSON when the
 * content type says so ({@code application/x-ndjson}, {@code application/jsonl}), counts the
 * records by their {@code level} member and answers with a JSON summary. One arena per request,
 * from a pool with a per-request budget and a global cap; bodies are parsed as they are read.
 *
 * <p>Answers: 200 with the summary; 400 for JSON that does not parse (with its line, column and
 * offset); 413 when the body passes a limit or the request's budget; 503 with {@code Retry-After}
 * when the pool is at its cap. Never 500 for bad input. A body that an error stopped early is
 * drained up to {@value #DRAIN_BYTES} bytes, then the connection is closed, so a client never sees
 * a reset connection.
 *
 * <p>{@code GET /stats} answers with the pool's memory ({@link JsonPoolStats}) as JSON: what a
 * dashboard or a health check reads. With no request running, {@code inUseBytes} is 0.
 *
 * <p>Run: {@code mvn -q -Pexample verify -DskipTests} then see the README, or
 * {@code java -cp target/test-classes:target/classes dev.jsonarena.examples.LogIngestServer [port] [capMiB] [budgetMiB]}.
 */
public final class LogIngestServer {
    /** What is read of a body after an error before the connection is closed instead. */
    static final int DRAIN_BYTES = 1 << 20;
    private static final JsonKey LEVEL = JsonKey.of("level");
    /** The usual levels, compared with each record's level in place; any other level becomes a String. */
    private static final JsonKey[] KNOWN_LEVELS = Stream.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL")
            .map(JsonKey::of).toArray(JsonKey[]::new);

    private final JsonPool pool;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    /**
     * Starts the service on loopback.
     *
     * @param port the port, 0 for any free one
     * @param capBytes the most native memory all requests together may hold
     * @param budgetBytes the most one request may hold
     * @throws IOException if the port cannot be bound
     */
    public LogIngestServer(int port, long capBytes, long budgetBytes) throws IOException {
        pool = JsonPool.builder().maxReservedBytes(capBytes).defaultArenaBudget(budgetBytes).build();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
        server.createContext("/logs", this::handle);
        server.createContext("/stats", this::stats);
        server.setExecutor(executor);
        server.start();
    }

    /** {@return the port the service listens on} */
    public int port() {
        return server.getAddress().getPort();
    }

    /** {@return the pool the requests take their memory from} */
    public JsonPool pool() {
        return pool;
    }

    /** Stops the service and closes its pool. */
    public void stop() {
        server.stop(0);
        executor.close();
        pool.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST")) {
                reply(exchange, 405, error("method", "POST a JSON array or NDJSON of log records"));
                return;
            }
            try {
                reply(exchange, 200, ingest(exchange));
            } catch (JsonPoolExhaustedException e) {
                exchange.getResponseHeaders().set("Retry-After", "1");
                stopReading(exchange);
                reply(exchange, 503, error("busy", e.getMessage()));
            } catch (JsonException e) {
                stopReading(exchange);
                JsonException cause = e instanceof JsonRecordException r ? r.getCause() : e;
                int status = cause instanceof JsonLimitException || cause instanceof JsonBudgetExceededException ? 413 : 400;
                reply(exchange, status, error(cause, e));
            }
        }
    }

    private void stats(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonPoolStats s = pool.stats();
            reply(exchange, 200, JsonWriter.buffered().beginObject()
                    .name("reservedBytes").value(s.reservedBytes()).name("inUseBytes").value(s.inUseBytes())
                    .name("idleBytes").value(s.idleBytes()).name("highWaterBytes").value(s.highWaterBytes())
                    .name("capBytes").value(s.capBytes()).name("openArenas").value(s.openArenas())
                    .name("capRejections").value(s.capRejections()).name("chunks").value(s.chunks())
                    .endObject().toByteArray());
        }
    }

    /** Parses the body into an arena of its own and counts its records by level. */
    private byte[] ingest(HttpExchange exchange) throws IOException {
        Map<String, Long> levels = new TreeMap<>();
        long[] known = new long[KNOWN_LEVELS.length];
        long records = 0;
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        try (JsonArena arena = pool.openArena()) {
            InputStream body = exchange.getRequestBody();
            if (type != null && (type.startsWith("application/x-ndjson") || type.startsWith("application/jsonl"))) {
                try (JsonRecordReader reader = JsonRecordReader.builder().open(arena, body)) {
                    for (JsonValue record : reader) {
                        count(record, known, levels);
                    }
                    records = reader.recordsRead();
                }
            } else {
                for (JsonValue record : arena.parse(body, contentLength(exchange), pool.limits()).asArray()) {
                    count(record, known, levels);
                    records++;
                }
            }
        }
        for (int i = 0; i < known.length; i++) {
            if (known[i] > 0) {
                levels.merge(KNOWN_LEVELS[i].name(), known[i], Long::sum);
            }
        }
        JsonWriter w = JsonWriter.buffered().beginObject().name("records").value(records).name("levels").beginObject();
        levels.forEach((level, n) -> w.name(level).value(n));
        return w.endObject().endObject().toByteArray();
    }

    /** Counts a record under its level: a usual one in {@code known}, without making a String; others in {@code levels}. */
    private static void count(JsonValue record, long[] known, Map<String, Long> levels) {
        JsonValue level = record.type() == JsonType.OBJECT ? record.asObject().get(LEVEL) : null;
        if (level == null || level.type() != JsonType.STRING) {
            levels.merge("(none)", 1L, Long::sum);
            return;
        }
        for (int i = 0; i < KNOWN_LEVELS.length; i++) {
            if (level.stringEquals(KNOWN_LEVELS[i])) {
                known[i]++;
                return;
            }
        }
        levels.merge(level.asString(), 1L, Long::sum);
    }

    private static long contentLength(HttpExchange exchange) {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        try {
            return length == null ? -1 : Long.parseLong(length);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Reads what is left of a body an error stopped early, up to a bound; past it, closes the connection. */
    private static void stopReading(HttpExchange exchange) throws IOException {
        InputStream body = exchange.getRequestBody();
        byte[] buffer = new byte[8192];
        long left = DRAIN_BYTES;
        for (int n = 0; left > 0 && n >= 0; left -= Math.max(n, 0)) {
            n = body.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                return; // drained: the connection can serve the next request
            }
        }
        exchange.getResponseHeaders().set("Connection", "close");
    }

    private static byte[] error(String kind, String message) {
        return JsonWriter.buffered().beginObject().name("error").value(kind).name("message").value(message)
                .endObject().toByteArray();
    }

    private static byte[] error(JsonException cause, JsonException e) {
        JsonWriter w = JsonWriter.buffered().beginObject().name("error").value(cause.getClass().getSimpleName())
                .name("message").value(e.getMessage());
        if (e.line() > 0) { // every JsonException answers where through the base type (-1 or null when not known)
            w.name("line").value(e.line()).name("column").value(e.column());
        }
        if (e.offset() >= 0) {
            w.name("offset").value(e.offset());
        }
        if (e.pointer() != null) {
            w.name("pointer").value(e.pointer());
        }
        if (cause instanceof JsonLimitException l) {
            w.name("limit").value(l.limit().setting());
        }
        return w.endObject().toByteArray();
    }

    private static void reply(HttpExchange exchange, int status, byte[] json) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, json.length);
        exchange.getResponseBody().write(json);
    }

    /**
     * Runs the service until the process is stopped.
     *
     * @param args port (default 8080), pool cap in MiB (default 256), request budget in MiB (default 32)
     * @throws IOException if the port cannot be bound
     */
    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        long cap = (args.length > 1 ? Long.parseLong(args[1]) : 256) << 20;
        long budget = (args.length > 2 ? Long.parseLong(args[2]) : 32) << 20;
        LogIngestServer service = new LogIngestServer(port, cap, budget);
        System.out.println("log ingest on http://127.0.0.1:" + service.port() + "/logs (cap " + (cap >> 20)
                + " MiB, " + (budget >> 20) + " MiB per request)");
    }
}
