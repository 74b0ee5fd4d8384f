package dev.jsonarena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jsonarena.input.InputWindow;
import dev.jsonarena.testing.JsonGenerator;
import dev.jsonarena.testing.JsonMutator;
import dev.jsonarena.testing.Property;
import dev.jsonarena.testing.Property.Gen;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link JsonRecordReader} against a model: a generated stream of records (valid, invalid, blank,
 * over the record limit, larger than the window, cut short at the end) read through every input
 * kind and both error policies must give exactly what parsing each record alone gives, in order,
 * with every error at its record number, line and stream offset. The named tests below pin one
 * rule each: view lifetimes per batch, truncated last records, error causes, what close() closes,
 * one iterator, sources that make no progress or close the arena, bounded memory.
 */
class RecordReaderTest extends ArenaFixture {
    private static final int WINDOW = InputWindow.WINDOW_BYTES;
    private static final byte RS = 0x1E;
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @TempDir
    Path tmp;

    // ------------------------------------------------------------------ the model

    /**
     * One record of a stream as the model sees it.
     *
     * @param record its number, from 1, blank records not counted
     * @param line the line of its first byte
     * @param column the column (in characters) of its first byte
     * @param offset the stream offset of its first byte (after the whitespace before it)
     * @param length its bytes as the record limit counts them
     * @param tooLong whether {@code length} passes the record limit
     * @param json its compact JSON if it parses alone, else null
     * @param oracleError why it does not parse alone, else null
     */
    record Expected(long record, long line, long column, long offset, long length, boolean tooLong, String json,
                    JsonException oracleError) {
        boolean valid() {
            return json != null && !tooLong;
        }

        @Override
        public String toString() {
            return "record " + record + " (line " + line + ", offset " + offset + ", " + length + " B"
                    + (tooLong ? ", too long" : "") + (json == null ? ", invalid: " + oracleError.getMessage() : "") + ")";
        }
    }

    /** A generated stream and what reading it must give. */
    record Case(JsonRecordFormat format, JsonLimits limits, byte[] bytes, List<Expected> expected, String summary) {
        int firstError() {
            for (int i = 0; i < expected.size(); i++) {
                if (!expected.get(i).valid()) {
                    return i;
                }
            }
            return expected.size();
        }

        @Override
        public String toString() {
            return format + ", " + bytes.length + " B, " + expected.size() + " records, maxRecordBytes "
                    + limits.maxRecordBytes() + ", BOM allowed " + limits.allowByteOrderMark() + ": " + summary;
        }
    }

    /** The oracle: each record parsed alone from a byte[] into an arena of its own. */
    static final class Oracle implements AutoCloseable {
        private final JsonArena arena;
        private JsonLimits limits;
        private JsonLimits alone;
        private JsonLimits aloneWithBom;

        Oracle(JsonPool pool) {
            this.arena = pool.openArena();
        }

        Expected judge(JsonLimits limits, long record, long line, long column, long offset, byte[] bytes) {
            if (limits != this.limits) {
                this.limits = limits;
                JsonLimits.Builder b = limits.toBuilder().maxDocumentBytes(JsonLimit.DOCUMENT_BYTES.maximum());
                this.alone = b.allowByteOrderMark(false).build();
                this.aloneWithBom = b.allowByteOrderMark(limits.allowByteOrderMark()).build();
            }
            boolean tooLong = bytes.length > limits.maxRecordBytes();
            arena.reset();
            try {
                // a byte order mark is skipped only at the start of the stream
                String json = arena.parse(bytes, offset == 0 ? aloneWithBom : alone).toJson();
                return new Expected(record, line, column, offset, bytes.length, tooLong, json, null);
            } catch (JsonException e) {
                return new Expected(record, line, column, offset, bytes.length, tooLong, null, e);
            }
        }

        @Override
        public void close() {
            arena.close();
        }
    }

    /** {@return the column of {@code b[at]}: 1 + the characters (bytes but UTF-8 continuations) after the last line break} */
    static long column(byte[] b, int at) {
        long column = 1;
        for (int i = at - 1; i >= 0 && b[i] != '\n'; i--) {
            column += (b[i] & 0xC0) != 0x80 ? 1 : 0;
        }
        return column;
    }

    static boolean isJsonSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    /** Whitespace before a record: JSON whitespace, but a line break ends a JSON Lines record. */
    static boolean isLeadingSpace(byte b, JsonRecordFormat format) {
        return b == ' ' || b == '\t' || b == '\r' || (b == '\n' && format != JsonRecordFormat.LINES);
    }

    /**
     * The model of JSON Lines and JSON text sequences: the stream split at each {@code '\n'} or
     * {@code 0x1E}; a piece of only whitespace is no record; a record runs from its first
     * non-whitespace byte to its delimiter (excluded) or the end of the stream.
     */
    static List<Expected> modelDelimited(byte[] b, JsonRecordFormat format, JsonLimits limits, Oracle oracle) {
        byte delimiter = format == JsonRecordFormat.LINES ? (byte) '\n' : RS;
        List<Expected> out = new ArrayList<>();
        long record = 0;
        long lines = 0; // '\n' bytes before `counted`
        int counted = 0;
        int from = 0;
        for (;;) {
            int to = from;
            while (to < b.length && b[to] != delimiter) {
                to++;
            }
            int s = from;
            while (s < to && isLeadingSpace(b[s], format)) {
                s++;
            }
            if (s < to) {
                for (; counted < s; counted++) {
                    if (b[counted] == '\n') {
                        lines++;
                    }
                }
                out.add(oracle.judge(limits, ++record, 1 + lines, column(b, s), s, Arrays.copyOfRange(b, s, to)));
            }
            if (to == b.length) {
                return out;
            }
            from = to + 1;
        }
    }

    /** The model of concatenated texts: each value's end is known from generation. */
    static List<Expected> modelConcatenated(byte[] b, List<Integer> valueEnds, JsonLimits limits, Oracle oracle) {
        List<int[]> spans = new ArrayList<>();
        int from = 0;
        for (int end : valueEnds) {
            spans.add(new int[] {from, end});
            from = end;
        }
        return modelSpans(b, spans, limits, oracle);
    }

    /**
     * The model of records whose places are known from generation (concatenated texts, an array's
     * elements): each {@code {from, end}} is a record from its first byte that is not whitespace
     * at or after {@code from}, judged alone; a span whose {@code end} is negative is an error of
     * the array's punctuation at the first byte that is not whitespace at or after {@code from}
     * (or the end), where {@link #punctuation} was expected.
     */
    static List<Expected> modelSpans(byte[] b, List<int[]> spans, JsonLimits limits, Oracle oracle) {
        List<Expected> out = new ArrayList<>();
        for (int[] span : spans) {
            int s = span[0];
            int limit = span[1] < 0 ? b.length : span[1];
            while (s < limit && isJsonSpace(b[s])) {
                s++;
            }
            long line = 1 + lines(b, s);
            out.add(span[1] < 0
                    ? new Expected(out.size() + 1, line, column(b, s), s, 0, false, null,
                            new JsonParseException(punctuation(span[1]), "", 0, 1, 1, ""))
                    : oracle.judge(limits, out.size() + 1, line, column(b, s), s, Arrays.copyOfRange(b, s, span[1])));
        }
        return out;
    }

    /** The end of a span in {@link #modelSpans} for an array's punctuation that is not what {@link #punctuation} says. */
    static final int OPEN = -1;
    static final int COMMA_OR_CLOSE = -2;
    static final int END_AFTER_CLOSE = -3;
    static final int RECORD_OR_CLOSE = -4;

    /** {@return what the reader expects where an array's punctuation of kind {@code kind} ({@link #OPEN} ...) is wrong} */
    static String punctuation(int kind) {
        return switch (kind) {
            case OPEN -> "'[' (records as the elements of one array)";
            case COMMA_OR_CLOSE -> "',' or ']' after a record of the array";
            case END_AFTER_CLOSE -> "the end of the input after the array's ']'";
            default -> "a record or ']'";
        };
    }

    /** {@return the line breaks in {@code b[0, at)}} */
    static long lines(byte[] b, int at) {
        long n = 0;
        for (int i = 0; i < at; i++) {
            n += b[i] == '\n' ? 1 : 0;
        }
        return n;
    }

    /** {@return whether records of {@code format} end at a delimiter} (a bad one is skipped up to it); else a bad one ends the reading */
    static boolean delimited(JsonRecordFormat format) {
        return format == JsonRecordFormat.LINES || format == JsonRecordFormat.SEQUENCE;
    }

    // ------------------------------------------------------------------ generation

    /** A generated document, or a mutant of one, with no byte that would end a record early. */
    static byte[] document(Gen gen, boolean mutant, JsonRecordFormat format) {
        byte[] doc = new JsonGenerator(gen).document().bytes();
        if (mutant) {
            doc = JsonMutator.mutate(gen, doc);
        }
        for (int i = 0; i < doc.length; i++) {
            if (format == JsonRecordFormat.LINES && doc[i] == '\n') {
                doc[i] = (byte) ' '; // outside strings: generated strings escape every control character
            } else if (format == JsonRecordFormat.SEQUENCE && doc[i] == RS) {
                doc[i] = (byte) '#';
            }
        }
        return doc;
    }

    static byte[] trim(byte[] doc) {
        int s = 0;
        int e = doc.length;
        while (s < e && isJsonSpace(doc[s])) {
            s++;
        }
        while (e > s && isJsonSpace(doc[e - 1])) {
            e--;
        }
        return Arrays.copyOfRange(doc, s, e);
    }

    /**
     * {@return a compact value of exactly {@code size} bytes}: an array of generated values or of
     * objects of one shape, and a padding string, or (sometimes) one long string, so that strings
     * longer than the window occur too; one in four is spoiled near its end
     */
    static byte[] bigValue(Gen gen, int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        out.write('[');
        boolean first = true;
        int mode = gen.nextInt(10);
        if (mode < 3) { // objects of one shape, so that member names are predicted across refills
            String[] names = {"id", "name", "level", "tags", "nested", "ok", "\\u0041b", "amount"};
            for (int n = 0; ; n++) {
                StringBuilder o = new StringBuilder("{");
                List<Integer> order = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5, 6, 7));
                if (gen.chance(0.1)) {
                    gen.shuffle(order); // now and then another order
                }
                for (int k : order) {
                    if (gen.chance(0.1)) {
                        continue; // a member left out now and then
                    }
                    String name = names[k];
                    o.append(o.length() > 1 ? "," : "").append('"').append(name).append("\":");
                    o.append(switch (k % 4) {
                        case 0 -> Integer.toString(n);
                        case 1 -> "\"v" + gen.nextInt(1000) + "\"";
                        case 2 -> "[" + gen.nextInt(9) + ",true,null]";
                        default -> "{\"x\":" + gen.nextInt(99) + "}";
                    });
                }
                byte[] v = o.append('}').toString().getBytes(StandardCharsets.UTF_8);
                if (out.size() + v.length + 1 > size - 8) {
                    break;
                }
                if (!first) {
                    out.write(',');
                }
                out.writeBytes(v);
                first = false;
            }
        } else if (mode < 8) {
            JsonGenerator g = new JsonGenerator(gen, JsonGenerator.Options.DEFAULT.withWhitespace(false));
            for (int tries = 0; tries < 10_000; tries++) {
                byte[] v = g.document().bytes();
                if (out.size() + v.length + 1 > size - 8) {
                    if (out.size() > size - 4096) {
                        break;
                    }
                    continue;
                }
                if (!first) {
                    out.write(',');
                }
                out.writeBytes(v);
                first = false;
            }
        }
        if (!first) {
            out.write(',');
        }
        out.write('"');
        int pad = size - out.size() - 2;
        byte[] pattern = "the quick brown fox/".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < pad; i++) {
            out.write(pattern[i % pattern.length]);
        }
        out.write('"');
        out.write(']');
        byte[] b = out.toByteArray();
        assertEquals(size, b.length, "big value's size");
        if (gen.chance(0.25)) { // spoiled late, after the parse has refilled the window
            if (pad > 0 && gen.nextBoolean()) {
                b[size - 2 - 1 - gen.nextInt(pad)] = 0x01; // a raw control character in the padding string
            } else {
                b[size - 1] = '}';
            }
        }
        return b;
    }

    static byte[] blank(Gen gen, boolean newlines) {
        int n = gen.nextInt(6);
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (char) (newlines ? gen.pick(' ', '\t', '\r', '\n') : gen.pick(' ', '\t', ' ', '\r'));
        }
        return b;
    }

    /** A size for a big record: anywhere up to the limit, exactly at it, or one byte over. */
    static int bigSize(Gen gen, long maxRecord, int extra) {
        return switch (gen.nextInt(4)) {
            case 0 -> (int) maxRecord - extra;
            case 1 -> (int) maxRecord + 1 - extra;
            default -> gen.intBetween(WINDOW / 2, (int) maxRecord - extra);
        };
    }

    static Case generate(Gen gen, Oracle oracle) {
        JsonRecordFormat format = gen.pick(JsonRecordFormat.values());
        boolean big = gen.size() > 10 && gen.chance(0.35);
        long maxRecord;
        if (big) {
            maxRecord = gen.intBetween(WINDOW + 1, 3 * WINDOW);
        } else if (gen.chance(0.3)) {
            maxRecord = gen.intBetween(20, 3000);
        } else {
            maxRecord = JsonLimit.RECORD_BYTES.defaultValue();
        }
        boolean allowBom = gen.nextBoolean();
        boolean bom = gen.chance(0.25);
        JsonLimits limits = JsonLimits.builder().maxRecordBytes(maxRecord).allowByteOrderMark(allowBom).build();
        int target = big ? gen.intBetween(WINDOW + 1, 6 * WINDOW) : Integer.MAX_VALUE;
        int items = big ? Integer.MAX_VALUE : 1 + gen.sized(40);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder summary = new StringBuilder();
        if (bom) {
            out.writeBytes(BOM);
            summary.append("BOM ");
        }
        List<Expected> expected;
        int bigOnes = 0; // records of up to 3 windows: a few per stream, among many small ones
        switch (format) {
            case LINES -> {
                int eolMode = gen.nextInt(3); // LF, CRLF, mixed
                boolean finalNewline = gen.chance(0.7);
                for (int i = 0; i < items && out.size() < target; i++) {
                    boolean crlf = eolMode == 1 || (eolMode == 2 && gen.nextBoolean());
                    int kind = big && bigOnes < 3 && gen.chance(0.04) ? 11 : gen.nextInt(11);
                    bigOnes += kind == 11 ? 1 : 0;
                    byte[] line = switch (kind) {
                        case 0, 1, 2, 3, 4, 5 -> document(gen, false, format);
                        case 6, 7 -> document(gen, true, format);
                        case 8, 9, 10 -> blank(gen, false);
                        default -> bigValue(gen, bigSize(gen, maxRecord, crlf ? 1 : 0));
                    };
                    summary.append("VVVVVVMMBBBX".charAt(kind));
                    out.writeBytes(line);
                    boolean last = i == items - 1 || out.size() >= target;
                    if (!last || finalNewline) {
                        out.writeBytes(crlf ? new byte[] {'\r', '\n'} : new byte[] {'\n'});
                    }
                }
                if (gen.chance(0.2)) {
                    byte[] doc = document(gen, false, format);
                    out.write(doc, 0, gen.nextInt(doc.length));
                    summary.append(" +truncated");
                }
                expected = modelDelimited(out.toByteArray(), format, limits, oracle);
            }
            case SEQUENCE -> {
                for (int i = 0; i < items && out.size() < target; i++) {
                    byte[] terminator = switch (gen.nextInt(6)) {
                        case 0 -> new byte[0];
                        case 1 -> new byte[] {'\r', '\n'};
                        case 2 -> new byte[] {' ', '\n', '\n'};
                        default -> new byte[] {'\n'};
                    };
                    int kind = big && bigOnes < 3 && gen.chance(0.04) ? 11 : gen.nextInt(11);
                    bigOnes += kind == 11 ? 1 : 0;
                    byte[] text = switch (kind) {
                        case 0, 1, 2, 3, 4, 5 -> document(gen, false, format);
                        case 6, 7 -> document(gen, true, format);
                        case 8, 9, 10 -> blank(gen, true);
                        default -> bigValue(gen, bigSize(gen, maxRecord, terminator.length));
                    };
                    summary.append("VVVVVVMMBBBX".charAt(kind));
                    out.write(RS);
                    out.writeBytes(text);
                    out.writeBytes(terminator);
                }
                if (gen.chance(0.2)) {
                    byte[] doc = document(gen, false, format);
                    out.write(RS);
                    out.write(doc, 0, gen.nextInt(doc.length));
                    summary.append(" +truncated");
                }
                expected = modelDelimited(out.toByteArray(), format, limits, oracle);
            }
            case ARRAY -> expected = array(gen, out, summary, items, target, big, maxRecord, bom && !allowBom, limits, oracle);
            default -> {
                List<Integer> ends = new ArrayList<>();
                byte last = 0;
                for (int i = 0; i < items && out.size() < target; i++) {
                    if (i > 0) {
                        if ((last == '}' || last == ']' || last == '"') && gen.chance(0.3)) {
                            summary.append('_'); // nothing between the texts
                        } else {
                            byte[] ws = blank(gen, true);
                            out.writeBytes(ws.length == 0 ? new byte[] {' '} : ws);
                        }
                    }
                    int kind = big && bigOnes < 3 && gen.chance(0.04) ? 11 : gen.nextInt(11);
                    bigOnes += kind == 11 ? 1 : 0;
                    boolean bad = kind == 10 && gen.chance(0.3); // ends the reading: rare
                    byte[] text = bad ? badText(gen)
                            : kind == 11 ? bigValue(gen, bigSize(gen, maxRecord, 0)) : trim(document(gen, false, format));
                    summary.append(bad ? 'E' : kind == 11 ? 'X' : 'V');
                    out.writeBytes(text);
                    ends.add(out.size());
                    last = text[text.length - 1];
                }
                byte[] doc = trim(document(gen, false, format));
                boolean truncated = gen.chance(0.2) && (doc[0] == '[' || doc[0] == '{');
                if (truncated) { // a proper prefix of a container is never a value
                    out.write(' ');
                    out.write(doc, 0, 1 + gen.nextInt(doc.length - 1));
                    summary.append(" +truncated");
                }
                out.writeBytes(blank(gen, true));
                if (truncated) {
                    ends.add(out.size()); // its error is at the end of the stream, after any whitespace
                }
                expected = modelConcatenated(out.toByteArray(), ends, limits, oracle);
            }
        }
        return new Case(format, limits, out.toByteArray(), expected, summary.toString());
    }

    /**
     * Writes the records of {@link JsonRecordFormat#ARRAY} to {@code out} (after its byte order
     * mark, if any): a '[', records with whitespace and a ',' between them, a ']' and whitespace;
     * sometimes a bad record (which ends the reading), a big one, a last one cut short by the end
     * of the stream, or the array's punctuation spoilt (no '[', a ',' left out, no ']', something
     * after the ']'). {@return the model}
     */
    static List<Expected> array(Gen gen, ByteArrayOutputStream out, StringBuilder summary, int items, int target,
                                boolean big, long maxRecord, boolean refusedBom, JsonLimits limits, Oracle oracle) {
        List<int[]> spans = new ArrayList<>();
        if (refusedBom) {
            spans.add(new int[] {0, OPEN}); // the mark, not allowed, where the '[' should be
        }
        out.writeBytes(blank(gen, true));
        if (gen.chance(0.03)) {
            spans.add(new int[] {out.size(), OPEN}); // a value or a stray byte where the '[' should be
            out.writeBytes(gen.pick("{}", "1", "\"x\"", "]", ",", "null").getBytes(StandardCharsets.US_ASCII));
            summary.append("no[ ");
        }
        out.write('[');
        int bigOnes = 0;
        int written = 0;
        for (int i = 0; i < items && out.size() < target; i++) {
            out.writeBytes(blank(gen, true));
            int kind = big && bigOnes < 3 && gen.chance(0.04) ? 11 : gen.nextInt(11);
            bigOnes += kind == 11 ? 1 : 0;
            boolean bad = kind == 10 && gen.chance(0.3); // ends the reading: rare
            byte[] text;
            do {
                text = bad ? badText(gen) : kind == 11 ? bigValue(gen, bigSize(gen, maxRecord, 0)) : trim(document(gen, false,
                        JsonRecordFormat.ARRAY));
            } while (i == 0 && text[0] == ']'); // a first one would close the array
            if (i > 0) {
                if (!bad && gen.chance(0.03)) {
                    out.write(' ');
                    spans.add(new int[] {out.size(), COMMA_OR_CLOSE}); // no ',' before this record
                    summary.append(",? ");
                } else {
                    out.write(',');
                    out.writeBytes(blank(gen, true));
                }
            }
            summary.append(bad ? 'E' : kind == 11 ? 'X' : 'V');
            spans.add(new int[] {out.size(), out.size() + text.length});
            out.writeBytes(text);
            written++;
        }
        byte[] doc = trim(document(gen, false, JsonRecordFormat.ARRAY));
        if (gen.chance(0.15) && (doc[0] == '[' || doc[0] == '{')) { // a proper prefix of a container is never a value
            if (written > 0) {
                out.write(',');
            }
            int s = out.size();
            out.write(doc, 0, 1 + gen.nextInt(doc.length - 1));
            out.writeBytes(blank(gen, true));
            spans.add(new int[] {s, out.size()}); // its error is at the end of the stream, after any whitespace
            summary.append(" +truncated");
            return modelSpans(out.toByteArray(), spans, limits, oracle);
        }
        out.writeBytes(blank(gen, true));
        if (gen.chance(0.05)) {
            spans.add(new int[] {out.size(), written > 0 ? COMMA_OR_CLOSE : RECORD_OR_CLOSE}); // the end, no ']'
            summary.append(" no]");
            return modelSpans(out.toByteArray(), spans, limits, oracle);
        }
        out.write(']');
        out.writeBytes(blank(gen, true));
        if (gen.chance(0.05)) {
            spans.add(new int[] {out.size(), END_AFTER_CLOSE});
            out.writeBytes(gen.pick("[]", "x", ",", "]", "{}").getBytes(StandardCharsets.US_ASCII));
            summary.append(" +after]");
        }
        return modelSpans(out.toByteArray(), spans, limits, oracle);
    }

    /** A text that certainly fails where it starts or inside, before it could end as a value. */
    static byte[] badText(Gen gen) {
        byte[] doc = trim(new JsonGenerator(gen).document().bytes());
        if ((doc[0] == '[' || doc[0] == '{') && gen.nextBoolean()) {
            byte[] out = new byte[doc.length + 1]; // a trailing comma before the closing bracket
            System.arraycopy(doc, 0, out, 0, doc.length - 1);
            out[doc.length - 1] = ',';
            out[doc.length] = doc[doc.length - 1];
            return out;
        }
        return gen.pick("]", "}", ",", ":", "@", "+1", "-", "tru", "nul", "'a'").getBytes(StandardCharsets.US_ASCII);
    }

    // ------------------------------------------------------------------ inputs

    enum Input { BYTES, STREAM, CHANNEL, PATH }

    /** A stream that returns 1 to {@code maxChunk} bytes per read. */
    static final class ChunkedStream extends InputStream {
        private final byte[] data;
        private final SplittableRandom random;
        private final int maxChunk;
        private int pos;
        boolean closed;

        ChunkedStream(byte[] data, long seed, int maxChunk) {
            this.data = data;
            this.random = new SplittableRandom(seed);
            this.maxChunk = maxChunk;
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (closed) {
                throw new IOException("stream closed");
            }
            if (len == 0) {
                return 0;
            }
            if (pos >= data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, 1 + random.nextInt(maxChunk)), data.length - pos);
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    JsonRecordReader open(JsonRecordReader.Builder b, Input input, byte[] bytes, Path file, Gen gen) throws IOException {
        int maxChunk = gen.pick(1, 3, 100, 4096, 70_000);
        return switch (input) {
            case BYTES -> b.open(arena, bytes);
            case STREAM -> b.open(arena, new ChunkedStream(bytes, gen.nextLong(), maxChunk));
            case CHANNEL -> b.open(arena, Channels.newChannel(new ChunkedStream(bytes, gen.nextLong(), maxChunk)));
            case PATH -> b.open(arena, file);
        };
    }

    /** What one reading gave. */
    static final class Run {
        final List<String> records = new ArrayList<>();
        final List<JsonRecordException> reported = new ArrayList<>();
        JsonRecordException thrown;
        long read;
        long skipped;
        long bytes;
    }

    /**
     * Reads every record, checking after each that the views of its batch are alive and those of
     * the batch before (when a reset was due) are dead.
     */
    Run read(Case c, Input input, boolean skip, int resetEvery, boolean iterate, Path file, Gen gen) throws IOException {
        Run run = new Run();
        JsonRecordReader.Builder b = JsonRecordReader.builder().format(c.format()).limits(c.limits()).resetEvery(resetEvery);
        if (skip) {
            b.onError(run.reported::add);
        }
        List<JsonValue> batch = new ArrayList<>();
        try (JsonRecordReader reader = open(b, input, c.bytes(), file, gen)) {
            Iterator<JsonValue> it = iterate ? reader.iterator() : null;
            try {
                for (;;) {
                    JsonValue v = iterate ? (it.hasNext() ? it.next() : null) : reader.next();
                    if (v == null) {
                        break;
                    }
                    if (batch.size() == resetEvery) {
                        for (JsonValue old : batch) {
                            assertThrows(IllegalStateException.class, old::toJson, "a view of the batch before");
                        }
                        batch.clear();
                    }
                    batch.add(v);
                    run.records.add(v.toJson());
                    int first = run.records.size() - batch.size();
                    for (int i = 0; i < batch.size() - 1; i++) {
                        assertEquals(run.records.get(first + i), batch.get(i).toJson(), "a view of this batch");
                    }
                }
            } catch (JsonRecordException e) {
                run.thrown = e;
                assertNull(reader.next(), "the reading ends with the exception");
            }
            assertNull(reader.next(), "the end stays the end");
            run.read = reader.recordsRead();
            run.skipped = reader.recordsSkipped();
            run.bytes = reader.bytesRead();
        }
        return run;
    }

    static void assertRecords(List<String> expected, List<String> actual, String where) {
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            if (!expected.get(i).equals(actual.get(i))) {
                fail(where + ": delivered record " + (i + 1) + " differs: expected " + abbreviate(expected.get(i))
                        + " but was " + abbreviate(actual.get(i)));
            }
        }
        assertEquals(expected.size(), actual.size(), where + ": records delivered");
    }

    static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "... (" + s.length() + " chars)";
    }

    /** The reader's exception for a record agrees with the model's. */
    static void assertError(Expected e, JsonRecordException x, Case c, String where) {
        String w = where + ": " + e + " reported as " + x.getMessage();
        assertEquals(e.record(), x.record(), w + ": record");
        assertEquals(e.line(), x.recordLine(), w + ": line");
        assertEquals(e.offset(), x.recordOffset(), w + ": offset");
        JsonException cause = x.getCause();
        assertNotNull(cause, w);
        if (cause instanceof JsonLimitException l && l.limit() == JsonLimit.RECORD_BYTES) {
            assertTrue(e.tooLong(), w + ": RECORD_BYTES for a record within the limit");
            assertEquals(e.offset() + c.limits().maxRecordBytes(), l.offset(), w + ": RECORD_BYTES offset");
            assertEquals(c.limits().maxRecordBytes(), l.limitValue(), w);
            return;
        }
        assertNotNull(e.oracleError(), w + ": a record that parses alone and is within its limit failed");
        // the failure of the record alone, moved to its place in the stream
        assertEquals(e.oracleError().getClass(), cause.getClass(), w + ": cause (alone: " + e.oracleError().getMessage() + ")");
        if (cause instanceof JsonParseException p) {
            JsonParseException o = (JsonParseException) e.oracleError();
            assertEquals(e.offset() + o.offset(), p.offset(), w + ": parse error offset (alone: " + o.getMessage() + ")");
            assertEquals(e.line() + o.line() - 1, p.line(), w + ": parse error line (alone: " + o.getMessage() + ")");
            assertEquals(o.line() > 1 ? o.column() : e.column() + o.column() - 1, p.column(),
                    w + ": parse error column (alone: " + o.getMessage() + ")");
            if (o.found().startsWith("the byte order mark") && e.offset() > 0) {
                // alone, the record's mark is a mark at the start of an input; within the stream it
                // is a byte no value starts with: the same place, said another way
                assertEquals("a JSON value", p.expected(), w);
            } else {
                assertEquals(o.expected(), p.expected(), w + ": what was expected (alone: " + o.getMessage() + ")");
            }
        } else if (cause instanceof JsonLimitException l) {
            JsonLimitException o = (JsonLimitException) e.oracleError();
            assertEquals(o.limit(), l.limit(), w);
            assertEquals(e.offset() + o.offset(), l.offset(), w + ": limit offset (alone: " + o.getMessage() + ")");
        }
    }

    static void check(Case c, Run run, boolean skip, String where) {
        List<Expected> expected = c.expected();
        if (skip && delimited(c.format())) {
            assertNull(run.thrown, where + ": nothing is thrown when bad records are skipped");
            List<String> valid = expected.stream().filter(Expected::valid).map(Expected::json).toList();
            List<Expected> bad = expected.stream().filter(e -> !e.valid()).toList();
            assertRecords(valid, run.records, where);
            for (int i = 0; i < Math.min(bad.size(), run.reported.size()); i++) {
                assertError(bad.get(i), run.reported.get(i), c, where);
            }
            assertEquals(bad.size(), run.reported.size(), where + ": errors reported");
            assertEquals(valid.size(), run.read, where + ": recordsRead");
            assertEquals(bad.size(), run.skipped, where + ": recordsSkipped");
            assertEquals(c.bytes().length, run.bytes, where + ": bytesRead at the end");
        } else {
            if (skip) {
                assertEquals(List.of(), run.reported, where + ": records without a delimiter never skip");
            }
            int k = c.firstError();
            assertRecords(expected.subList(0, k).stream().map(Expected::json).toList(), run.records, where);
            if (k < expected.size()) {
                assertNotNull(run.thrown, where + ": the first bad record is thrown: " + expected.get(k));
                assertError(expected.get(k), run.thrown, c, where);
            } else {
                assertNull(run.thrown, where);
                assertEquals(c.bytes().length, run.bytes, where + ": bytesRead at the end");
            }
            assertEquals(k, run.read, where + ": recordsRead");
            assertEquals(0, run.skipped, where + ": recordsSkipped");
        }
    }

    @Test
    void everyInputAndPolicyReadsWhatTheModelSays() {
        Path file = tmp.resolve("records");
        try (Oracle oracle = new Oracle(pool)) {
            Property.check("record reader agrees with each record parsed alone", 100, gen -> {
                Case c = generate(gen, oracle);
                try {
                    Files.write(file, c.bytes());
                    int resetEvery = gen.pick(1, 1, 2, 3);
                    for (Input input : Input.values()) {
                        for (boolean skip : new boolean[] {true, false}) {
                            boolean iterate = gen.chance(0.25);
                            String where = c + "; " + input + (skip ? ", skipping" : ", stopping")
                                    + (iterate ? ", iterator" : "") + ", resetEvery " + resetEvery;
                            check(c, read(c, input, skip, resetEvery, iterate, file, gen), skip, where);
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        assertEquals(0, pool.stats().inUseBytes() - arena.bytesReserved(), "only the fixture's arena holds memory");
    }

    // ------------------------------------------------------------------ one rule each

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void viewsOfAnEarlierRecordDieWhenTheNextIsRead() throws IOException {
        try (JsonRecordReader r = JsonRecordReader.builder().open(arena, utf8("{\"a\":1}\n[2]\n3\n"))) {
            JsonValue first = r.next();
            JsonObject firstObject = first.asObject();
            assertEquals("{\"a\":1}", first.toJson());
            JsonValue second = r.next();
            assertThrows(IllegalStateException.class, first::toJson);
            assertThrows(IllegalStateException.class, () -> firstObject.get("a"));
            assertEquals("[2]", second.toJson());
            assertEquals("3", r.next().toJson());
            assertThrows(IllegalStateException.class, second::toJson);
            assertNull(r.next());
        }
    }

    @Test
    void resetEveryThreeKeepsABatchValidTogetherUntilTheFourthRecord() throws IOException {
        byte[] in = utf8("1\n[2]\n{\"c\":3}\n\"four\"\n5\n");
        try (JsonRecordReader r = JsonRecordReader.builder().resetEvery(3).open(arena, in)) {
            JsonValue a = r.next();
            JsonValue b = r.next();
            JsonValue c = r.next();
            assertEquals(List.of("1", "[2]", "{\"c\":3}"), List.of(a.toJson(), b.toJson(), c.toJson()));
            JsonValue d = r.next();
            for (JsonValue dead : List.of(a, b, c)) {
                assertThrows(IllegalStateException.class, dead::toJson);
            }
            JsonValue e = r.next();
            assertEquals("\"four\"", d.toJson());
            assertEquals("5", e.toJson());
            assertNull(r.next());
        }
    }

    @Test
    void badRecordsDoNotCountTowardsABatch() throws IOException {
        List<JsonRecordException> errors = new ArrayList<>();
        try (JsonRecordReader r = JsonRecordReader.builder().resetEvery(2).onError(errors::add)
                .open(arena, utf8("1\n[\n2\n]\n3\n"))) {
            JsonValue a = r.next();
            JsonValue b = r.next(); // '[' is skipped, then 2: the batch is 1 and 2
            assertEquals("1", a.toJson());
            assertEquals("2", b.toJson());
            assertEquals("3", r.next().toJson());
            assertThrows(IllegalStateException.class, a::toJson);
            assertEquals(List.of(2L, 4L), errors.stream().map(JsonRecordException::record).toList());
        }
    }

    @Test
    void aTruncatedLastRecordIsReportedNotDropped() throws IOException {
        for (JsonRecordFormat format : JsonRecordFormat.values()) {
            String text = switch (format) {
                case LINES -> "{\"a\":1}\n{\"b\":[1,2";
                case SEQUENCE -> "\u001E{\"a\":1}\n\u001E{\"b\":[1,2";
                case CONCATENATED -> "{\"a\":1}\n{\"b\":[1,2";
                case ARRAY -> "[{\"a\":1},\n{\"b\":[1,2";
            };
            for (boolean skip : new boolean[] {true, false}) {
                for (Input input : List.of(Input.BYTES, Input.STREAM)) {
                    arena.reset();
                    List<JsonRecordException> errors = new ArrayList<>();
                    JsonRecordReader.Builder b = JsonRecordReader.builder().format(format);
                    if (skip) {
                        b.onError(errors::add);
                    }
                    byte[] bytes = utf8(text);
                    try (JsonRecordReader r = input == Input.BYTES ? b.open(arena, bytes)
                            : b.open(arena, new ByteArrayInputStream(bytes))) {
                        assertEquals("{\"a\":1}", r.next().toJson());
                        JsonRecordException e;
                        if (skip && delimited(format)) {
                            assertNull(r.next(), format + ": the bad record is skipped");
                            assertEquals(1, errors.size(), format + ": and reported");
                            e = errors.get(0);
                            assertEquals(1, r.recordsSkipped());
                        } else {
                            e = assertThrows(JsonRecordException.class, r::next, format + " " + input);
                            assertEquals(List.of(), errors);
                        }
                        String where = format + " " + input + (skip ? " skipping" : "");
                        assertEquals(2, e.record(), where);
                        assertEquals(2, e.recordLine(), where);
                        long start = format == JsonRecordFormat.SEQUENCE || format == JsonRecordFormat.ARRAY ? 10 : 8;
                        assertEquals(start, e.recordOffset(), where);
                        JsonParseException cause = assertInstanceOf(JsonParseException.class, e.getCause(), where);
                        assertEquals(bytes.length, cause.offset(), where + ": the error is at the end of the stream");
                        assertEquals(1, r.recordsRead());
                        assertNull(r.next());
                    }
                }
            }
        }
    }

    /** {@return {@code n} valid lines of about 100 bytes each} */
    static String lines(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append("{\"id\":").append(i).append(",\"name\":\"record number ").append(i)
                    .append("\",\"tags\":[\"a\",\"b\",\"c\"],\"ok\":true,\"pad\":\"").append("x".repeat(i % 37)).append("\"}\n");
        }
        return sb.toString();
    }

    @Test
    void anErrorsCauseCountsOffsetsAndLinesFromTheStartOfTheStream() throws IOException {
        String head = lines(2000); // past the first window
        assertTrue(head.length() > WINDOW + 1000);
        String text = head + "\n  [1, 2, x]\n" + "{\"a\":\"" + "y".repeat(300) + "\"}\n" + "7\n";
        byte[] bytes = utf8(text);
        long badAt = head.length() + 3;
        long longAt = head.length() + 13;
        JsonLimits limits = JsonLimits.builder().maxRecordBytes(200).build();
        for (Input input : Input.values()) {
            arena.reset();
            Path file = tmp.resolve("cause");
            Files.write(file, bytes);
            List<JsonRecordException> errors = new ArrayList<>();
            JsonRecordReader.Builder b = JsonRecordReader.builder().limits(limits).onError(errors::add);
            try (JsonRecordReader r = open(b, input, bytes, file, new Gen(input.ordinal() + 1, 50))) {
                int n = 0;
                while (r.next() != null) {
                    n++;
                }
                assertEquals(2001, n, input + ": records delivered");
                assertEquals(bytes.length, r.bytesRead(), input.toString());
            }
            assertEquals(2, errors.size(), input + ": " + errors);
            JsonRecordException bad = errors.get(0);
            assertEquals(2001, bad.record(), input + ": the blank line is no record");
            assertEquals(2002, bad.recordLine(), input.toString());
            assertEquals(badAt, bad.recordOffset(), input.toString());
            JsonParseException parse = assertInstanceOf(JsonParseException.class, bad.getCause(), input.toString());
            assertEquals(badAt + 7, parse.offset(), input + ": the 'x'");
            assertEquals(2002, parse.line(), input.toString());
            assertEquals(10, parse.column(), input.toString());
            JsonRecordException tooLong = errors.get(1);
            assertEquals(2002, tooLong.record(), input.toString());
            assertEquals(2003, tooLong.recordLine(), input.toString());
            assertEquals(longAt, tooLong.recordOffset(), input.toString());
            JsonLimitException limit = assertInstanceOf(JsonLimitException.class, tooLong.getCause(), input.toString());
            assertEquals(JsonLimit.RECORD_BYTES, limit.limit());
            assertEquals(longAt + 200, limit.offset(), input.toString());
        }
    }

    @Test
    void aColumnAfterABrokenUtf8SequenceIsTheSameWhateverTheReadSizes() throws IOException {
        // a record whose three-byte sequence breaks after its second byte, then on the same line a
        // record with a raw control character: the second error's column counts the first's 0x90
        // as no character, however the stream's reads cut the input (reads of one byte once made
        // it a character)
        byte[] bytes = {RS, '[', '"', (byte) 0xEC, (byte) 0x90, '"', ']', RS, '"', 'x', 0x01, '"', '\n'};
        for (int chunk : new int[] {1, 2, 3, 4096}) {
            arena.reset();
            List<JsonRecordException> errors = new ArrayList<>();
            try (JsonRecordReader r = JsonRecordReader.builder().format(JsonRecordFormat.SEQUENCE).onError(errors::add)
                    .open(arena, new ChunkedStream(bytes, chunk, chunk))) {
                assertNull(r.next(), "reads of " + chunk);
            }
            assertEquals(2, errors.size(), "reads of " + chunk);
            JsonParseException first = assertInstanceOf(JsonParseException.class, errors.get(0).getCause());
            JsonParseException second = assertInstanceOf(JsonParseException.class, errors.get(1).getCause());
            assertEquals(5, first.offset(), "reads of " + chunk);
            assertEquals(column(bytes, 5), first.column(), "reads of " + chunk);
            assertEquals(10, second.offset(), "reads of " + chunk);
            assertEquals(column(bytes, 10), second.column(), "reads of " + chunk + ": " + second.getMessage());
        }
    }

    @Test
    void aRecordOneByteOverTheLimitFailsAloneAndOneAtTheLimitIsRead() throws IOException {
        String atLimit = "[\"" + "a".repeat(96) + "\"]"; // 100 bytes
        String over = "[\"" + "b".repeat(97) + "\"]";
        assertEquals(100, atLimit.length());
        JsonLimits limits = JsonLimits.builder().maxRecordBytes(100).build();
        for (JsonRecordFormat format : JsonRecordFormat.values()) {
            String sep = format == JsonRecordFormat.SEQUENCE ? "\u001E" : "";
            String end = format == JsonRecordFormat.SEQUENCE ? "" : "\n";
            List<JsonRecordException> errors = new ArrayList<>();
            arena.reset();
            byte[] bytes = utf8(format == JsonRecordFormat.ARRAY ? "[" + atLimit + ",\n" + over + ",\n1]\n"
                    : sep + atLimit + end + sep + over + end + sep + "1" + end);
            try (JsonRecordReader r = JsonRecordReader.builder().format(format).limits(limits).onError(errors::add)
                    .open(arena, new ChunkedStream(bytes, 7, 13))) {
                assertEquals(atLimit, r.next().toJson(), format.toString());
                if (!delimited(format)) {
                    JsonRecordException e = assertThrows(JsonRecordException.class, r::next);
                    assertEquals(2, e.record());
                    assertEquals(JsonLimit.RECORD_BYTES, ((JsonLimitException) e.getCause()).limit());
                    continue;
                }
                assertEquals("1", r.next().toJson(), format.toString());
                assertNull(r.next());
            }
            assertEquals(1, errors.size(), format.toString());
            assertEquals(2, errors.get(0).record());
            assertEquals(JsonLimit.RECORD_BYTES, ((JsonLimitException) errors.get(0).getCause()).limit());
        }
    }

    @Test
    void concatenatedTextsEndAtTheFirstErrorEvenWithAHandler() throws IOException {
        List<JsonRecordException> errors = new ArrayList<>();
        try (JsonRecordReader r = JsonRecordReader.builder().format(JsonRecordFormat.CONCATENATED).onError(errors::add)
                .open(arena, utf8("{}[1]\"s\" 2\n]\n3"))) {
            List<String> got = new ArrayList<>();
            JsonRecordException e = assertThrows(JsonRecordException.class, () -> {
                for (JsonValue v; (v = r.next()) != null; ) {
                    got.add(v.toJson());
                }
            });
            assertEquals(List.of("{}", "[1]", "\"s\"", "2"), got);
            assertEquals(5, e.record());
            assertEquals(2, e.recordLine());
            assertEquals(11, e.recordOffset());
            assertEquals(List.of(), errors, "the handler is not called");
            assertNull(r.next(), "the reading has ended: 3 is never read");
            assertEquals(4, r.recordsRead());
            assertEquals(0, r.recordsSkipped());
        }
    }

    @Test
    void anArraysElementsAreItsRecordsAndItsPunctuationIsCheckedAsItIsRead() throws IOException {
        JsonLimits bomAllowed = JsonLimits.builder().allowByteOrderMark(true).build();
        for (Input input : List.of(Input.BYTES, Input.STREAM)) {
            // the records, and the error (record number, offset, what was expected) that ends the reading, if any
            record Rule(String text, List<String> records, long record, long offset, String expected) {}
            for (Rule rule : List.of(
                    new Rule(" [ {\"a\":1} ,\n[2,3],\"s\"\t,4 ,null] \n", List.of("{\"a\":1}", "[2,3]", "\"s\"", "4", "null"), 0, 0, null),
                    new Rule("[]", List.of(), 0, 0, null),
                    new Rule("\n[ \n ]\n", List.of(), 0, 0, null),
                    new Rule("\uFEFF[1]", List.of("1"), 0, 0, null),
                    new Rule("", List.of(), 1, 0, "'[' (records as the elements of one array)"),
                    new Rule("  {\"a\":1}", List.of(), 1, 2, "'[' (records as the elements of one array)"),
                    new Rule("[1 2]", List.of("1"), 2, 3, "',' or ']' after a record of the array"),
                    new Rule("[1,2", List.of("1", "2"), 3, 4, "',' or ']' after a record of the array"),
                    new Rule("[1,2,", List.of("1", "2"), 3, 5, "a record after ','"),
                    new Rule("[ ", List.of(), 1, 2, "a record or ']'"),
                    new Rule("[1] [2]", List.of("1"), 2, 4, "the end of the input after the array's ']'"),
                    new Rule("[1]]", List.of("1"), 2, 3, "the end of the input after the array's ']'"),
                    new Rule("[1,]", List.of("1"), 2, 3, "a JSON value"),
                    new Rule("[,1]", List.of(), 1, 1, "a JSON value"),
                    new Rule("[1,,2]", List.of("1"), 2, 3, "a JSON value"))) {
                String where = input + " " + rule.text().replace("\n", "\\n");
                byte[] bytes = utf8(rule.text());
                List<JsonRecordException> errors = new ArrayList<>();
                arena.reset();
                JsonRecordReader.Builder b = JsonRecordReader.builder().format(JsonRecordFormat.ARRAY).limits(bomAllowed)
                        .onError(errors::add);
                try (JsonRecordReader r = input == Input.BYTES ? b.open(arena, bytes) : b.open(arena, new ChunkedStream(bytes, 5, 2))) {
                    List<String> got = new ArrayList<>();
                    JsonRecordException e = null;
                    try {
                        for (JsonValue v; (v = r.next()) != null; ) {
                            got.add(v.toJson());
                        }
                    } catch (JsonRecordException x) {
                        e = x;
                    }
                    assertEquals(rule.records(), got, where);
                    assertEquals(List.of(), errors, where + ": the handler is never called: a bad record ends the reading");
                    if (rule.expected() == null) {
                        assertNull(e, where);
                        assertEquals(bytes.length, r.bytesRead(), where);
                        continue;
                    }
                    assertNotNull(e, where);
                    assertEquals(rule.record(), e.record(), where + ": " + e.getMessage());
                    JsonParseException cause = assertInstanceOf(JsonParseException.class, e.getCause(), where);
                    assertEquals(rule.offset(), cause.offset(), where + ": " + e.getMessage());
                    assertEquals(rule.expected(), cause.expected(), where + ": " + e.getMessage());
                    assertNull(r.next(), where + ": the reading has ended");
                }
            }
        }
    }

    @Test
    void anArrayBodyReadAsRecordsBindsEachElementToTheType() throws IOException {
        byte[] bytes = utf8("[" + String.join(",", java.util.Collections.nCopies(2000, "{\"code\":1},{\"code\":2},\n{\"code\":3,\"x\":[1,{}]}")) + "]");
        for (Input input : List.of(Input.BYTES, Input.STREAM)) {
            arena.reset();
            JsonRecordReader.Builder b = JsonRecordReader.builder().format(JsonRecordFormat.ARRAY);
            try (JsonRecordReader r = input == Input.BYTES ? b.open(arena, bytes) : b.open(arena, new ChunkedStream(bytes, 9, 5000))) {
                long sum = 0;
                int n = 0;
                for (Code c : r.as(Code.class)) {
                    sum += c.code();
                    n++;
                }
                assertEquals(6000, n, input.toString());
                assertEquals(12_000, sum, input.toString());
                assertEquals(bytes.length, r.bytesRead(), input.toString());
            }
        }
    }

    @Test
    void manySmallRecordsOfAByteArrayAreReadInLinearTime() {
        // 300,000 records in 1.2 MB: well under a second when each record costs its own bytes;
        // counting each record's line from the start of the array scans about 180 GB (more than
        // the 15 s allowed here)
        byte[] bytes = utf8("[1]\n".repeat(150_000) + "{}\r\n".repeat(150_000));
        assertTimeoutPreemptively(Duration.ofSeconds(15), () -> {
            for (JsonRecordFormat format : List.of(JsonRecordFormat.LINES, JsonRecordFormat.CONCATENATED, JsonRecordFormat.ARRAY)) {
                arena.reset();
                byte[] in = format == JsonRecordFormat.ARRAY ? utf8("[" + "[1],\n".repeat(150_000) + "{}\r\n,".repeat(149_999) + "{}]")
                        : bytes;
                try (JsonRecordReader r = JsonRecordReader.builder().format(format).open(arena, in)) {
                    long n = 0;
                    while (r.next() != null) {
                        n++;
                    }
                    assertEquals(300_000, n, format.toString());
                    assertEquals(in.length, r.bytesRead(), format.toString());
                }
            }
        });
    }

    @Test
    void aRecordThatRunsOutOfTheArenaBudgetIsSkippedAlone() throws IOException {
        String big = "{\"s\":\"" + "m".repeat(600_000) + "\"}";
        byte[] bytes = utf8("[1]\n" + big + "\n{\"after\":2}\n");
        for (Input input : List.of(Input.BYTES, Input.STREAM)) {
            try (JsonArena small = pool.openArena(256 << 10)) {
                List<JsonRecordException> errors = new ArrayList<>();
                JsonRecordReader.Builder b = JsonRecordReader.builder().onError(errors::add);
                try (JsonRecordReader r = input == Input.BYTES ? b.open(small, bytes)
                        : b.open(small, new ChunkedStream(bytes, 5, 30_000))) {
                    assertEquals("[1]", r.next().toJson());
                    assertEquals("{\"after\":2}", r.next().toJson(), input + ": the arena is usable after the failed record");
                    assertNull(r.next());
                    assertEquals(2, r.recordsRead());
                    assertEquals(1, r.recordsSkipped());
                }
                assertEquals(1, errors.size(), input.toString());
                assertEquals(2, errors.get(0).record());
                assertEquals(4, errors.get(0).recordOffset());
                assertInstanceOf(JsonBudgetExceededException.class, errors.get(0).getCause(), input.toString());
                assertTrue(small.bytesReserved() <= 256 << 10, input.toString());
            }
        }
    }

    @Test
    void aByteOrderMarkIsSkippedOnlyAtTheStartOfTheStreamAndOnlyIfAllowed() throws IOException {
        byte[] bytes = utf8("\uFEFF{\"a\":1}\n\uFEFF2\n3\n");
        for (boolean allow : new boolean[] {true, false}) {
            for (JsonRecordFormat format : List.of(JsonRecordFormat.LINES, JsonRecordFormat.CONCATENATED)) {
                arena.reset();
                List<JsonRecordException> errors = new ArrayList<>();
                List<String> got = new ArrayList<>();
                JsonLimits limits = JsonLimits.builder().allowByteOrderMark(allow).build();
                try (JsonRecordReader r = JsonRecordReader.builder().format(format).limits(limits).onError(errors::add)
                        .open(arena, new ChunkedStream(bytes, 1, 3))) {
                    for (JsonValue v; (v = r.next()) != null; ) {
                        got.add(v.toJson());
                    }
                } catch (JsonRecordException e) {
                    errors.add(e); // concatenated texts end at their first error
                }
                String where = format + ", BOM allowed " + allow;
                List<String> expected = format == JsonRecordFormat.CONCATENATED ? (allow ? List.of("{\"a\":1}") : List.of())
                        : allow ? List.of("{\"a\":1}", "3") : List.of("3");
                assertEquals(expected, got, where);
                // record 2 starts with a mark too: an error wherever marks are allowed
                List<Long> failed = format == JsonRecordFormat.CONCATENATED ? List.of(allow ? 2L : 1L)
                        : allow ? List.of(2L) : List.of(1L, 2L);
                assertEquals(failed, errors.stream().map(JsonRecordException::record).toList(), where);
                for (JsonRecordException e : errors) {
                    long at = e.record() == 1 ? 0 : 11;
                    assertEquals(at, e.recordOffset(), where);
                    assertEquals(at, assertInstanceOf(JsonParseException.class, e.getCause(), where).offset(), where);
                }
            }
        }
    }

    @Test
    void manyBadRecordsOnOneLineAreReportedInLinearTime() {
        // 400,000 bad texts in one 800 KB line: each error's line and column cost its own bytes, not
        // a scan back to the start of the array (about 50 s for half as many, four times that here)
        // or of the window (about 8 s for half as many). The bound is a hang guard with room for a
        // loaded machine (the linear reading took 5-14 s for 200,000 at a load average of 7-14), not
        // a speed measurement
        int n = 400_000;
        byte[] bytes = new byte[2 * n];
        for (int i = 0; i < n; i++) {
            bytes[2 * i] = RS;
            bytes[2 * i + 1] = '@';
        }
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (Input input : List.of(Input.BYTES, Input.STREAM)) {
                long[] count = {0};
                JsonRecordReader.Builder b = JsonRecordReader.builder().format(JsonRecordFormat.SEQUENCE).onError(e -> {
                    long k = ++count[0];
                    if (k % 997 == 1 || k == n) {
                        assertEquals(k, e.record());
                        assertEquals(2 * k - 1, e.offset());
                        JsonParseException p = assertInstanceOf(JsonParseException.class, e.getCause());
                        assertEquals(1, p.line());
                        assertEquals(2 * k, p.column(), input + ": column of error " + k);
                    }
                });
                try (JsonRecordReader r = input == Input.BYTES ? b.open(arena, bytes)
                        : b.open(arena, new ChunkedStream(bytes, 11, 70_000))) {
                    assertNull(r.next());
                    assertEquals(n, r.recordsSkipped());
                }
                assertEquals(n, count[0], input.toString());
            }
        });
    }

    /** {@return whether this process has a descriptor open on {@code file}} (Linux) */
    static boolean isOpenHere(Path file) throws IOException {
        Path real = file.toRealPath();
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.anyMatch(fd -> {
                try {
                    return Files.readSymbolicLink(fd).equals(real);
                } catch (IOException | UnsupportedOperationException e) {
                    return false; // closed meanwhile, or not a link
                }
            });
        }
    }

    @Test
    void closeClosesTheFileOfAPathButNotACallersStreamOrChannel() throws IOException {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs /proc/self/fd");
        Path file = tmp.resolve("close.jsonl");
        Files.write(file, utf8("1\n2\n"));
        JsonRecordReader r = JsonRecordReader.builder().open(arena, file);
        assertTrue(isOpenHere(file), "the reader holds the file open");
        assertEquals("1", r.next().toJson());
        r.close();
        assertFalse(isOpenHere(file), "close() closed the file");
        assertThrows(IllegalStateException.class, r::next);
        r.close(); // twice is fine

        byte[] bytes = utf8("1\n2\n3\n");
        ChunkedStream in = new ChunkedStream(bytes, 1, 100);
        try (JsonRecordReader s = JsonRecordReader.builder().open(arena, in)) {
            assertEquals("1", s.next().toJson());
        }
        assertFalse(in.closed, "the caller's stream is not closed");

        ReadableByteChannel channel = Channels.newChannel(new ByteArrayInputStream(bytes));
        try (JsonRecordReader s = JsonRecordReader.builder().open(arena, channel)) {
            assertEquals("1", s.next().toJson());
        }
        assertTrue(channel.isOpen(), "the caller's channel is not closed");
        assertTrue(channel.read(ByteBuffer.allocate(1)) <= 0, "and still readable (at its end here)");
        channel.close();
    }

    @Test
    void aReaderHasOneIterator() throws IOException {
        try (JsonRecordReader r = JsonRecordReader.builder().open(arena, utf8("1\n2\n"))) {
            Iterator<JsonValue> it = r.iterator();
            assertThrows(IllegalStateException.class, r::iterator);
            assertEquals("1", it.next().toJson());
            assertTrue(it.hasNext());
            assertTrue(it.hasNext(), "hasNext reads ahead once");
            assertEquals("2", it.next().toJson());
            assertFalse(it.hasNext());
            assertThrows(java.util.NoSuchElementException.class, it::next);
        }
    }

    /** A stream that gives {@code head} and then returns 0 bytes forever. */
    static InputStream stuckAfter(byte[] head) {
        return new InputStream() {
            int pos;

            @Override
            public int read() {
                throw new AssertionError("single-byte read not expected");
            }

            @Override
            public int read(byte[] b, int off, int len) {
                int n = Math.min(len, head.length - pos);
                System.arraycopy(head, pos, b, off, n);
                pos += n;
                return n;
            }
        };
    }

    @Test
    void aSourceThatReturnsNothingForeverFailsWithIOExceptionWithoutHanging() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try (JsonRecordReader r = JsonRecordReader.builder().open(arena, stuckAfter(new byte[0]))) {
                assertThrows(IOException.class, r::next);
            }
            try (JsonRecordReader r = JsonRecordReader.builder().open(arena, stuckAfter(utf8("{\"a\":1}\n[")))) {
                assertEquals("{\"a\":1}", r.next().toJson(), "a complete record is delivered before the stall");
                assertThrows(IOException.class, r::next);
            }
            // not Channels.newChannel: its adapter itself spins on a stream that returns 0
            ReadableByteChannel stuck = new ReadableByteChannel() {
                boolean first = true;

                @Override
                public int read(ByteBuffer dst) {
                    if (first) {
                        first = false;
                        dst.put(utf8("[1, 2"));
                        return 5;
                    }
                    return 0;
                }

                @Override
                public boolean isOpen() {
                    return true;
                }

                @Override
                public void close() {
                }
            };
            try (JsonRecordReader r = JsonRecordReader.builder().format(JsonRecordFormat.CONCATENATED).open(arena, stuck)) {
                assertThrows(IOException.class, r::next);
            }
            try (JsonRecordReader r = JsonRecordReader.builder().open(arena, stuckAfter(utf8("1\n")))) {
                Iterator<JsonValue> it = r.iterator();
                assertEquals("1", it.next().toJson());
                UncheckedIOException e = assertThrows(UncheckedIOException.class, it::hasNext);
                assertNotNull(e.getCause());
            }
        });
    }

    /**
     * A live stream: each read returns what the sender has sent, and a read with nothing sent fails
     * the test (a reader that waits there for input would wait for the sender, who waits for it).
     */
    static final class LiveStream extends InputStream {
        private final java.util.ArrayDeque<byte[]> sent = new java.util.ArrayDeque<>();
        private boolean ended;

        void send(String s) {
            sent.add(utf8(s));
        }

        void end() {
            ended = true;
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException("the reader reads arrays");
        }

        @Override
        public int read(byte[] b, int off, int len) {
            byte[] chunk = sent.poll();
            if (chunk == null) {
                if (ended) {
                    return -1;
                }
                throw new AssertionError("the reader asked the stream for input it holds a whole record without");
            }
            if (chunk.length > len) {
                sent.addFirst(Arrays.copyOfRange(chunk, len, chunk.length));
                chunk = Arrays.copyOf(chunk, len);
            }
            System.arraycopy(chunk, 0, b, off, chunk.length);
            return chunk.length;
        }
    }

    record Code(int code) {}

    /**
     * Records of a live stream (a log shipper's connection, a pipe) are returned as they arrive: a
     * record whole in the window is returned without another read of the stream, read as values
     * or bound to a type.
     */
    @Test
    void aLiveStreamsRecordIsReturnedWithoutWaitingForInputNotYetSent() throws IOException {
        for (boolean typed : new boolean[] {false, true}) {
            LiveStream in = new LiveStream();
            in.send("{\"code\":1}\n{\"code\":2}\n{\"co"); // two whole records and the start of a third
            try (JsonArena arena = pool.openArena(); JsonRecordReader r = JsonRecordReader.builder().open(arena, in)) {
                Iterator<Code> codes = typed ? r.as(Code.class).iterator() : null;
                java.util.function.IntSupplier next = () -> {
                    try {
                        return typed ? codes.next().code() : (int) r.next().asObject().get("code").asLong();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                };
                assertEquals(1, next.getAsInt(), "typed " + typed);
                assertEquals(2, next.getAsInt(), "typed " + typed);
                in.send("de\":3}\n");
                assertEquals(3, next.getAsInt(), "typed " + typed);
                in.send("{\"code\":4}");
                in.end();
                assertEquals(4, next.getAsInt(), "typed " + typed);
                assertTrue(typed ? !codes.hasNext() : r.next() == null, "typed " + typed);
            }
        }
    }

    @Test
    void aReadThatClosesTheArenaFailsTheNextRecordAndLeaksNothing() throws IOException {
        for (JsonRecordFormat format : List.of(JsonRecordFormat.LINES, JsonRecordFormat.ARRAY)) {
            for (int closeAt : new int[] {0, 1, 2 * WINDOW + 123}) {
                byte[] bytes = utf8(format == JsonRecordFormat.ARRAY ? "[" + lines(3000).replace("}\n{", "},\n{") + "]"
                        : lines(3000)); // about four windows
                JsonArena victim = pool.openArena();
                int[] reads = {0};
                long[] served = {0};
                InputStream in = new InputStream() {
                    final ChunkedStream data = new ChunkedStream(bytes, closeAt, 5000);

                    @Override
                    public int read() {
                        throw new AssertionError();
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        if (served[0] >= closeAt && victim.isOpen()) {
                            victim.close(); // user code closing the arena in the middle of the reading
                        }
                        reads[0]++;
                        int n = data.read(b, off, len);
                        served[0] += Math.max(0, n);
                        return n;
                    }
                };
                List<JsonRecordException> errors = new ArrayList<>();
                try (JsonRecordReader r = JsonRecordReader.builder().format(format).onError(errors::add).open(victim, in)) {
                    int delivered = 0;
                    IllegalStateException e = null;
                    while (e == null) {
                        try {
                            if (r.next() == null) {
                                break;
                            }
                            delivered++;
                        } catch (IllegalStateException x) {
                            e = x;
                        }
                    }
                    assertNotNull(e, format + ", closeAt " + closeAt + ": the record after the close fails (" + delivered + " delivered)");
                    assertFalse(victim.isOpen());
                    assertEquals(List.of(), errors, "not a bad record: the reading itself is broken");
                    assertThrows(IllegalStateException.class, r::next, "and stays broken");
                }
                JsonPoolStats s = pool.stats();
                assertEquals(1, s.openArenas(), "closeAt " + closeAt + ": only the fixture's arena is open");
                assertEquals(arena.bytesReserved(), s.inUseBytes(), "closeAt " + closeAt + ": the closed arena holds nothing");
            }
        }
    }

    @Test
    void arenaMemoryStaysBoundedAcrossTwentyThousandRecords() throws IOException {
        // records of 100 B to 4 KiB (most under 1 KiB): one record's tape (8 B per token, at most
        // one token per 2 bytes of input) and strings take well under 32 KiB, and with a reset
        // before every record the arena holds one record and the blocks a reset keeps; 1 MiB is a
        // generous ceiling, which a region sized by the input read so far (or by the rest of an
        // array or a file) passes within the first records
        SplittableRandom random = new SplittableRandom(42);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream array = new ByteArrayOutputStream(); // the same records as one array's elements, a line each
        array.write('[');
        for (int i = 0; i < 20_000; i++) {
            int size = 100 + random.nextInt(random.nextInt(8) == 0 ? 4000 - 100 : 900);
            StringBuilder sb = new StringBuilder("{\"i\":").append(i).append(",\"v\":[");
            while (sb.length() < size - 20) {
                sb.append(random.nextInt(1000)).append(',');
            }
            sb.append("0],\"s\":\"").append("z".repeat(Math.max(0, size - sb.length() - 8))).append("\"}\n");
            assertTrue(sb.length() < 4096);
            out.writeBytes(utf8(sb.toString()));
            array.writeBytes(utf8((i > 0 ? "," : "") + sb));
        }
        array.write(']');
        long bound = 1 << 20;
        for (JsonRecordFormat format : List.of(JsonRecordFormat.LINES, JsonRecordFormat.CONCATENATED, JsonRecordFormat.ARRAY)) {
            byte[] bytes = format == JsonRecordFormat.ARRAY ? array.toByteArray() : out.toByteArray();
            Path file = tmp.resolve("many-" + format);
            Files.write(file, bytes);
            for (Input input : Input.values()) {
                String where = format + " from " + input;
                try (JsonArena budgeted = pool.openArena(bound)) {
                    long most = 0;
                    int n = 0;
                    JsonRecordReader.Builder b = JsonRecordReader.builder().format(format);
                    try (JsonRecordReader r = switch (input) {
                        case BYTES -> b.open(budgeted, bytes);
                        case STREAM -> b.open(budgeted, new ChunkedStream(bytes, 3, 70_000));
                        case CHANNEL -> b.open(budgeted, Channels.newChannel(new ByteArrayInputStream(bytes)));
                        case PATH -> b.open(budgeted, file);
                    }) {
                        for (JsonValue v; (v = nextOr(r, where)) != null; n++) {
                            assertEquals((long) n, v.asObject().get("i").asLong(), where);
                            most = Math.max(most, budgeted.bytesReserved());
                        }
                        assertEquals(bytes.length, r.bytesRead(), where);
                    }
                    assertEquals(20_000, n, where);
                    assertTrue(most < bound, where + ": most reserved " + most);
                    assertTrue(budgeted.bytesReserved() < bound, where + ": reserved after the last record " + budgeted.bytesReserved());
                }
            }
        }
    }

    /** {@return the next record of {@code r}}; a record error fails the test naming {@code where} */
    static JsonValue nextOr(JsonRecordReader r, String where) throws IOException {
        try {
            return r.next();
        } catch (JsonRecordException e) {
            throw new AssertionError(where, e);
        }
    }
}
