package dev.jsonarena;

import dev.jsonarena.tape.Document;
import dev.jsonarena.tape.Pointer;
import dev.jsonarena.tape.Tape;
import dev.jsonarena.tape.TapeNumbers;
import dev.jsonarena.tape.Utf8;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;

/**
 * The reads shared by {@link JsonValue}, {@link JsonObject}, {@link JsonArray} and
 * {@link JsonCursor}: type checks and conversions of the value at a tape index. Callers have
 * checked the epoch. Each read is written once, taking the value's tape word as well as its index;
 * the form without the word reads it and calls that one (a cursor already holds the word of its
 * position, and a second read through the segment costs its access checks again).
 *
 * <p>Thread-safety: static functions; a document is read by one thread at a time.
 */
final class Values {
    private Values() {}

    private static final JsonType[] TYPES = new JsonType[16];
    private static final long[] UNKNOWN_POSITION = {-1, -1, -1};

    static {
        TYPES[Tape.OBJECT] = JsonType.OBJECT;
        TYPES[Tape.ARRAY] = JsonType.ARRAY;
        TYPES[Tape.STRING] = JsonType.STRING;
        TYPES[Tape.INT] = JsonType.NUMBER;
        TYPES[Tape.DEC] = JsonType.NUMBER;
        TYPES[Tape.NUMBER] = JsonType.NUMBER;
        TYPES[Tape.TRUE] = JsonType.TRUE;
        TYPES[Tape.FALSE] = JsonType.FALSE;
        TYPES[Tape.NULL] = JsonType.NULL;
    }

    /** {@return the type of the value whose tape word is {@code word}} */
    static JsonType type(long word) {
        return TYPES[Tape.tag(word)];
    }

    /**
     * {@return the exception for the value at {@code index}, which is not of the type or types
     * {@code expected}}: it names the value's JSON Pointer, found by a walk from the root (this
     * error path only)
     */
    static JsonTypeException typeError(Document doc, int index, String expected) {
        long[] at = position(doc, index);
        return new JsonTypeException(expected, type(doc.word(index)), Pointer.of(doc, index), at[0], at[1], at[2]);
    }

    /** Throws {@link JsonTypeException} unless the value at {@code index}, whose tape word is {@code w}, has {@code tag} (of {@code type}). */
    static void require(Document doc, int index, long w, int tag, JsonType type) {
        if (Tape.tag(w) != tag) {
            throw typeError(doc, index, type.name());
        }
    }

    /** {@link #require(Document, int, long, int, JsonType)} of the value at {@code index}. */
    static void require(Document doc, int index, int tag, JsonType type) {
        require(doc, index, doc.word(index), tag, type);
    }

    /** Throws {@link JsonTypeException} unless the value at {@code index} is a string. */
    static void requireString(Document doc, int index) {
        require(doc, index, Tape.STRING, JsonType.STRING);
    }

    /** Throws {@link JsonTypeException} unless the value at {@code index}, whose tape word is {@code w}, is a number. */
    private static void requireNumber(Document doc, int index, long w) {
        if (!Tape.isNumber(Tape.tag(w))) {
            throw typeError(doc, index, "NUMBER");
        }
    }

    /** {@return {offset, line, column} of the value at {@code index} in the input (see {@link Document#position}), -1 each if not known} */
    static long[] position(Document doc, int index) {
        long[] at = doc.position(index);
        return at != null ? at : UNKNOWN_POSITION;
    }

    // ---- absent values ----

    /** {@return whether a read with a default gives the default for the value at {@code index}}: it is absent (-1) or {@code null} */
    static boolean absentOrNull(Document doc, int index) {
        return index < 0 || doc.tag(index) == Tape.NULL;
    }

    /**
     * {@return the exception for a step from the value at {@code from} that found nothing}:
     * {@code step} is a member name ({@link String} or {@link JsonKey}) or an element index
     * ({@link Integer}); the pointer is that of the step, the expectation says what was there
     */
    static JsonMissingValueException missing(Document doc, int from, Object step) {
        String at = Pointer.of(doc, from);
        String atQuoted = JsonException.quotePointer(at);
        long w = doc.word(from);
        int tag = Tape.tag(w);
        String expected;
        String token;
        if (step instanceof Integer i) {
            token = Integer.toString(i);
            expected = tag == Tape.ARRAY
                    ? "an element at index " + i + " (the array at " + atQuoted + " has " + Tape.count(w) + ")"
                    : "an array at " + atQuoted + ", found " + type(w);
        } else {
            token = step instanceof JsonKey k ? k.name() : (String) step;
            expected = tag == Tape.OBJECT
                    ? "a member \"" + JsonException.excerpt(token, 40) + "\" of the object at " + atQuoted
                    : "an object at " + atQuoted + ", found " + type(w);
        }
        long[] where = position(doc, from);
        return new JsonMissingValueException(Pointer.append(at, token), expected, where[0], where[1], where[2]);
    }

    static String asString(Document doc, int index) {
        return asString(doc, index, doc.word(index));
    }

    static String asString(Document doc, int index, long w) {
        require(doc, index, w, Tape.STRING, JsonType.STRING);
        return doc.string(w);
    }

    /**
     * The largest magnitude of the scale of a BigDecimal that {@link #bigDecimal} returns: 10,000.
     * A BigDecimal's plain form ({@code toPlainString}, {@code toBigInteger}, a sum with an
     * ordinary number) has about |scale| + precision digits, and the precision is bounded by the
     * literal's length, so this bounds what a few bytes of input ({@code 1e999999999}) can cost.
     * Equal to the digit bound of {@code asBigInteger}.
     */
    static final int MAX_DECIMAL_SCALE = 10_000;

    /**
     * {@return the number at {@code index} as a long}
     *
     * @throws ArithmeticException naming the value and {@code long} if not an integer in range
     * @throws JsonTypeException if it is not a number
     */
    static long asLong(Document doc, int index) {
        return asLong(doc, index, doc.word(index));
    }

    /** {@link #asLong(Document, int)} of the value at {@code index}, whose tape word is {@code w} */
    static long asLong(Document doc, int index, long w) {
        requireNumber(doc, index, w);
        try {
            return TapeNumbers.asLong(doc, index, w);
        } catch (ArithmeticException e) {
            throw notExact(TapeNumbers.numberText(doc, index), "a long", "long", Long.MIN_VALUE, Long.MAX_VALUE);
        }
    }

    /** {@link #asLong} within int: {@link ArithmeticException} naming the value and {@code int} otherwise */
    static int asInt(Document doc, int index) {
        return asInt(doc, index, doc.word(index));
    }

    /** {@link #asInt(Document, int)} of the value at {@code index}, whose tape word is {@code w} */
    static int asInt(Document doc, int index, long w) {
        requireNumber(doc, index, w);
        long v;
        try {
            v = TapeNumbers.asLong(doc, index, w);
        } catch (ArithmeticException e) {
            throw notExact(TapeNumbers.numberText(doc, index), "an int", "int", Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
        if ((int) v != v) {
            throw outOfRange(TapeNumbers.numberText(doc, index), "int", Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
        return (int) v;
    }

    /**
     * {@return the exception for a number that a narrowing read to {@code type} could not convert}:
     * the read to long failed, so the value is either not an integer or an integer outside long
     * (and so outside every narrower type). Which one is decided from the text, so the message
     * names the type asked for whatever form the number has.
     */
    private static ArithmeticException notExact(String text, String aType, String type, long min, long max) {
        if (isInteger(text)) {
            return outOfRange(text, type, min, max);
        }
        return new ArithmeticException("value " + excerpt(text) + " is not an integer (expected: " + aType
                + ", a whole number from " + min + " to " + max + ")");
    }

    private static ArithmeticException outOfRange(String text, String type, long min, long max) {
        return new ArithmeticException("value " + excerpt(text) + " is out of the range of " + type
                + " (expected: a whole number from " + min + " to " + max + ")");
    }

    /**
     * {@return whether the JSON number {@code text} has an integer value}: with its digits (point
     * removed) {@code D}, {@code f} of them after the point, {@code z} trailing zeros in {@code D},
     * and exponent {@code e}, the value is {@code D / 10^z * 10^(e - f + z)}, an integer iff
     * {@code e - f + z >= 0} (or {@code D} is zero). The exponent saturates, so any length of
     * exponent is read without overflow.
     */
    private static boolean isInteger(String text) {
        long fraction = 0;
        long trailingZeros = 0;
        boolean nonZero = false;
        boolean afterPoint = false;
        int i = 0;
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 'e' || c == 'E') {
                break;
            }
            if (c == '.') {
                afterPoint = true;
            } else if (c >= '0' && c <= '9') {
                if (afterPoint) {
                    fraction++;
                }
                if (c == '0') {
                    trailingZeros++;
                } else {
                    trailingZeros = 0;
                    nonZero = true;
                }
            }
        }
        if (!nonZero) {
            return true;
        }
        long exponent = 0;
        boolean negative = false;
        for (i++; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '-') {
                negative = true;
            } else if (c >= '0' && c <= '9') {
                exponent = Math.min(exponent * 10 + (c - '0'), 1L << 40); // saturates far above any digit count
            }
        }
        return (negative ? -exponent : exponent) - fraction + trailingZeros >= 0;
    }

    static double asDouble(Document doc, int index) {
        return asDouble(doc, index, doc.word(index));
    }

    static double asDouble(Document doc, int index, long w) {
        requireNumber(doc, index, w);
        return TapeNumbers.asDouble(doc, index, w);
    }

    static BigInteger asBigInteger(Document doc, int index) {
        requireNumber(doc, index, doc.word(index));
        return TapeNumbers.asBigInteger(doc, index);
    }

    static BigDecimal asBigDecimal(Document doc, int index) {
        requireNumber(doc, index, doc.word(index));
        return bigDecimal(doc, index);
    }

    /**
     * {@return the number at {@code index} as a BigDecimal, exactly, if its scale is within
     * ±{@link #MAX_DECIMAL_SCALE}}; the caller has checked that it is a number
     *
     * @throws ArithmeticException naming the value and the bound otherwise (zero included)
     */
    static BigDecimal bigDecimal(Document doc, int index) {
        return bounded(unboundedDecimal(doc, index), doc, index);
    }

    /**
     * {@return the number at {@code index} as a BigDecimal of any scale that fits an int}. Only for
     * comparisons: {@code compareTo} with a value of ordinary magnitude is cheap whatever the scale.
     *
     * @throws ArithmeticException naming the value and the bound if the scale does not fit an int
     */
    static BigDecimal unboundedDecimal(Document doc, int index) {
        try {
            return TapeNumbers.asBigDecimal(doc, index);
        } catch (ArithmeticException e) { // only text numbers whose exponent passes int
            throw scaleOutOfBounds(TapeNumbers.numberText(doc, index), "a scale beyond the range of int");
        }
    }

    /** {@return {@code d}, the number at {@code index}, if its scale is within the bound} @throws ArithmeticException otherwise */
    static BigDecimal bounded(BigDecimal d, Document doc, int index) {
        int scale = d.scale();
        if (scale > MAX_DECIMAL_SCALE || scale < -MAX_DECIMAL_SCALE) {
            throw scaleOutOfBounds(TapeNumbers.numberText(doc, index), "scale " + scale);
        }
        return d;
    }

    private static ArithmeticException scaleOutOfBounds(String text, String scale) {
        return new ArithmeticException("value " + excerpt(text) + " has " + scale + " (expected: a scale from "
                + -MAX_DECIMAL_SCALE + " to " + MAX_DECIMAL_SCALE + " for a BigDecimal)");
    }

    /** {@return {@code text} if short, else its first 20 and last 10 characters and its length} */
    static String excerpt(String text) {
        return text.length() <= 40 ? text : text.substring(0, 20) + "..." + text.substring(text.length() - 10)
                + " (" + text.length() + " chars)";
    }

    static String numberText(Document doc, int index) {
        requireNumber(doc, index, doc.word(index));
        return TapeNumbers.numberText(doc, index);
    }

    static boolean asBoolean(Document doc, int index) {
        return asBoolean(doc, index, doc.word(index));
    }

    static boolean asBoolean(Document doc, int index, long w) {
        int tag = Tape.tag(w);
        if (tag == Tape.TRUE) {
            return true;
        }
        if (tag == Tape.FALSE) {
            return false;
        }
        throw typeError(doc, index, "TRUE or FALSE");
    }

    static int utf8Length(Document doc, int index) {
        return utf8Length(doc, index, doc.word(index));
    }

    static int utf8Length(Document doc, int index, long w) {
        require(doc, index, w, Tape.STRING, JsonType.STRING);
        return Tape.length(w);
    }

    static boolean contentEquals(Document doc, int index, CharSequence chars) {
        Objects.requireNonNull(chars, "chars");
        requireString(doc, index);
        return doc.stringEquals(index, chars);
    }

    static boolean stringEquals(Document doc, int index, JsonKey key) {
        Objects.requireNonNull(key, "key");
        requireString(doc, index);
        return doc.stringEquals(index, key.segment, 0, key.length);
    }

    static void writeUtf8To(Document doc, long epoch, int index, OutputStream out) throws IOException {
        Objects.requireNonNull(out, "out");
        requireString(doc, index);
        doc.writeString(index, epoch, out);
    }

    static int copyUtf8To(Document doc, int index, byte[] dst, int offset) {
        Objects.requireNonNull(dst, "dst");
        requireString(doc, index);
        int length = doc.textLength(index);
        Objects.checkFromIndexSize(offset, length, dst.length);
        MemorySegment.copy(doc.segment(), ValueLayout.JAVA_BYTE, doc.textOffset(index), dst, offset, length);
        return length;
    }

    static int copyUtf8To(Document doc, int index, MemorySegment dst, long offset) {
        Objects.requireNonNull(dst, "dst");
        requireString(doc, index);
        int length = doc.textLength(index);
        Objects.checkFromIndexSize(offset, length, dst.byteSize());
        MemorySegment.copy(doc.segment(), doc.textOffset(index), dst, offset, length);
        return length;
    }

    static byte[] utf8Bytes(Document doc, int index) {
        requireString(doc, index);
        byte[] bytes = new byte[doc.textLength(index)];
        MemorySegment.copy(doc.segment(), ValueLayout.JAVA_BYTE, doc.textOffset(index), bytes, 0, bytes.length);
        return bytes;
    }

    /** {@return the id of {@code key} in {@code doc}, or -1 if no member of the document has that name} */
    static int keyId(Document doc, JsonKey key) {
        return doc.keyId(key.segment, 0, key.length, key.hash(doc.seed()));
    }

    /** {@return whether key {@code id} of {@code doc} is named {@code key}} */
    static boolean keyIs(Document doc, int id, JsonKey key) {
        int length = key.length;
        if (doc.keyLength(id) != length) {
            return false;
        }
        long o = doc.keyOffset(id);
        return MemorySegment.mismatch(doc.segment(), o, o + length, key.segment, 0, length) < 0;
    }

    /** {@return whether key {@code id} of {@code doc} is named {@code name}} */
    static boolean keyIs(Document doc, int id, CharSequence name) {
        return Utf8.equalsChars(doc.segment(), doc.keyOffset(id), doc.keyLength(id), name);
    }
}
