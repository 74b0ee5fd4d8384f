package dev.jsonarena.nativetests;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A stream of generated log records, produced lazily: the bytes of one record at a time are made
 * when the reader asks for them, so a stream of any length costs a record's worth of heap.
 *
 * <p>Each record is an object
 * {@code {"ts":<long>,"level":"INFO"|"WARN"|"ERROR","msg":"...","attrs":{...}}}. The message is
 * 8 to 2048 characters (log-uniform), built from words and from fragments with escapes
 * ({@code \"}, {@code \\}, {@code \n}, {@code \t}, {@code \u00e9}, a surrogate pair), raw
 * two- and three-byte UTF-8 characters; one record in 1024 carries a "stack trace" message of
 * 64 to 256 KiB, longer than the parser's 64 KiB input window. {@code attrs} holds 0 to 10 distinct
 * members drawn from 16 names (strings, integers, decimals, booleans, null, an array of strings, a
 * nested object). Levels: 5% ERROR, 15% WARN, 80% INFO.
 *
 * <p>Two shapes ({@link Shape}): one JSON array of records, padded with trailing spaces to exactly
 * the target size; or JSON Lines, one record per line, as many whole lines as fit in the target.
 *
 * <p>While it produces the bytes the generator counts what it wrote ({@link #records()},
 * {@link #levels()}, the sum of {@code ts}, of the messages' decoded UTF-8 lengths and of the
 * {@code attrs} members): what a parse of the stream must read back. Counters cover the records
 * delivered so far; they are final once the stream is at its end.
 *
 * <p>Thread-safety: not thread-safe.
 */
final class LogRecords extends InputStream {
    /** How the records are put together. */
    enum Shape {
        /** {@code [rec,\nrec,\n...]} then spaces up to the target size, then a newline. */
        ARRAY,
        /** {@code rec\n} per record (JSON Lines). */
        LINES
    }

    /** Level names, in the order of {@link #levels()}. */
    static final String[] LEVELS = {"INFO", "WARN", "ERROR"};

    private static final String[] WORDS = {
        "request", "handled", "user", "session", "timeout", "connection", "reset", "by", "peer", "cache",
        "miss", "for", "key", "retrying", "in", "ms", "upstream", "returned", "status", "payload", "of",
        "bytes", "queue", "depth", "exceeded", "threshold", "shard", "rebalanced", "after", "the", "lease",
        "expired", "a", "GET", "/api/v2/orders", "POST", "/login", "0x7f3a", "42", "3.14159",
    };

    /** Fragments with escapes or non-ASCII characters: the JSON text and its decoded UTF-8 length. */
    private static final String[] FRAGMENTS = {
        "\\\"quoted\\\"", "back\\\\slash", "line\\nbreak", "tab\\there", "caf\\u00e9", "smile \\ud83d\\ude00",
        "na\u00efve", "\u2192 next", "\u65e5\u672c\u8a9e", "\\/path",
    };
    private static final int[] FRAGMENT_DECODED = new int[FRAGMENTS.length];
    private static final byte[][] WORD_BYTES = utf8(WORDS);
    private static final byte[][] FRAGMENT_BYTES = utf8(FRAGMENTS);

    static {
        String[] decoded = {
            "\"quoted\"", "back\\slash", "line\nbreak", "tab\there", "caf\u00e9", "smile \ud83d\ude00",
            "na\u00efve", "\u2192 next", "\u65e5\u672c\u8a9e", "/path",
        };
        for (int i = 0; i < decoded.length; i++) {
            FRAGMENT_DECODED[i] = decoded[i].getBytes(StandardCharsets.UTF_8).length;
        }
    }

    private static final String[] ATTR_NAMES = {
        "user", "host", "path", "status", "latency_ms", "bytes", "region", "trace_id",
        "retry", "cached", "tags", "http", "score", "parent", "thread", "shard",
    };
    private static final byte[][] ATTR_NAME_BYTES = utf8(ATTR_NAMES);
    private static final byte[][] REGIONS = utf8(new String[] {"eu-west-1", "us-east-2", "ap-south-1", "sa-east-1"});
    private static final byte[][] METHODS = utf8(new String[] {"GET", "POST", "PUT", "DELETE"});
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /** Steps coprime to 16: attribute names are {@code (start + i * step) mod 16}, all distinct. */
    private static final int[] STEPS = {1, 3, 5, 7, 9, 11, 13, 15};

    private final Shape shape;
    private final long target;
    private final SplittableRandom random;

    /** The bytes being served: a record with its separator, or the closing of the array. */
    private byte[] buf = new byte[8192];
    private int len;
    private int pos;
    private long produced;
    private boolean finished;
    private long ts = 1_700_000_000_000L;

    private long records;
    private final long[] levels = new long[LEVELS.length];
    private long tsSum;
    private long msgBytes;
    private long attrMembers;
    /** Counters of the record in {@link #buf}, added when it is committed. */
    private int pendingLevel;
    private long pendingTs;
    private long pendingMsgBytes;
    private int pendingAttrs;

    /**
     * @param shape array or lines
     * @param targetBytes the size of the stream: exact for {@link Shape#ARRAY}, an upper bound for
     *                    {@link Shape#LINES}; at least 1 KiB
     * @param seed the random seed; equal seeds give equal streams
     */
    LogRecords(Shape shape, long targetBytes, long seed) {
        if (targetBytes < 1024) {
            throw new IllegalArgumentException("targetBytes: " + targetBytes + " (expected: >= 1024)");
        }
        this.shape = Objects.requireNonNull(shape, "shape");
        this.target = targetBytes;
        this.random = new SplittableRandom(seed);
    }

    /** {@return the records delivered so far} */
    long records() {
        return records;
    }

    /** {@return records delivered so far per level, in the order of {@link #LEVELS}} */
    long[] levels() {
        return levels.clone();
    }

    /** {@return the sum of the delivered records' {@code ts} (wrapping on overflow)} */
    long tsSum() {
        return tsSum;
    }

    /** {@return the sum of the delivered messages' lengths in UTF-8 bytes, escapes resolved} */
    long msgBytes() {
        return msgBytes;
    }

    /** {@return the sum of the delivered records' {@code attrs} member counts} */
    long attrMembers() {
        return attrMembers;
    }

    /** {@return the bytes delivered so far} */
    long bytesDelivered() {
        return produced - (len - pos);
    }

    @Override
    public int read() {
        if (pos == len && !advance()) {
            return -1;
        }
        return buf[pos++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int n) {
        Objects.checkFromIndexSize(off, n, b.length);
        if (n == 0) {
            return 0;
        }
        int done = 0;
        while (done < n) {
            if (pos == len && !advance()) {
                break;
            }
            int k = Math.min(n - done, len - pos);
            System.arraycopy(buf, pos, b, off + done, k);
            pos += k;
            done += k;
        }
        return done == 0 ? -1 : done;
    }

    /** Makes the next piece of the stream; {@return false at its end} */
    private boolean advance() {
        if (finished) {
            return false;
        }
        len = 0;
        pos = 0;
        if (produced == 0 && shape == Shape.ARRAY) {
            put((byte) '[');
        }
        int head = len;
        if (shape == Shape.ARRAY && records > 0) {
            put((byte) ',');
            put((byte) '\n');
        }
        record();
        if (shape == Shape.LINES) {
            put((byte) '\n');
        }
        long closing = shape == Shape.ARRAY ? 2 : 0; // "]\n"
        if (produced + len + closing <= target) {
            commit();
        } else {
            len = head; // the record does not fit: drop it, end the stream
            finished = true;
            if (shape == Shape.ARRAY) {
                long pad = target - produced - len - closing;
                ensure((int) (pad + closing));
                Arrays.fill(buf, len, len + (int) pad, (byte) ' ');
                len += (int) pad;
                put((byte) ']');
                put((byte) '\n');
            }
        }
        produced += len;
        return len > 0;
    }

    private void commit() {
        records++;
        levels[pendingLevel]++;
        tsSum += pendingTs;
        msgBytes += pendingMsgBytes;
        attrMembers += pendingAttrs;
    }

    private void record() {
        ts += random.nextInt(1000);
        int roll = random.nextInt(100);
        pendingLevel = roll < 5 ? 2 : roll < 20 ? 1 : 0;
        pendingTs = ts;
        put("{\"ts\":");
        putLong(ts);
        put(",\"level\":\"");
        put(LEVELS[pendingLevel]);
        put("\",\"msg\":\"");
        pendingMsgBytes = random.nextInt(1024) == 0
                ? message(64 * 1024 + random.nextInt(192 * 1024))
                : message((int) Math.exp(Math.log(8) + random.nextDouble() * (Math.log(2048) - Math.log(8))));
        put("\",\"attrs\":{");
        int count = random.nextInt(11);
        int start = random.nextInt(16);
        int step = STEPS[random.nextInt(STEPS.length)];
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                put((byte) ',');
            }
            attribute((start + i * step) & 15);
        }
        pendingAttrs = count;
        put("}}");
    }

    /** Writes a message of about {@code chars} bytes of JSON text; {@return its decoded UTF-8 length} */
    private long message(int chars) {
        int begin = len;
        long decoded = 0;
        while (len - begin < chars) {
            if (len > begin) {
                put((byte) ' ');
                decoded++;
            }
            if (random.nextInt(8) == 0) {
                int f = random.nextInt(FRAGMENTS.length);
                put(FRAGMENT_BYTES[f]);
                decoded += FRAGMENT_DECODED[f];
            } else {
                byte[] w = WORD_BYTES[random.nextInt(WORD_BYTES.length)];
                put(w);
                decoded += w.length;
            }
        }
        return decoded;
    }

    private void attribute(int name) {
        put((byte) '"');
        put(ATTR_NAME_BYTES[name]);
        put("\":");
        switch (ATTR_NAMES[name]) {
            case "user" -> {
                put("\"u");
                putLong(random.nextInt(1_000_000));
                put((byte) '"');
            }
            case "host" -> {
                put("\"web-");
                putLong(random.nextInt(64));
                put(".internal\"");
            }
            case "path" -> put("\"/api/v2/orders?page=2&sort=desc\"");
            case "status", "bytes", "retry", "shard" -> putLong(random.nextInt(1 << 20));
            case "latency_ms", "score" -> {
                putLong(random.nextInt(10_000));
                put((byte) '.');
                putLong(100 + random.nextInt(900));
            }
            case "region" -> {
                put((byte) '"');
                put(REGIONS[random.nextInt(REGIONS.length)]);
                put((byte) '"');
            }
            case "trace_id" -> {
                put((byte) '"');
                for (int i = 0; i < 32; i++) {
                    put(HEX[random.nextInt(16)]);
                }
                put((byte) '"');
            }
            case "cached" -> put(random.nextBoolean() ? "true" : "false");
            case "tags" -> {
                put((byte) '[');
                int n = random.nextInt(5);
                for (int i = 0; i < n; i++) {
                    put(i == 0 ? "\"" : ",\"");
                    put(WORD_BYTES[random.nextInt(WORD_BYTES.length)]);
                    put((byte) '"');
                }
                put((byte) ']');
            }
            case "http" -> {
                put("{\"method\":\"");
                put(METHODS[random.nextInt(METHODS.length)]);
                put("\",\"status\":");
                putLong(200 + random.nextInt(400));
                put("}");
            }
            case "parent" -> put("null");
            case "thread" -> {
                put("\"worker-");
                putLong(random.nextInt(16));
                put((byte) '"');
            }
            default -> throw new AssertionError(ATTR_NAMES[name]);
        }
    }

    private void put(byte b) {
        ensure(1);
        buf[len++] = b;
    }

    private void put(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
    }

    /** Appends an ASCII string (only constants of this class). */
    private void put(String ascii) {
        int n = ascii.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) ascii.charAt(i);
        }
    }

    private void putLong(long v) {
        ensure(20);
        if (v == 0) {
            buf[len++] = '0';
            return;
        }
        int digits = 0;
        for (long t = v; t > 0; t /= 10) {
            digits++;
        }
        for (int i = len + digits - 1; i >= len; i--) {
            buf[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        len += digits;
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }

    private static byte[][] utf8(String[] strings) {
        byte[][] out = new byte[strings.length][];
        for (int i = 0; i < strings.length; i++) {
            out[i] = strings[i].getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }
}
