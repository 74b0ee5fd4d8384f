package dev.jsonarena.bench.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A generated batch of log records, as a JSON array or as NDJSON, with the answer a log-ingest
 * service must give for it: the number of records and the count of each {@code level}.
 *
 * <p>Records are 120-600 bytes: a timestamp, a level, a logger, a message of words (with an escape
 * in 1 record of 16 and a 2- or 3-byte UTF-8 character in 1 of 16), and any subset of six attributes (numbers,
 * booleans, null, a nested object, an array). Levels: {@code DEBUG} 20%, {@code INFO} 55%,
 * {@code WARN} 15%, {@code ERROR} 6%; 2% of the records spell {@code WARN} with an escape
 * ({@code "W\u0041RN"}), which the service must count as {@code WARN}; 2% have no level and 1%
 * a level that is not a string, both counted as {@code "(none)"}.
 *
 * @param contentType {@code application/json} for an array, {@code application/x-ndjson} for NDJSON
 * @param body the UTF-8 bytes
 * @param records the number of records
 * @param levels records per level, {@code "(none)"} for records without a string level
 */
public record LogBatch(String contentType, byte[] body, long records, SortedMap<String, Long> levels) {
    /** Content type of a JSON array of records. */
    public static final String JSON = "application/json";
    /** Content type of NDJSON, one record per line. */
    public static final String NDJSON = "application/x-ndjson";
    /** The level key of records without a string {@code level}. */
    public static final String NO_LEVEL = "(none)";

    private static final String[] WORDS = {"request", "order", "payment", "user", "cache", "session", "timeout",
        "retry", "connection", "accepted", "rejected", "completed", "started", "queue", "batch", "shard", "token",
        "upstream", "latency", "the", "a", "of", "for", "with", "after", "from", "to", "in"};
    private static final String[] LOGGERS = {"dev.shop.http.RequestHandler", "dev.shop.orders.OrderService",
        "dev.shop.payments.PaymentGateway", "dev.shop.cache.RedisCache", "dev.shop.auth.TokenVerifier"};
    private static final String[] NON_ASCII = {"\u00e9", "\u00fc", "\u65e5\u672c", "\u20ac"};
    private static final String[] ESCAPES = {"\\n", "\\t", "\\\"", "\\\\", "\\u00e9", "\\/"};

    /** Makes the level map immutable. */
    public LogBatch {
        levels = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(levels));
    }

    /**
     * Generates a batch of at least one record and about {@code targetBytes} bytes (it ends with the
     * first record that reaches the target, so it is at most 600 bytes longer).
     *
     * @param random the source of every choice; the same seed gives the same bytes
     * @param ndjson NDJSON (one record per line) rather than a JSON array
     * @param targetBytes the size to reach
     * @return the batch
     */
    public static LogBatch generate(SplittableRandom random, boolean ndjson, int targetBytes) {
        StringBuilder out = new StringBuilder(targetBytes + 1024);
        SortedMap<String, Long> levels = new TreeMap<>();
        long records = 0;
        if (!ndjson) {
            out.append('[');
        }
        do {
            if (records > 0) {
                out.append(ndjson ? "\n" : ",\n");
            }
            levels.merge(appendRecord(out, random), 1L, Long::sum);
            records++;
        } while (out.length() < targetBytes); // chars: a lower bound of the UTF-8 bytes
        out.append(ndjson ? "\n" : "]");
        return new LogBatch(ndjson ? NDJSON : JSON, out.toString().getBytes(StandardCharsets.UTF_8), records, levels);
    }

    /** {@return the exact answer of the service: {@code {"records":N,"levels":{...}}}, levels in their natural order} */
    public String expectedReply() {
        return reply(records, levels);
    }

    /** {@return the summary a log-ingest service writes for these counts} */
    public static String reply(long records, Map<String, Long> levels) {
        StringBuilder s = new StringBuilder("{\"records\":").append(records).append(",\"levels\":{");
        String sep = "";
        for (Map.Entry<String, Long> e : new TreeMap<>(levels).entrySet()) {
            s.append(sep).append('"').append(e.getKey()).append("\":").append(e.getValue());
            sep = ",";
        }
        return s.append("}}").toString();
    }

    /** Appends one record and returns the level the service must count it under. */
    static String appendRecord(StringBuilder out, SplittableRandom r) {
        int p = r.nextInt(100);
        String level;
        String spelled;
        if (p < 20) {
            level = spelled = "\"DEBUG\"";
        } else if (p < 75) {
            level = spelled = "\"INFO\"";
        } else if (p < 90) {
            level = spelled = "\"WARN\"";
        } else if (p < 96) {
            level = spelled = "\"ERROR\"";
        } else if (p < 98) {
            level = "\"WARN\"";
            spelled = "\"W\\u0041RN\"";
        } else if (p < 99) {
            level = null;
            spelled = null;
        } else {
            level = null;
            spelled = r.nextBoolean() ? "3" : "null";
        }
        out.append("{\"ts\":\"2026-12-05T").append(two(r.nextInt(24))).append(':').append(two(r.nextInt(60)))
                .append(':').append(two(r.nextInt(60))).append('.').append(100 + r.nextInt(900)).append("Z\"");
        if (spelled != null) {
            out.append(",\"level\":").append(spelled);
        }
        out.append(",\"logger\":\"").append(LOGGERS[r.nextInt(LOGGERS.length)]).append("\",\"msg\":\"");
        int words = 4 + r.nextInt(40);
        int escapeAt = r.nextInt(16) == 0 ? r.nextInt(words) : -1;
        int nonAsciiAt = r.nextInt(16) == 0 ? r.nextInt(words) : -1;
        for (int i = 0; i < words; i++) {
            out.append(i == 0 ? "" : " ").append(WORDS[r.nextInt(WORDS.length)]);
            if (i == escapeAt) {
                out.append(ESCAPES[r.nextInt(ESCAPES.length)]);
            }
            if (i == nonAsciiAt) {
                out.append(NON_ASCII[r.nextInt(NON_ASCII.length)]);
            }
        }
        out.append('"');
        int attributes = r.nextInt(64); // a subset of the six attributes, each at most once
        for (int i = 0; i < 6; i++) {
            if ((attributes >>> i & 1) == 0) {
                continue;
            }
            switch (i) {
                case 0 -> out.append(",\"status\":").append(200 + r.nextInt(400));
                case 1 -> out.append(",\"latencyMs\":").append(r.nextInt(5000) / 10.0);
                case 2 -> out.append(",\"cached\":").append(r.nextBoolean());
                case 3 -> out.append(",\"trace\":null");
                case 4 -> out.append(",\"user\":{\"id\":").append(r.nextInt(1_000_000)).append(",\"plan\":\"")
                        .append(r.nextBoolean() ? "free" : "pro").append("\"}");
                default -> out.append(",\"tags\":[\"").append(WORDS[r.nextInt(WORDS.length)]).append("\",\"")
                        .append(WORDS[r.nextInt(WORDS.length)]).append("\"]");
            }
        }
        out.append('}');
        return level == null ? NO_LEVEL : level.substring(1, level.length() - 1);
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }
}
