package dev.jsonarena.tape;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes a value of a {@link Document} back as JSON, compact or pretty: member order as parsed,
 * numbers exactly as their text was read (from the tape's {@code INT}, {@code DEC} and
 * {@code NUMBER} forms, without building a string), strings with {@code "}, {@code \} and control
 * characters escaped (short forms where JSON has them, {@code \}{@code u00XX} otherwise) and every
 * other character as UTF-8. Parsing the output gives the same tape.
 *
 * <p><b>Compact</b> has no whitespace. <b>Pretty</b> is the layout of JavaScript's
 * {@code JSON.stringify(value, null, 2)}: each member or element on its own line indented by two
 * spaces per level, {@code ": "} between a name and its value, the closing bracket on its own
 * line at the container's indentation, empty containers as {@code {}} and {@code []}, and no
 * newline after the last bracket.
 *
 * <p>The walk is iterative over the tape (a container's end is {@code index + span}), so any depth
 * writes without recursion. Output goes through a {@link JsonSink}: a growing array for the
 * {@code String} and {@code byte[]} results, a fixed buffer for streams.
 *
 * <p>Thread-safety: static functions; a document is read by one thread at a time.
 */
public final class JsonText {
    private JsonText() {}

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final long ONES = 0x0101_0101_0101_0101L;
    private static final long HIGHS = 0x8080_8080_8080_8080L;

    /** {@return the value at {@code index} of {@code doc} as compact JSON} */
    public static String toJson(Document doc, int index) {
        return toJson(doc, index, false);
    }

    /** {@return the value at {@code index} of {@code doc} as compact or pretty JSON} */
    public static String toJson(Document doc, int index, boolean pretty) {
        JsonSink out = JsonSink.acquire();
        try {
            write(doc, index, out, pretty);
            return out.asString();
        } finally {
            out.release();
        }
    }

    /** {@return the value at {@code index} of {@code doc} as compact or pretty JSON in UTF-8} */
    public static byte[] toBytes(Document doc, int index, boolean pretty) {
        JsonSink out = JsonSink.acquire();
        try {
            write(doc, index, out, pretty);
            return out.toBytes();
        } finally {
            out.release();
        }
    }

    /**
     * Writes the value at {@code index} of {@code doc} as JSON in UTF-8 to {@code stream}, through
     * a buffer of {@value JsonSink#STREAM_BUFFER} bytes (the stream does not keep the array it is
     * given, as {@link OutputStream} requires). The stream is neither flushed nor closed.
     *
     * @throws IOException if the stream fails
     */
    public static void write(Document doc, int index, boolean pretty, OutputStream stream) throws IOException {
        JsonSink out = JsonSink.acquire().to(stream).guard(doc);
        try {
            write(doc, index, out, pretty);
            out.flush(true);
        } catch (JsonSink.Failure e) {
            throw e.getCause();
        } finally {
            out.release();
        }
    }

    /**
     * Appends the value at {@code index} of {@code doc} as JSON to {@code chars}, in pieces of at
     * most {@value JsonSink#STREAM_BUFFER} characters.
     *
     * @throws IOException if {@code chars} fails
     */
    public static void write(Document doc, int index, boolean pretty, Appendable chars) throws IOException {
        JsonSink out = JsonSink.acquire().to(chars).guard(doc);
        try {
            write(doc, index, out, pretty);
            out.flush(true);
        } catch (JsonSink.Failure e) {
            throw e.getCause();
        } finally {
            out.release();
        }
    }

    /** {@return the member whose KEY word is at {@code keyIndex} as {@code "name":value}} */
    public static String memberToJson(Document doc, int keyIndex) {
        JsonSink out = JsonSink.acquire();
        try {
            int id = Tape.keyId(doc.word(keyIndex));
            string(doc.segment(), doc.keyOffset(id), doc.keyLength(id), out);
            out.put((byte) ':');
            write(doc, keyIndex + 1, out, false);
            return out.asString();
        } finally {
            out.release();
        }
    }

    static void write(Document doc, int index, JsonSink out, boolean pretty) {
        int[] ends = out.ends;
        boolean[] objects = out.objects;
        int depth = 0;
        boolean comma = false;
        int end = doc.next(index);
        int i = index;
        while (i < end) {
            while (depth > 0 && ends[depth - 1] == i) {
                depth--;
                if (pretty) {
                    out.newline(depth);
                }
                out.put((byte) (objects[depth] ? '}' : ']'));
                comma = true;
            }
            if (comma) {
                out.put((byte) ',');
            }
            if (pretty && depth > 0) {
                out.newline(depth);
            }
            long w = doc.word(i);
            int tag = Tape.tag(w);
            if (tag == Tape.KEY) {
                int id = Tape.keyId(w);
                string(doc.segment(), doc.keyOffset(id), doc.keyLength(id), out);
                out.put((byte) ':');
                if (pretty) {
                    out.put((byte) ' ');
                }
                i++;
                w = doc.word(i);
                tag = Tape.tag(w);
            }
            switch (tag) {
                case Tape.OBJECT, Tape.ARRAY -> {
                    out.put((byte) (tag == Tape.OBJECT ? '{' : '['));
                    if (Tape.span(w) == 1) {
                        out.put((byte) (tag == Tape.OBJECT ? '}' : ']'));
                        comma = true;
                    } else {
                        if (depth == ends.length) {
                            ends = out.ends = Arrays.copyOf(ends, depth * 2);
                            objects = out.objects = Arrays.copyOf(objects, depth * 2);
                        }
                        ends[depth] = i + Tape.span(w);
                        objects[depth++] = tag == Tape.OBJECT;
                        comma = false;
                    }
                    i++;
                    continue;
                }
                case Tape.STRING -> string(doc.segment(), doc.textOffset(i), Tape.length(w), out);
                case Tape.INT -> {
                    long v = Tape.intValue(w);
                    if (v < 0) {
                        out.put((byte) '-');
                    }
                    digits(Math.abs(v), 1, 0, out); // |v| < 2^59: no overflow
                }
                case Tape.DEC -> {
                    if (Tape.decNegative(w)) {
                        out.put((byte) '-');
                    }
                    int fraction = Tape.decFractionDigits(w);
                    digits(doc.word(i + 1), fraction + 1, fraction, out);
                }
                case Tape.NUMBER -> out.copy(doc.segment(), doc.textOffset(i), Tape.length(w));
                case Tape.TRUE -> out.put("true");
                case Tape.FALSE -> out.put("false");
                default -> out.put("null");
            }
            comma = true;
            i += Tape.words(w);
        }
        while (depth > 0) {
            depth--;
            if (pretty) {
                out.newline(depth);
            }
            out.put((byte) (objects[depth] ? '}' : ']'));
        }
    }

    /**
     * Writes the unsigned {@code value} in decimal, left-padded with zeros to {@code minDigits}
     * digits, with a point before the last {@code fraction} digits (none if 0): the text of an
     * {@code INT} ({@code minDigits} 1) or {@code DEC} number.
     */
    private static void digits(long value, int minDigits, int fraction, JsonSink out) {
        int n = 1;
        for (long v = Long.divideUnsigned(value, 10); v != 0; v /= 10) {
            n++;
        }
        int total = Math.max(n, minDigits);
        out.ensure(total + 1);
        byte[] buf = out.buf;
        int p = out.size + total + (fraction > 0 ? 1 : 0);
        out.size = p;
        long v = value;
        for (int k = 0; k < total; k++) {
            if (fraction > 0 && k == fraction) {
                buf[--p] = '.';
            }
            long q = Long.divideUnsigned(v, 10);
            buf[--p] = (byte) ('0' + (v - q * 10));
            v = q;
        }
    }

    /** {@return a mask with the high bit of each byte of {@code w} that is '"', '\\' or below 0x20} */
    private static long needsEscape(long w) {
        long q = w ^ 0x2222_2222_2222_2222L;
        long s = w ^ 0x5C5C_5C5C_5C5C_5C5CL;
        return ((q - ONES) & ~q | (s - ONES) & ~s | (w - 0x2020_2020_2020_2020L) & ~w) & HIGHS;
    }

    /** Writes the {@code length} UTF-8 bytes at {@code offset} of {@code seg} as a JSON string. */
    static void string(MemorySegment seg, long offset, int length, JsonSink out) {
        out.put((byte) '"');
        long run = offset;
        long p = offset;
        long e = offset + length;
        while (p < e) {
            if (p + 8 <= e) {
                long m = needsEscape(seg.get(Tape.LONG_LE, p));
                if (m == 0) {
                    p += 8;
                    continue;
                }
                p += Long.numberOfTrailingZeros(m) >>> 3;
            }
            byte b = seg.get(ValueLayout.JAVA_BYTE, p);
            if (b == '"' || b == '\\' || (b >= 0 && b < 0x20)) {
                out.copy(seg, run, (int) (p - run));
                escape(b, out);
                run = p + 1;
            }
            p++;
        }
        out.copy(seg, run, (int) (e - run));
        out.put((byte) '"');
    }

    private static void escape(byte b, JsonSink out) {
        out.ensure(6);
        byte[] buf = out.buf;
        buf[out.size++] = '\\';
        switch (b) {
            case '"', '\\' -> buf[out.size++] = b;
            case '\b' -> buf[out.size++] = 'b';
            case '\f' -> buf[out.size++] = 'f';
            case '\n' -> buf[out.size++] = 'n';
            case '\r' -> buf[out.size++] = 'r';
            case '\t' -> buf[out.size++] = 't';
            default -> {
                buf[out.size++] = 'u';
                buf[out.size++] = '0';
                buf[out.size++] = '0';
                buf[out.size++] = HEX[b >> 4];
                buf[out.size++] = HEX[b & 0xF];
            }
        }
    }
}
