package dev.jsonarena.tape;

import java.lang.foreign.MemorySegment;

/**
 * The seeded hash of member names. A pool draws a random 64-bit seed when it is built; all key
 * tables of its documents and every {@code JsonKey} lookup hash with it, so an attacker who does
 * not know the seed cannot build names that collide, whatever hash function a fixed-seed library
 * would use.
 *
 * <p>The function reads the name's UTF-8 bytes as little-endian 64-bit words (the last one
 * zero-padded) and folds each in with a 64x64-&gt;128-bit multiply by a seed-derived odd constant,
 * xoring the two halves of the product (the "mum" step of wyhash); the length is folded in last.
 * The same function is computed three ways, and tests check they agree: over bytes in a segment
 * ({@link #hash(MemorySegment, long, int, long)}), which requires 8 readable bytes at the start of
 * the last word; and over the UTF-8 encoding of a {@link CharSequence} without materialising it
 * ({@link #hashChars}).
 *
 * <p>Thread-safety: static functions; thread-safe.
 */
public final class KeyHash {
    private KeyHash() {}

    private static final long K0 = 0xA076_1D64_78BD_642FL;
    private static final long K1 = 0xE703_7ED1_A0B4_28DBL;

    /** {@return the multiplier derived from {@code seed}} (odd, never zero) */
    static long multiplier(long seed) {
        return (seed ^ K0) | 1L;
    }

    static long mix(long x, long k) {
        return x * k ^ Math.unsignedMultiplyHigh(x, k);
    }

    static long finish(long h, int length, long k) {
        return mix(h ^ length ^ K1, k ^ K1);
    }

    /**
     * {@return the hash of {@code length} bytes at {@code offset} of {@code seg}}; the segment must
     * have at least 8 bytes from the start of the last (partial) word, i.e. up to 7 bytes past the
     * end of the name are read and masked off.
     */
    public static long hash(MemorySegment seg, long offset, int length, long seed) {
        long k = multiplier(seed);
        long h = seed;
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            h = mix(h ^ seg.get(Tape.LONG_LE, offset + i), k);
        }
        int r = length - i;
        if (r > 0) {
            long w = seg.get(Tape.LONG_LE, offset + i) & (-1L >>> (64 - 8 * r));
            h = mix(h ^ w, k);
        }
        return finish(h, length, k);
    }

    /**
     * {@return the hash of the UTF-8 encoding of {@code chars}}, equal to {@link #hash} of those
     * bytes; an unpaired surrogate is encoded as U+FFFD (such a name matches no key anyway).
     */
    public static long hashChars(CharSequence chars, long seed) {
        long k = multiplier(seed);
        long h = seed;
        long acc = 0;
        int filled = 0; // bytes in acc
        int length = 0;
        int n = chars.length();
        for (int i = 0; i < n; i++) {
            int c = chars.charAt(i);
            int bytes;
            long enc; // little-endian byte sequence
            if (c < 0x80) {
                enc = c;
                bytes = 1;
            } else if (c < 0x800) {
                enc = Utf8.twoBytes(c);
                bytes = 2;
            } else if (Character.isHighSurrogate((char) c) && i + 1 < n
                    && Character.isLowSurrogate(chars.charAt(i + 1))) {
                int cp = Character.toCodePoint((char) c, chars.charAt(++i));
                enc = Integer.toUnsignedLong(Utf8.fourBytes(cp));
                bytes = 4;
            } else {
                if (Character.isSurrogate((char) c)) {
                    c = 0xFFFD;
                }
                enc = Utf8.threeBytes(c);
                bytes = 3;
            }
            length += bytes;
            int room = 8 - filled;
            if (bytes < room) {
                acc |= enc << (8 * filled);
                filled += bytes;
            } else {
                acc |= enc << (8 * filled);
                h = mix(h ^ acc, k);
                int rest = bytes - room;
                acc = rest == 0 ? 0 : enc >>> (8 * room);
                filled = rest;
            }
        }
        if (filled > 0) {
            h = mix(h ^ acc, k);
        }
        return finish(h, length, k);
    }
}
