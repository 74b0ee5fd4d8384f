package dev.jsonarena.tape;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Makes {@code String}s from valid UTF-8 bytes in arena memory through arrays it reuses: the bytes
 * are copied into a scratch array (grown on demand up to {@value #SCRATCH_MAX_BYTES} bytes; a
 * longer string gets a one-off array and the String constructor's decoder). ASCII text then
 * becomes a String in one more copy; other text is decoded into a reused char array and the String
 * made from that, which allocates less than the String constructor's UTF-8 decoder (that one copies
 * the bytes, then allocates two bytes per input byte, then trims).
 *
 * <p>The arrays are taken for one decode and put back after it, with an atomic swap: a decode
 * that finds them taken (a view of an earlier parse of the same recycled document, read on another
 * thread after its arena moved on) uses arrays of its own, so two threads never write one array
 * and a stale reader cannot change the text another request is decoding.
 *
 * <p>Thread-safety: each {@link Document} has its own; safe for concurrent decodes (see above).
 */
final class StringDecoder {
    /** Initial size of the scratch array. */
    static final int SCRATCH_INITIAL = 256;
    /** Strings longer than this are copied into a one-off array, so the scratch array stays small. */
    static final int SCRATCH_MAX_BYTES = 64 << 10;
    private static final char[] NO_CHARS = {};
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final VarHandle SCRATCH;

    static {
        try {
            SCRATCH = MethodHandles.lookup().findVarHandle(StringDecoder.class, "scratch", Scratch.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The bytes of the string being made, and its chars if it is not ASCII. */
    private static final class Scratch {
        byte[] bytes = new byte[SCRATCH_INITIAL];
        char[] chars = NO_CHARS;
    }

    /** The arrays, or null while a decode has them. */
    @SuppressWarnings("unused") // through SCRATCH
    private Scratch scratch = new Scratch();

    /** {@return the {@code length} valid UTF-8 bytes at {@code offset} of {@code seg} as a String} */
    String decode(MemorySegment seg, long offset, int length) {
        Scratch s = (Scratch) SCRATCH.getAndSet(this, (Scratch) null);
        if (s == null) {
            s = new Scratch(); // taken by a decode on another thread: this one gets its own
        }
        try {
            return decode(s, seg, offset, length);
        } finally {
            SCRATCH.setRelease(this, s);
        }
    }

    private static String decode(Scratch s, MemorySegment seg, long offset, int length) {
        byte[] bytes = s.bytes;
        if (length > bytes.length) {
            if (length > SCRATCH_MAX_BYTES) {
                bytes = new byte[length];
                MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, offset, bytes, 0, length);
                return new String(bytes, StandardCharsets.UTF_8);
            }
            bytes = s.bytes = new byte[scratchSize(length)];
        }
        MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, offset, bytes, 0, length);
        int ascii = asciiPrefix(bytes, length);
        return ascii == length ? Latin1.string(bytes, 0, length) : decodeUtf8(s, bytes, ascii, length);
    }

    private static int scratchSize(int length) {
        return Math.min(SCRATCH_MAX_BYTES, Math.max(SCRATCH_INITIAL, Integer.highestOneBit(length - 1) << 1));
    }

    /**
     * {@return the length of the ASCII prefix of the first {@code length} bytes of {@code bytes}}:
     * reads 8 bytes at a time, the last word overlapping the one before or masked to
     * {@code length}, so {@code bytes} must hold at least 8 bytes
     */
    private static int asciiPrefix(byte[] bytes, int length) {
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            long high = (long) LONGS.get(bytes, i) & Swar.HIGH_BITS;
            if (high != 0) {
                return i + (Long.numberOfTrailingZeros(high) >>> 3);
            }
        }
        if (i == length) {
            return length;
        }
        int at = length >= 8 ? length - 8 : 0; // bytes before i in the last word were found ASCII above
        long high = (long) LONGS.get(bytes, at) & Swar.HIGH_BITS;
        if (length < 8) {
            high &= (1L << (length << 3)) - 1;
        }
        return high == 0 ? length : at + (Long.numberOfTrailingZeros(high) >>> 3);
    }

    /**
     * {@return the first {@code length} bytes of {@code bytes}, valid UTF-8 whose first
     * {@code ascii} bytes are ASCII, decoded through the char array of {@code s}}
     */
    private static String decodeUtf8(Scratch s, byte[] bytes, int ascii, int length) {
        char[] chars = s.chars;
        if (chars.length < length) {
            chars = s.chars = new char[scratchSize(length)];
        }
        for (int k = 0; k < ascii; k++) {
            chars[k] = (char) bytes[k];
        }
        int i = ascii;
        int n = ascii;
        while (i < length) {
            int b = bytes[i];
            if (b >= 0) {
                chars[n++] = (char) b;
                i++;
            } else if (b < (byte) 0xE0) { // 110xxxxx 10xxxxxx
                if (i + 2 > length) {
                    break;
                }
                chars[n++] = (char) ((b & 0x1F) << 6 | bytes[i + 1] & 0x3F);
                i += 2;
            } else if (b < (byte) 0xF0) { // 1110xxxx 10xxxxxx 10xxxxxx
                if (i + 3 > length) {
                    break;
                }
                chars[n++] = (char) ((b & 0x0F) << 12 | (bytes[i + 1] & 0x3F) << 6 | bytes[i + 2] & 0x3F);
                i += 3;
            } else { // 11110xxx 10xxxxxx 10xxxxxx 10xxxxxx: a surrogate pair
                if (i + 4 > length) {
                    break;
                }
                int cp = (b & 0x07) << 18 | (bytes[i + 1] & 0x3F) << 12 | (bytes[i + 2] & 0x3F) << 6 | bytes[i + 3] & 0x3F;
                chars[n++] = Character.highSurrogate(cp);
                chars[n++] = Character.lowSurrogate(cp);
                i += 4;
            }
        }
        if (i != length) { // a truncated sequence: the parser validates strings, so never; decode with replacement
            return new String(bytes, 0, length, StandardCharsets.UTF_8);
        }
        return new String(chars, 0, n);
    }
}
