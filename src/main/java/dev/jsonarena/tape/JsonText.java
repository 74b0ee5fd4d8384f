package dev.jsonarena.tape;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Writes a value of a {@link Document} back as JSON, compact or pretty: member order as parsed,
 * numbers exactly as their text was read (from the tape's {@code INT}, {@code DEC} and
 * {@code NUMBER} forms, without building a string), strings escaped as {@link JsonTokens} spells
 * them. Parsing the output gives the same tape.
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
    public static void write(Document doc, long epoch, int index, boolean pretty, OutputStream stream) throws IOException {
        stream(doc, index, pretty, JsonSink.acquire().to(stream).guard(doc, epoch));
    }

    /**
     * Appends the value at {@code index} of {@code doc} as JSON to {@code chars}, in pieces of at
     * most {@value JsonSink#STREAM_BUFFER} characters.
     *
     * @throws IOException if {@code chars} fails
     */
    public static void write(Document doc, long epoch, int index, boolean pretty, Appendable chars) throws IOException {
        stream(doc, index, pretty, JsonSink.acquire().to(chars).guard(doc, epoch));
    }

    /** Writes the value through {@code out}, a streaming sink, flushes it and releases it; rethrows what its target threw. */
    private static void stream(Document doc, int index, boolean pretty, JsonSink out) throws IOException {
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
            JsonTokens.string(doc.segment(), doc.keyOffset(id), doc.keyLength(id), out);
            out.put((byte) ':');
            write(doc, keyIndex + 1, out, false);
            return out.asString();
        } finally {
            out.release();
        }
    }

    static void write(Document doc, int index, JsonSink out, boolean pretty) {
        write(doc, index, out, pretty, 0);
    }

    /**
     * Writes the value at {@code index} of {@code doc} into {@code out}, pretty-printed as if it
     * stood at nesting {@code baseDepth} (the generator copies parsed values into its output).
     */
    public static void write(Document doc, int index, JsonSink out, boolean pretty, int baseDepth) {
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
                    out.newline(baseDepth + depth);
                }
                out.put((byte) (objects[depth] ? '}' : ']'));
                comma = true;
            }
            if (comma) {
                out.put((byte) ',');
            }
            if (pretty && depth > 0) {
                out.newline(baseDepth + depth);
            }
            long w = doc.word(i);
            int tag = Tape.tag(w);
            if (tag == Tape.KEY) {
                int id = Tape.keyId(w);
                JsonTokens.string(doc.segment(), doc.keyOffset(id), doc.keyLength(id), out);
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
                case Tape.STRING -> JsonTokens.string(doc.segment(), doc.textOffset(i), Tape.length(w), out);
                case Tape.INT -> JsonTokens.number(Tape.intValue(w), out);
                case Tape.DEC -> {
                    if (Tape.decNegative(w)) {
                        out.put((byte) '-');
                    }
                    int fraction = Tape.decFractionDigits(w);
                    JsonTokens.digits(doc.word(i + 1), fraction + 1, fraction, out);
                }
                case Tape.NUMBER -> out.copy(doc.segment(), doc.textOffset(i), Tape.length(w));
                case Tape.TRUE -> out.putBoolean(true);
                case Tape.FALSE -> out.putBoolean(false);
                default -> out.putNull();
            }
            comma = true;
            i += Tape.words(w);
        }
        while (depth > 0) {
            depth--;
            if (pretty) {
                out.newline(baseDepth + depth);
            }
            out.put((byte) (objects[depth] ? '}' : ']'));
        }
    }
}
