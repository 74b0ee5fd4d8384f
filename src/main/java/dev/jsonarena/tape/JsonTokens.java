package dev.jsonarena.tape;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The one owner of how JSON tokens are spelt on output: string escaping and number formatting,
 * for the tape writer ({@link JsonText}) and the public generator alike.
 *
 * <p><b>Strings.</b> {@code "} and {@code \} are escaped with a backslash; control characters
 * U+0000..U+001F with their short form ({@code \b \f \n \r \t}) where JSON has one, else
 * {@code \}{@code u00XX} (lower-case hex); with {@code htmlSafe}, the {@code /} of {@code </} is
 * written {@code \/} so the text can sit inside an HTML {@code <script>}. Every other character
 * is written as UTF-8. From chars, a lone surrogate (a high one not followed by a low one, or a
 * low one not after a high one) is written as U+FFFD, the replacement character: a Java string
 * can hold one and UTF-8 cannot.
 *
 * <p>A {@code String} of up to {@link JsonSink#PIECE} chars is written at once: from
 * 16 chars ({@code BULK}) its ASCII prefix is copied by the JDK's US-ASCII encoder (many chars a step)
 * and checked for bytes to escape 8 at a time ({@link Swar#needsEscape}); a shorter one is read
 * with {@code charAt}; from the first char that is not plain ASCII, a char at a time. Longer or
 * other sequences, and html-safe output, go a piece at a time through a {@code char[]}. UTF-8
 * from the tape is copied in plain runs up to its first byte to escape, then 8 bytes a step. Where
 * escapes are written 8 bytes a step, a word with one is written a byte at a time from the table
 * of each byte's text ({@code ESCAPED}), which stores a whole word per byte: those paths reserve
 * {@code SLACK} bytes past the worst case of their text.
 *
 * <p><b>Numbers.</b> Integers in decimal; a {@code double} or {@code float} as its shortest
 * decimal that reads back to the same value, spelt as {@link Double#toString(double)} and
 * {@link Float#toString(float)} spell it, written without an intermediate String
 * ({@link ShortestDecimal}); {@code BigDecimal} and {@code BigInteger} exactly as their
 * {@code toString()}. NaN and infinities are not JSON: the caller refuses them.
 *
 * <p>Thread-safety: static functions; each sink is used by one thread.
 */
public final class JsonTokens {
    private JsonTokens() {}

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /** Per ASCII char: 0 if written as is, else the char after the backslash ('u' for \\u00XX). */
    private static final byte[] ESCAPE = new byte[128];
    /** {@link #ESCAPE} for html-safe output: '/' is marked too (escaped when it follows '<'). */
    private static final byte[] ESCAPE_HTML;

    static {
        for (int c = 0; c < 0x20; c++) {
            ESCAPE[c] = 'u';
        }
        ESCAPE['"'] = '"';
        ESCAPE['\\'] = '\\';
        ESCAPE['\b'] = 'b';
        ESCAPE['\f'] = 'f';
        ESCAPE['\n'] = 'n';
        ESCAPE['\r'] = 'r';
        ESCAPE['\t'] = 't';
        ESCAPE_HTML = ESCAPE.clone();
        ESCAPE_HTML['/'] = '/';
    }

    /**
     * Writes the {@code length} UTF-8 bytes at {@code offset} of {@code seg} as a JSON string: the
     * plain run before the first byte to escape (most strings' whole text) found 8 bytes a step
     * and copied at once; from a byte to escape, {@link #escapedRest}.
     */
    public static void string(MemorySegment seg, long offset, int length, JsonSink out) {
        out.put((byte) '"');
        long p = offset;
        long e = offset + length;
        while (p < e) {
            if (p + 8 <= e) {
                long m = Swar.needsEscape(seg.get(Tape.LONG_LE, p));
                if (m == 0) {
                    p += 8;
                    continue;
                }
                p += Long.numberOfTrailingZeros(m) >>> 3;
            }
            byte b = seg.get(ValueLayout.JAVA_BYTE, p);
            if (b == '"' || b == '\\' || (b >= 0 && b < 0x20)) {
                escapedRest(seg, offset, p, e, out);
                return;
            }
            p++;
        }
        out.copy(seg, offset, length);
        out.put((byte) '"');
    }

    /**
     * Writes the rest of a string of {@code seg} whose plain run {@code [offset, p)} ends at a byte
     * to escape: that run, then {@code [p, e)} a piece of at most {@link JsonSink#PIECE} bytes at a
     * time (so that a streaming sink's buffer stays bounded), 8 bytes a step: a word with nothing
     * to escape in one store, a word with something each of its bytes as its {@link #ESCAPED}
     * entry (text dense with quotes, such as JSON inside a string, is not a branch and a copy per
     * escape); then the closing quote. Kept apart from {@link #string(MemorySegment, long, int,
     * JsonSink)}, whose loop compiles tighter without it.
     */
    private static void escapedRest(MemorySegment seg, long offset, long p, long e, JsonSink out) {
        out.copy(seg, offset, (int) (p - offset));
        while (p < e) {
            long end = p + Math.min(e - p, JsonSink.PIECE);
            out.ensure(6 * (int) (end - p) + SLACK);
            byte[] buf = out.buf;
            int size = out.size;
            for (; p + 8 <= end; p += 8) {
                size = escapedWord(seg.get(Tape.LONG_LE, p), buf, size);
            }
            for (; p < end; p++) {
                size = escapedByte(seg.get(ValueLayout.JAVA_BYTE, p), buf, size);
            }
            out.size = size;
        }
        out.put((byte) '"');
    }

    /**
     * Writes {@code b[offset, offset + length)}, valid UTF-8, as a JSON string. The array is the
     * caller's, which its other code may write meanwhile (another thread, or the target during a
     * flush): each piece of at most {@link JsonSink#PIECE} bytes (whole UTF-8 sequences) is copied
     * out first and checked and escaped from that copy, so what is written is valid UTF-8 escaped
     * by the rules, whatever the array holds by then.
     *
     * @throws IllegalArgumentException if a piece is not well-formed UTF-8 (the array changed
     *     after the caller's check)
     */
    public static void string(byte[] b, int offset, int length, boolean htmlSafe, JsonSink out) {
        out.put((byte) '"');
        byte[] piece = out.byteScratch;
        byte before = 0; // the byte before the piece: html-safe output escapes a '/' after '<'
        for (int from = offset, end = offset + length; from < end; ) {
            int k = Math.min(end - from, JsonSink.PIECE);
            System.arraycopy(b, from, piece, 0, k);
            if (from + k < end) {
                k = Utf8.wholeSequences(piece, k);
            }
            int bad = Utf8.firstInvalid(piece, 0, k);
            if (bad >= 0) {
                throw new IllegalArgumentException("utf8: byte " + (from + bad) + " is no longer well-formed UTF-8"
                        + " (expected: an array that nothing writes while it is being written)");
            }
            if (htmlSafe) {
                int run = 0;
                for (int p = 0; p < k; p++) {
                    int c = piece[p];
                    if (c >= 0 && (ESCAPE[c] != 0 || c == '/' && (p > 0 ? piece[p - 1] : before) == '<')) {
                        out.put(piece, run, p - run);
                        escape((byte) c, out);
                        run = p + 1;
                    }
                }
                out.put(piece, run, k - run);
            } else {
                out.ensure(6 * k + SLACK);
                out.size = escapedBytes(piece, 0, k, out.buf, out.size);
            }
            before = piece[k - 1];
            from += k;
        }
        out.put((byte) '"');
    }

    /** Writes {@code s} as a JSON string, UTF-8 encoded (lone surrogates as U+FFFD). */
    public static void string(CharSequence s, boolean htmlSafe, JsonSink out) {
        int n = out.length(s);
        if (htmlSafe || !(s instanceof String str)) {
            pieces(s, n, htmlSafe, out);
            return;
        }
        if (n > JsonSink.PIECE) {
            longString(str, n, out);
            return;
        }
        out.ensure(6 * n + 2 + SLACK);
        byte[] buf = out.buf;
        int size = out.size;
        buf[size++] = '"';
        int i = 0;
        char[] chars = out.charScratch;
        char first;
        if (n < BULK) {
            // a short String read with charAt, as the JIT compiles best (the coder check leaves the
            // loop): the plain-ASCII run in a loop of nothing else
            for (; i < n; i++) {
                char c = str.charAt(i);
                if (c >= 0x80 || ESCAPE[c] != 0) {
                    break;
                }
                buf[size++] = (byte) c;
            }
            if (i < n) {
                str.getChars(i, n, chars, i);
            }
        } else if ((first = str.charAt(0)) < 0x80 && ESCAPE[first] == 0) {
            // a longer one that starts plain: in bulk
            str.getChars(0, n, chars, 0);
            size = inBulk(out, n, size);
            buf[size++] = '"';
            out.size = size;
            return;
        } else {
            // a longer one that starts with a char to encode or escape (most non-ASCII text): not
            // worth the encoder's fixed cost
            str.getChars(0, n, chars, 0);
        }
        if (i == n) {
            buf[size++] = '"';
            out.size = size;
            return;
        }
        out.size = quoted(chars, i, n, buf, size);
    }

    /** Chars from which a String's ASCII prefix is copied by the JDK's encoder rather than a char at a time. */
    private static final int BULK = 16;

    /**
     * Writes the sink's {@code charScratch[0, n)} at {@code size} of its buffer, which has room for
     * {@code 6 * n} bytes, as part of a JSON string (not html-safe): the ASCII prefix copied as bytes
     * by the JDK's ASCII encoder (many chars a step), its escapes written 8 bytes a step
     * ({@link #escapeInPlace}), the rest a char at a time ({@link #encoded}); {@return the new size}
     */
    private static int inBulk(JsonSink out, int n, int size) {
        byte[] buf = out.buf;
        int i = out.asciiPrefix(n, size);
        return encoded(out.charScratch, i, n, buf, escapeInPlace(buf, size, i, out.byteScratch));
    }

    /**
     * Escapes the bytes JSON must escape in {@code buf[size, size + k)}, ASCII copied there in bulk
     * (room reserved for six bytes each and {@link #SLACK} more); {@return the end of the result}.
     * With none (most strings) the bytes stay; else the rest from the first is moved aside into
     * {@code scratch} (at least {@code k} bytes) and written back eight bytes a step: a word with
     * nothing to escape in one store, a word with something each of its bytes as its
     * {@link #ESCAPED} entry, one store and no branch a byte (text dense with quotes or newlines,
     * such as JSON inside a string, is not a mispredicted branch and a dependent reload per escape).
     */
    private static int escapeInPlace(byte[] buf, int size, int k, byte[] scratch) {
        int j = plainBytes(buf, size, size + k);
        if (j == k) {
            return size + k;
        }
        int m = k - j;
        System.arraycopy(buf, size + j, scratch, 0, m);
        size += j;
        return escapedBytes(scratch, 0, m, buf, size);
    }

    /**
     * Writes {@code src[from, to)}, UTF-8, at {@code size} of {@code buf} as part of a JSON string
     * (not html-safe), 8 bytes a step ({@link #escapedWord}); {@return the new size}. Stores up to
     * {@link #SLACK} bytes past it.
     */
    private static int escapedBytes(byte[] src, int from, int to, byte[] buf, int size) {
        int p = from;
        for (; p + 8 <= to; p += 8) {
            size = escapedWord((long) LONGS.get(src, p), buf, size);
        }
        for (; p < to; p++) {
            size = escapedByte(src[p], buf, size);
        }
        return size;
    }

    /**
     * Writes {@code w}, 8 bytes of UTF-8 text (the first lowest), at {@code size} of {@code buf}
     * as part of a JSON string: with nothing to escape in one store, else each byte as its
     * {@link #ESCAPED} entry; {@return the new size}. Stores up to {@link #SLACK} bytes past it.
     */
    private static int escapedWord(long w, byte[] buf, int size) {
        if (Swar.needsEscape(w) == 0) {
            LONGS.set(buf, size, w);
            return size + 8;
        }
        for (int shift = 0; shift < 64; shift += 8) {
            size = escapedByte((byte) (w >>> shift), buf, size);
        }
        return size;
    }

    /** Writes the byte {@code b} of UTF-8 text as its {@link #ESCAPED} entry; {@return the new size}. Stores a whole word. */
    private static int escapedByte(byte b, byte[] buf, int size) {
        long x = ESCAPED[b & 0xFF];
        LONGS.set(buf, size, x);
        return size + (int) (x >>> 56);
    }

    /** Bytes the paths that store an {@link #ESCAPED} word per byte may write past the worst case of their text (the rest of the last word). */
    private static final int SLACK = 8;

    /**
     * {@return how many bytes of {@code b[from, to)}, ASCII, come before the first one JSON must
     * escape} ('"', '\\' or a control character), 8 bytes a step
     */
    private static int plainBytes(byte[] b, int from, int to) {
        int p = from;
        for (; p + 8 <= to; p += 8) {
            long m = Swar.needsEscape((long) LONGS.get(b, p));
            if (m != 0) {
                return p - from + (Long.numberOfTrailingZeros(m) >>> 3);
            }
        }
        while (p < to && ESCAPE[b[p]] == 0) {
            p++;
        }
        return p - from;
    }

    /** 8 bytes of a byte array as a little-endian long. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** 4 bytes of a byte array as a little-endian int. */
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    /** 2 bytes of a byte array as a little-endian short. */
    private static final VarHandle SHORTS = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    /**
     * Per byte of UTF-8 text, its text in a string (not html-safe) and that text's length, as one
     * little-endian word: stored whole, then the position moved by the length. A byte from 0x80
     * (part of a multi-byte character) is itself.
     * <pre>
     *  byte  0 ..... 5   6   7
     *       [ text, 1-6 | 0 | length ]   'a' -> a . . . . . . 1    '"' -> \ " . . . . . 2
     *                                    U+0001 -> \ u 0 0 0 1 . 6
     * </pre>
     */
    private static final long[] ESCAPED = new long[256];

    static {
        for (int c = 0; c < 256; c++) {
            byte[] text = new byte[8];
            int length = c >= 0x80 || ESCAPE[c] == 0 ? 1 : escaped((char) c, false, text, 0);
            if (length == 1) {
                text[0] = (byte) c;
            }
            ESCAPED[c] = (long) LONGS.get(text, 0) | (long) length << 56;
        }
    }

    /**
     * Writes a String longer than {@link JsonSink#PIECE} chars as a JSON string (not html-safe), a
     * piece of at most that many chars at a time (so that a streaming sink's buffer stays bounded),
     * each {@link #inBulk}. A surrogate pair is never split between pieces.
     */
    private static void longString(String str, int n, JsonSink out) {
        out.put((byte) '"');
        char[] chars = out.charScratch;
        for (int from = 0; from < n; ) {
            int to = Math.min(n, from + JsonSink.PIECE);
            if (to < n && Character.isHighSurrogate(str.charAt(to - 1)) && Character.isLowSurrogate(str.charAt(to))) {
                to--;
            }
            int len = to - from;
            str.getChars(from, to, chars, 0);
            out.ensure(6 * len + 1 + SLACK);
            out.size = inBulk(out, len, out.size);
            from = to;
        }
        out.put((byte) '"');
    }

    /**
     * Writes {@code chars[i, n)} at {@code size} of {@code buf}, which has room for the worst case,
     * {@code 6 * (n - i) + 1} bytes, as the rest of a JSON string (not html-safe), and its closing
     * quote; {@return the new size}
     */
    private static int quoted(char[] chars, int i, int n, byte[] buf, int size) {
        size = encoded(chars, i, n, buf, size);
        buf[size++] = '"';
        return size;
    }

    /**
     * Writes {@code chars[i, n)} at {@code size} of {@code buf}, which has room for the worst case,
     * {@code 6 * (n - i)} bytes, as part of a JSON string (not html-safe; a surrogate without its
     * other half in {@code chars[i, n)} as U+FFFD); {@return the new size}
     */
    private static int encoded(char[] chars, int i, int n, byte[] buf, int size) {
        // one char a step, its UTF-8 written in place: a branch per width, the common ones first
        for (; i < n; i++) {
            char c = chars[i];
            if (c < 0x80) {
                if (ESCAPE[c] != 0) {
                    size = escaped(c, false, buf, size);
                    continue;
                }
                buf[size++] = (byte) c;
                while (i + 1 < n && (c = chars[i + 1]) < 0x80 && ESCAPE[c] == 0) { // the rest of an ASCII run, in a loop of nothing else
                    buf[size++] = (byte) c;
                    i++;
                }
            } else if (c < 0x800) {
                SHORTS.set(buf, size, (short) Utf8.twoBytes(c));
                size += 2;
            } else if (!Character.isSurrogate(c)) {
                // a run of three-byte chars (most CJK text), each written as one four-byte store whose
                // last byte the next char overwrites (the room reserved for six bytes a char covers it)
                INTS.set(buf, size, Utf8.threeBytes(c));
                size += 3;
                while (i + 1 < n && (c = chars[i + 1]) >= 0x800 && !Character.isSurrogate(c)) {
                    INTS.set(buf, size, Utf8.threeBytes(c));
                    size += 3;
                    i++;
                }
            } else {
                int cp = surrogate(c, i + 1 < n ? chars[i + 1] : 0);
                i += cp > 0xFFFF ? 1 : 0;
                size = codePoint(cp, buf, size);
            }
        }
        return size;
    }

    /**
     * {@return the code point of the surrogate {@code c}}: with {@code next} when they are a pair
     * (then above U+FFFF, and {@code next} is consumed), else U+FFFD for a lone half
     */
    private static int surrogate(char c, char next) {
        return Character.isHighSurrogate(c) && Character.isLowSurrogate(next) ? Character.toCodePoint(c, next) : 0xFFFD;
    }

    /**
     * Writes {@code c}, an ASCII char its table marks, at {@code size} of {@code buf}: its escape,
     * or (html-safe output) a '/' that is escaped only {@code afterLt}; {@return the new size}
     */
    private static int escaped(char c, boolean afterLt, byte[] buf, int size) {
        if (c == '/') {
            if (afterLt) {
                buf[size++] = '\\';
            }
            buf[size++] = '/';
            return size;
        }
        byte e = ESCAPE[c];
        if (e == 'u') {
            INTS.set(buf, size, BACKSLASH_U00);
            SHORTS.set(buf, size + 4, (short) (HEX[c >> 4] | HEX[c & 0xF] << 8));
            return size + 6;
        }
        SHORTS.set(buf, size, (short) ('\\' | e << 8));
        return size + 2;
    }

    /** The first four bytes of a {@code \}{@code u00XX} escape, as a little-endian {@code int}. */
    private static final int BACKSLASH_U00 = '\\' | 'u' << 8 | '0' << 16 | '0' << 24;

    /**
     * {@link #string(CharSequence, boolean, JsonSink)} of a sequence that is not a String, or
     * html-safe, a piece at a time: each piece, and the char after it, copied out of the sequence
     * first ({@link JsonSink#readChars}: a sequence's methods are user code), then encoded, so no
     * call into the sequence comes while a piece is half written.
     */
    private static void pieces(CharSequence s, int n, boolean htmlSafe, JsonSink out) {
        byte[] table = htmlSafe ? ESCAPE_HTML : ESCAPE;
        out.put((byte) '"');
        char[] chars = out.charScratch;
        char before = 0; // the char before the piece: html-safe output escapes a '/' after '<'
        int i = 0;
        while (i < n) {
            // a piece of at most PIECE chars, at most 6 bytes each in the buffer (a surrogate
            // pair's 4 bytes take the room of its two chars, or of its high half when the low one
            // is the char after the piece)
            int piece = Math.min(n - i, JsonSink.PIECE);
            boolean more = i + piece < n;
            out.readChars(s, i, more ? piece + 1 : piece);
            out.ensure(piece * 6 + 8);
            byte[] buf = out.buf;
            int size = out.size;
            int next = i + piece;
            for (int k = 0; k < piece; k++) {
                char c = chars[k];
                if (c < 0x80 && table[c] == 0) {
                    buf[size++] = (byte) c;
                } else if (c < 0x80) {
                    size = escaped(c, (k > 0 ? chars[k - 1] : before) == '<', buf, size);
                } else if (!Character.isSurrogate(c)) {
                    size = codePoint(c, buf, size);
                } else {
                    int cp = surrogate(c, k + 1 < piece || more ? chars[k + 1] : 0);
                    if (cp > 0xFFFF && ++k == piece) {
                        next++; // the low half was the char after the piece
                    }
                    size = codePoint(cp, buf, size);
                }
            }
            out.size = size;
            before = chars[piece - 1];
            i = next;
        }
        out.put((byte) '"');
    }

    /**
     * Writes the member name {@code name} and the colon after it, compact ({@code "name":}), after a
     * comma if {@code comma}, from the sink's {@link EncodedNames} when it was written recently; a
     * name of at most {@link EncodedNames#MAX_CHARS} chars written with no escape and no multi-byte
     * character (its text is then exactly its length plus the quotes) is added to them.
     */
    public static void memberName(String name, boolean comma, JsonSink out) {
        EncodedNames names = out.names;
        int entry = names.find(name);
        if (entry >= 0) {
            names.write(entry, comma, out);
            return;
        }
        if (comma) {
            out.put((byte) ',');
        }
        int n = name.length();
        if (n > EncodedNames.MAX_CHARS) {
            string(name, false, out);
            out.put((byte) ':');
            return;
        }
        out.ensure(6 * n + 3 + SLACK); // the quotes, the colon, the worst case of every char and the bulk path's slack: nothing flushes below
        int start = out.size;
        string(name, false, out);
        out.put((byte) ':');
        if (out.size - start == n + 3) {
            names.put(name, out.buf, start, n + 3);
        }
    }

    /**
     * Writes the UTF-8 of code point {@code cp} (from U+0080) at {@code size} of {@code buf}, one
     * store of two or four bytes (a three-byte sequence's fourth byte is overwritten by what comes
     * next: callers reserve six bytes a char); {@return the new size}
     */
    private static int codePoint(int cp, byte[] buf, int size) {
        if (cp < 0x800) {
            SHORTS.set(buf, size, (short) Utf8.twoBytes(cp));
            return size + 2;
        } else if (cp < 0x10000) {
            INTS.set(buf, size, Utf8.threeBytes(cp));
            return size + 3;
        }
        INTS.set(buf, size, Utf8.fourBytes(cp));
        return size + 4;
    }

    private static void escape(byte b, JsonSink out) {
        out.ensure(6);
        out.size = escaped((char) b, true, out.buf, out.size); // a '/' comes here only after '<', html-safe
    }

    /**
     * {@code TRIPLETS[n]}, for {@code n} below 1,000: its three decimal digits, leading zeros
     * included, as ASCII in the low three bytes of an {@code int}, the first digit lowest:
     * <pre>
     *   TRIPLETS[42] = 0x00_32_34_30   bytes, lowest first: '0' '4' '2' 0
     * </pre>
     * Shifted left by 8 and stored little-endian as four bytes, it writes a zero byte and then the
     * three digits: {@link #number(long)} writes from the number's end towards its start, so each
     * store's first byte falls on a digit that the next store, or the leading digits, overwrite.
     */
    private static final int[] TRIPLETS = new int[1000];

    static {
        for (int n = 0; n < 1000; n++) {
            TRIPLETS[n] = ('0' + n / 100) | ('0' + n / 10 % 10) << 8 | ('0' + n % 10) << 16;
        }
    }

    /**
     * {@code SMALL[n]}, for {@code n} below 1,000: its one to three decimal digits, no leading
     * zero, as ASCII from the lowest byte, and their count in the highest byte:
     * <pre>
     *   SMALL[42] = 0x02_00_32_34   bytes, lowest first: '4' '2' 0 2
     * </pre>
     * Stored little-endian as four bytes where the number starts, it writes the digits and, past
     * them, bytes in the room the next write overwrites.
     */
    private static final int[] SMALL = new int[1000];

    static {
        for (int n = 0; n < 1000; n++) {
            int count = n >= 100 ? 3 : n >= 10 ? 2 : 1;
            int text = TRIPLETS[n] >>> 8 * (3 - count);
            SMALL[n] = text | count << 24;
        }
    }

    /**
     * Writes {@code v} in decimal: from 0 to 999 in one {@link #SMALL} store; else its length from
     * its bit length, then {@link #writeDigits}.
     */
    public static void number(long v, JsonSink out) {
        out.ensure(20);
        byte[] buf = out.buf;
        int size = out.size;
        if (v >= 0 && v < 1000) {
            int small = SMALL[(int) v];
            INTS.set(buf, size, small);
            out.size = size + (small >>> 24);
            return;
        }
        if (v == Long.MIN_VALUE) {
            out.put("-9223372036854775808");
            return;
        }
        if (v < 0) {
            buf[size++] = '-';
            v = -v;
        }
        int end = size + decimalLength(v);
        out.size = end;
        writeDigits(v, buf, end);
    }

    /**
     * Writes {@code v}, not negative, in decimal ending before {@code end}: from its end, eight
     * digits a step in int arithmetic while above 10^8 (a long division each), three digits a step
     * (one {@link #TRIPLETS} store) while above 10^3, and the one to three leading digits a byte
     * each. Writes nothing before the first digit.
     */
    static void writeDigits(long v, byte[] buf, int end) {
        int p = end;
        while (v >= 100_000_000L) {
            long q = v / 100_000_000L;
            eightDigits((int) (v - q * 100_000_000L), buf, p);
            p -= 8;
            v = q;
        }
        int x = (int) v;
        while (x >= 1000) {
            int q = x / 1000;
            INTS.set(buf, p - 4, TRIPLETS[x - 1000 * q] << 8);
            p -= 3;
            x = q;
        }
        int t = TRIPLETS[x];
        if (x >= 100) {
            buf[p - 3] = (byte) t;
        }
        if (x >= 10) {
            buf[p - 2] = (byte) (t >>> 8);
        }
        buf[p - 1] = (byte) (t >>> 16);
    }

    /** Writes {@code r}, below 10^8, as exactly eight digits (leading zeros included) ending before {@code end}. */
    private static void eightDigits(int r, byte[] buf, int end) {
        int high = r / 1_000_000;
        int low = r - 1_000_000 * high;
        int middle = low / 1000;
        INTS.set(buf, end - 4, TRIPLETS[low - 1000 * middle] << 8);
        INTS.set(buf, end - 7, TRIPLETS[middle] << 8);
        int t = TRIPLETS[high];
        buf[end - 8] = (byte) (t >>> 8);
        buf[end - 7] = (byte) (t >>> 16);
    }

    /**
     * {@code TENS[t]} is 10^t, but {@code TENS[0]} is 0: a number of bit length {@code b} has
     * {@code t} or {@code t + 1} digits where {@code t = b * 1233 >>> 12} (1233 / 4096 being just
     * under log10(2)), {@code t + 1} when it is at least {@code TENS[t]}.
     */
    private static final long[] TENS = new long[19];

    static {
        TENS[1] = 10;
        for (int t = 2; t < TENS.length; t++) {
            TENS[t] = TENS[t - 1] * 10;
        }
    }

    /** {@return how many decimal digits {@code v}, not negative, has} (1 for 0) */
    static int decimalLength(long v) {
        int t = (64 - Long.numberOfLeadingZeros(v | 1)) * 1233 >>> 12;
        return v >= TENS[t] ? t + 1 : t;
    }

    /**
     * Writes {@code v}, finite, as the shortest decimal that reads back as {@code v}, as
     * {@link Double#toString(double)} spells it ({@link ShortestDecimal}).
     */
    public static void number(double v, JsonSink out) {
        out.ensure(ShortestDecimal.MAX_LENGTH);
        out.size = ShortestDecimal.write(v, out.buf, out.size);
    }

    /**
     * Writes {@code v}, finite, as the shortest decimal that reads back as the {@code float}
     * {@code v}, as {@link Float#toString(float)} spells it: {@code 0.1f} is {@code 0.1}, not the
     * {@code 0.10000000149011612} of its {@code double} ({@link ShortestDecimal}).
     */
    public static void number(float v, JsonSink out) {
        out.ensure(ShortestDecimal.MAX_LENGTH);
        out.size = ShortestDecimal.write(v, out.buf, out.size);
    }

    /** Writes {@code v} exactly, as its {@code toString()} (scientific notation is valid JSON). */
    public static void number(BigDecimal v, JsonSink out) {
        out.put(v.toString());
    }

    /** Writes {@code v} exactly. */
    public static void number(BigInteger v, JsonSink out) {
        out.put(v.toString());
    }

    /**
     * Writes the unsigned {@code value} in decimal, left-padded with zeros to {@code minDigits}
     * digits, with a point before the last {@code fraction} digits (none if 0): the text of a
     * {@code DEC} number of the tape (an {@code INT} is written as any long).
     */
    static void digits(long value, int minDigits, int fraction, JsonSink out) {
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
}
