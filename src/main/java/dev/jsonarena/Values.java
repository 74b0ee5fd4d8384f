package dev.jsonarena;

import dev.jsonarena.tape.Document;
import dev.jsonarena.tape.Tape;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;

/**
 * The reads shared by {@link JsonValue} and {@link JsonCursor}: type checks and conversions of the
 * value at a tape index. Callers have checked the epoch.
 *
 * <p>Thread-safety: static functions; a document is read by one thread at a time.
 */
final class Values {
    private Values() {}

    private static final JsonType[] TYPES = new JsonType[16];

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

    static JsonType type(Document doc, int index) {
        return TYPES[doc.tag(index)];
    }

    /** {@return the type of the value whose tape word is {@code word}} */
    static JsonType type(long word) {
        return TYPES[Tape.tag(word)];
    }

    /** Throws {@link JsonTypeException} unless the value whose tape word is {@code word} has {@code tag} (of {@code type}). */
    static void require(long word, int tag, JsonType type) {
        if (Tape.tag(word) != tag) {
            throw new JsonTypeException(type.name(), type(word));
        }
    }

    /** Throws {@link JsonTypeException} unless the value whose tape word is {@code word} is a number. */
    static void requireNumber(long word) {
        if (!Tape.isNumber(Tape.tag(word))) {
            throw new JsonTypeException("NUMBER", type(word));
        }
    }

    static void require(Document doc, int index, int tag, JsonType type) {
        if (doc.tag(index) != tag) {
            throw new JsonTypeException(type.name(), type(doc, index));
        }
    }

    static void requireString(Document doc, int index) {
        require(doc, index, Tape.STRING, JsonType.STRING);
    }

    static void requireNumber(Document doc, int index) {
        if (!Tape.isNumber(doc.tag(index))) {
            throw new JsonTypeException("NUMBER", type(doc, index));
        }
    }

    static String asString(Document doc, int index) {
        requireString(doc, index);
        return doc.string(index);
    }

    static long asLong(Document doc, int index) {
        requireNumber(doc, index);
        return doc.asLong(index);
    }

    static int asInt(Document doc, int index) {
        long v = asLong(doc, index);
        if ((int) v != v) {
            throw new ArithmeticException("number " + v + " is out of the range of int");
        }
        return (int) v;
    }

    static double asDouble(Document doc, int index) {
        requireNumber(doc, index);
        return doc.asDouble(index);
    }

    static BigInteger asBigInteger(Document doc, int index) {
        requireNumber(doc, index);
        return doc.asBigInteger(index);
    }

    static BigDecimal asBigDecimal(Document doc, int index) {
        requireNumber(doc, index);
        return doc.asBigDecimal(index);
    }

    static String numberText(Document doc, int index) {
        requireNumber(doc, index);
        return doc.numberText(index);
    }

    static boolean asBoolean(Document doc, int index) {
        int tag = doc.tag(index);
        if (tag == Tape.TRUE) {
            return true;
        }
        if (tag == Tape.FALSE) {
            return false;
        }
        throw new JsonTypeException("TRUE or FALSE", type(doc, index));
    }

    static int utf8Length(Document doc, int index) {
        requireString(doc, index);
        return doc.textLength(index);
    }

    static boolean contentEquals(Document doc, int index, CharSequence chars) {
        Objects.requireNonNull(chars, "chars");
        requireString(doc, index);
        return doc.stringEquals(index, chars);
    }

    static boolean contentEquals(Document doc, int index, JsonKey key) {
        Objects.requireNonNull(key, "key");
        requireString(doc, index);
        return doc.stringEquals(index, key.segment, 0, key.length);
    }

    static void writeUtf8To(Document doc, int index, OutputStream out) throws IOException {
        Objects.requireNonNull(out, "out");
        requireString(doc, index);
        doc.writeString(index, out);
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
        return dev.jsonarena.tape.Utf8.equalsChars(doc.segment(), doc.keyOffset(id), doc.keyLength(id), name);
    }
}
