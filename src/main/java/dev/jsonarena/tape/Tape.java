package dev.jsonarena.tape;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The tape: the word layout of a parsed document, and the only class that knows it. Every tag,
 * shift and mask is here, with the encoders the {@link Parser} uses and the readers the views use.
 *
 * <p>A document is a flat sequence of 64-bit words, one per token (two for a {@code DEC} number),
 * in document order: a container's word is followed by its members or elements, each member being
 * a {@code KEY} word followed by the value's words. The root value is word 0. The tag is the top
 * four bits:
 *
 * <pre>
 *  63   60 59                        32 31                            0
 * +-------+----------------------------+-------------------------------+
 * | 0001  | member count        (28)   | span                    (32)  |  OBJECT
 * | 0010  | element count       (28)   | span                    (32)  |  ARRAY
 * | 0011  | 0                          | key id                  (32)  |  KEY, then the value
 * | 0100  | byte length         (28)   | offset in string area   (32)  |  STRING (UTF-8, unescaped)
 * | 0101  | value, 60-bit two's complement                             |  INT
 * | 0110  |s| 0                        |        | fraction digits (8)  |  DEC, then one word:
 * |         significand, unsigned 64 bits                              |    (its significand)
 * | 0111  | text length         (28)   | offset in string area   (32)  |  NUMBER (exact text)
 * | 1000  | 0                                                          |  TRUE
 * | 1001  | 0                                                          |  FALSE
 * | 1010  | 0                                                          |  NULL
 * +-------+----------------------------+-------------------------------+
 *   (s: bit 59, the sign of a DEC number)
 * </pre>
 *
 * <ul>
 *   <li><b>Containers</b> carry their count ({@code size()} is O(1)) and their <em>span</em>, the
 *       number of words of the whole subtree including the container's own word, so the word just
 *       past a container at {@code i} is {@code i + span} and skipping a subtree is O(1). The span
 *       is relative, so a subtree can be moved without rewriting it (the parser does so when a
 *       duplicate-key policy drops members). While a container is open, its word holds the count
 *       so far and the index of the enclosing open container ({@link #NO_PARENT} at the root):
 *       the parser's stack of open containers lives in the tape itself.</li>
 *   <li><b>Keys</b> are interned per document ({@link KeyTable}); a {@code KEY} word holds the id.</li>
 *   <li><b>Numbers</b> keep their exact text in one of three forms. {@code INT}: an integer literal
 *       without fraction or exponent whose value fits in 60 bits and is not {@code -0}; its text
 *       is {@link Long#toString(long)} of the value. {@code DEC}: a literal without exponent of at
 *       most 19 digits ({@code -0}, large integers, and decimals such as {@code -65.613616999999977});
 *       its text is the significand's digits, left-padded with zeros to {@code fraction digits + 1},
 *       with a point before the last {@code fraction digits} digits. {@code NUMBER}: anything else
 *       (an exponent, or more than 19 digits); its text is in the string area.</li>
 *   <li><b>Strings</b> are unescaped, validated UTF-8 in the document's string area.</li>
 * </ul>
 *
 * <p><b>Placement.</b> The tape and the string area share one region of arena memory: strings grow
 * up from the region's base, the tape grows down from its top, so word {@code i} is at byte
 * {@code top - 8 * (i + 1)} (see {@link #offset}). Both grow into the same free gap, which the
 * parser sizes from the input length and, when the parse is done, gives back by moving the tape
 * down to the end of the strings.
 *
 * <p>Thread-safety: static functions of immutable values.
 */
public final class Tape {
    private Tape() {}

    /** The shift of the tag: the top four bits of a word. */
    private static final int TAG_SHIFT = 60;
    /** Object: count and span. */
    public static final int OBJECT = 1;
    /** Array: count and span. */
    public static final int ARRAY = 2;
    /** A member's key: the key id; the value's words follow. */
    public static final int KEY = 3;
    /** String: length and offset in the string area. */
    public static final int STRING = 4;
    /** Integer: a 60-bit two's-complement value. */
    public static final int INT = 5;
    /** Decimal without exponent of at most 19 digits: sign and fraction digits; the next word is the significand. */
    public static final int DEC = 6;
    /** Any other number: text length and offset in the string area. */
    public static final int NUMBER = 7;
    /** The literal true. */
    public static final int TRUE = 8;
    /** The literal false. */
    public static final int FALSE = 9;
    /** The literal null. */
    public static final int NULL = 10;

    /** Mask of a 28-bit count or length field (bits 59..32). */
    private static final long FIELD28 = (1L << 28) - 1;
    /** The largest count or length a word can hold: the hard maximum of the length limits. */
    public static final int MAX_FIELD28 = (int) FIELD28;
    /** The largest magnitude the parser stores in an {@code INT} word (the word holds down to {@code -(INT_MAX + 1)}). */
    public static final long INT_MAX = (1L << 59) - 1;
    /** The parent index stored in an open container at the root. */
    public static final int NO_PARENT = -1;
    /** The sign bit of a {@code DEC} word. */
    private static final long DEC_SIGN = 1L << 59;

    /** Little-endian unaligned long, for 8-byte scans of input and string bytes. */
    public static final ValueLayout.OfLong LONG_LE =
            ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    /** Native-order aligned long, for tape words. */
    public static final ValueLayout.OfLong WORD = ValueLayout.JAVA_LONG;

    // ---- addressing ----

    /** {@return the byte offset of word {@code index} in a region whose tape top is at {@code top}} */
    public static long offset(long top, int index) {
        return top - 8 - ((long) index << 3);
    }

    /** {@return the bytes that {@code words} tape words take} */
    public static long bytes(int words) {
        return (long) words << 3;
    }

    /**
     * {@return the byte offset of the lowest word of a tape of {@code words} words whose top is at
     * {@code top}}: the strings below it may grow up to there
     */
    public static long floor(long top, int words) {
        return top - bytes(words);
    }

    /** {@return word {@code index} of the tape whose top is at byte {@code top} of {@code seg}} */
    public static long word(MemorySegment seg, long top, int index) {
        return seg.get(WORD, offset(top, index));
    }

    // ---- encoders ----

    /** {@return a closed container word} */
    public static long container(int tag, int count, int span) {
        return ((long) tag << TAG_SHIFT) | ((long) count << 32) | (span & 0xFFFF_FFFFL);
    }

    /** {@return an open container word: the count so far and the enclosing open container} */
    public static long open(int tag, int count, int parent) {
        return ((long) tag << TAG_SHIFT) | ((long) count << 32) | (parent & 0xFFFF_FFFFL);
    }

    /** {@return a key word} */
    public static long key(int id) {
        return ((long) KEY << TAG_SHIFT) | (id & 0xFFFF_FFFFL);
    }

    /** {@return a string or number-text word} */
    public static long text(int tag, int length, long offset) {
        return ((long) tag << TAG_SHIFT) | ((long) length << 32) | offset;
    }

    /** {@return an INT word}; {@code value} must be in {@code [-(INT_MAX + 1), INT_MAX]} */
    public static long intWord(long value) {
        return ((long) INT << TAG_SHIFT) | (value & ((1L << TAG_SHIFT) - 1));
    }

    /** {@return the first word of a DEC number} */
    public static long decWord(boolean negative, int fractionDigits) {
        return ((long) DEC << TAG_SHIFT) | (negative ? DEC_SIGN : 0) | fractionDigits;
    }

    /** {@return a literal word: TRUE, FALSE or NULL} */
    public static long literal(int tag) {
        return (long) tag << TAG_SHIFT;
    }

    // ---- readers ----

    /** {@return the tag of {@code word}} */
    public static int tag(long word) {
        return (int) (word >>> TAG_SHIFT);
    }

    /** {@return the count of a container word (closed or open)} */
    public static int count(long word) {
        return (int) ((word >>> 32) & FIELD28);
    }

    /** {@return the span of a closed container word} */
    public static int span(long word) {
        return (int) word;
    }

    /** {@return the enclosing container of an open container word} */
    public static int parent(long word) {
        return (int) word;
    }

    /** {@return the key id of a KEY word} */
    public static int keyId(long word) {
        return (int) word;
    }

    /** {@return the byte length of a STRING or NUMBER word} */
    public static int length(long word) {
        return (int) ((word >>> 32) & FIELD28);
    }

    /** {@return the string-area offset of a STRING or NUMBER word} */
    public static long textOffset(long word) {
        return word & 0xFFFF_FFFFL;
    }

    /** {@return the value of an INT word} */
    public static long intValue(long word) {
        return (word << 4) >> 4;
    }

    /** {@return whether a DEC word is negative} */
    public static boolean decNegative(long word) {
        return (word & DEC_SIGN) != 0;
    }

    /** {@return the fraction digits of a DEC word} */
    public static int decFractionDigits(long word) {
        return (int) (word & 0xFF);
    }

    /** {@return the number of words of the value whose first word is {@code word}} */
    public static int words(long word) {
        int tag = tag(word);
        if (tag <= ARRAY) {
            return span(word);
        }
        return tag == DEC ? 2 : 1;
    }

    /** {@return whether {@code tag} is one of the three number forms} */
    public static boolean isNumber(int tag) {
        return tag == INT || tag == DEC || tag == NUMBER;
    }
}
