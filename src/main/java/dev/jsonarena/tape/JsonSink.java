package dev.jsonarena.tape;

import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The byte buffer {@link JsonText} writes UTF-8 into, and where the bytes go: kept in a growing
 * array (for a {@code String} or {@code byte[]} result), or streamed through a fixed
 * {@value #STREAM_BUFFER}-byte buffer to an {@link OutputStream} or, decoded, to an
 * {@link Appendable}. A streaming write holds at most that buffer, whatever the size of the value.
 *
 * <p>Sinks are reused: {@link #acquire} hands the calling thread its cached sink (one per thread,
 * kept while its buffer is at most {@value #MAX_CACHED} bytes and its container stack at most
 * 4096 deep), or a new one if that sink is busy
 * (a stream that writes JSON from inside {@code write}), and {@link #release} gives it back. So a
 * steady stream of writes allocates only its results.
 *
 * <p>I/O failures of the target are carried through the writer as a {@link Failure} and unwrapped
 * by the entry points that throw {@link IOException} ({@link JsonText}'s {@code write}, the
 * writer's {@code flush} and {@code close}, the codecs' {@code write}).
 *
 * <p>Thread-safety: not thread-safe; a sink is used by the thread that acquired it.
 */
public final class JsonSink {
    /** Bytes buffered before a streaming sink flushes. */
    static final int STREAM_BUFFER = 8192;
    /** A sink whose buffer grew beyond this is not cached. */
    static final int MAX_CACHED = 64 * 1024;

    private static final ThreadLocal<JsonSink> CACHE = new ThreadLocal<>();

    /**
     * An {@link IOException} of the target, on its way out of the writer: a type of the library's
     * own, so that entry points that throw {@link IOException} unwrap it and nothing else (an
     * {@link UncheckedIOException} that user code throws goes out as it is).
     */
    public static final class Failure extends UncheckedIOException {
        private static final long serialVersionUID = 1L;

        Failure(IOException cause) {
            super(cause);
        }
    }

    /** Chars a string is copied in, a piece at a time, before it is encoded. */
    static final int PIECE = 1024;
    byte[] buf = new byte[STREAM_BUFFER];
    /** A piece of a string being written, and the char after it (a piece's last char may be half of a pair). */
    final char[] charScratch = new char[PIECE + 1];
    /** Bytes of a piece moved aside while its escapes are written. */
    final byte[] byteScratch = new byte[PIECE];
    /** Copies the ASCII prefix of {@link #charScratch} as bytes: the JDK's encoder does so many chars a step. */
    private final CharsetEncoder ascii = StandardCharsets.US_ASCII.newEncoder();
    private final CharBuffer charsIn = CharBuffer.wrap(charScratch);
    /** {@link #buf} as a buffer for {@link #ascii}; made again when the array grows. */
    private ByteBuffer bytesOut;
    /** Member names written recently through this sink, encoded. */
    final EncodedNames names = new EncodedNames();
    int size;
    /**
     * The generator's stack of open containers, one byte each, lent to the writer that holds this
     * sink (see {@link #containers()}), so that a writer allocates none of its own.
     */
    private byte[] containers = new byte[16];
    /** Scratch for the writer's stack of open containers: the tape index past each, and its tag. */
    int[] ends = new int[16];
    boolean[] objects = new boolean[16];
    private OutputStream stream;
    private Appendable chars;
    /** The document being written, re-checked after each call into the target (user code). */
    private Document guard;
    private long guardEpoch;
    private char[] decoded;
    /**
     * How much of {@link #buf} and of {@link #decoded} has held a document's text: a target is
     * handed the whole array, so {@link #release} wipes that much before the thread's next writer
     * uses them.
     */
    private int bufUsed;
    private int decodedUsed;
    private boolean busy;
    /** Whether {@link #flush} is inside a call to the target. */
    private boolean calling;
    /** How many times {@link #flush} has sent bytes (or tried to): what {@link #mark} compares. */
    private long flushes;

    /** {@return the generator's container stack, this sink's for as long as its writer holds it; its content is the writer's} */
    public byte[] containers() {
        return containers;
    }

    /** {@return {@link #containers()} grown to at least {@code n} entries, content kept} */
    public byte[] growContainers(int n) {
        return containers = Arrays.copyOf(containers, Math.max(n, 2 * containers.length));
    }

    /** {@return a new growing sink, for one owner: not from the thread's cache, never released} */
    public static JsonSink growing() {
        return new JsonSink();
    }

    /** {@return a sink for the calling thread's exclusive use until {@link #release}} */
    public static JsonSink acquire() {
        JsonSink s = CACHE.get();
        if (s == null || s.busy) {
            s = new JsonSink();
            if (CACHE.get() == null) {
                CACHE.set(s);
            }
        }
        s.busy = true;
        s.size = 0;
        return s;
    }

    /**
     * Gives the sink back: wipes the text its documents left in the arrays a target is handed (so
     * a target that reads past what it was given sees nothing of another writer's), forgets its
     * target, and drops it from the cache if it grew large.
     */
    public void release() {
        // the buffer only grows, keeping what it held; a padded write may have landed PADDED bytes past the end
        Arrays.fill(buf, 0, Math.min(buf.length, Math.max(bufUsed, size) + PADDED), (byte) 0);
        if (decoded != null) {
            Arrays.fill(decoded, 0, decodedUsed, '\0'); // an array replaced by a larger one was dropped
        }
        bufUsed = 0;
        decodedUsed = 0;
        size = 0;
        stream = null;
        chars = null;
        guard = null;
        busy = false;
        if ((buf.length > MAX_CACHED || ends.length > MAX_CACHED / 16) && CACHE.get() == this) {
            CACHE.remove();
        }
    }

    /** Streams to {@code out} from now on. */
    public JsonSink to(OutputStream out) {
        stream = out;
        return this;
    }

    /**
     * Makes every flush check, after the target returns, that {@code doc} is still the document of
     * the epoch it has now: the target is user code, which may reset or close the arena (or let
     * another thread do so), and nothing is read from the arena after that.
     */
    public JsonSink guard(Document doc, long epoch) {
        guard = doc;
        guardEpoch = epoch;
        return this;
    }

    /** Streams to {@code out}, decoding the UTF-8, from now on. */
    public JsonSink to(Appendable out) {
        chars = out;
        if (decoded == null) {
            decoded = new char[STREAM_BUFFER];
        }
        return this;
    }

    /** Stops checking a document after flushes (see {@link #guard}). */
    public void unguard() {
        guard = null;
    }

    /** {@return the bytes written and not yet flushed} (all of them, for a growing sink) */
    public int size() {
        return size;
    }

    /**
     * {@return a mark of the bytes written so far}, for {@link #discardSince}: the flush count in the
     * high bits, the buffered size in the low 32
     */
    public long mark() {
        return flushes << 32 | size;
    }

    /**
     * Drops the bytes written since {@code mark} that are still buffered: all of the buffer if a
     * flush came since (what it sent had been validated; what came after it is all since the
     * mark), else what follows the marked size. A copy from arena memory that failed its final
     * epoch check leaves none of its plain reads to go out later.
     */
    public void discardSince(long mark) {
        size = (mark >>> 32) == flushes ? Math.min(size, (int) mark) : 0;
    }

    /** Forgets the bytes written (a growing sink starts over). */
    public void clear() {
        size = 0;
    }

    /** Copies the bytes written to {@code out} (a growing sink). */
    public void copyTo(OutputStream out) throws IOException {
        out.write(buf, 0, size);
    }

    /** {@return a copy of the bytes written} (a growing sink) */
    public byte[] toBytes() {
        return Arrays.copyOf(buf, size);
    }

    /** {@return the bytes written, decoded} (a growing sink) */
    public String asString() {
        return new String(buf, 0, size, StandardCharsets.UTF_8);
    }

    /**
     * Makes room for {@code n} more bytes: a streaming sink flushes first, and any sink grows if
     * that is not enough (a streaming one only for a single piece longer than its buffer, such as
     * a number of thousands of digits).
     */
    void ensure(int n) {
        if (size + n > buf.length) {
            makeRoom(n);
        }
    }

    /** {@link #ensure}'s work when the buffer is short: kept apart so that the check alone is inlined at every caller. */
    private void makeRoom(int n) {
        if (stream != null || chars != null) {
            flush(false);
        }
        if (size + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(size + n, buf.length * 2));
        }
    }

    /**
     * Copies the chars of {@code charScratch[0, n)} before the first that is not ASCII into the
     * buffer from {@code at}, a byte each (the buffer has room for {@code n} from {@code at});
     * {@return how many}
     */
    int asciiPrefix(int n, int at) {
        ByteBuffer bytes = bytesOut;
        if (bytes == null || bytes.array() != buf) {
            bytes = bytesOut = ByteBuffer.wrap(buf);
        }
        charsIn.limit(n).position(0);
        bytes.limit(Math.min(buf.length, at + n)).position(at);
        ascii.reset();
        ascii.encode(charsIn, bytes, true);
        return charsIn.position();
    }

    void put(byte b) {
        if (size == buf.length) {
            ensure(1);
        }
        buf[size++] = b;
    }

    /** Writes {@code b[offset, offset + length)}, in pieces when streaming. */
    void put(byte[] b, int offset, int length) {
        if (size + length <= buf.length) {
            System.arraycopy(b, offset, buf, size, length);
            size += length;
            return;
        }
        if (stream == null && chars == null) {
            ensure(length);
        }
        while (length > 0) {
            if (size == buf.length) {
                flush(false);
            }
            int k = Math.min(length, buf.length - size);
            System.arraycopy(b, offset, buf, size, k);
            size += k;
            offset += k;
            length -= k;
        }
    }

    /** Writes {@code b[offset, offset + length)} as they are (text already spelt as JSON). */
    public void putBytes(byte[] b, int offset, int length) {
        put(b, offset, length);
    }

    /**
     * Writes {@code b[offset, offset + length)} as they are, where {@code b} has
     * {@value #PADDED} bytes from {@code offset} whatever {@code length} is: a run of up to
     * {@value #PADDED} bytes (a member name, most often) moves as two {@code long}s instead of an
     * array copy, the bytes past its end landing in the free space that the next write overwrites.
     */
    public void putPadded(byte[] b, int offset, int length) {
        if (length <= PADDED) {
            ensure(PADDED);
            byte[] to = buf;
            int at = size;
            LONGS.set(to, at, (long) LONGS.get(b, offset));
            LONGS.set(to, at + 8, (long) LONGS.get(b, offset + 8));
            size = at + length;
        } else {
            put(b, offset, length);
        }
    }

    /** The bytes {@link #putPadded} reads from its offset. */
    public static final int PADDED = 16;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Writes one byte (punctuation). */
    public void putByte(byte b) {
        put(b);
    }

    /** Writes the literal {@code null}: one four-byte store. */
    public void putNull() {
        ensure(4);
        INTS.set(buf, size, NULL);
        size += 4;
    }

    /** Writes the literal {@code true} or {@code false}: one eight-byte store, past whose end the next write lands. */
    public void putBoolean(boolean value) {
        ensure(8);
        LONGS.set(buf, size, value ? TRUE : FALSE);
        size += value ? 4 : 5;
    }

    /** The literals' bytes, first byte lowest. */
    private static final int NULL = 'n' | 'u' << 8 | 'l' << 16 | 'l' << 24;
    private static final long TRUE = 't' | 'r' << 8 | 'u' << 16 | (long) 'e' << 24;
    private static final long FALSE = 'f' | 'a' << 8 | 'l' << 16 | (long) 's' << 24 | (long) 'e' << 32;
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    /** Writes a newline and {@code 2 * depth} spaces. */
    public void indent(int depth) {
        newline(depth);
    }

    void put(String ascii) {
        int n = ascii.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[size++] = (byte) ascii.charAt(i);
        }
    }

    /** Writes a newline and {@code 2 * depth} spaces. */
    void newline(int depth) {
        put((byte) '\n');
        for (int n = 2 * depth; n > 0; ) {
            ensure(1);
            int k = Math.min(n, buf.length - size);
            Arrays.fill(buf, size, size + k, (byte) ' ');
            size += k;
            n -= k;
        }
    }

    /** Copies {@code length} bytes at {@code offset} of {@code seg}, in pieces when streaming. */
    void copy(MemorySegment seg, long offset, int length) {
        if (stream == null && chars == null) {
            ensure(length);
        }
        while (length > 0) {
            if (size == buf.length) {
                flush(false);
            }
            int k = Math.min(length, buf.length - size);
            MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, offset, buf, size, k);
            size += k;
            offset += k;
            length -= k;
        }
    }

    /**
     * Sends the buffered bytes to the target. A sink writing characters keeps the bytes of a UTF-8
     * sequence that is not complete yet for the next flush, unless {@code last}.
     *
     * @throws Failure if the target fails
     */
    public void flush(boolean last) {
        if (guard != null) {
            guard.validate(guardEpoch); // the buffer was filled by plain reads: none goes out if the arena went away meanwhile
        }
        flushes++;
        callTarget(last ? SEND_ALL : SEND);
    }

    /**
     * Sends the buffered bytes to the target (as {@link #flush} does) and then flushes the target
     * itself: an {@link OutputStream}, or an {@link Appendable} that is {@link Flushable}.
     *
     * @throws Failure if the target fails
     */
    public void flushTarget() {
        flush(false);
        callTarget(FLUSH);
    }

    /** What {@link #callTarget} asks of the target: the buffer, keeping an incomplete UTF-8 sequence of a char target. */
    private static final int SEND = 0;
    /** The whole buffer. */
    private static final int SEND_ALL = 1;
    /** A flush of the target itself. */
    private static final int FLUSH = 2;

    /**
     * Makes call {@code what} into the target (user code) marked as {@linkplain #callingUserCode()
     * calling user code}, its {@link IOException} carried out as a {@link Failure}, and then
     * re-checks the guarded arena, which the target's code may have reset or closed. (A constant,
     * not a lambda: a lambda capturing the sink is an allocation per call where the JIT does not
     * inline it.)
     */
    private void callTarget(int what) {
        if (what != FLUSH) {
            bufUsed = Math.max(bufUsed, size);
        }
        calling = true;
        try {
            if (what == FLUSH) {
                if (stream != null) {
                    stream.flush();
                } else if (chars instanceof Flushable f) {
                    f.flush();
                }
            } else if (stream != null) {
                stream.write(buf, 0, size);
                size = 0;
            } else if (chars != null) {
                int n = what == SEND_ALL ? size : Utf8.wholeSequences(buf, size);
                int c = decode(n);
                decodedUsed = Math.max(decodedUsed, c);
                if (chars instanceof StringBuilder sb) {
                    sb.append(decoded, 0, c);
                } else if (chars instanceof Writer w) {
                    w.write(decoded, 0, c);
                } else {
                    chars.append(CharBuffer.wrap(decoded, 0, c));
                }
                System.arraycopy(buf, n, buf, 0, size - n);
                size -= n;
            }
        } catch (IOException e) {
            throw new Failure(e);
        } finally {
            calling = false;
        }
        if (guard != null) {
            guard.check(guardEpoch);
        }
    }

    /**
     * {@return whether the sink is inside a call to user code} (its target's {@code write},
     * {@code append} or {@code flush}, or a {@link CharSequence} being written): where that code
     * may call the writer that owns the sink back, which must be refused, since the sink's buffer
     * and state are in the middle of that call
     */
    public boolean callingUserCode() {
        return calling;
    }

    /**
     * {@return {@code s.length()}}, called as user code: a {@link CharSequence} that is not a
     * {@code String} may be the caller's own class, whose methods the writer calls while a token
     * is half written ({@link #callingUserCode()} is true during the call)
     *
     * @throws IllegalArgumentException if the length is negative
     */
    int length(CharSequence s) {
        if (s instanceof String str) {
            return str.length();
        }
        int n;
        calling = true;
        try {
            n = s.length();
        } finally {
            calling = false;
        }
        if (n < 0) {
            throw new IllegalArgumentException("a CharSequence whose length() is " + n + " (expected: 0 or more)");
        }
        return n;
    }

    /**
     * {@return {@code o.toString()}}, called as user code (see {@link #length(CharSequence)}): the
     * text of a number whose class is the caller's subclass of {@code BigDecimal} or
     * {@code BigInteger}
     */
    public String text(Object o) {
        calling = true;
        try {
            return o.toString();
        } finally {
            calling = false;
        }
    }

    /**
     * Copies {@code s[from, from + count)} into {@link #charScratch} from index 0, {@code s}'s
     * methods called as user code (see {@link #length(CharSequence)}): nothing else runs while they
     * do, so a call back into the writer finds it between two pieces, and refused.
     */
    void readChars(CharSequence s, int from, int count) {
        if (s instanceof String str) {
            str.getChars(from, from + count, charScratch, 0);
            return;
        }
        calling = true;
        try {
            for (int k = 0; k < count; k++) {
                charScratch[k] = s.charAt(from + k);
            }
        } finally {
            calling = false;
        }
    }

    /** Decodes the first {@code n} bytes (whole sequences of valid UTF-8) into {@code decoded}; {@return the chars} */
    private int decode(int n) {
        char[] out = decoded;
        if (out.length < n) {
            out = decoded = new char[n];
        }
        int c = 0;
        for (int i = 0; i < n; ) {
            int b = buf[i];
            if (b >= 0) {
                out[c++] = (char) b;
                i++;
            } else if ((b & 0xE0) == 0xC0) {
                out[c++] = (char) (((b & 0x1F) << 6) | (buf[i + 1] & 0x3F));
                i += 2;
            } else if ((b & 0xF0) == 0xE0) {
                out[c++] = (char) (((b & 0x0F) << 12) | ((buf[i + 1] & 0x3F) << 6) | (buf[i + 2] & 0x3F));
                i += 3;
            } else {
                int cp = ((b & 0x07) << 18) | ((buf[i + 1] & 0x3F) << 12) | ((buf[i + 2] & 0x3F) << 6)
                        | (buf[i + 3] & 0x3F);
                out[c++] = Character.highSurrogate(cp);
                out[c++] = Character.lowSurrogate(cp);
                i += 4;
            }
        }
        return c;
    }
}
