package dev.jsonarena.bench.ingest;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Bodies that a log-ingest service must survive, each with the answers it may give: what the
 * log-ingest incident sent, plus the usual attacks on JSON decoders. The large fixed bodies are built
 * once, when an instance is made, and shared by every request (the arrays are never written to).
 *
 * <p>What each {@link Kind} sends, and what the jsonarena example service answers with its default
 * limits: a limit or the request's budget gives 413, bad JSON 400 (with line, column and offset),
 * colliding keys are valid JSON and give 200 with the exact counts. 503 (pool at its cap) is allowed
 * for every kind but the colliding keys.
 *
 * <p>Thread-safety: immutable; safe for use from several threads.
 */
public final class HostileBodies {
    /**
     * How big the attacks are.
     *
     * @param nesting opening brackets of the deep-nesting bodies
     * @param manyKeys distinct member names of the one object of the many-keys body
     * @param collidingBits colliding member names per record are {@code 2^collidingBits} (names of
     *     {@code 2 * collidingBits} chars, every one with the same {@link String#hashCode()})
     * @param collidingRecords records of the colliding-keys body
     * @param hugeStringBytes chars of the one string of the huge-string body
     * @param streamLimit the most bytes a client sends of an endless body
     */
    public record Sizes(int nesting, int manyKeys, int collidingBits, int collidingRecords, int hugeStringBytes,
                        long streamLimit) {}

    /**
     * What the incident test sends in its long mode: the full-size attacks (a 64 MiB string), but
     * 100,000 distinct names, not 2M: see {@link #keyFlood}.
     */
    public static final Sizes FULL = new Sizes(1_000_000, 100_000, 16, 2, 64 << 20, 65L << 20);
    /** What the incident test sends in its short mode: less nesting, fewer colliding keys, a 20 MiB string. */
    public static final Sizes SHORT = new Sizes(100_000, 100_000, 14, 4, 20 << 20, 65L << 20);

    /** The hostile bodies. */
    public enum Kind {
        /** A JSON array nested {@link Sizes#nesting} deep, never closed: 413 at the depth limit. */
        DEEP_NESTING("deep-nesting"),
        /** NDJSON: a good record, then a line of {@link Sizes#nesting} opening brackets: 413. */
        DEEP_NESTING_NDJSON("deep-nesting-ndjson"),
        /**
         * One record with {@link Sizes#manyKeys} distinct member names. Under the default limits and
         * the example's budget it is valid: 200 with the exact counts, unless it is past
         * {@code maxObjectMembers} or the budget (413).
         */
        MANY_KEYS("many-keys"),
        /** Records of {@code 2^collidingBits} names with one hash code each, then a level: 200, exact counts. */
        COLLIDING_KEYS("colliding-keys"),
        /**
         * One record whose message is {@link Sizes#hugeStringBytes} long: 413 (string limit or
         * budget). Sent with a {@code Content-Length} or, every other time on average, chunked.
         */
        HUGE_STRING("huge-string"),
        /** A good array batch with an invalid UTF-8 sequence in one message: 400. */
        INVALID_UTF8("invalid-utf8"),
        /** The same as NDJSON: 400. */
        INVALID_UTF8_NDJSON("invalid-utf8-ndjson"),
        /** A good array batch cut inside its last record: 400. */
        TRUNCATED("truncated"),
        /** The same as NDJSON: 400. */
        TRUNCATED_NDJSON("truncated-ndjson"),
        /** An array of good records streamed with chunked encoding that never closes: 413. */
        ENDLESS_ARRAY("endless-array"),
        /** NDJSON, chunked: one record whose message string never ends: 413 (string or record limit). */
        ENDLESS_RECORD("endless-record");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** {@return the name used in reports} */
        public String label() {
            return label;
        }
    }

    private static final Set<Integer> TOO_BIG = Set.of(413, 503);
    private static final Set<Integer> BAD_JSON = Set.of(400, 503);
    private static final byte[][] INVALID_UTF8 = {
        {(byte) 0xFF}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xC3, '('},
        {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}};

    private final Sizes sizes;
    private final byte[] deepNesting;
    private final IngestRequest manyKeys;
    private final byte[] hugeString;
    private final IngestRequest collidingKeys;
    private final byte[] endlessRecords;

    /**
     * Builds the large bodies.
     *
     * @param sizes how big the attacks are
     */
    public HostileBodies(Sizes sizes) {
        this.sizes = sizes;
        deepNesting = new byte[sizes.nesting()];
        Arrays.fill(deepNesting, (byte) '[');
        manyKeys = keyFlood(Kind.MANY_KEYS.label(), sizes.manyKeys());
        hugeString = hugeString(sizes.hugeStringBytes());
        collidingKeys = collidingKeys(sizes.collidingBits(), sizes.collidingRecords());
        LogBatch records = LogBatch.generate(new SplittableRandom(7), false, 64 << 10);
        String text = new String(records.body(), StandardCharsets.UTF_8);
        endlessRecords = (text.substring(1, text.length() - 1) + ",\n").getBytes(StandardCharsets.UTF_8);
    }

    /** {@return the sizes of these attacks} */
    public Sizes sizes() {
        return sizes;
    }

    /**
     * {@return a request of this kind} The small bodies are generated from {@code random}; the large
     * ones are the shared arrays.
     */
    public IngestRequest request(Kind kind, SplittableRandom random) {
        String name = kind.label();
        return switch (kind) {
            case DEEP_NESTING -> fixed(name, LogBatch.JSON, deepNesting, TOO_BIG);
            case DEEP_NESTING_NDJSON -> {
                byte[] first = LogBatch.generate(random, true, 200).body();
                byte[] body = Arrays.copyOf(first, first.length + deepNesting.length);
                System.arraycopy(deepNesting, 0, body, first.length, deepNesting.length);
                yield fixed(name, LogBatch.NDJSON, body, TOO_BIG);
            }
            case MANY_KEYS -> manyKeys;
            case COLLIDING_KEYS -> collidingKeys;
            case HUGE_STRING -> random.nextBoolean() ? fixed(name, LogBatch.JSON, hugeString, TOO_BIG)
                    : new IngestRequest(name, true, LogBatch.JSON, null, (out, limit) -> out.write(hugeString), hugeString.length,
                            TOO_BIG, null); // chunked: the client reads the answer even when the service stops reading
            case INVALID_UTF8, INVALID_UTF8_NDJSON -> {
                LogBatch batch = LogBatch.generate(random, kind == Kind.INVALID_UTF8_NDJSON, (4 << 10) + random.nextInt(28 << 10));
                byte[] bad = INVALID_UTF8[random.nextInt(INVALID_UTF8.length)];
                int at = indexOf(batch.body(), "\"msg\":\"", batch.body().length / 2) + 7 + 2;
                byte[] body = new byte[batch.body().length + bad.length];
                System.arraycopy(batch.body(), 0, body, 0, at);
                System.arraycopy(bad, 0, body, at, bad.length);
                System.arraycopy(batch.body(), at, body, at + bad.length, batch.body().length - at);
                yield fixed(name, batch.contentType(), body, BAD_JSON);
            }
            case TRUNCATED, TRUNCATED_NDJSON -> {
                LogBatch batch = LogBatch.generate(random, kind == Kind.TRUNCATED_NDJSON, (4 << 10) + random.nextInt(60 << 10));
                int cut = indexOf(batch.body(), "\"msg\":\"", lastRecordStart(batch.body())) + 7 + 2;
                yield fixed(name, batch.contentType(), Arrays.copyOf(batch.body(), cut), BAD_JSON);
            }
            case ENDLESS_ARRAY -> new IngestRequest(name, true, LogBatch.JSON, null, this::endlessArray,
                    sizes.streamLimit(), TOO_BIG, null);
            case ENDLESS_RECORD -> new IngestRequest(name, true, LogBatch.NDJSON, null, HostileBodies::endlessRecord,
                    sizes.streamLimit(), TOO_BIG, null);
        };
    }

    private static IngestRequest fixed(String name, String contentType, byte[] body, Set<Integer> statuses) {
        return new IngestRequest(name, true, contentType, body, null, 0, statuses, null);
    }

    private void endlessArray(OutputStream out, long limit) throws IOException {
        out.write('[');
        for (long sent = 1; sent + endlessRecords.length <= limit; sent += endlessRecords.length) {
            out.write(endlessRecords);
        }
    }

    private static void endlessRecord(OutputStream out, long limit) throws IOException {
        byte[] head = "{\"level\":\"INFO\",\"msg\":\"".getBytes(StandardCharsets.US_ASCII);
        byte[] piece = new byte[64 << 10];
        for (int i = 0; i < piece.length; i++) {
            piece[i] = (byte) ('a' + i % 26);
        }
        out.write(head);
        for (long sent = head.length; sent + piece.length <= limit; sent += piece.length) {
            out.write(piece);
        }
    }

    /**
     * {@return one record with a level and {@code keys} distinct member names ({@code "k0"},
     * {@code "k1"}, ...)}: 200 with its counts if {@code keys} is within the default
     * {@code maxObjectMembers} (2^20), else 413 or 503
     *
     * <p>The parser interns each distinct name in a table on the Java heap while it reads a
     * document: about 190 bytes of heap allocated per distinct name (measured: 94 MB for 500,000
     * names, 189 MB for 1,000,000, whether in one object or spread over many), which neither the
     * request's budget nor the pool's cap bounds. Measured against the example service at
     * {@code -Xmx64m}: 100,000 names, 4 requests at once, pass without a full GC; 150,000 or
     * 200,000 names, 2 at once, and 400,000 or 2^20 + 1 names alone, end in
     * {@code OutOfMemoryError}. The incident's mix sends 100,000 ({@link Sizes#manyKeys}).
     */
    public static IngestRequest keyFlood(String kind, int keys) {
        StringBuilder s = new StringBuilder(keys * 14 + 32).append("[{\"level\":\"INFO\"");
        for (int i = 0; i < keys; i++) {
            s.append(",\"k").append(i).append("\":0");
        }
        byte[] body = s.append("}]").toString().getBytes(StandardCharsets.US_ASCII);
        if (keys > 1 << 20) {
            return fixed(kind, LogBatch.JSON, body, TOO_BIG);
        }
        String reply = LogBatch.reply(1, java.util.Map.of("INFO", 1L));
        return new IngestRequest(kind, true, LogBatch.JSON, body, null, 0, Set.of(200), reply);
    }

    private static byte[] hugeString(int chars) {
        byte[] head = "[{\"level\":\"INFO\",\"msg\":\"".getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "\"}]".getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[head.length + chars + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        for (int i = 0; i < chars; i++) {
            body[head.length + i] = (byte) ('a' + i % 26);
        }
        System.arraycopy(tail, 0, body, head.length + chars, tail.length);
        return body;
    }

    /** Records whose member names all share one {@code String.hashCode()}: "Aa" and "BB" hash alike. */
    private static IngestRequest collidingKeys(int bits, int records) {
        String[] levels = {"INFO", "WARN", "ERROR"};
        StringBuilder s = new StringBuilder().append('[');
        SortedMap<String, Long> counts = new TreeMap<>();
        for (int r = 0; r < records; r++) {
            s.append(r == 0 ? "{" : ",\n{");
            for (int k = 0; k < 1 << bits; k++) {
                s.append('"');
                for (int b = bits - 1; b >= 0; b--) {
                    s.append((k >>> b & 1) == 0 ? "Aa" : "BB");
                }
                s.append("\":").append(k & 7).append(',');
            }
            String level = levels[r % levels.length];
            s.append("\"level\":\"").append(level).append("\"}");
            counts.merge(level, 1L, Long::sum);
        }
        s.append(']');
        LogBatch batch = new LogBatch(LogBatch.JSON, s.toString().getBytes(StandardCharsets.US_ASCII), records, counts);
        return new IngestRequest(Kind.COLLIDING_KEYS.label(), true, batch.contentType(), batch.body(), null, 0,
                Set.of(200), batch.expectedReply());
    }

    private static int lastRecordStart(byte[] body) {
        for (int i = body.length - 2; i > 0; i--) {
            if (body[i] == '\n') {
                return i;
            }
        }
        return 0;
    }

    private static int indexOf(byte[] body, String what, int from) {
        byte[] w = what.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = Math.max(0, from); i <= body.length - w.length; i++) {
            for (int j = 0; j < w.length; j++) {
                if (body[i + j] != w[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("no " + what + " after offset " + from);
    }
}
