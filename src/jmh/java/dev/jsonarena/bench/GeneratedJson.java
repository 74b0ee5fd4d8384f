package dev.jsonarena.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generated benchmark inputs: documents of shapes the corpus lacks, and JSON Lines of log records
 * of a chosen size. Each is made from a fixed seed, so the same name gives the same bytes in every
 * JVM and every run (checked by {@code StreamBenchmarksTest}); all are valid RFC 8259 UTF-8, and
 * each is larger than the 64 KiB window through which streams are parsed, so a streamed parse
 * refills its window many times.
 *
 * <p>Documents ({@link #document}):
 * <ul>
 *   <li>{@value #LOG_RECORDS}: an array of log-record objects (timestamp, level, logger, message
 *       and 0-15 more fields: thread, host, status, latency, user object, tags array, trace id,
 *       attributes), 150-600 bytes each, one per line; about 4 MiB;
 *   <li>{@value #NUMBER_ARRAY}: one array of numbers in every JSON form ({@code 0.5}, {@code 12},
 *       {@code -3e5}, {@code 1.25E-7}, 17-digit decimals, large integers), no spaces; about 2 MiB;
 *   <li>{@value #DEEP_NESTING}: an array of arrays nested 199 deep around one integer each
 *       ({@code [[[...[7]...]]]}), so the document's depth is 200; about 2 MiB;
 *   <li>{@value #LONG_STRINGS}: an array of four strings of 1 MiB of JSON text each: words, an
 *       escape ({@code \n}, {@code \t}, {@code \"}, {@code \\}, {@code \u00e9}, {@code \/}) in
 *       2.5% of the words and a 2- or 3-byte UTF-8 character in 3%.
 * </ul>
 * JSON Lines ({@link #ndjson}): log records of about 0.2, 1 and 4 KiB each ({@value #NDJSON_0_2K},
 * {@value #NDJSON_1K}, {@value #NDJSON_4K}), one per line, about 6 MiB per input. Every record has
 * a string member {@code "level"}: {@code DEBUG} (20%), {@code INFO} (60%), {@code WARN} (15%) or
 * {@code ERROR} (5%).
 *
 * <p>Thread-safety: stateless.
 */
public final class GeneratedJson {
    /** Document: an array of log records, about 4 MiB. */
    public static final String LOG_RECORDS = "log_records";
    /** Document: an array of numbers of mixed forms, about 2 MiB. */
    public static final String NUMBER_ARRAY = "number_array";
    /** Document: arrays nested 199 deep, repeated in an outer array (depth 200), about 2 MiB. */
    public static final String DEEP_NESTING = "deep_nesting";
    /** Document: an array of four 1 MiB strings. */
    public static final String LONG_STRINGS = "long_strings";
    /** The generated documents, in the order the documentation lists them. */
    public static final List<String> DOCUMENTS = List.of(LOG_RECORDS, NUMBER_ARRAY, DEEP_NESTING, LONG_STRINGS);

    /** JSON Lines: log records aiming at 205 bytes (0.2 KiB); 176 bytes on average. */
    public static final String NDJSON_0_2K = "logs_0.2k.ndjson";
    /** JSON Lines: log records of about 1 KiB (1,006 bytes on average). */
    public static final String NDJSON_1K = "logs_1k.ndjson";
    /** JSON Lines: log records of about 4 KiB (4,084 bytes on average). */
    public static final String NDJSON_4K = "logs_4k.ndjson";
    /** The generated JSON Lines inputs. */
    public static final List<String> NDJSON = List.of(NDJSON_0_2K, NDJSON_1K, NDJSON_4K);

    /** The size of each JSON Lines input. */
    static final int NDJSON_BYTES = 6 << 20;
    /** The levels, in the order of {@link #level}'s thresholds. */
    static final List<String> LEVELS = List.of("DEBUG", "INFO", "WARN", "ERROR");

    private static final String[] WORDS = {"request", "order", "payment", "user", "cache", "session", "timeout",
        "retry", "connection", "accepted", "rejected", "completed", "started", "queue", "batch", "index", "shard",
        "token", "refresh", "upstream", "latency", "the", "a", "of", "for", "with", "after", "from", "to", "in"};
    private static final String[] NON_ASCII = {"\u00e9", "\u00fc", "\u00df", "\u65e5\u672c", "\u00f1", "\u20ac"};
    private static final String[] ESCAPES = {"\\n", "\\t", "\\\"", "\\\\", "\\u00e9", "\\/"};
    private static final String[] LOGGERS = {"dev.shop.http.RequestHandler", "dev.shop.orders.OrderService",
        "dev.shop.payments.PaymentGateway", "dev.shop.cache.RedisCache", "dev.shop.auth.TokenVerifier"};

    private GeneratedJson() {}

    /**
     * {@return the generated input called {@code name}}: one of {@link #DOCUMENTS} or
     * {@link #NDJSON}
     *
     * @throws IllegalArgumentException for any other name
     */
    public static byte[] bytes(String name) {
        return switch (name) {
            case LOG_RECORDS -> logRecordArray(4 << 20, 1);
            case NUMBER_ARRAY -> numberArray(2 << 20, 2);
            case DEEP_NESTING -> deepNesting(199, 2 << 20);
            case LONG_STRINGS -> longStrings(4, 1 << 20, 4);
            case NDJSON_0_2K -> ndjson(205, NDJSON_BYTES, 5);
            case NDJSON_1K -> ndjson(1 << 10, NDJSON_BYTES, 6);
            case NDJSON_4K -> ndjson(4 << 10, NDJSON_BYTES, 7);
            default -> throw new IllegalArgumentException("generated input: " + name + " (expected: one of "
                    + DOCUMENTS + " or " + NDJSON + ")");
        };
    }

    /** {@return whether {@code name} is a generated input rather than a corpus file} */
    public static boolean isGenerated(String name) {
        return DOCUMENTS.contains(name) || NDJSON.contains(name);
    }

    /**
     * {@return the bytes of input {@code name}}: a generated one ({@link #bytes}) or a corpus file
     * ({@link Corpus#read}, which throws if it is absent)
     */
    public static byte[] input(String name) {
        return isGenerated(name) ? bytes(name) : Corpus.read(name);
    }

    /** An array of log records of 150-600 bytes, one per line, until about {@code targetBytes}. */
    static byte[] logRecordArray(int targetBytes, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder(targetBytes + 1024).append("[\n");
        for (long seq = 0; sb.length() < targetBytes; seq++) {
            if (seq > 0) {
                sb.append(",\n");
            }
            logRecord(sb, r, seq, 150 + r.nextInt(451));
        }
        return utf8(sb.append("\n]\n"));
    }

    /** Log records of about {@code recordBytes} each, one per line, until about {@code targetBytes}. */
    static byte[] ndjson(int recordBytes, int targetBytes, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder(targetBytes + 2 * recordBytes);
        for (long seq = 0; sb.length() < targetBytes; seq++) {
            logRecord(sb, r, seq, recordBytes - 1); // the newline is the record's last byte
            sb.append('\n');
        }
        return utf8(sb);
    }

    /**
     * Appends one log record of about {@code target} characters (at least the four first fields;
     * then more fields while the record is more than 40 characters short of the target).
     */
    static void logRecord(StringBuilder sb, SplittableRandom r, long seq, int target) {
        int start = sb.length();
        long millis = 1_764_806_400_000L + seq * 37 + r.nextInt(37);
        sb.append("{\"ts\":").append(millis).append(",\"level\":\"").append(level(r)).append("\",\"logger\":\"")
                .append(LOGGERS[r.nextInt(LOGGERS.length)]).append("\",\"msg\":\"");
        words(sb, r, 3 + r.nextInt(8), 0.03);
        sb.append('"');
        for (int k = 0; sb.length() - start < target - 40; k++) {
            sb.append(',');
            switch (k) {
                case 0 -> sb.append("\"thread\":\"worker-").append(r.nextInt(64)).append('"');
                case 1 -> sb.append("\"host\":\"web-").append(10 + r.nextInt(90)).append(".eu-west-1\"");
                case 2 -> sb.append("\"status\":").append(r.nextInt(10) == 0 ? 500 : 200);
                case 3 -> sb.append("\"latency_ms\":").append(r.nextInt(5000) / 100.0);
                case 4 -> sb.append("\"user\":{\"id\":").append(r.nextInt(1_000_000)).append(",\"name\":\"user")
                        .append(r.nextInt(100_000)).append("\",\"admin\":").append(r.nextInt(50) == 0).append('}');
                case 5 -> sb.append("\"tags\":[\"").append(WORDS[r.nextInt(15)]).append("\",\"")
                        .append(WORDS[r.nextInt(15)]).append("\"]");
                case 6 -> sb.append("\"trace_id\":\"").append(Long.toHexString(r.nextLong() | 1L << 63)).append('"');
                default -> {
                    sb.append("\"attr_").append(k - 7).append("\":");
                    switch (r.nextInt(4)) {
                        case 0 -> sb.append(r.nextInt(100_000));
                        case 1 -> sb.append(r.nextBoolean());
                        case 2 -> sb.append(r.nextInt(1_000_000) / 1000.0);
                        default -> {
                            sb.append('"');
                            words(sb, r, 2 + r.nextInt(10), 0.02);
                            sb.append('"');
                        }
                    }
                }
            }
        }
        sb.append('}');
    }

    private static String level(SplittableRandom r) {
        int p = r.nextInt(100);
        return LEVELS.get(p < 20 ? 0 : p < 80 ? 1 : p < 95 ? 2 : 3);
    }

    /** Appends {@code n} words separated by spaces; each word is non-ASCII with probability {@code nonAscii}. */
    private static void words(StringBuilder sb, SplittableRandom r, int n, double nonAscii) {
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(r.nextDouble() < nonAscii ? NON_ASCII[r.nextInt(NON_ASCII.length)] : WORDS[r.nextInt(WORDS.length)]);
        }
    }

    /** An array of numbers of mixed forms, until about {@code targetBytes}. */
    static byte[] numberArray(int targetBytes, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder(targetBytes + 64).append('[');
        for (int i = 0; sb.length() < targetBytes; i++) {
            if (i > 0) {
                sb.append(',');
            }
            switch (r.nextInt(8)) {
                case 0 -> sb.append(r.nextInt(100));                                 // 12
                case 1 -> sb.append(-r.nextInt(100_000));                            // -4821
                case 2 -> sb.append(r.nextInt(10)).append('.').append(r.nextInt(10)); // 0.5
                case 3 -> sb.append(r.nextInt(1000)).append('.').append(r.nextInt(1, 1000)); // 123.45
                case 4 -> sb.append(r.nextBoolean() ? "-" : "").append(1 + r.nextInt(9)).append('e')
                        .append(r.nextInt(1, 10));                                   // -3e5
                case 5 -> sb.append(1 + r.nextInt(9)).append('.').append(r.nextInt(10, 100)).append("E-")
                        .append(r.nextInt(1, 20));                                   // 1.25E-7
                case 6 -> sb.append(r.nextDouble() * 360 - 180);                     // -65.61361699999998
                default -> sb.append(r.nextLong(1L << 40, 1L << 62));                // 4611686018427387904
            }
        }
        return utf8(sb.append(']'));
    }

    /** An array of arrays nested {@code depth} deep around one integer each, until about {@code targetBytes}. */
    static byte[] deepNesting(int depth, int targetBytes) {
        String open = "[".repeat(depth);
        String close = "]".repeat(depth);
        StringBuilder sb = new StringBuilder(targetBytes + 2 * depth + 64).append('[');
        for (int i = 0; sb.length() < targetBytes; i++) {
            if (i > 0) {
                sb.append(",\n");
            }
            sb.append(open).append(i).append(close);
        }
        return utf8(sb.append(']'));
    }

    /** An array of {@code count} strings of about {@code stringBytes} UTF-8 bytes each. */
    static byte[] longStrings(int count, int stringBytes, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder(count * (stringBytes + 64)).append('[');
        for (int s = 0; s < count; s++) {
            if (s > 0) {
                sb.append(",\n");
            }
            sb.append('"');
            int bytes = 0;
            while (bytes < stringBytes) {
                String piece;
                int p = r.nextInt(1000);
                if (p < 25) {
                    piece = ESCAPES[r.nextInt(ESCAPES.length)];
                } else if (p < 55) {
                    piece = NON_ASCII[r.nextInt(NON_ASCII.length)];
                } else {
                    piece = WORDS[r.nextInt(WORDS.length)];
                }
                sb.append(piece).append(' ');
                bytes += piece.getBytes(StandardCharsets.UTF_8).length + 1;
            }
            sb.append('"');
        }
        return utf8(sb.append(']'));
    }

    private static byte[] utf8(CharSequence s) {
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }
}
