package dev.jsonarena;

import dev.jsonarena.bind.Codecs;
import dev.jsonarena.events.InputKind;
import dev.jsonarena.input.ByteSource;
import dev.jsonarena.input.ChannelSource;
import dev.jsonarena.input.InputWindow;
import dev.jsonarena.input.StreamSource;
import dev.jsonarena.input.WindowBuffers;
import dev.jsonarena.tape.Errors;
import dev.jsonarena.tape.Utf8;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SelectableChannel;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads a stream of JSON records (JSON Lines / NDJSON, JSON text sequences, concatenated texts,
 * or the elements of one array: see {@link JsonRecordFormat}) into one arena, one record at a
 * time, with memory bounded by a window of input plus the largest record, however long the stream
 * is.
 *
 * {@snippet :
 * try (JsonArena arena = pool.openArena();
 *      JsonRecordReader records = JsonRecordReader.builder()
 *              .onError(e -> log.warn(e.getMessage()))   // skip bad records, report each
 *              .open(arena, request.getInputStream())) {
 *     for (JsonValue record : records) {
 *         count(record.asObject().get("level").asString());
 *     }
 *     reply(records.recordsRead(), records.recordsSkipped());
 * }
 * }
 *
 * <p><b>Records bound to a type.</b> {@link #as(Class)} binds each record as it is read, straight
 * from the window's bytes when the record lies there whole (no document in the arena, as
 * {@link JsonArena#parse(byte[], Class)}):
 *
 * {@snippet :
 * for (LogRecord r : records.as(LogRecord.class)) {
 *     count(r.level());
 * }
 * }
 *
 * <p><b>Live streams.</b> A record is returned as soon as it lies whole in the window: the reader
 * reads the input only when the record it is asked for is not all there, and stops reading once a
 * read brings a record's delimiter, so a connection or pipe that sends records as they happen has
 * each one read without waiting for the next (records of concatenated texts and array elements,
 * which have no delimiter, are read until the window is full or the input ends).
 *
 * <p><b>Records and the arena.</b> The reader {@linkplain JsonArena#reset() resets} its arena
 * before reading each batch of records ({@link Builder#resetEvery(int)}, by default 1: before
 * every record but the first), so a record's views stay valid until the next batch is read and
 * then throw {@link IllegalStateException}, as every view of a reset arena does. Whatever else the
 * arena held ends at the first such reset.
 *
 * <p><b>Errors.</b> A record that is not one JSON text, passes a limit, runs out of memory or (read
 * with {@link #as(Class)}) does not fit the type is a {@link JsonRecordException} naming its
 * number, line and byte offset in the stream. Without an error handler, {@link #next()} throws it
 * and the reading ends. With one ({@link Builder#onError}), the reader gives it the exception,
 * skips the record up to its delimiter and goes on; {@link #recordsSkipped()} counts them (records
 * without a delimiter, concatenated texts and an array's elements, end the reading at a bad one,
 * handler or not; so does an error in an array's punctuation). A last record cut short by the end
 * of the stream is such an error, never dropped in silence. Limits are those of {@link JsonLimits}, with
 * {@link JsonLimits#maxRecordBytes()} bounding each record instead of the document limit; nothing
 * bounds how many records a stream (or an array) holds, so a server that must bound a request's
 * body, an endless one included, bounds the stream it hands the reader.
 *
 * <p><b>User code.</b> The input is read through a heap window the reader owns (never arena
 * memory); if a read closes the arena, the next record fails with {@link IllegalStateException}.
 * {@link #close()} closes what the reader opened (a file), never the caller's stream or channel.
 * Records bound to a type call their canonical constructors: one that closes the reader has its
 * record returned and no more; one that asks the reader for a record is refused with
 * {@link IllegalStateException}; one that resets or closes the arena ends the reading with
 * {@link IllegalStateException}, never with another document's data.
 *
 * <p><b>Failures.</b> A call of {@link #next()} that fails other than with a record error (its
 * input's read throws, its arena was closed, the error handler throws anything but the record
 * error it was given) may leave the input in the middle of a record, so the reading ends there:
 * every later call throws {@link IllegalStateException}.
 *
 * <p>Thread-safety: not thread-safe, as its arena. Misuse fails locally: a call of
 * {@link #next()} while another runs (from the input's own read, from the error handler, or on
 * another thread) throws {@link IllegalStateException} at once and leaves the running one alone;
 * a {@link #close()} while one runs takes effect when it has stopped touching the input.
 */
public final class JsonRecordReader implements Iterable<JsonValue>, AutoCloseable {
    /*
     * `state` detects concurrent use with one compare-and-set per call of next(): IDLE -> READING
     * while it runs (a second call, from any thread, finds it taken and fails at once), back to IDLE
     * after it. close() moves IDLE -> CLOSED and lets go of the window; if it finds READING (called
     * from the input's read, from the error handler, or on another thread) it moves to
     * READING | CLOSE_PENDING and the running call lets go of the window when it has stopped
     * touching it, as a close of an arena during its parse does.
     */
    private static final int IDLE = 0;
    private static final int READING = 1;
    private static final int CLOSE_PENDING = 2;
    private static final int CLOSED = 4;
    private static final VarHandle STATE;
    /*
     * Where an array's records are ({@link JsonRecordFormat#ARRAY}), in `inArray`: before its '[',
     * after the '[', after a record, after a ',', after the ']'.
     */
    private static final byte BEFORE_ARRAY = 0;
    private static final byte ARRAY_OPENED = 1;
    private static final byte AFTER_RECORD = 2;
    private static final byte AFTER_COMMA = 3;
    private static final byte ARRAY_CLOSED = 4;
    /** What {@link #advance} returns at the end of the input (a record bound to a type may be null). */
    private static final Object END = new Object();
    /** An iterator's look-ahead before it has read. */
    private static final Object NOT_READ = new Object();

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(JsonRecordReader.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final JsonArena arena;
    private final InputWindow window;
    private final JsonRecordFormat format;
    /** The byte that ends a record (the window's boundary): a newline, the record separator of JSON text sequences, or {@link InputWindow#NO_BOUNDARY}. */
    private final int delimiter;
    private final JsonLimits limits;
    private final int resetEvery;
    private final Consumer<? super JsonRecordException> onError;
    private final JsonCodecs codecs;
    private final AutoCloseable owned;
    /** The window's array when it came from {@link WindowBuffers} (given back at the close), else null. */
    private final byte[] lentBuffer;
    /** The most bytes {@link #bindInWindow} hands the direct reading: what its own checks of the limits take, and a record. */
    private final long directRoom;
    /** Where {@link #bindInWindow} is told the tokens read, the index past the value, and the newlines in it and past the last. */
    private final int[] valueEnds = new int[4];
    private long records;
    private long read;
    private long skipped;
    private int sinceReset;
    private boolean done;
    private boolean iterating;
    /** For {@link JsonRecordFormat#ARRAY}: where the reading is in the array's punctuation ({@link #BEFORE_ARRAY} ...). */
    private byte inArray = BEFORE_ARRAY;
    @SuppressWarnings("unused") // through STATE
    private volatile int state;
    /** What ended the reading in the middle of the input, or null. */
    private Throwable stoppedBy;

    private JsonRecordReader(Builder b, JsonArena arena, InputWindow window, AutoCloseable owned, byte[] lentBuffer) {
        this.lentBuffer = lentBuffer;
        this.arena = arena;
        this.window = window;
        this.format = b.format;
        this.delimiter = b.boundary();
        this.limits = b.limits != null ? b.limits : arena.pool().limits();
        this.directRoom = Math.min(Math.min(limits.maxRecordBytes(), limits.maxDocumentBytes()),
                Math.min(4L * limits.maxObjectMembers(), 2L * limits.maxArrayElements()));
        this.resetEvery = b.resetEvery;
        this.onError = b.onError;
        this.codecs = b.codecs;
        this.owned = owned;
    }

    /** {@return a builder for JSON Lines, the pool's limits, a reset per record and no error handler} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the next record.
     *
     * @return the record's root value, valid until the next batch of records is read; or
     *     {@code null} at the end of the input
     * @throws IOException if reading the input fails or makes no progress; the reading ends
     * @throws JsonRecordException if a record cannot be read and there is no error handler (or
     *     the records have no delimiter: {@link JsonRecordFormat#CONCATENATED},
     *     {@link JsonRecordFormat#ARRAY}), or an array's punctuation is wrong; the reading ends
     * @throws IllegalStateException if the reader or its arena is closed; if another call of this
     *     method is running (from the input's read, the error handler, or another thread); or if
     *     an earlier call failed other than with a record error
     */
    public JsonValue next() throws IOException {
        Object v = advance(null);
        return v == END ? null : (JsonValue) v;
    }

    /**
     * {@link #next()}, bound to {@code type} when it is not null: {@return the record's value, or
     * {@link #END}} at the end of the input
     */
    private Object advance(java.lang.reflect.Type type) throws IOException {
        if (!STATE.compareAndSet(this, IDLE, READING)) {
            throw (state & (CLOSED | CLOSE_PENDING)) != 0 ? new IllegalStateException("record reader is closed")
                    : new IllegalStateException("record reader is in use: a record was asked for while another call reads"
                    + " one (expected: one thread at a time, and no call from the input's read, the error handler or a"
                    + " record constructor)");
        }
        try {
            if (stoppedBy != null) {
                throw new IllegalStateException("record reader stopped at an earlier failure, which may have left the"
                        + " input in the middle of a record: " + stoppedBy, stoppedBy);
            }
            return read(type);
        } catch (Throwable e) {
            done = true;
            if (stoppedBy == null && !(e instanceof JsonRecordException)) { // a record error ends the reading at a record
                stoppedBy = e;
            }
            throw e;
        } finally {
            if (!STATE.compareAndSet(this, READING, IDLE)) {
                state = CLOSED; // READING | CLOSE_PENDING: only this thread moves on from it
                closeWindow();
            }
        }
    }

    /**
     * {@link #advance} once it holds the reader. Records bound to a type are first read straight
     * from the window's bytes where they start, before the window has looked for their delimiter
     * ({@link #bindInWindow}); a record that reading does not take goes the way of every other: its
     * delimiter found, then read directly if it lies whole in the window, else parsed.
     */
    private Object read(java.lang.reflect.Type type) throws IOException {
        arena.memory();
        boolean inWindow = type != null;
        while (!done) {
            if ((state & CLOSE_PENDING) != 0) { // closed by the input's read, the error handler or another thread
                throw new IllegalStateException("record reader is closed");
            }
            if (sinceReset >= resetEvery) {
                arena.reset();
                sinceReset = 0;
            }
            if (!(format == JsonRecordFormat.ARRAY ? toElementStart() : toRecordStart())) {
                done = true;
                break;
            }
            records++;
            int at = window.position();
            long offset = window.offset(at);
            long line = window.line(at);
            boolean consumed = false;
            try {
                int seen = window.boundaryIndex() >= 0 ? window.boundaryIndex() + 1 : window.end(); // the bytes the reading below has
                Object v = inWindow ? bindInWindow(at, type) : Codecs.NOT_BOUND;
                if (v == Codecs.NOT_BOUND) {
                    window.fill();
                    window.limitParse(limits.maxRecordBytes(), JsonLimit.RECORD_BYTES, false);
                    // read directly again only if the fill brought what the first reading lacked: the
                    // record's delimiter, or (concatenated texts) more bytes
                    boolean more = delimiter == InputWindow.NO_BOUNDARY ? window.end() > seen : window.boundaryIndex() >= seen;
                    if (inWindow && more) {
                        v = bindInWindow(at, type);
                    }
                }
                if (v != Codecs.NOT_BOUND) {
                    consumed = true;
                } else {
                    JsonValue root = arena.parse(window, limits, delimiter != InputWindow.NO_BOUNDARY);
                    if (delimiter == InputWindow.NO_BOUNDARY) {
                        window.checkConsumed(window.position());
                        window.unlimit();
                    } else {
                        window.endRecord(window.position());
                    }
                    consumed = true;
                    v = type == null ? root : codecs.bind(root, type);
                }
                read++;
                sinceReset++;
                inArray = AFTER_RECORD;
                return v;
            } catch (JsonException e) {
                JsonRecordException failure = new JsonRecordException(records, line, offset, e);
                if (onError == null || delimiter == InputWindow.NO_BOUNDARY) { // no delimiter: nothing marks where a bad record ends
                    done = true;
                    throw failure;
                }
                skipped++;
                onError.accept(failure);
                if (!consumed && !window.skipRecord()) { // a record that parsed but did not bind is behind the window already
                    done = true;
                }
            }
        }
        return END;
    }

    /**
     * Binds the record that starts at {@code at} straight from the window's bytes, whether or not
     * its delimiter has been looked for: the direct reading ends where the value does (in JSON Lines, a
     * newline among its tokens gives up), and the record is taken if only whitespace follows the
     * value up to its delimiter, or to the end of the input, within the record limit (a record of
     * concatenated texts, which have no delimiter, is taken where its value ends, unless that is the
     * end of the bytes read and more may come); it is then consumed. {@return the value, or {@link Codecs#NOT_BOUND}}, nothing consumed, when the
     * reading gave up, something else follows the value (the document reports it), or the window
     * ends before the delimiter (the record may go on). A value bound and then not taken is read
     * again the way every record goes, its record constructors called again, as for any input the
     * direct reading gives up on.
     */
    private Object bindInWindow(int at, java.lang.reflect.Type type) {
        int known = window.boundaryIndex(); // a delimiter found by a parse of the record before, or -1
        int dataEnd = window.end(); // that delimiter, else the end of the bytes read
        int[] ends = valueEnds;
        Object v = arena.bindDirect(window.buffer(), at, (int) Math.min(dataEnd - at, directRoom), limits, codecs, type,
                InputKind.RECORD, format == JsonRecordFormat.LINES ? Codecs.LINE_VALUE : Codecs.VALUE, ends);
        if (v == Codecs.NOT_BOUND) {
            return v;
        }
        byte[] b = window.buffer();
        int valueEnd = ends[1];
        int e = valueEnd;
        while (e < dataEnd && isSpace(b[e])) {
            e++;
        }
        if (delimiter == InputWindow.NO_BOUNDARY) { // concatenated texts, an array's elements: the record is its value
            if (valueEnd - at > limits.maxRecordBytes() || e == dataEnd && !window.sourceEnded()) {
                return Codecs.NOT_BOUND; // past the limit, or a number that may go on in bytes not read yet
            }
            window.advanceLines(valueEnd, ends[2], ends[3], false); // the reading counted the value's newlines
            window.endRecord(valueEnd);
            return v;
        }
        if (e - at > limits.maxRecordBytes()) {
            return Codecs.NOT_BOUND;
        }
        if (e < dataEnd) {
            if (known >= 0 || (b[e] & 0xFF) != delimiter) {
                return Codecs.NOT_BOUND;
            }
            window.recordEndsAt(e);
        } else if (known < 0 && !window.sourceEnded()) {
            return Codecs.NOT_BOUND;
        }
        window.advanceLines(valueEnd, ends[2], ends[3], false); // the reading counted the value's newlines (JSON Lines: none)
        window.endRecord(e);
        return v;
    }

    /**
     * Moves the window to the first byte of the next record, skipping whitespace and empty records,
     * without looking for the record's delimiter past it (the window reads only when it has no
     * byte left); {@return false at the end of the input}
     */
    private boolean toRecordStart() throws IOException {
        for (;;) {
            int p = skipSpaces();
            byte[] b = window.buffer();
            int end = window.end();
            boolean known = window.boundaryIndex() >= 0; // found by the parse of a record that ended before it
            if (known ? p == end : p < end && (b[p] & 0xFF) == delimiter) { // an empty line or sequence, or the spaces after a record
                if (!known) {
                    window.recordEndsAt(p);
                }
                window.endRecord(p);
            } else if (p < end) {
                return true;
            } else if (!window.sourceEnded()) {
                window.refill(p, -1);
            } else {
                return false;
            }
        }
    }

    /**
     * {@link #toRecordStart} for the elements of one array: moves past the array's punctuation
     * (its '[' and a byte order mark before it, a ',' between records, its ']', whitespace
     * anywhere) to the first byte of the next record; {@return false} at the end of the input
     * after the ']'. After a ',' whatever comes is a record's start (a ']' there fails as the
     * record's parse error).
     *
     * @throws JsonRecordException if the punctuation is wrong, as the record that would come next
     */
    private boolean toElementStart() throws IOException {
        for (;;) {
            int p = skipSpaces();
            byte[] b = window.buffer();
            int end = window.end();
            if (p == end || inArray == BEFORE_ARRAY && (b[p] & 0xFF) == 0xEF && end - p < 3) {
                if (!window.sourceEnded()) {
                    window.refill(p, -1);
                    continue;
                }
                if (p == end && inArray == ARRAY_CLOSED) {
                    return false;
                }
            }
            int c = p < end ? b[p] & 0xFF : -1;
            switch (inArray) {
                case BEFORE_ARRAY -> {
                    if (c == '[') {
                        inArray = ARRAY_OPENED;
                    } else if (window.offset(p) == 0 && limits.allowByteOrderMark() && Utf8.byteOrderMarkAt(b, p, end)) {
                        window.position(p + 3);
                        continue;
                    } else {
                        throw misplaced(p, "'[' (records as the elements of one array)");
                    }
                }
                case ARRAY_OPENED -> {
                    if (c == -1) {
                        throw misplaced(p, "a record or ']'");
                    } else if (c != ']') {
                        return true;
                    }
                    inArray = ARRAY_CLOSED;
                }
                case AFTER_RECORD -> {
                    if (c == ',') {
                        inArray = AFTER_COMMA;
                    } else if (c == ']') {
                        inArray = ARRAY_CLOSED;
                    } else {
                        throw misplaced(p, "',' or ']' after a record of the array");
                    }
                }
                case AFTER_COMMA -> {
                    if (c == -1) {
                        throw misplaced(p, "a record after ','");
                    }
                    return true;
                }
                default -> throw misplaced(p, "the end of the input after the array's ']'");
            }
            window.position(p + 1);
        }
    }

    /**
     * {@return the error of a byte of an array's punctuation, at buffer index {@code at}, that is
     * not {@code expected}} (or of the end of the input there), as the record that would come
     * next; thrown, it ends the reading as every record error of an array does
     */
    private JsonRecordException misplaced(int at, String expected) {
        long offset = window.offset(at);
        long line = window.line(at);
        return new JsonRecordException(records + 1, line, offset, Errors.inWindow(window.buffer(), window.first(),
                window.end(), at, expected, offset, line, window.column(at)));
    }

    /** Moves the window past the whitespace at its position (what the window holds, no read); {@return the new position} */
    private int skipSpaces() {
        byte[] b = window.buffer();
        int p = window.position();
        int end = window.end();
        while (p < end && isSpace(b[p])) {
            p++;
        }
        window.position(p);
        return p;
    }

    private boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\r' || (c == '\n' && format != JsonRecordFormat.LINES);
    }

    /** {@return how many records were returned so far} */
    public long recordsRead() {
        return read;
    }

    /** {@return how many bad records were reported to the error handler and skipped} */
    public long recordsSkipped() {
        return skipped;
    }

    /** {@return how many bytes of the input were consumed: every record returned or skipped, and what separates them} */
    public long bytesRead() {
        return window.offset(window.position());
    }

    /**
     * {@return an iterator over the records left}: {@code hasNext} reads the next record ahead
     * (ending the previous batch's views when a reset is due); an {@link IOException} is thrown as
     * {@link UncheckedIOException}. One iterator per reader.
     *
     * @throws IllegalStateException if an iterator was taken already
     */
    @Override
    public Iterator<JsonValue> iterator() {
        return records(null);
    }

    /**
     * {@return the records left, each bound to {@code type}} by the builder's
     * {@linkplain Builder#codecs codecs}, for a for-each loop:
     *
     * {@snippet :
     * for (LogRecord r : records.as(LogRecord.class)) {
     *     count(r.level());
     * }
     * }
     *
     * <p>A record that lies whole in the reader's window is read straight into the type when it
     * can be, as
     * {@link JsonArena#parse(byte[], Class)} reads a {@code byte[]}: no document in the arena; any
     * other is parsed into the arena and bound from its document. Either way the values and errors
     * are the same: a record that does not fit the type is a {@link JsonRecordException} whose
     * cause is the {@link JsonBindException}, skipped like any bad record when there is an error
     * handler. A {@link JsonValue} inside a bound record is a view of the arena, valid until the
     * next batch of records is read.
     *
     * <p>{@code hasNext} reads and binds the next record ahead; an {@link IOException} is thrown as
     * {@link UncheckedIOException}; a record that is JSON {@code null} gives a {@code null}
     * element. One iterator per reader, whichever method gave it.
     *
     * @param <T> the type
     * @param type the class to bind each record to (see {@link JsonCodecs})
     * @throws IllegalStateException if an iterator was taken already
     * @throws IllegalArgumentException if {@code type} is not bindable
     * @throws NullPointerException if {@code type} is null
     */
    public <T> Iterable<T> as(Class<T> type) {
        Objects.requireNonNull(type, "type");
        return once(records(type));
    }

    /**
     * {@link #as(Class)} for a generic type, e.g. {@code new JsonTypeRef<Map<String, Object>>() {}}.
     *
     * @param <T> the type
     * @param type the type to bind each record to
     * @return the records left, each bound to {@code type}
     * @throws IllegalStateException if an iterator was taken already
     * @throws IllegalArgumentException if {@code type} is not bindable
     * @throws NullPointerException if {@code type} is null
     */
    public <T> Iterable<T> as(JsonTypeRef<T> type) {
        Objects.requireNonNull(type, "type");
        return once(records(type.type()));
    }

    /** {@return an {@code Iterable} that gives {@code records} to its first {@code iterator()} call and refuses later ones} */
    private static <T> Iterable<T> once(Iterator<T> records) {
        boolean[] taken = {false};
        return () -> {
            if (taken[0]) {
                throw new IllegalStateException("a record reader is iterated once (expected: one iterator)");
            }
            taken[0] = true;
            return records;
        };
    }

    /**
     * {@return the one iterator of this reader}, over its records bound to {@code type}, or over
     * their values when it is null
     */
    private <T> Iterator<T> records(java.lang.reflect.Type type) {
        if (type != null) {
            codecs.requireBindable(type);
        }
        if (iterating) {
            throw new IllegalStateException("a record reader is iterated once (expected: one iterator)");
        }
        iterating = true;
        return new Iterator<>() {
            private Object ahead = NOT_READ;

            @Override
            public boolean hasNext() {
                if (ahead == NOT_READ) {
                    try {
                        ahead = advance(type);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return ahead != END;
            }

            @Override
            @SuppressWarnings("unchecked") // the value advance(type) bound to type, or a JsonValue
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("no more records");
                }
                Object v = ahead;
                ahead = NOT_READ;
                return (T) v;
            }
        };
    }

    /**
     * Ends the reading and closes what the reader opened itself (the file of
     * {@link Builder#open(JsonArena, Path)}); the caller's stream, channel and arena stay open.
     * Closing a closed reader does nothing. A call of {@link #next()} that is running meanwhile
     * (this close comes from its input's read, from its error handler, or from another thread)
     * returns the record it is reading, if it is inside one, else throws
     * {@link IllegalStateException}; so does every later call.
     *
     * @throws IOException if closing the file fails
     */
    @Override
    public void close() throws IOException {
        for (;;) {
            int s = state;
            if ((s & (CLOSED | CLOSE_PENDING)) != 0) {
                return;
            }
            if (s == READING) {
                if (STATE.compareAndSet(this, READING, READING | CLOSE_PENDING)) {
                    break; // the running next() lets go of the window
                }
            } else if (STATE.compareAndSet(this, IDLE, CLOSED)) {
                closeWindow();
                break;
            }
        }
        if (owned != null) {
            try {
                owned.close();
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e);
            }
        }
    }

    /** Closes the window (wiping what the input put in it) and gives back the array the reader took for it, if it did. */
    private void closeWindow() {
        window.close();
        if (lentBuffer != null) {
            WindowBuffers.give(lentBuffer);
        }
    }

    @Override
    public String toString() {
        return "JsonRecordReader[" + format + ", read=" + read + ", skipped=" + skipped + "]";
    }

    /** Configures and opens a {@link JsonRecordReader}. Not thread-safe. */
    public static final class Builder {
        private JsonRecordFormat format = JsonRecordFormat.LINES;
        private JsonLimits limits;
        private int resetEvery = 1;
        private Consumer<? super JsonRecordException> onError;
        private JsonCodecs codecs = JsonCodecs.defaults();

        private Builder() {}

        /**
         * Sets how records are delimited; {@link JsonRecordFormat#LINES} by default.
         *
         * @param format the format
         * @return this builder
         * @throws NullPointerException if {@code format} is null
         */
        public Builder format(JsonRecordFormat format) {
            this.format = Objects.requireNonNull(format, "format");
            return this;
        }

        /**
         * Sets the limits of each record; by default the arena's pool's.
         *
         * @param limits the limits ({@link JsonLimits#maxRecordBytes()} bounds a record's bytes)
         * @return this builder
         * @throws NullPointerException if {@code limits} is null
         */
        public Builder limits(JsonLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * Sets how many records share the arena between resets: 1 (the default) resets it before
         * each record but the first, so memory is bounded by the largest record; more keeps a
         * batch's views valid together, for the cost of the batch's memory.
         *
         * @param records records per reset, at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code records < 1}
         */
        public Builder resetEvery(int records) {
            if (records < 1) {
                throw new IllegalArgumentException("resetEvery: " + records + " (expected: >= 1)");
            }
            this.resetEvery = records;
            return this;
        }

        /**
         * Makes the reader skip bad records, handing each one's exception to {@code handler} and
         * going on (except for {@link JsonRecordFormat#CONCATENATED} and {@link JsonRecordFormat#ARRAY},
         * where nothing marks a bad record's end and it ends the reading). Without a handler, the
         * first bad record is thrown.
         *
         * @param handler called with each bad record, on the reading thread
         * @return this builder
         * @throws NullPointerException if {@code handler} is null
         */
        public Builder onError(Consumer<? super JsonRecordException> handler) {
            this.onError = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /**
         * Sets the codecs that {@link JsonRecordReader#as(Class)} binds records with;
         * {@link JsonCodecs#defaults()} by default.
         *
         * @param codecs the codecs (their options: unknown members, missing primitives)
         * @return this builder
         * @throws NullPointerException if {@code codecs} is null
         */
        public Builder codecs(JsonCodecs codecs) {
            this.codecs = Objects.requireNonNull(codecs, "codecs");
            return this;
        }

        /**
         * Opens a reader of {@code in}, read a window at a time.
         *
         * @param arena the arena records are parsed into (and reset)
         * @param in the input; read to its end, never closed by the reader
         * @return the reader
         * @throws NullPointerException if an argument is null
         * @throws IllegalStateException if {@code arena} is closed
         */
        public JsonRecordReader open(JsonArena arena, InputStream in) {
            Objects.requireNonNull(in, "in");
            return open(arena, new StreamSource(in, -1), null);
        }

        /**
         * Opens a reader of {@code channel}, read a window at a time into a heap buffer.
         *
         * @param arena the arena records are parsed into (and reset)
         * @param channel the input, a blocking channel; read to its end, never closed by the reader
         * @return the reader
         * @throws IOException if the size of a file channel cannot be read
         * @throws IllegalArgumentException if the channel is in non-blocking mode
         * @throws NullPointerException if an argument is null
         * @throws IllegalStateException if {@code arena} is closed
         */
        public JsonRecordReader open(JsonArena arena, ReadableByteChannel channel) throws IOException {
            Objects.requireNonNull(channel, "channel");
            if (channel instanceof SelectableChannel sc && !sc.isBlocking()) {
                throw new IllegalArgumentException("channel: " + channel + " is non-blocking (expected: a blocking channel)");
            }
            long hint = channel instanceof FileChannel fc ? Math.max(0, fc.size() - fc.position()) : -1;
            return open(arena, new ChannelSource(channel, hint), null);
        }

        /**
         * Opens a reader of the file at {@code path} (or a pipe, {@code /dev/stdin}, any file that
         * can be read as a stream); {@link JsonRecordReader#close()} closes it.
         *
         * @param arena the arena records are parsed into (and reset)
         * @param path the file
         * @return the reader
         * @throws IOException if the file cannot be opened, or is a directory
         * @throws NullPointerException if an argument is null
         * @throws IllegalStateException if {@code arena} is closed
         */
        public JsonRecordReader open(JsonArena arena, Path path) throws IOException {
            Objects.requireNonNull(arena, "arena").memory();
            FileChannel fc = JsonArena.openFile(Objects.requireNonNull(path, "path"), Long.MAX_VALUE);
            try {
                return open(arena, new ChannelSource(fc, fc.size()), fc);
            } catch (RuntimeException e) {
                fc.close();
                throw e;
            }
        }

        /**
         * Opens a reader of {@code input}, read in place (not copied).
         *
         * @param arena the arena records are parsed into (and reset)
         * @param input the records; must not change while the reader is used
         * @return the reader
         * @throws NullPointerException if an argument is null
         * @throws IllegalStateException if {@code arena} is closed
         */
        public JsonRecordReader open(JsonArena arena, byte[] input) {
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(arena, "arena").memory();
            return new JsonRecordReader(this, arena, new InputWindow(input, 0, input.length, boundary()), null, null);
        }

        private JsonRecordReader open(JsonArena arena, ByteSource source, AutoCloseable owned) {
            Objects.requireNonNull(arena, "arena").memory();
            JsonLimits l = limits != null ? limits : arena.pool().limits();
            int need = 2 * (l.maxNumberChars() + 64);
            byte[] lent = need <= InputWindow.WINDOW_BYTES ? WindowBuffers.take() : null;
            byte[] buffer = lent != null ? lent : new byte[need];
            return new JsonRecordReader(this, arena, new InputWindow(source, buffer, boundary()), owned, lent);
        }

        private int boundary() {
            return switch (format) {
                case LINES -> '\n';
                case SEQUENCE -> 0x1E;
                case CONCATENATED, ARRAY -> InputWindow.NO_BOUNDARY;
            };
        }
    }
}
