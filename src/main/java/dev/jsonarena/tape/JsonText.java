package dev.jsonarena.tape;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes a value of a {@link Document} back as compact JSON: no whitespace, member order as
 * parsed, numbers exactly as their text was read, strings with {@code "}, {@code \} and control
 * characters escaped (short forms where JSON has them, {@code \}{@code u00XX} otherwise) and every
 * other character as UTF-8. Parsing the output gives the same value.
 *
 * <p>The walk is iterative over the tape (a container's end is {@code index + span}), so any depth
 * writes without recursion.
 *
 * <p>Thread-safety: static functions; a document is read by one thread at a time.
 */
public final class JsonText {
    private JsonText() {}

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /** {@return the value at {@code index} of {@code doc} as compact JSON} */
    public static String toJson(Document doc, int index) {
        Out out = new Out();
        write(doc, index, out);
        return new String(out.buf, 0, out.size, StandardCharsets.UTF_8);
    }

    /** {@return the member whose KEY word is at {@code keyIndex} as {@code "name":value}} */
    public static String memberToJson(Document doc, int keyIndex) {
        Out out = new Out();
        int id = Tape.keyId(doc.word(keyIndex));
        string(doc.segment(), doc.keyOffset(id), doc.keyLength(id), out);
        out.put((byte) ':');
        write(doc, keyIndex + 1, out);
        return new String(out.buf, 0, out.size, StandardCharsets.UTF_8);
    }

    /** A growable byte buffer. */
    static final class Out {
        byte[] buf = new byte[256];
        int size;

        void ensure(int n) {
            if (size + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(size + n, buf.length * 2));
            }
        }

        void put(byte b) {
            ensure(1);
            buf[size++] = b;
        }

        void put(String ascii) {
            ensure(ascii.length());
            for (int i = 0; i < ascii.length(); i++) {
                buf[size++] = (byte) ascii.charAt(i);
            }
        }
    }

    static void write(Document doc, int index, Out out) {
        int[] ends = new int[16];
        boolean[] objects = new boolean[16];
        int depth = 0;
        boolean comma = false;
        int end = doc.next(index);
        int i = index;
        while (i < end) {
            while (depth > 0 && ends[depth - 1] == i) {
                depth--;
                out.put((byte) (objects[depth] ? '}' : ']'));
                comma = true;
            }
            if (comma) {
                out.put((byte) ',');
            }
            long w = doc.word(i);
            int tag = Tape.tag(w);
            if (tag == Tape.KEY) {
                int id = Tape.keyId(w);
                string(doc.segment(), doc.keyOffset(id), doc.keyLength(id), out);
                out.put((byte) ':');
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
                            ends = Arrays.copyOf(ends, depth * 2);
                            objects = Arrays.copyOf(objects, depth * 2);
                        }
                        ends[depth] = i + Tape.span(w);
                        objects[depth++] = tag == Tape.OBJECT;
                        comma = false;
                    }
                    i++;
                    continue;
                }
                case Tape.STRING -> string(doc.segment(), doc.textOffset(i), Tape.length(w), out);
                case Tape.TRUE -> out.put("true");
                case Tape.FALSE -> out.put("false");
                case Tape.NULL -> out.put("null");
                default -> out.put(doc.numberText(i));
            }
            comma = true;
            i += Tape.words(w);
        }
        while (depth > 0) {
            depth--;
            out.put((byte) (objects[depth] ? '}' : ']'));
        }
    }

    static void string(MemorySegment seg, long offset, int length, Out out) {
        out.ensure(length + 2);
        out.buf[out.size++] = '"';
        for (long p = offset, e = offset + length; p < e; p++) {
            byte b = seg.get(ValueLayout.JAVA_BYTE, p);
            if (b == '"' || b == '\\') {
                out.ensure(2 + (int) (e - p));
                out.buf[out.size++] = '\\';
                out.buf[out.size++] = b;
            } else if (b >= 0 && b < 0x20) {
                out.ensure(6 + (int) (e - p));
                out.buf[out.size++] = '\\';
                switch (b) {
                    case '\b' -> out.buf[out.size++] = 'b';
                    case '\f' -> out.buf[out.size++] = 'f';
                    case '\n' -> out.buf[out.size++] = 'n';
                    case '\r' -> out.buf[out.size++] = 'r';
                    case '\t' -> out.buf[out.size++] = 't';
                    default -> {
                        out.buf[out.size++] = 'u';
                        out.buf[out.size++] = '0';
                        out.buf[out.size++] = '0';
                        out.buf[out.size++] = HEX[b >> 4];
                        out.buf[out.size++] = HEX[b & 0xF];
                    }
                }
            } else {
                out.ensure(1 + (int) (e - p));
                out.buf[out.size++] = b;
            }
        }
        out.put((byte) '"');
    }
}
