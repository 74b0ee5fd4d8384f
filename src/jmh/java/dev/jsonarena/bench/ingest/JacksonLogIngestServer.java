package dev.jsonarena.bench.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The example log-ingest service ({@code dev.jsonarena.examples.LogIngestServer}) with Jackson in
 * place of jsonarena, for {@link IngestComparison}: the same HTTP server, executor, endpoint,
 * content types, summary and error statuses, the body decoded with Jackson 2.21 either into
 * {@code Map<String, Object>} (a JSON array into a {@code List} of maps) or into a
 * {@link JsonNode} tree. This is how the service of the log-ingest incident decoded its batches.
 *
 * <p>An array body is decoded whole, then its records are counted; NDJSON is decoded a record at a
 * time ({@link MappingIterator}). Jackson's {@link StreamConstraintsException} (its nesting, string
 * and number limits) answers 413, any other decoding error 400 with line, column and offset. A body
 * that an error stopped early is drained up to 1 MiB, then the connection is closed, as the example
 * does. An {@link OutOfMemoryError} is not caught: it ends the handler's thread as it would in a
 * service, and is printed on standard error.
 *
 * <p>Run: {@code java -cp target/benchmarks.jar dev.jsonarena.bench.ingest.JacksonLogIngestServer [port] [map|tree]}.
 */
public final class JacksonLogIngestServer {
    /** How the body is decoded. */
    public enum Decoding {
        /** Into {@code Map<String, Object>} (an array into a {@code List}), as {@code ObjectMapper.readValue} does. */
        MAP,
        /** Into a {@link JsonNode} tree, as {@code ObjectMapper.readTree} does. */
        TREE
    }

    private static final int DRAIN_BYTES = 1 << 20;
    /** The mapper; it leaves the request body open, so that a refused body can be drained. */
    private static final ObjectMapper MAPPER = JsonMapper.builder().disable(StreamReadFeature.AUTO_CLOSE_SOURCE).build();

    private final Decoding decoding;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    /**
     * Starts the service on loopback.
     *
     * @param port the port, 0 for any free one
     * @param decoding how bodies are decoded
     * @throws IOException if the port cannot be bound
     */
    public JacksonLogIngestServer(int port, Decoding decoding) throws IOException {
        this.decoding = decoding;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
        server.createContext("/logs", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** {@return the port the service listens on} */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops the service. */
    public void stop() {
        server.stop(0);
        executor.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST")) {
                reply(exchange, 405, Map.of("error", "method", "message", "POST a JSON array or NDJSON of log records"));
                return;
            }
            try {
                reply(exchange, 200, ingest(exchange));
            } catch (StreamConstraintsException e) {
                stopReading(exchange);
                reply(exchange, 413, error(e));
            } catch (JsonProcessingException e) {
                stopReading(exchange);
                reply(exchange, 400, error(e));
            }
        }
    }

    private Map<String, Object> ingest(HttpExchange exchange) throws IOException {
        Map<String, Long> levels = new TreeMap<>();
        long records = 0;
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        InputStream body = exchange.getRequestBody();
        Class<?> recordType = decoding == Decoding.MAP ? Map.class : JsonNode.class;
        if (type != null && (type.startsWith("application/x-ndjson") || type.startsWith("application/jsonl"))) {
            try (MappingIterator<Object> it = MAPPER.readerFor(recordType).readValues(body)) {
                while (it.hasNextValue()) {
                    count(it.nextValue(), levels);
                    records++;
                }
            }
        } else if (decoding == Decoding.MAP) {
            for (Object record : MAPPER.readValue(body, List.class)) {
                count(record, levels);
                records++;
            }
        } else {
            JsonNode root = MAPPER.readTree(body);
            if (root == null || !root.isArray()) {
                throw MismatchedInputException.from(null, List.class, "expected a JSON array of records");
            }
            for (JsonNode record : root) {
                count(record, levels);
                records++;
            }
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("records", records);
        summary.put("levels", levels);
        return summary;
    }

    private static void count(Object record, Map<String, Long> levels) {
        Object level = switch (record) {
            case Map<?, ?> m -> m.get("level");
            case JsonNode n when n.isObject() && n.get("level") != null && n.get("level").isTextual() -> n.get("level").asText();
            default -> null;
        };
        levels.merge(level instanceof String s ? s : "(none)", 1L, Long::sum);
    }

    private static Map<String, Object> error(JsonProcessingException e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("error", e.getClass().getSimpleName());
        out.put("message", e.getOriginalMessage());
        JsonLocation at = e.getLocation();
        if (at != null) {
            out.put("line", at.getLineNr());
            out.put("column", at.getColumnNr());
            out.put("offset", at.getByteOffset());
        }
        return out;
    }

    private static void stopReading(HttpExchange exchange) throws IOException {
        InputStream body = exchange.getRequestBody();
        byte[] buffer = new byte[8192];
        for (long left = DRAIN_BYTES; left > 0; ) {
            int n = body.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                return;
            }
            left -= n;
        }
        exchange.getResponseHeaders().set("Connection", "close");
    }

    private static void reply(HttpExchange exchange, int status, Map<String, ?> json) throws IOException {
        byte[] bytes = MAPPER.writeValueAsBytes(json);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /**
     * Runs the service until the process is stopped.
     *
     * @param args port (default 8080), then {@code map} (default) or {@code tree}
     * @throws IOException if the port cannot be bound
     */
    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        Decoding decoding = args.length > 1 ? Decoding.valueOf(args[1].toUpperCase(java.util.Locale.ROOT)) : Decoding.MAP;
        JacksonLogIngestServer service = new JacksonLogIngestServer(port, decoding);
        System.out.println("log ingest (Jackson " + decoding.name().toLowerCase(java.util.Locale.ROOT) + ") on http://127.0.0.1:"
                + service.port() + "/logs");
    }
}
