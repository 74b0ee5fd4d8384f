package dev.jsonarena;

import dev.jsonarena.bind.Codecs;
import dev.jsonarena.events.InputKind;
import dev.jsonarena.events.Jfr;
import dev.jsonarena.events.ParseEvent;
import dev.jsonarena.input.ByteSource;
import dev.jsonarena.input.ChannelSource;
import dev.jsonarena.input.InputWindow;
import dev.jsonarena.input.StreamSource;
import dev.jsonarena.memory.ArenaMemory;
import dev.jsonarena.tape.Document;
import dev.jsonarena.tape.Documents;
import dev.jsonarena.tape.Errors;
import dev.jsonarena.tape.Parser;
import dev.jsonarena.tape.ParserCache;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SelectableChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * The memory of one request: everything parsed into it lives in native memory taken from a
 * {@link JsonPool}, and {@link #close()} gives all of it back in one bulk free.
 *
 * {@snippet :
 * try (JsonArena arena = JsonArena.open()) {       // from the default pool
 *     // parse the request body into the arena, read it through views
 * }                                                // one bulk free; every view is now dead
 * }
 *
 * <p><b>Lifetime.</b> Views read from an arena are valid until the arena is {@linkplain #reset()
 * reset} or {@linkplain #close() closed}; after that, every method of a view throws
 * {@link IllegalStateException}, even once the memory belongs to another request.
 *
 * <p><b>Parsing.</b> The {@code parse} methods read one JSON text (RFC 8259, strictly: see
 * {@code docs/tape.md}) into the arena and return its root value. Each has an overload taking
 * {@link JsonLimits}; the others use the {@linkplain JsonPool#limits() pool's limits}. A parse that
 * fails throws a {@link JsonException} ({@link JsonParseException}, {@link JsonLimitException},
 * {@link JsonBudgetExceededException} or {@link JsonPoolExhaustedException}) and leaves nothing
 * behind: the memory it took is free again for the arena's next allocation, and no part of the
 * document is visible. Several documents may be parsed into one arena; all stay valid until the
 * reset or close. In steady state (an arena reused through {@link #reset()}) a parse of a
 * {@code byte[]} or a heap {@link ByteBuffer} allocates only its root {@link JsonValue} on the heap.
 * The decoder reads byte arrays: a {@code byte[]} in place, and every other input (native memory,
 * a direct buffer, a stream, a channel, a file) through a heap window of
 * 64 KiB that the decoder reuses and refills, and wipes of the parse's input when the parse ends,
 * so no parse takes heap in proportion to its input (see {@code docs/memory.md}).
 *
 * <p><b>Budget.</b> An arena may hold at most its budget of pool memory; an allocation that would
 * pass it throws {@link JsonBudgetExceededException}, and the arena stays usable.
 *
 * <p>Thread-safety: not thread-safe, except {@link #close()}. Use an arena from one thread at a
 * time; it may be handed to another thread (through an executor, a queue or any other
 * happens-before edge). It is not confined to the thread that opened it. {@link #close()} is safe
 * from any thread at any time. Misuse fails locally: a parse or reset that starts while another
 * runs (on another thread, or from the input's own read calls) throws
 * {@link IllegalStateException} at once.
 */
public final class JsonArena implements AutoCloseable {
    /*
     * Implementation notes.
     *
     * `state` makes close atomic and detects concurrent use with one compare-and-set per parse or
     * reset: IDLE -> BUSY while a parse or reset runs (a second one, from any thread, finds BUSY
     * and fails at once), BUSY -> IDLE after it. close() moves IDLE -> CLOSED and frees; it finds
     * BUSY, it moves BUSY -> BUSY|CLOSE_PENDING and returns, and the thread that holds BUSY frees
     * the memory when it ends (and fails its parse), so memory goes back to the pool exactly once
     * and never while a parse writes into it. The winner of the transition to CLOSED is the only
     * one that touches the memory afterwards.
     *
     * Every parse is a `dev.jsonarena.Parse` Flight Recorder event when a recording wants it: the
     * event begins after the claim and is committed before the unclaim (which may free the memory,
     * and whose close-during-parse failure is not the parse's outcome). Without a recording the
     * only cost is the static read of Jfr.initialized(), checked at each call site so that the JIT
     * inlines it (a call whose signature names the unloaded ParseEvent is not); ParseEvent is not
     * even loaded.
     */
    private static final int IDLE = 0;
    private static final int BUSY = 1;
    private static final int CLOSE_PENDING = 2;
    private static final int CLOSED = 4;
    /** A reader holds the arena for a moment to build a lazy index in it (see {@link #HOLDS}). */
    private static final int READ = 8;
    private static final VarHandle STATE;
    /**
     * The arena memory a parse of {@code n} bytes may take is below {@code DIRECT_BYTES_PER_BYTE * n
     * + DIRECT_BYTES} (tape words, strings and key table, with room to spare): a budget with that
     * much left could not have refused it, so the bind may read the bytes directly.
     */
    private static final long DIRECT_BYTES_PER_BYTE = 64;
    private static final long DIRECT_BYTES = 1 << 20;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(JsonArena.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final JsonPool pool;
    /** The memory; written once, before the arena is published, and read only while not CLOSED. */
    private final ArenaMemory memory;
    @SuppressWarnings("unused") // through STATE
    private volatile int state;
    /** How many resets this arena has had, the ones with nothing to end included: a direct bind compares it before and after. */
    private int resets;

    JsonArena(JsonPool pool, ArenaMemory memory) {
        this.pool = pool;
        this.memory = memory;
        memory.own(this, HOLDS);
    }

    /**
     * A view's read that builds a lazy index holds the arena while it allocates and writes it
     * (IDLE to READ and back): a close meanwhile is deferred to the release, as during a parse, and
     * a parse or reset waits the few microseconds the build takes instead of failing.
     */
    private static final ArenaMemory.Holds HOLDS = new ArenaMemory.Holds() {
        @Override
        public boolean tryHold(Object owner) {
            return STATE.compareAndSet((JsonArena) owner, IDLE, READ);
        }

        @Override
        public void release(Object owner) {
            JsonArena a = (JsonArena) owner;
            if (!STATE.compareAndSet(a, READ, IDLE)) {
                a.state = CLOSED; // READ | CLOSE_PENDING: only this thread moves on from it
                a.memory.close();
            }
        }
    };

    /**
     * Opens an arena from the {@linkplain JsonPool#defaultPool() default pool}.
     *
     * @return a new open arena
     * @throws IllegalArgumentException if the default pool cannot be created because a system
     *     property that configures it is invalid (see {@link JsonPool#defaultPool()})
     */
    public static JsonArena open() {
        return JsonPool.defaultPool().openArena();
    }

    /** {@return the pool this arena takes its memory from} */
    public JsonPool pool() {
        return pool;
    }

    /** {@return whether this arena is open (not closed, nor being closed)} */
    public boolean isOpen() {
        return (state & (CLOSED | CLOSE_PENDING)) == 0;
    }

    /**
     * {@return the bytes of pool memory this arena holds}
     *
     * @throws IllegalStateException if closed
     */
    public long bytesReserved() {
        return memory().reserved();
    }

    /**
     * {@return this arena's budget in bytes, {@link Long#MAX_VALUE} if none}
     *
     * @throws IllegalStateException if closed
     */
    public long budget() {
        return memory().budget();
    }

    /**
     * Ends every view of this arena and makes its memory reusable for the next record, keeping the
     * memory itself (no return to the pool). An arena that has allocated nothing since it opened
     * or was last reset (every request since bound directly, say) has nothing to end: its reset
     * returns at once.
     *
     * @throws IllegalStateException if closed, or if a parse or reset of this arena is running (on
     *     this thread, from a callback, or on another)
     */
    public void reset() {
        resets++;
        // nothing allocated since the last reset: no view or memory to end. Read after the state,
        // so a claim that allocated and has ended is seen; a close racing with it frees the memory
        // after this no-op, as if it came after the reset
        if (state == IDLE && memory.isFresh()) {
            return;
        }
        ArenaMemory m = claim();
        try {
            m.reset();
        } finally {
            unclaim(m);
        }
    }

    /**
     * Ends every view of this arena and returns all of its memory to the pool in one bulk free, in
     * time proportional to the number of blocks it holds. Closing a closed arena does nothing.
     *
     * <p>Safe from any thread, also concurrently with itself and with a parse (a watchdog closing a
     * request that runs too long): exactly one call frees the memory. If a parse or reset is
     * running, the memory is freed by that thread when it has stopped touching it, and the parse
     * fails with {@link IllegalStateException}; this method returns at once.
     */
    @Override
    public void close() {
        for (;;) {
            int s = state;
            if ((s & (CLOSED | CLOSE_PENDING)) != 0) {
                return;
            }
            if (s == BUSY || s == READ) {
                if (STATE.compareAndSet(this, s, s | CLOSE_PENDING)) {
                    memory.requestClose();
                    return;
                }
            } else if (STATE.compareAndSet(this, IDLE, CLOSED)) {
                memory.close();
                return;
            }
        }
    }

    /**
     * {@return the open arena's memory}, for checks; a parse or reset takes it through
     * {@link #claim()}
     *
     * @throws IllegalStateException if closed
     */
    ArenaMemory memory() {
        if ((state & (CLOSED | CLOSE_PENDING)) != 0) {
            throw new IllegalStateException("arena is closed");
        }
        return memory;
    }

    /**
     * Claims the arena for one parse or reset. {@return its memory}
     *
     * @throws IllegalStateException if closed, or claimed already (concurrent or reentrant use)
     */
    private ArenaMemory claim() {
        while (!STATE.compareAndSet(this, IDLE, BUSY)) {
            int s = state;
            if (s == READ || s == IDLE) { // a read holds it to cache an index or a name (microseconds), or just let go
                Thread.onSpinWait();
                continue;
            }
            throw (s & (CLOSED | CLOSE_PENDING)) != 0 ? new IllegalStateException("arena is closed")
                    : new IllegalStateException("arena is in use: a parse or reset of it is running (expected: one"
                    + " thread at a time, and no use of the arena from the input's own read calls)");
        }
        return memory;
    }

    /**
     * Ends a claim. {@return false if a close came meanwhile: the memory has been freed now, and
     * nothing of the parse is valid}
     */
    private boolean unclaim(ArenaMemory m) {
        if (STATE.compareAndSet(this, BUSY, IDLE)) {
            return true;
        }
        state = CLOSED; // BUSY | CLOSE_PENDING: only this thread moves on from it
        m.close();
        return false;
    }

    private static IllegalStateException closedDuringParse() {
        return new IllegalStateException("arena was closed during the parse (by another thread, or by the"
                + " input's read calls); the memory is back in the pool");
    }

    // ---- parsing ----

    /**
     * Parses a JSON text with the pool's limits.
     *
     * @param json the UTF-8 input; read, never written or kept
     * @return the root value
     * @throws JsonParseException if {@code json} is not one JSON text
     * @throws JsonLimitException if it passes one of the pool's limits
     * @throws JsonBudgetExceededException if the arena's budget is exhausted
     * @throws JsonPoolExhaustedException if the pool is at its cap
     * @throws NullPointerException if {@code json} is null
     * @throws IllegalStateException if this arena is closed
     */
    public JsonValue parse(byte[] json) {
        return parse(json, pool.limits());
    }

    /**
     * Parses a JSON text with the pool's limits and binds it to {@code type} with
     * {@link JsonCodecs#defaults()}. A {@link JsonValue} inside the result is a view of this arena.
     *
     * <p>When it can, the bytes are read straight into the result, with no document in this arena
     * and no arena memory taken; otherwise (and for every error) they are parsed into the arena and
     * the document is bound. Both give the same value and the same exceptions; see
     * {@code docs/binding.md}, "Direct reading of a byte[]". A record constructor that resets or
     * closes this arena during the call fails it with {@link IllegalStateException}.
     *
     * @param <T> the type
     * @param json the UTF-8 input; read, never written or kept
     * @param type the class to bind to (see {@link JsonCodecs})
     * @return the bound value; {@code null} for a JSON {@code null} into a reference type
     * @throws JsonParseException if {@code json} is not one JSON text
     * @throws JsonLimitException if it passes one of the pool's limits
     * @throws JsonBindException if the document does not fit the type
     * @throws JsonBudgetExceededException if the arena's budget is exhausted
     * @throws JsonPoolExhaustedException if the pool is at its cap
     * @throws IllegalArgumentException if {@code type} is not bindable
     * @throws NullPointerException if an argument is null
     * @throws IllegalStateException if this arena is closed
     */
    public <T> T parse(byte[] json, Class<T> type) {
        Objects.requireNonNull(json, "json");
        return type.cast(bind(json, 0, json.length, type));
    }

    /**
     * Parses the JSON text in {@code json[offset, offset + length)} with the pool's limits and
     * binds it to {@code type} with {@link JsonCodecs#defaults()}; no byte outside that range is
     * read. Error offsets count from {@code offset}. A {@link JsonValue} inside the result is a
     * view of this arena.
     *
     * @param <T> the type
     * @param json the UTF-8 input; read, never written or kept
     * @param offset where the text starts
     * @param length its length in bytes
     * @param type the class to bind to (see {@link JsonCodecs})
     * @return the bound value; {@code null} for a JSON {@code null} into a reference type
     * @throws IndexOutOfBoundsException if the range is not inside {@code json}
     * @throws JsonParseException if the range is not one JSON text
     * @throws JsonLimitException if it passes one of the pool's limits
     * @throws JsonBindException if the document does not fit the type
     * @throws JsonBudgetExceededException if the arena's budget is exhausted
     * @throws JsonPoolExhaustedException if the pool is at its cap
     * @throws IllegalArgumentException if {@code type} is not bindable
     * @throws NullPointerException if an argument is null
     * @throws IllegalStateException if this arena is closed
     */
    public <T> T parse(byte[] json, int offset, int length, Class<T> type) {
        Objects.requireNonNull(json, "json");
        Objects.checkFromIndexSize(offset, length, json.length);
        return type.cast(bind(json, offset, length, type));
    }

    /**
     * Parses a JSON text with the pool's limits and binds it to a generic type with
     * {@link JsonCodecs#defaults()}. A {@link JsonValue} inside the result is a view of this arena.
     *
     * @param <T> the type
     * @param json the UTF-8 input; read, never written or kept
     * @param type the type to bind to, e.g. {@code new JsonTypeRef<List<Order>>() {}}
     * @return the bound value; {@code null} for a JSON {@code null} into a reference type
     * @throws JsonParseException if {@code json} is not one JSON text
     * @throws JsonLimitException if it passes one of the pool's limits
     * @throws JsonBindException if the document does not fit the type
     * @throws JsonBudgetExceededException if the arena's budget is exhausted
     * @throws JsonPoolExhaustedException if the pool is at its cap
     * @throws IllegalArgumentException if {@code type} is not bindable
     * @throws NullPointerException if an argument is null
     * @throws IllegalStateException if this arena is closed
     */
    @SuppressWarnings("unchecked")
    public <T> T parse(byte[] json, JsonTypeRef<T> type) {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(type, "type");
        return (T) bind(json, 0, json.length, type.type());
    }

    /**
     * Binds {@code json[offset, offset + length)} to {@code type} with the default codecs: read
     * directly, without a document in this arena, when the codecs can (see
     * {@link dev.jsonarena.bind.Codecs#bindBytes}); else parsed into this arena and bound from the
     * document, which also reports every error. The direct reading takes no arena memory, so it is
     * tried only while the budget could not have refused the document's parse either. A bind
     * during which the arena is reset or closed (by the record constructors it calls, or another
     * thread) fails either way, as the document it would have read is gone.
     */
    private Object bind(byte[] json, int offset, int length, java.lang.reflect.Type type) {
        Objects.requireNonNull(type, "type");
        JsonCodecs codecs = JsonCodecs.defaults();
        Object v = bindDirect(json, offset, length, pool.limits(), codecs, type, InputKind.BYTES);
        if (v != Codecs.NOT_BOUND) {
            return v;
        }
        JsonValue root = parse(json, offset, length, pool.limits());
        return codecs.bind(root, type);
    }

    /**
     * {@return {@code json[offset, offset + length)} bound to {@code type} by {@code codecs} without
     * a document in this arena, or {@link Codecs#NOT_BOUND}} when the direct reading was not tried
     * (the arena is in use, or its budget could have refused the document's parse) or gave up; the
     * caller then parses the bytes into a document, which also reports every error. The direct
     * reading takes no arena memory, so it is tried only while the budget could not have refused the
     * parse either. A bind during which the arena is reset or closed (by the record constructors it
     * calls, or another thread) fails, as the document it would have read is gone.
     *
     * @throws IllegalStateException if the arena was reset or closed during the bind
     */
    Object bindDirect(byte[] json, int offset, int length, JsonLimits limits, JsonCodecs codecs,
            java.lang.reflect.Type type, String kind) {
        return bindDirect(json, offset, length, limits, codecs, type, kind, Codecs.WHOLE, null);
    }

    /**
     * {@link #bindDirect(byte[], int, int, JsonLimits, JsonCodecs, java.lang.reflect.Type, String)}
     * of a value of the given extent ({@link Codecs#bindBytes(byte[], int, int, JsonLimits,
     * java.lang.reflect.Type, int[], boolean, int)}): for {@link Codecs#VALUE} and
     * {@link Codecs#LINE_VALUE}, {@code ends} (four ints) receives the index just past the value at
     * index 1, the newlines between its tokens at 2 and the index just past the last at 3; the
     * budget is then checked against the value read, whose length is known only then (a value it
     * refuses is not returned, its record constructors having run).
     */
    Object bindDirect(byte[] json, int offset, int length, JsonLimits limits, JsonCodecs codecs,
            java.lang.reflect.Type type, String kind, int extent, int[] ends) {
        ArenaMemory m = memory;
        if (state != IDLE || extent == Codecs.WHOLE && !budgetAllowsParse(m, length)) {
            return Codecs.NOT_BOUND;
        }
        ParseEvent event = Jfr.initialized() ? Jfr.beginParse(pool.name(), kind) : null;
        int[] tokens = ends != null ? ends : event != null ? new int[1] : null;
        long epoch = m.epoch();
        int resetsBefore = resets;
        Object v = codecs.bindBytes(json, offset, length, limits, type, tokens, extent);
        if (v == Codecs.NOT_BOUND) {
            return v;
        }
        // a record constructor (or another thread) reset or closed the arena: fail as a bind from its document does
        IllegalStateException gone = state != IDLE || m.epoch() != epoch || resets != resetsBefore
                ? new IllegalStateException("arena was reset or closed during the bind (by a record constructor"
                        + " or another thread); the value is not returned")
                : null;
        if (gone == null && extent != Codecs.WHOLE && !budgetAllowsParse(m, tokens[1] - offset)) {
            return Codecs.NOT_BOUND; // a value the budget could have refused: its document decides
        }
        if (event != null) {
            event.finish(extent == Codecs.WHOLE ? length : tokens[1] - offset, tokens[0], 0, gone);
        }
        if (gone != null) {
            throw gone;
        }
        return v;
    }

    /** {@return whether the budget of {@code m} could not have refused a parse of {@code length} bytes}: then they may be read directly */
    private static boolean budgetAllowsParse(ArenaMemory m, long length) {
        return m.budget() == Long.MAX_VALUE || m.budget() - m.reserved() >= DIRECT_BYTES_PER_BYTE * length + DIRECT_BYTES;
    }

    /**
     * Parses the JSON text {@code in} holds up to its end, with the pool's limits (as
     * {@link #parse(InputStream)}), and binds it to {@code type} with {@link JsonCodecs#defaults()}.
     * A text that ends within the 64 KiB window it is read through (most request bodies) is read
     * straight into the type when the codecs can, as {@link #parse(byte[], Class)} reads a
     * {@code byte[]}: no document in this arena; any other is parsed into this arena and bound from
     * its document. The values and errors are the same either way.
     *
     * @param <T> the type
     * @param in the UTF-8 input; read to its end, not closed
     * @param type the class to bind to (see {@link JsonCodecs})
     * @return the bound value; {@code null} for a JSON {@code null} into a reference type
     * @throws IOException if reading fails
     * @throws JsonParseException if the bytes are not one JSON text
     * @throws JsonLimitException if they pass one of the pool's limits
     * @throws JsonBindException if the document does not fit the type
     * @throws JsonBudgetExceededException if the arena's budget is exhausted
     * @throws JsonPoolExhaustedException if the pool is at its cap
     * @throws IllegalArgumentException if {@code type} is not bindable (then {@code in} is not read)
     * @throws NullPointerException if an argument is null
     * @throws IllegalStateException if this arena is closed, or is reset or closed while
     *     {@code in} is read, or while the value is bound (by a record constructor)
     */
    @SuppressWarnings("unchecked") // the value bound to type; a primitive class binds to its box
    public <T> T parse(InputStream in, Class<T> type) throws IOException {
        Objects.requireNonNull(type, "type");
        return (T) bind(in, type);
    }

    /**
     * {@link #parse(InputStream, Class)} for a generic type, e.g. a body that is an array of orders.
     *
     * @param <T> the type
     * @param in the UTF-8 input; read to its end, not closed
     * @param type the type to bind to, e.g. {@code new JsonTypeRef<List<Order>>() {}}
     * @return the bound value; {@code null} for a JSON {@code null} into a reference type
     * @throws IOException if reading fails
     * @throws JsonParseException if the bytes are not one JSON text
     * @throws JsonLimitException if they pass one of the pool's limits
     * @throws JsonBindException if the document does not fit the type
     * @throws JsonBudgetExceededException if the arena's budget is exhausted
     * @throws JsonPoolExhaustedException if the pool is at its cap
     * @throws IllegalArgumentException if {@code type} is not bindable (then {@code in} is not read)
     * @throws NullPointerException if an argument is null
     * @throws IllegalStateException if this arena is closed, or is reset or closed while
     *     {@code in} is read, or while the value is bound (by a record constructor)
     */
    @SuppressWarnings("unchecked") // the value bound to type
    public <T> T parse(InputStream in, JsonTypeRef<T> type) throws IOException {
        Objects.requireNonNull(type, "type");
        return (T) bind(in, type.type());
    }

    /** The two methods above: the pool's limits, the default codecs, the type checked before {@code in} is read. */
    private Object bind(InputStream in, java.lang.reflect.Type type) throws IOException {
        Objects.requireNonNull(in, "in");
        JsonCodecs codecs = JsonCodecs.defaults();
        codecs.requireBindable(type);
        memory();
        JsonLimits limits = pool.limits();
        return bind(source(in, -1, limits), limits, codecs, type);
    }

    /**
     * Binds what {@code source} delivers to {@code type}: read into the parser's window (the reads,
     * user code, inside a claim of the arena as a parse's are); an input that ends within the window
     * (most request bodies) is read directly from it when the codecs can ({@link #bindDirect}), any
     * other parsed from the window into this arena and bound from the document. The window is wiped
     * of the input when the call ends.
     */
    private Object bind(ByteSource source, JsonLimits limits, JsonCodecs codecs, java.lang.reflect.Type type)
            throws IOException {
        Parser parser = ParserCache.acquire();
        InputWindow window = new InputWindow(source, parser.windowBuffer(limits), InputWindow.NO_BOUNDARY);
        try {
            window.limitParse(limits.maxDocumentBytes(), JsonLimit.DOCUMENT_BYTES, true);
            ArenaMemory m = claim();
            boolean filled = false;
            try {
                window.fill();
                filled = true;
            } finally {
                if (!unclaim(m) && filled) {
                    throw closedDuringParse();
                }
            }
            if (!window.more()) { // the source ended: the whole input is in the window
                int at = window.position();
                Object v = bindDirect(window.buffer(), at, window.end() - at, limits, codecs, type, InputKind.STREAM);
                if (v != Codecs.NOT_BOUND) {
                    return v;
                }
            }
            return codecs.bind(parse(parser, window, limits, true, InputKind.STREAM), type);
        } finally {
            window.close();
            ParserCache.release(parser);
        }
    }

    /**
     * Parses a JSON text.
     *
     * @param json the UTF-8 input; read, never written or kept
     * @param limits the limits of this parse
     * @return the root value
     * @throws JsonParseException if {@code json} is not one JSON text
     * @throws JsonLimitException if it passes one of {@code limits}
     * @throws JsonBudgetExceededException if the arena's budget is exhausted
     * @throws JsonPoolExhaustedException if the pool is at its cap
     * @throws NullPointerException if an argument is null
     * @throws IllegalStateException if this arena is closed
     */
    public JsonValue parse(byte[] json, JsonLimits limits) {
        Objects.requireNonNull(json, "json");
        return parse(json, 0, json.length, limits);
    }

    /**
     * Parses the JSON text in {@code json[offset, offset + length)} with the pool's limits; no
     * byte outside that range is read. Error offsets count from {@code offset}.
     *
     * @param json the UTF-8 input
     * @param offset where the text starts
     * @param length its length in bytes
     * @return the root value
     * @throws IndexOutOfBoundsException if the range is not inside {@code json}
     * @throws JsonParseException if the range is not one JSON text
     * @throws JsonLimitException if it passes one of the pool's limits
     * @throws JsonBudgetExceededException if the arena's budget is exhausted
     * @throws JsonPoolExhaustedException if the pool is at its cap
     * @throws NullPointerException if {@code json} is null
     * @throws IllegalStateException if this arena is closed
     */
    public JsonValue parse(byte[] json, int offset, int length) {
        return parse(json, offset, length, pool.limits());
    }

    /**
     * Parses the JSON text in {@code json[offset, offset + length)}; no byte outside that range is
     * read. Error offsets count from {@code offset}.
     *
     * @param json the UTF-8 input
     * @param offset where the text starts
     * @param length its length in bytes
     * @param limits the limits of this parse
     * @return the root value
     * @throws IndexOutOfBoundsException if the range is not inside {@code json}
     * @throws JsonParseException if the range is not one JSON text
     * @throws JsonLimitException if it passes one of {@code limits}
     * @throws JsonBudgetExceededException if the arena's budget is exhausted
     * @throws JsonPoolExhaustedException if the pool is at its cap
     * @throws NullPointerException if an argument is null
     * @throws IllegalStateException if this arena is closed
     */
    public JsonValue parse(byte[] json, int offset, int length, JsonLimits limits) {
        Objects.requireNonNull(json, "json");
        Objects.checkFromIndexSize(offset, length, json.length);
        return parse(json, null, offset, length, limits);
    }

    /**
     * Parses the JSON text between the buffer's position and limit, with the pool's limits. The
     * buffer may be heap or direct, read-only or not; its position, limit and mark are not changed.
     *
     * @param json the UTF-8 input
     * @return the root value
     * @throws JsonParseException if the bytes are not one JSON text
     * @throws JsonLimitException if they pass one of the pool's limits
     * @throws JsonBudgetExceededException if the arena's budget is exhausted
     * @throws JsonPoolExhaustedException if the pool is at its cap
     * @throws NullPointerException if {@code json} is null
     * @throws IllegalStateException if this arena is closed
     */
    public JsonValue parse(ByteBuffer json) {
        return parse(json, pool.limits());
    }

    /**
     * Parses the JSON text between the buffer's position and limit. The buffer may be heap or
     * direct, read-only or not; its position, limit and mark are not changed.
     *
     * @param json the UTF-8 input
     * @param limits the limits of this parse
     * @return the root value
     * @throws JsonParseException if the bytes are not one JSON text
     * @throws JsonLimitException if they pass one of {@code limits}
     * @throws JsonBudgetExceededException if the arena's budget is exhausted
     * @throws JsonPoolExhaustedException if the pool is at its cap
     * @throws NullPointerException if an argument is null
     * @throws IllegalStateException if this arena is closed
     */
    public JsonValue parse(ByteBuffer json, JsonLimits limits) {
        Objects.requireNonNull(json, "json");
        if (json.hasArray()) { // heap and writable: parse the backing array in place
            return parse(json.array(), null, json.arrayOffset() + json.position(), json.remaining(), limits);
        }
        MemorySegment seg = MemorySegment.ofBuffer(json);
        return parse(null, seg, 0, seg.byteSize(), limits);
    }

    /**
     * Parses the JSON text that is the whole of {@code json}, with the pool's limits. Strings are
     * copied into this arena, so nothing of the document refers to {@code json} afterwards.
     *
     * @param json the UTF-8 input, heap or native, readable from this thread
     * @return the root value
     * @throws JsonParseException if the bytes are not one JSON text
     * @throws JsonLimitException if they pass one of the pool's limits
     * @throws JsonBudgetExceededException if the arena's budget is exhausted
     * @throws JsonPoolExhaustedException if the pool is at its cap
     * @throws NullPointerException if {@code json} is null
     * @throws IllegalStateException if this arena is closed (or {@code json}'s scope is)
     */
    public JsonValue parse(MemorySegment json) {
        return parse(json, pool.limits());
    }

    /**
     * Parses the JSON text that is the whole of {@code json}. Strings are copied into this arena,
     * so nothing of the document refers to {@code json} afterwards.
     *
     * @param json the UTF-8 input, heap or native, readable from this thread
     * @param limits the limits of this parse
     * @return the root value
     * @throws JsonParseException if the bytes are not one JSON text
     * @throws JsonLimitException if they pass one of {@code limits}
     * @throws JsonBudgetExceededException if the arena's budget is exhausted
     * @throws JsonPoolExhaustedException if the pool is at its cap
     * @throws NullPointerException if an argument is null
     * @throws IllegalStateException if this arena is closed (or {@code json}'s scope is)
     */
    public JsonValue parse(MemorySegment json, JsonLimits limits) {
        Objects.requireNonNull(json, "json");
        return parse(null, json, 0, json.byteSize(), limits);
    }

    /**
     * Parses the JSON text {@code in} holds up to its end, with the pool's limits. See
     * {@link #parse(InputStream, long, JsonLimits)}.
     *
     * @param in the UTF-8 input; read to its end, not closed
     * @return the root value
     * @throws IOException if reading fails, or the stream returns 0 bytes again and again
     * @throws JsonParseException if the bytes are not one JSON text
     * @throws JsonLimitException if they pass one of the pool's limits
     * @throws JsonBudgetExceededException if the arena's budget is exhausted
     * @throws JsonPoolExhaustedException if the pool is at its cap
     * @throws NullPointerException if {@code in} is null
     * @throws IllegalStateException if this arena is closed, or is reset or closed while
     *     {@code in} is read
     */
    public JsonValue parse(InputStream in) throws IOException {
        return parse(in, -1, pool.limits());
    }

    /**
     * Parses the JSON text {@code in} holds up to its end. See
     * {@link #parse(InputStream, long, JsonLimits)}.
     *
     * @param in the UTF-8 input; read to its end, not closed
     * @param limits the limits of this parse
     * @return the root value
     * @throws IOException if reading fails, or the stream returns 0 bytes again and again
     * @throws JsonParseException if the bytes are not one JSON text
     * @throws JsonLimitException if they pass one of {@code limits}
     * @throws JsonBudgetExceededException if the arena's budget is exhausted
     * @throws JsonPoolExhaustedException if the pool is at its cap
     * @throws NullPointerException if an argument is null
     * @throws IllegalStateException if this arena is closed, or is reset or closed while
     *     {@code in} is read
     */
    public JsonValue parse(InputStream in, JsonLimits limits) throws IOException {
        return parse(in, -1, limits);
    }

    /**
     * Parses the JSON text {@code in} holds up to its end, as it is read: the stream is read a
     * window at a time (64 KiB of heap, reused)
     * and never copied whole, into the heap or the arena, so heap use does not grow with the input.
     * Reading stops with {@link JsonLimitException} one byte after
     * {@link JsonLimits#maxDocumentBytes()}, so an endless stream costs one window.
     *
     * <p>{@code sizeHint} is the size the caller expects (an HTTP {@code Content-Length}); when it
     * is negative, {@link InputStream#available()} is asked instead. Either is a hint for sizing the
     * arena memory of the parse, capped by the limit and by what was actually read: a wrong hint
     * costs speed, never safety or memory.
     *
     * <p>The stream is user code. It is handed only the parse's heap window, never arena memory,
     * and the window holds nothing of any other parse: every parse wipes the bytes its input put
     * there before the window serves the next. The window is reused by the thread's later parses:
     * the stream must not keep the array it is given after its {@code read} returns (as
     * {@code InputStream} implementations do not), nor write past the count it returns (which
     * {@code InputStream.read} promises). If it resets or closes this arena (directly, or by
     * letting another thread do so) the parse fails with {@link IllegalStateException} and touches
     * the arena no more. A stream that returns 0 bytes 64 times in a row, more bytes than it was
     * asked for, or a negative count other than -1 fails with {@link IOException}.
     *
     * @param in the UTF-8 input; read to its end, not closed
     * @param sizeHint the input's expected size in bytes, or a negative value if unknown
     * @param limits the limits of this parse
     * @return the root value
     * @throws IOException if reading fails, or the stream returns 0 bytes again and again (the
     *     arena is rolled back)
     * @throws JsonParseException if the bytes are not one JSON text
     * @throws JsonLimitException if they pass one of {@code limits}
     * @throws JsonBudgetExceededException if the arena's budget is exhausted
     * @throws JsonPoolExhaustedException if the pool is at its cap
     * @throws NullPointerException if {@code in} or {@code limits} is null
     * @throws IllegalStateException if this arena is closed, or is reset or closed while
     *     {@code in} is read
     */
    public JsonValue parse(InputStream in, long sizeHint, JsonLimits limits) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(limits, "limits");
        memory();
        return parse(source(in, sizeHint, limits), limits, null, InputKind.STREAM);
    }

    /**
     * {@return the source of a stream}, sized by {@code sizeHint} when it is not negative, else by
     * the stream's {@code available()}, and never above the document limit (a hint sizes memory; it
     * is not trusted with it)
     */
    private static StreamSource source(InputStream in, long sizeHint, JsonLimits limits) throws IOException {
        return new StreamSource(in, Math.min(sizeHint >= 0 ? sizeHint : in.available(), limits.maxDocumentBytes()));
    }

    /**
     * Parses the JSON text {@code channel} holds up to its end, with the pool's limits. See
     * {@link #parse(ReadableByteChannel, JsonLimits)}.
     *
     * @param channel the UTF-8 input, a blocking channel; read to its end, not closed
     * @return the root value
     * @throws IOException if reading fails, or the channel returns 0 bytes again and again
     * @throws IllegalArgumentException if the channel is in non-blocking mode
     * @throws JsonParseException if the bytes are not one JSON text
     * @throws JsonLimitException if they pass one of the pool's limits
     * @throws JsonBudgetExceededException if the arena's budget is exhausted
     * @throws JsonPoolExhaustedException if the pool is at its cap
     * @throws NullPointerException if {@code channel} is null
     * @throws IllegalStateException if this arena is closed, or is reset or closed while
     *     {@code channel} is read
     */
    public JsonValue parse(ReadableByteChannel channel) throws IOException {
        return parse(channel, pool.limits());
    }

    /**
     * Parses the JSON text {@code channel} holds up to its end, as it is read, a window at a time,
     * as {@link #parse(InputStream, long, JsonLimits)} reads a stream. The channel reads into a heap
     * buffer over the parse's window, never into arena memory, and must not keep that buffer
     * after its {@code read} returns; a {@link FileChannel}'s remaining size is taken as the size
     * hint.
     *
     * @param channel the UTF-8 input, a blocking channel; read to its end, not closed
     * @param limits the limits of this parse
     * @return the root value
     * @throws IOException if reading fails, or the channel returns 0 bytes again and again (the
     *     arena is rolled back)
     * @throws IllegalArgumentException if the channel is in non-blocking mode
     * @throws JsonParseException if the bytes are not one JSON text
     * @throws JsonLimitException if they pass one of {@code limits}
     * @throws JsonBudgetExceededException if the arena's budget is exhausted
     * @throws JsonPoolExhaustedException if the pool is at its cap
     * @throws NullPointerException if an argument is null
     * @throws IllegalStateException if this arena is closed, or is reset or closed while
     *     {@code channel} is read
     */
    public JsonValue parse(ReadableByteChannel channel, JsonLimits limits) throws IOException {
        return parse(channel, limits, InputKind.CHANNEL);
    }

    private JsonValue parse(ReadableByteChannel channel, JsonLimits limits, String kind) throws IOException {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(limits, "limits");
        memory();
        if (channel instanceof SelectableChannel sc && !sc.isBlocking()) {
            throw new IllegalArgumentException("channel: " + channel + " is non-blocking (expected: a blocking channel)");
        }
        long hint = Math.min(channel instanceof FileChannel fc ? remaining(fc) : -1, limits.maxDocumentBytes());
        return parse(new ChannelSource(channel, hint), limits, null, kind);
    }

    /** {@return the bytes left in {@code fc}, or -1 if it cannot tell (a FIFO has no position)} */
    private static long remaining(FileChannel fc) {
        try {
            return Math.max(0, fc.size() - fc.position());
        } catch (IOException e) {
            return -1; // only a size hint: reading will tell
        }
    }

    /**
     * Parses the file at {@code path}, with the pool's limits. See
     * {@link #parseFile(Path, JsonLimits)}.
     *
     * @param path the file
     * @return the root value
     * @throws IOException if the file cannot be opened or read, or is a directory
     * @throws JsonParseException if its bytes are not one JSON text
     * @throws JsonLimitException if they pass one of the pool's limits
     * @throws JsonBudgetExceededException if the arena's budget is exhausted
     * @throws JsonPoolExhaustedException if the pool is at its cap
     * @throws NullPointerException if {@code path} is null
     * @throws IllegalStateException if this arena is closed
     */
    public JsonValue parseFile(Path path) throws IOException {
        return parseFile(path, pool.limits());
    }

    /**
     * Parses the file at {@code path}, read a window at a time through a {@link FileChannel} (see
     * {@link #parse(ReadableByteChannel, JsonLimits)}), so heap use does not grow with the file. A
     * regular file larger than {@link JsonLimits#maxDocumentBytes()} is refused before it is read.
     * Files that are not regular files (a pipe, {@code /dev/stdin}, a {@code /proc} file, whose
     * size says nothing of their content) are read as streams, to their end.
     *
     * @param path the file
     * @param limits the limits of this parse
     * @return the root value
     * @throws IOException if the file cannot be opened or read, or is a directory
     * @throws JsonParseException if its bytes are not one JSON text
     * @throws JsonLimitException if they pass one of {@code limits}
     * @throws JsonBudgetExceededException if the arena's budget is exhausted
     * @throws JsonPoolExhaustedException if the pool is at its cap
     * @throws NullPointerException if an argument is null
     * @throws IllegalStateException if this arena is closed
     */
    public JsonValue parseFile(Path path, JsonLimits limits) throws IOException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(limits, "limits");
        memory();
        try (FileChannel fc = openFile(path, limits.maxDocumentBytes())) {
            return parse(fc, limits, InputKind.FILE);
        }
    }

    /**
     * Opens {@code path} for reading: a directory is refused with an exception naming it, and a
     * regular file larger than {@code maxBytes} with {@link JsonLimitException}.
     */
    static FileChannel openFile(Path path, long maxBytes) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
        if (attributes.isDirectory()) {
            throw new FileSystemException(path.toString(), null, "is a directory (expected: a file of JSON)");
        }
        if (attributes.isRegularFile()) {
            Errors.checkDocumentBytes(attributes.size(), maxBytes);
        }
        return FileChannel.open(path, StandardOpenOption.READ);
    }

    /**
     * Parses what {@code source} delivers through {@code windowBuffer}, or the parser's own window
     * when it is null (tests pass small windows to reach every refill point); the window is wiped
     * of what the source put in it when the parse ends.
     */
    JsonValue parse(ByteSource source, JsonLimits limits, byte[] windowBuffer) throws IOException {
        return parse(source, limits, windowBuffer, InputKind.STREAM);
    }

    /** As {@link #parse(ByteSource, JsonLimits, byte[])}, naming the input kind for the parse event. */
    JsonValue parse(ByteSource source, JsonLimits limits, byte[] windowBuffer, String kind) throws IOException {
        Parser parser = ParserCache.acquire();
        InputWindow window = new InputWindow(source, windowBuffer != null ? windowBuffer : parser.windowBuffer(limits),
                InputWindow.NO_BOUNDARY);
        try {
            window.limitParse(limits.maxDocumentBytes(), JsonLimit.DOCUMENT_BYTES, true);
            return parse(parser, window, limits, true, kind);
        } finally {
            window.close();
            ParserCache.release(parser);
        }
    }

    /**
     * Parses one JSON text from {@code window} at its position (the record readers' entry): with
     * {@code whole}, the text ends at the window's end; otherwise the parse stops after the value.
     */
    JsonValue parse(InputWindow window, JsonLimits limits, boolean whole) throws IOException {
        Parser parser = ParserCache.acquire();
        try {
            return parse(parser, window, limits, whole, InputKind.RECORD);
        } finally {
            ParserCache.release(parser);
        }
    }

    /** Parses from a window, claiming the arena; the window's first fill (user code) runs inside the claim. */
    private JsonValue parse(Parser parser, InputWindow window, JsonLimits limits, boolean whole, String kind)
            throws IOException {
        ArenaMemory m = claim();
        ParseEvent event = Jfr.initialized() ? Jfr.beginParse(pool.name(), kind) : null;
        long start = event != null ? window.offset(window.position()) : 0;
        JsonValue root = null;
        Throwable failure = null;
        try {
            window.fill();
            if (m.closeRequested()) {
                throw closedDuringParse();
            }
            long epoch = m.epoch();
            Documents documents = Documents.of(m);
            Document doc = documents.next(m);
            int from = window.position();
            parser.parse(doc, window, limits, pool.hashSeed(), whole);
            if (window.wholeInput()) { // records of an array: positions of values are found in it
                int first = window.first();
                doc.keepInput(window.buffer(), null, first, window.bytesRead(), from - first, window.position() - from);
            }
            documents.commit();
            root = new JsonValue(doc, epoch, 0);
        } catch (Throwable t) {
            failure = t;
            throw t;
        } finally {
            if (event != null) {
                long end = root != null ? window.offset(window.position()) : window.bytesRead();
                event.finish(Math.max(0, end - start), parser.tokens(), m.reserved(), failure);
            }
            if (!unclaim(m) && root != null) {
                throw closedDuringParse();
            }
        }
        return root;
    }

    /** Parses {@code array[offset, offset + length)} if {@code array} is not null, else that range of {@code segment}. */
    private JsonValue parse(byte[] array, MemorySegment segment, long offset, long length, JsonLimits limits) {
        Objects.requireNonNull(limits, "limits");
        ArenaMemory m = claim();
        ParseEvent event = Jfr.initialized()
                ? Jfr.beginParse(pool.name(), array != null ? InputKind.BYTES : InputKind.SEGMENT) : null;
        JsonValue root = null;
        Throwable failure = null;
        Parser parser = ParserCache.acquire();
        try {
            long epoch = m.epoch();
            Documents documents = Documents.of(m);
            Document doc = documents.next(m);
            if (array != null) {
                parser.parse(doc, array, (int) offset, (int) length, limits, pool.hashSeed());
            } else {
                parser.parse(doc, segment, offset, length, limits, pool.hashSeed());
            }
            doc.keepInput(array, segment, offset, length, 0, length);
            documents.commit();
            root = new JsonValue(doc, epoch, 0);
        } catch (Throwable t) {
            failure = t;
            throw t;
        } finally {
            if (event != null) {
                event.finish(length, parser.tokens(), m.reserved(), failure);
            }
            ParserCache.release(parser);
            if (!unclaim(m) && root != null) {
                throw closedDuringParse();
            }
        }
        return root;
    }

    @Override
    public String toString() {
        ArenaMemory m = isOpen() ? memory : null;
        return m == null ? "JsonArena[closed]" : "JsonArena[reserved=" + m.reserved() + ", budget=" + m.budget() + "]";
    }
}
