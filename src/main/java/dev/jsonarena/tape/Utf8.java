package dev.jsonarena.tape;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * UTF-8 helpers for validated bytes in arena memory: comparison with Java characters without
 * decoding into a {@code String}, the encoding length of characters, and the encoding of one
 * character as the bytes of an {@code int}, the first byte lowest (what one little-endian store
 * writes; the bytes past the sequence are zero), and where input starts with the byte order mark.
 *
 * <p>Thread-safety: static functions; thread-safe.
 */
public final class Utf8 {
    /** 8 bytes of a byte array as a little-endian long. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Utf8() {}

    /** {@return whether {@code b[at, end)} starts with the byte order mark, EF BB BF} */
    public static boolean byteOrderMarkAt(byte[] b, long at, long end) {
        return at + 3 <= end && b[(int) at] == (byte) 0xEF && b[(int) at + 1] == (byte) 0xBB && b[(int) at + 2] == (byte) 0xBF;
    }

    /** {@return the two bytes of {@code c}, U+0080 to U+07FF, first byte lowest} */
    public static int twoBytes(int c) {
        return 0x80C0 | c >>> 6 | (c & 0x3F) << 8;
    }

    /** {@return the three bytes of {@code c}, U+0800 to U+FFFF (not a surrogate), first byte lowest} */
    public static int threeBytes(int c) {
        return 0x8080E0 | c >>> 12 | (c & 0xFC0) << 2 | (c & 0x3F) << 16;
    }

    /** {@return the four bytes of code point {@code cp}, above U+FFFF, first byte lowest} (a negative {@code int}) */
    public static int fourBytes(int cp) {
        return 0x808080F0 | cp >>> 18 | (cp >>> 12 & 0x3F) << 8 | (cp >>> 6 & 0x3F) << 16 | (cp & 0x3F) << 24;
    }

    /**
     * {@return whether {@code length} bytes of valid UTF-8 at {@code offset} of {@code seg} encode
     * exactly {@code chars}}; a {@code chars} with an unpaired surrogate never matches.
     */
    public static boolean equalsChars(MemorySegment seg, long offset, int length, CharSequence chars) {
        int n = chars.length();
        if (n > length || length > 3L * n) {
            return false;
        }
        long p = offset;
        long end = offset + length;
        int i = 0;
        while (p < end) {
            if (i >= n) {
                return false;
            }
            int b = seg.get(ValueLayout.JAVA_BYTE, p);
            if (b >= 0) {
                if (chars.charAt(i) != b) {
                    return false;
                }
                p++;
                i++;
                continue;
            }
            int cp;
            if ((b & 0xE0) == 0xC0) {
                cp = ((b & 0x1F) << 6) | (seg.get(ValueLayout.JAVA_BYTE, p + 1) & 0x3F);
                p += 2;
            } else if ((b & 0xF0) == 0xE0) {
                cp = ((b & 0x0F) << 12) | ((seg.get(ValueLayout.JAVA_BYTE, p + 1) & 0x3F) << 6)
                        | (seg.get(ValueLayout.JAVA_BYTE, p + 2) & 0x3F);
                p += 3;
            } else {
                cp = ((b & 0x07) << 18) | ((seg.get(ValueLayout.JAVA_BYTE, p + 1) & 0x3F) << 12)
                        | ((seg.get(ValueLayout.JAVA_BYTE, p + 2) & 0x3F) << 6)
                        | (seg.get(ValueLayout.JAVA_BYTE, p + 3) & 0x3F);
                p += 4;
            }
            if (cp < 0x10000) {
                if (chars.charAt(i++) != cp) {
                    return false;
                }
            } else {
                if (i + 1 >= n || chars.charAt(i) != Character.highSurrogate(cp)
                        || chars.charAt(i + 1) != Character.lowSurrogate(cp)) {
                    return false;
                }
                i += 2;
            }
        }
        return i == n;
    }

    /**
     * {@return the UTF-8 length of {@code chars}, or -1 if they hold an unpaired surrogate}
     */
    public static long encodedLength(CharSequence chars) {
        long len = 0;
        int n = chars.length();
        for (int i = 0; i < n; i++) {
            char c = chars.charAt(i);
            if (c < 0x80) {
                len++;
            } else if (c < 0x800) {
                len += 2;
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 < n && Character.isLowSurrogate(chars.charAt(i + 1))) {
                    len += 4;
                    i++;
                } else {
                    return -1;
                }
            } else if (Character.isLowSurrogate(c)) {
                return -1;
            } else {
                len += 3;
            }
        }
        return len;
    }

    /**
     * {@return how many leading bytes of {@code b[0, n)} are whole UTF-8 sequences}: {@code n},
     * or the start of the last sequence when it is cut short (found by backing up over at most 3
     * continuation bytes), so a buffer can be sent or a piece taken without splitting a character
     */
    static int wholeSequences(byte[] b, int n) {
        int k = n - 1;
        while (k >= 0 && k >= n - 3 && (b[k] & 0xC0) == 0x80) {
            k--;
        }
        if (k < 0) {
            return n;
        }
        int lead = b[k] & 0xFF;
        int need = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
        return n - k >= need ? n : k;
    }

    /**
     * {@return the index of the first byte of {@code b[offset, offset + length)} that is not part of
     * well-formed UTF-8 (RFC 3629: no overlongs, surrogates or code points above U+10FFFF), or -1}
     */
    public static int firstInvalid(byte[] b, int offset, int length) {
        int end = offset + length;
        int p = offset;
        while (p < end) {
            if (p + 8 <= end && ((long) LONGS.get(b, p) & Swar.HIGH_BITS) == 0) {
                p += 8; // eight ASCII bytes
                continue;
            }
            int c = b[p] & 0xFF;
            if (c < 0x80) {
                p++;
                continue;
            }
            int n;
            int lo = 0x80;
            int hi = 0xBF;
            if (c >= 0xC2 && c <= 0xDF) {
                n = 2;
            } else if (c >= 0xE0 && c <= 0xEF) {
                n = 3;
                lo = c == 0xE0 ? 0xA0 : 0x80;
                hi = c == 0xED ? 0x9F : 0xBF;
            } else if (c >= 0xF0 && c <= 0xF4) {
                n = 4;
                lo = c == 0xF0 ? 0x90 : 0x80;
                hi = c == 0xF4 ? 0x8F : 0xBF;
            } else {
                return p;
            }
            if (p + n > end) {
                return p;
            }
            int c1 = b[p + 1] & 0xFF;
            if (c1 < lo || c1 > hi) {
                return p + 1;
            }
            for (int k = 2; k < n; k++) {
                if ((b[p + k] & 0xC0) != 0x80) {
                    return p + k;
                }
            }
            p += n;
        }
        return -1;
    }
}
