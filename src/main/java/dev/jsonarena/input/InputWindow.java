package dev.jsonarena.input;

import dev.jsonarena.JsonLimit;
import dev.jsonarena.JsonLimitException;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The bytes a parse reads: either the whole input, already in a heap array, or a window of a
 * {@link ByteSource} that is refilled as the parse moves through it. Heap use is the window's
 * array whatever the input's size.
 *
 * <pre>
 *   buffer: [ caller's | discarded | .... kept ..... | unread room ]
 *            0         first       keepFrom         dataEnd      buffer.length
 *   refill(keepFrom, reserve): moves [keepFrom, dataEnd) to first = min(reserve, keepFrom), then
 *   reads until the buffer is full, the source ends, or (for records) the current record's
 *   boundary byte has been read. [0, first) is never read or written here: the parser keeps in
 *   it copies of earlier input its predictions compare with.
 * </pre>
 *
 * <p>Positions handed to the parser are indices into {@link #buffer()}; {@link #offset(long)} turns
 * one into an offset from the start of the input, and {@link #line(long)} / {@link #column(long)}
 * into a line and column. Lines are not counted in a pass of their own over the input (that cost a
 * tenth to a third of a parse): the parser counts the newlines it skips as whitespace (valid JSON
 * has no other) and reports them with {@link #advanceLines}; the window counts only the bytes no
 * parse went through (what a record reader skips between records) and, at the end of a long line,
 * its characters.
 *
 * <p><b>Records.</b> With a boundary byte ({@code '\n'} for JSON Lines, {@code 0x1E} for JSON text
 * sequences) the bytes a parse sees end at the next boundary after {@link #position()}: {@link #end()}
 * is that boundary's index once it has been read, and {@link #more()} is false from then on.
 *
 * <p><b>Limits.</b> {@link #limitParse} bounds the bytes of one document or record: for a single
 * document, reads stop one byte past the limit and fail with {@link JsonLimitException}, so an
 * endless source costs one window; for records, a record whose boundary is not within the limit
 * fails the same way.
 *
 * <p><b>Misbehaving sources.</b> A source that returns 0 bytes {@value #MAX_EMPTY_READS} times in a
 * row fails with {@link IOException}: a stream or non-selectable channel that makes no progress
 * never makes the parse spin forever.
 *
 * <p>Thread-safety: not thread-safe; one parse or record reader at a time.
 */
public final class InputWindow {
    /** The window's size for sources: enough to amortise reads, small enough to keep per thread. */
    public static final int WINDOW_BYTES = 64 << 10;
    /** Consecutive reads of 0 bytes after which a source is considered stuck. */
    public static final int MAX_EMPTY_READS = 64;
    /** No boundary: the input is one document, or documents separated only by whitespace. */
    public static final int NO_BOUNDARY = -1;

    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101_0101_0101_0101L;
    private static final long HIGHS = 0x8080_8080_8080_8080L;
    private static final long LOWS7 = 0x7F7F_7F7F_7F7F_7F7FL;

    private ByteSource source;
    private byte[] buffer;
    private int boundary;
    private int first;
    /** Offset from the start of the input of {@code buffer[0]} (negative for an array input with an offset). */
    private long base;
    private int dataEnd;
    /**
     * The end of what the source has put in the buffer: the furthest {@link #dataEnd} reached
     * (a read leaves the bytes past its count untouched, as {@code InputStream.read} and
     * {@code ReadableByteChannel.read} promise), which {@link #close} wipes.
     */
    private int written;
    private boolean sourceEnded;
    /** Index of the next boundary byte at or after {@link #position}, or -1 if not read yet. */
    private int boundaryAt = -1;
    /** Bytes before this index have been searched for a boundary. */
    private int searched;
    private int position;
    /** Lines are known up to this buffer index: it is on line {@link #lineAt}. */
    private int synced;
    private long lineAt = 1;
    /**
     * The index where that line starts (below {@link #first} once a refill dropped its start), the
     * characters of it that were dropped, and whether its bytes from there to {@link #synced} are
     * known to be ASCII: a column is counted only when one is asked for.
     */
    private long lineBegin;
    private long charsDropped;
    private boolean lineAscii = true;
    private long bytesRead;
    // the bytes of the current parse: [parseStart, parseStart + maxBytes] in input offsets
    private long parseStart;
    private long maxBytes = Long.MAX_VALUE;
    private JsonLimit limit = JsonLimit.DOCUMENT_BYTES;
    private boolean capReads;

    /**
     * A window over a source, filled here up to the buffer's size (or the source's end).
     *
     * @param source where the bytes come from
     * @param buffer the window; its contents before this call are ignored
     * @param boundary the byte that ends a record, or {@link #NO_BOUNDARY}
     */
    public InputWindow(ByteSource source, byte[] buffer, int boundary) {
        open(source, buffer, boundary);
    }

    /** An unused window, for {@link #open} (so one object serves many parses). */
    public InputWindow() {
    }

    /**
     * Starts this window over for a new source, as the constructor of the same parameters does.
     *
     * @param source where the bytes come from
     * @param buffer the window; its contents before this call are ignored
     * @param boundary the byte that ends a record, or {@link #NO_BOUNDARY}
     */
    public void open(ByteSource source, byte[] buffer, int boundary) {
        this.source = source;
        this.buffer = buffer;
        this.boundary = boundary;
        this.first = 0;
        this.base = 0;
        this.dataEnd = 0;
        this.written = 0;
        this.sourceEnded = false;
        this.boundaryAt = -1;
        this.searched = 0;
        this.position = 0;
        this.synced = 0;
        this.lineAt = 1;
        this.lineBegin = 0;
        this.charsDropped = 0;
        this.lineAscii = true;
        this.bytesRead = 0;
        this.parseStart = 0;
        this.maxBytes = Long.MAX_VALUE;
        this.limit = JsonLimit.DOCUMENT_BYTES;
        this.capReads = false;
    }

    /**
     * Wipes what the source put in the buffer (a whole-input array is never written) and lets go
     * of both, so that this window keeps neither alive and a reused buffer shows nothing of this
     * input to the next source it is handed to; only once no parse or read uses it.
     */
    public void close() {
        if (buffer != null && written > 0) {
            Arrays.fill(buffer, 0, written, (byte) 0);
        }
        this.written = 0;
        this.source = null;
        this.buffer = null;
    }

    /**
     * A window that is the whole input: {@code array[offset, offset + length)}, never refilled.
     *
     * @param array the input; read, never written
     * @param offset where the input starts
     * @param length its length
     * @param boundary the byte that ends a record, or {@link #NO_BOUNDARY}
     */
    public InputWindow(byte[] array, int offset, int length, int boundary) {
        this.source = null;
        this.buffer = array;
        this.boundary = boundary;
        this.first = offset;
        this.base = -offset;
        this.position = offset;
        this.synced = offset;
        this.lineBegin = offset;
        this.searched = offset;
        this.dataEnd = offset + length;
        this.sourceEnded = true;
        this.bytesRead = length;
    }

    /** {@return whether this window is the whole input, an array (never refilled)} */
    public boolean wholeInput() {
        return source == null;
    }

    /** {@return the array the parser reads; the same array for the life of this window} */
    public byte[] buffer() {
        return buffer;
    }

    /** {@return where the next document or record starts, an index into the buffer} */
    public int position() {
        return position;
    }

    /** Sets where the next document or record starts: the parser's position after the last one. */
    public void position(int index) {
        position = index;
        if (boundaryAt >= 0 && boundaryAt < index) {
            boundaryAt = -1;
        }
        if (searched < index) {
            searched = index;
        }
    }

    /** {@return the end of the bytes the current parse may read: the record's boundary once read, else the data's end} */
    public int end() {
        return boundaryAt >= 0 ? boundaryAt : dataEnd;
    }

    /** {@return whether a refill can add bytes to the current parse} */
    public boolean more() {
        return boundaryAt < 0 && !sourceEnded;
    }

    /** {@return whether the input is exhausted: the source ended and every byte was consumed} */
    public boolean exhausted() {
        return sourceEnded && position >= dataEnd;
    }

    /**
     * Takes buffer index {@code index}, which holds the boundary byte, as the current record's
     * boundary: a reader that found it itself, without {@link #fill()}'s search
     */
    public void recordEndsAt(int index) {
        if (boundary == NO_BOUNDARY || buffer[index] != (byte) boundary || index < position || index >= dataEnd) {
            throw new IllegalArgumentException("no boundary at " + index);
        }
        boundaryAt = index;
        searched = Math.max(searched, index);
    }

    /** {@return whether the source has ended}: the bytes up to {@link #end()} are all there is (an array's are) */
    public boolean sourceEnded() {
        return sourceEnded || source == null;
    }

    /** {@return the boundary byte's index for the current record, or -1 if not read (or there is none)} */
    public int boundaryIndex() {
        return boundaryAt;
    }

    /** {@return the offset from the start of the input of buffer index {@code index}} */
    public long offset(long index) {
        return base + index;
    }

    /** {@return the bytes read from the source so far (for an array input, its length)} */
    public long bytesRead() {
        return bytesRead;
    }

    /**
     * {@return the bytes the current parse is expected to read, from its start}: all of them once
     * the record's boundary or the source's end has been read; else what has been read, or the
     * source's size hint if larger, but never more than four times what has been read (a hint
     * sizes memory; it is not trusted with it). A record without a delimiter is expected to be at
     * most what has been read, and at most four windows, whatever follows it.
     */
    public long expectedBytes() {
        long known = base + (boundaryAt >= 0 ? boundaryAt : dataEnd) - parseStart;
        if (boundary == NO_BOUNDARY && (source == null || limit == JsonLimit.RECORD_BYTES)) {
            // a record without a delimiter (concatenated texts, an array's elements): the rest of
            // the input, or of the source's size hint, is not this record's size
            return Math.min(known, 4L * WINDOW_BYTES);
        }
        if (boundaryAt >= 0 || sourceEnded || source == null) {
            return known;
        }
        long hint = source.sizeHint() - parseStart;
        return source.sizeIsExact() ? Math.max(known, hint) : Math.min(Math.max(known, hint), 4 * known + 64);
    }

    /**
     * Starts the limit on one document's or record's bytes: at most {@code max} bytes from the
     * current position. With {@code capReads} (a single document) nothing is read past one byte
     * over the limit.
     */
    public void limitParse(long max, JsonLimit limit, boolean capReads) {
        this.parseStart = base + position;
        this.maxBytes = max;
        this.limit = limit;
        this.capReads = capReads;
        if (!capReads) {
            long known = base + (boundaryAt >= 0 ? boundaryAt : dataEnd);
            if (known - parseStart > max && (boundaryAt >= 0 || boundary != NO_BOUNDARY)) {
                throw new JsonLimitException(limit, maxBytes, parseStart + maxBytes);
            }
        }
    }

    /** Ends the byte limit of the last document or record. */
    public void unlimit() {
        this.maxBytes = Long.MAX_VALUE;
    }

    /** {@return the line (from 1) of buffer index {@code at}, at or after the last index lines were counted to} */
    public long line(long at) {
        syncTo((int) at);
        return lineAt;
    }

    /** {@return the column (from 1, in characters) of buffer index {@code at}, as {@link #line(long)}} */
    public long column(long at) {
        syncTo((int) at);
        int from = (int) Math.max(lineBegin, first);
        return 1 + charsDropped + countChars(buffer, from, (int) at);
    }

    /**
     * {@return the first buffer index that holds input}: the offset for an array; for a source 0
     * until a refill moves the kept bytes elsewhere ({@link #refill(int, long, int)})
     */
    public int first() {
        return first;
    }

    /**
     * Records what a parse counted while it went from the last counted index to {@code to}:
     * {@code newlines} newlines, the last one ending just before index {@code lineStart}; with
     * {@code ascii}, no byte above 0x7F among them (so the line's characters are its bytes).
     */
    public void advanceLines(int to, long newlines, long lineStart, boolean ascii) {
        if (newlines > 0) {
            lineAt += newlines;
            lineBegin = lineStart;
            charsDropped = 0;
            lineAscii = ascii;
        } else {
            lineAscii &= ascii;
        }
        synced = to;
    }

    /** Counts the lines from the last counted index to {@code to}, bytes no parse went through. */
    public void syncTo(int to) {
        if (to <= synced) {
            return;
        }
        long lines = countLines(buffer, synced, to);
        int from = synced;
        if (lines > 0) {
            lineAt += lines;
            from = (int) lastNewline(buffer, synced, to) + 1;
            lineBegin = from;
            charsDropped = 0;
            lineAscii = true;
        }
        lineAscii &= countChars(buffer, from, to) == to - from;
        synced = to;
    }

    /**
     * Makes sure bytes are read up to the current record's boundary or the buffer's end: a record
     * window first searches what it holds for the boundary and reads only if it is not there; a
     * document window reads until its buffer is full or the source ends. For a window without a
     * source only searches.
     *
     * @throws IOException if the source fails or makes no progress
     * @throws JsonLimitException if the document or record passes its byte limit
     */
    public void fill() throws IOException {
        if (boundary != NO_BOUNDARY && findBoundary()) {
            return; // the record is whole in the window: reading on could wait for input a live stream has not sent
        }
        if (source != null && !sourceEnded && dataEnd < buffer.length) {
            readMore();
        }
        findBoundary();
    }

    /**
     * Discards the bytes before {@code keepFrom}, moves the rest to the start of the buffer and reads
     * more. {@return how far every position moved down} (positions below {@code keepFrom} are gone).
     *
     * @param keepFrom the first byte still needed
     * @param continuation the UTF-8 continuation bytes between the current line's first byte still
     *     in the buffer (its start, or the buffer's) and {@code keepFrom}, as the caller counted
     *     them while parsing, or -1 if it did not: then the window counts them itself
     * @throws IOException if the source fails or makes no progress
     * @throws JsonLimitException if the document or record passes its byte limit
     */
    public int refill(int keepFrom, long continuation) throws IOException {
        return refill(keepFrom, continuation, first);
    }

    /**
     * As {@link #refill(int, long)}, moving the kept bytes to {@code min(reserve, keepFrom)} instead
     * of the current {@link #first()}, which becomes that index: the bytes before it are the
     * caller's, never read or written by this window.
     *
     * @param keepFrom the first byte still needed
     * @param continuation as {@link #refill(int, long)}'s
     * @param reserve how many bytes at the buffer's start the caller wants to keep for itself
     * @throws IOException if the source fails or makes no progress
     * @throws JsonLimitException if the document or record passes its byte limit
     */
    public int refill(int keepFrom, long continuation, int reserve) throws IOException {
        if (source == null) {
            findBoundary();
            return 0;
        }
        checkConsumed(keepFrom);
        int to = Math.min(reserve, keepFrom);
        int d = keepFrom - to;
        if (d > 0) {
            syncTo(keepFrom); // a parse has reported its lines up to keepFrom: this counts only what none went through
            if (lineBegin < keepFrom) { // the current line loses its first characters: count them as they go
                long from = Math.max(lineBegin, first);
                charsDropped += lineAscii ? keepFrom - from
                        : continuation >= 0 ? keepFrom - from - continuation : countChars(buffer, (int) from, keepFrom);
            }
            lineBegin -= d; // below the new first if the line's start was dropped
            synced -= d;
            System.arraycopy(buffer, keepFrom, buffer, to, dataEnd - keepFrom);
            dataEnd -= d;
            base += d;
            first = to;
            position = Math.max(to, position - d);
            searched = Math.max(to, searched - d);
            if (boundaryAt >= 0) {
                boundaryAt -= d;
            }
        }
        if (!sourceEnded && boundaryAt < 0) {
            readMore();
        }
        findBoundary();
        return d;
    }

    /** Fails if the parse has consumed more than its byte limit (for inputs whose reads are not capped). */
    public void checkConsumed(long index) {
        if (base + index - parseStart > maxBytes) {
            throw new JsonLimitException(limit, maxBytes, parseStart + maxBytes);
        }
    }

    /**
     * Reads into the buffer's free end until it is full or the source ends; a record window stops
     * sooner, once a read has brought the current record's boundary, so that a record a live
     * stream has sent is returned without waiting for what it has not sent yet.
     */
    private void readMore() throws IOException {
        int empty = 0;
        while (dataEnd < buffer.length) {
            int room = buffer.length - dataEnd;
            if (capReads) {
                long left = parseStart + maxBytes + 1 - (base + dataEnd);
                if (left <= 0) {
                    break;
                }
                room = (int) Math.min(room, left);
            }
            int n = source.read(buffer, dataEnd, room);
            if (n == -1) {
                sourceEnded = true;
                break;
            }
            if (n < 0) {
                throw new IOException(source.describe() + " reported " + n + " bytes read (expected: -1 at its end, else 0 to "
                        + room + ")");
            }
            if (n > room) {
                throw new IOException(source.describe() + " reported " + n + " bytes read (expected: at most " + room + ")");
            }
            if (n == 0) {
                if (++empty >= MAX_EMPTY_READS) {
                    throw new IOException(source.describe() + " returned 0 bytes " + MAX_EMPTY_READS
                            + " times in a row (expected: a blocking read that returns at least 1 byte or -1)");
                }
                Thread.onSpinWait();
                continue;
            }
            empty = 0;
            dataEnd += n;
            written = Math.max(written, dataEnd);
            bytesRead += n;
            if (capReads && base + dataEnd - parseStart > maxBytes) {
                throw new JsonLimitException(limit, maxBytes, parseStart + maxBytes);
            }
            if (boundary != NO_BOUNDARY && findBoundary()) {
                break; // the record is complete: do not wait for the next one
            }
        }
    }

    /** Searches the bytes read since the last search for the boundary; {@return whether it is known} */
    private boolean findBoundary() {
        if (boundary == NO_BOUNDARY || boundaryAt >= 0) {
            return boundaryAt >= 0;
        }
        int from = Math.max(searched, position);
        int at = indexOf(buffer, from, dataEnd, (byte) boundary);
        searched = at >= 0 ? at : dataEnd;
        boundaryAt = at;
        if (!capReads && maxBytes != Long.MAX_VALUE) {
            long recordEnd = base + (at >= 0 ? at : dataEnd);
            if (recordEnd - parseStart > maxBytes) {
                throw new JsonLimitException(limit, maxBytes, parseStart + maxBytes);
            }
        }
        return at >= 0;
    }

    /**
     * Moves to the next record after a failed one: discards bytes up to and including its boundary
     * (reading and discarding as needed, so a huge bad record costs no memory). {@return false if
     * the input ended before a boundary}
     *
     * @throws IOException if the source fails or makes no progress
     */
    public boolean skipRecord() throws IOException {
        maxBytes = Long.MAX_VALUE;
        for (;;) {
            findBoundary();
            if (boundaryAt >= 0) {
                int next = boundaryAt + 1;
                boundaryAt = -1;
                position(next);
                return true;
            }
            if (sourceEnded || source == null) {
                position(dataEnd);
                return false;
            }
            refill(dataEnd, -1);
        }
    }

    /**
     * Consumes the boundary that ends the record just parsed (the parse stopped at it), or nothing at
     * the end of the input.
     */
    public void endRecord(int parsedTo) {
        maxBytes = Long.MAX_VALUE;
        if (boundaryAt >= 0 && parsedTo == boundaryAt) {
            int next = boundaryAt + 1;
            boundaryAt = -1;
            position(next);
        } else {
            position(parsedTo);
        }
    }

    /** {@return the number of {@code '\n'} bytes in {@code b[from, to)}} */
    static long countLines(byte[] b, int from, int to) {
        long n = 0;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long x = (long) LONG_LE.get(b, i) ^ 0x0A0A_0A0A_0A0A_0A0AL;
            // high bit of each byte set iff the byte is not zero, exactly (no borrow between bytes)
            long nonZero = ((x & LOWS7) + LOWS7) | x;
            n += Long.bitCount(~nonZero & HIGHS);
        }
        for (; i < to; i++) {
            if (b[i] == '\n') {
                n++;
            }
        }
        return n;
    }

    /**
     * {@return the number of characters (bytes that are not UTF-8 continuation bytes) in {@code b[from, to)}}
     * One pass, 64 bytes a round: each word's continuation bytes ({@code 10xxxxxx}) are marked in
     * their high bit, the eight words' marks are shifted into distinct bit positions and counted
     * with one {@link Long#bitCount}.
     */
    static long countChars(byte[] b, int from, int to) {
        long continuation = 0;
        int i = from;
        for (; i + 64 <= to; i += 64) {
            long m = 0;
            for (int k = 0; k < 8; k++) {
                long w = (long) LONG_LE.get(b, i + 8 * k);
                m |= (w & ~(w << 1) & HIGHS) >>> k;
            }
            continuation += Long.bitCount(m);
        }
        for (; i + 8 <= to; i += 8) {
            long w = (long) LONG_LE.get(b, i);
            continuation += Long.bitCount(w & ~(w << 1) & HIGHS);
        }
        for (; i < to; i++) {
            if ((b[i] & 0xC0) == 0x80) {
                continuation++;
            }
        }
        return (to - from) - continuation;
    }

    /** {@return the index of the last {@code '\n'} in {@code b[from, to)}, or {@code from - 1}} */
    static long lastNewline(byte[] b, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return from - 1;
    }

    /** {@return the index of the first {@code value} in {@code b[from, to)}, or -1} */
    static int indexOf(byte[] b, int from, int to, byte value) {
        long pattern = (value & 0xFFL) * ONES;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long x = (long) LONG_LE.get(b, i) ^ pattern;
            long zero = (x - ONES) & ~x & HIGHS; // the lowest flagged byte is exact
            if (zero != 0) {
                return i + (Long.numberOfTrailingZeros(zero) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
