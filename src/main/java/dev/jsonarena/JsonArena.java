package dev.jsonarena;

import dev.jsonarena.memory.Address;
import dev.jsonarena.memory.ArenaMemory;
import dev.jsonarena.tape.Document;
import dev.jsonarena.tape.Documents;
import dev.jsonarena.tape.Parser;
import dev.jsonarena.tape.ParserCache;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SelectableChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
 * The decoder reads byte arrays: input held in a native {@link MemorySegment} or direct buffer (and
 * the bytes of a stream, channel or file) is first copied into a heap buffer that the decoder
 * reuses for texts of up to 1 MiB; a larger text is copied into an array of its size that lives
 * for that parse only (see {@code docs/memory.md}).
 *
 * <p><b>Budget.</b> An arena may hold at most its budget of pool memory; an allocation that would
 * pass it throws {@link JsonBudgetExceededException}, and the arena stays usable.
 *
 * <p>Thread-safety: not thread-safe. Use an arena from one thread at a time; it may be handed to
 * another thread (through an executor, a queue or any other happens-before edge). It is not
 * confined to the thread that opened it.
 */
public final class JsonArena implements AutoCloseable {
    private final JsonPool pool;
    private ArenaMemory memory;

    JsonArena(JsonPool pool, ArenaMemory memory) {
        this.pool = pool;
        this.memory = memory;
    }

    /**
     * Opens an arena from the {@linkplain JsonPool#defaultPool() default pool}.
     *
     * @return a new open arena
     */
    public static JsonArena open() {
        return JsonPool.defaultPool().openArena();
    }

    /** {@return the pool this arena takes its memory from} */
    public JsonPool pool() {
        return pool;
    }

    /** {@return whether this arena is open} */
    public boolean isOpen() {
        return memory != null;
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
     * memory itself (no return to the pool).
     *
     * @throws IllegalStateException if closed
     */
    public void reset() {
        memory().reset();
    }

    /**
     * Ends every view of this arena and returns all of its memory to the pool in one bulk free, in
     * time proportional to the number of blocks it holds. Closing a closed arena does nothing.
     */
    @Override
    public void close() {
        ArenaMemory m = memory;
        if (m != null) {
            memory = null;
            m.close();
        }
    }

    /**
     * {@return the open arena's memory, for the decoder}
     *
     * @throws IllegalStateException if closed
     */
    ArenaMemory memory() {
        ArenaMemory m = memory;
        if (m == null) {
            throw new IllegalStateException("arena is closed");
        }
        return m;
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
     * Reads {@code in} to its end into this arena, then parses it, with the pool's limits. See
     * {@link #parse(InputStream, JsonLimits)}.
     *
     * @param in the UTF-8 input; read to its end, not closed
     * @return the root value
     * @throws IOException if reading fails
     * @throws JsonParseException if the bytes are not one JSON text
     * @throws JsonLimitException if they pass one of the pool's limits
     * @throws JsonBudgetExceededException if the arena's budget is exhausted
     * @throws JsonPoolExhaustedException if the pool is at its cap
     * @throws NullPointerException if {@code in} is null
     * @throws IllegalStateException if this arena is closed
     */
    public JsonValue parse(InputStream in) throws IOException {
        return parse(in, pool.limits());
    }

    /**
     * Reads {@code in} to its end into this arena, then parses it. The input is read into arena
     * memory (an "input copy", kept until reset or close) in growing blocks starting from
     * {@link InputStream#available()}; reading stops with {@link JsonLimitException} as soon as
     * it passes {@link JsonLimits#maxDocumentBytes()}, so a huge or endless stream costs at most
     * that much memory.
     *
     * @param in the UTF-8 input; read to its end, not closed
     * @param limits the limits of this parse
     * @return the root value
     * @throws IOException if reading fails (the arena is rolled back)
     * @throws JsonParseException if the bytes are not one JSON text
     * @throws JsonLimitException if they pass one of {@code limits}
     * @throws JsonBudgetExceededException if the arena's budget is exhausted
     * @throws JsonPoolExhaustedException if the pool is at its cap
     * @throws NullPointerException if an argument is null
     * @throws IllegalStateException if this arena is closed
     */
    public JsonValue parse(InputStream in, JsonLimits limits) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(limits, "limits");
        long hint = Math.max(0, in.available());
        return readAndParse(in, null, hint, limits);
    }

    /**
     * Reads {@code channel} to its end into this arena, then parses it, with the pool's limits.
     * See {@link #parse(ReadableByteChannel, JsonLimits)}.
     *
     * @param channel the UTF-8 input, a blocking channel; read to its end, not closed
     * @return the root value
     * @throws IOException if reading fails
     * @throws IllegalArgumentException if the channel is in non-blocking mode
     * @throws JsonParseException if the bytes are not one JSON text
     * @throws JsonLimitException if they pass one of the pool's limits
     * @throws JsonBudgetExceededException if the arena's budget is exhausted
     * @throws JsonPoolExhaustedException if the pool is at its cap
     * @throws NullPointerException if {@code channel} is null
     * @throws IllegalStateException if this arena is closed
     */
    public JsonValue parse(ReadableByteChannel channel) throws IOException {
        return parse(channel, pool.limits());
    }

    /**
     * Reads {@code channel} to its end into this arena, then parses it. Bytes are read straight
     * into arena memory (an "input copy", kept until reset or close), in growing blocks (starting
     * from the file's remaining size for a {@link FileChannel}); reading stops with
     * {@link JsonLimitException} as soon as it passes {@link JsonLimits#maxDocumentBytes()}.
     *
     * @param channel the UTF-8 input, a blocking channel; read to its end, not closed
     * @param limits the limits of this parse
     * @return the root value
     * @throws IOException if reading fails (the arena is rolled back)
     * @throws IllegalArgumentException if the channel is in non-blocking mode
     * @throws JsonParseException if the bytes are not one JSON text
     * @throws JsonLimitException if they pass one of {@code limits}
     * @throws JsonBudgetExceededException if the arena's budget is exhausted
     * @throws JsonPoolExhaustedException if the pool is at its cap
     * @throws NullPointerException if an argument is null
     * @throws IllegalStateException if this arena is closed
     */
    public JsonValue parse(ReadableByteChannel channel, JsonLimits limits) throws IOException {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(limits, "limits");
        if (channel instanceof SelectableChannel sc && !sc.isBlocking()) {
            throw new IllegalArgumentException("channel: " + channel + " is non-blocking (expected: a blocking channel)");
        }
        long hint = channel instanceof FileChannel fc ? Math.max(0, fc.size() - fc.position()) : 0;
        return readAndParse(null, channel, hint, limits);
    }

    /**
     * Parses the file at {@code path} through a read-only memory mapping, with the pool's limits.
     * See {@link #parseFile(Path, JsonLimits)}.
     *
     * @param path the file
     * @return the root value
     * @throws IOException if the file cannot be opened or mapped
     * @throws JsonParseException if its bytes are not one JSON text
     * @throws JsonLimitException if they pass one of the pool's limits (a file larger than
     *     {@link JsonLimits#maxDocumentBytes()} is refused before it is mapped)
     * @throws JsonBudgetExceededException if the arena's budget is exhausted
     * @throws JsonPoolExhaustedException if the pool is at its cap
     * @throws NullPointerException if {@code path} is null
     * @throws IllegalStateException if this arena is closed
     */
    public JsonValue parseFile(Path path) throws IOException {
        return parseFile(path, pool.limits());
    }

    /**
     * Parses the file at {@code path} through a read-only memory mapping, which is unmapped before
     * this method returns: strings are copied into this arena, so nothing of the document refers
     * to the file afterwards. The decoder reads the mapped bytes through a heap copy (see the class
     * comment). The file must not be truncated
     * while it is parsed (reading a mapped page past the new end fails with an
     * {@link InternalError}, as for any mapping).
     *
     * @param path the file
     * @param limits the limits of this parse
     * @return the root value
     * @throws IOException if the file cannot be opened or mapped
     * @throws JsonParseException if its bytes are not one JSON text
     * @throws JsonLimitException if they pass one of {@code limits} (a file larger than
     *     {@link JsonLimits#maxDocumentBytes()} is refused before it is mapped)
     * @throws JsonBudgetExceededException if the arena's budget is exhausted
     * @throws JsonPoolExhaustedException if the pool is at its cap
     * @throws NullPointerException if an argument is null
     * @throws IllegalStateException if this arena is closed
     */
    public JsonValue parseFile(Path path, JsonLimits limits) throws IOException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(limits, "limits");
        memory();
        try (FileChannel fc = FileChannel.open(path, StandardOpenOption.READ); Arena mapping = Arena.ofConfined()) {
            long size = fc.size();
            if (size > limits.maxDocumentBytes()) {
                throw new JsonLimitException(JsonLimit.DOCUMENT_BYTES, limits.maxDocumentBytes(), limits.maxDocumentBytes());
            }
            MemorySegment seg = size == 0 ? MemorySegment.ofArray(new byte[0])
                    : fc.map(FileChannel.MapMode.READ_ONLY, 0, size, mapping);
            return parse(null, seg, 0, size, limits);
        }
    }


    private JsonValue readAndParse(InputStream in, ReadableByteChannel channel, long hint, JsonLimits limits)
            throws IOException {
        ArenaMemory m = memory();
        long max = limits.maxDocumentBytes();
        int markBlock = m.markBlock();
        long markCursor = m.markCursor();
        try {
            long capacity = Math.min(max + 1, Math.max(8192, hint + 1));
            long address = m.allocate(capacity, 8);
            MemorySegment seg = m.segment(address);
            long base = Address.offset(address);
            long n = 0;
            byte[] buffer = in == null ? null : new byte[8192];
            for (;;) {
                if (n == capacity) {
                    long bigger = Math.min(max + 1, capacity * 2);
                    long to = m.allocate(bigger, 8);
                    MemorySegment toSeg = m.segment(to);
                    MemorySegment.copy(seg, base, toSeg, Address.offset(to), n);
                    seg = toSeg;
                    base = Address.offset(to);
                    capacity = bigger;
                }
                int r;
                if (in != null) {
                    r = in.read(buffer, 0, (int) Math.min(buffer.length, capacity - n));
                    if (r > 0) {
                        MemorySegment.copy(buffer, 0, seg, java.lang.foreign.ValueLayout.JAVA_BYTE, base + n, r);
                    }
                } else {
                    r = channel.read(seg.asSlice(base + n, capacity - n).asByteBuffer());
                }
                if (r < 0) {
                    break;
                }
                n += r;
                if (n > max) {
                    throw new JsonLimitException(JsonLimit.DOCUMENT_BYTES, max, max);
                }
            }
            return parse(null, seg, base, n, limits);
        } catch (RuntimeException | IOException | Error e) {
            m.rollback(markBlock, markCursor);
            throw e;
        }
    }

    /** Parses {@code array[offset, offset + length)} if {@code array} is not null, else that range of {@code segment}. */
    private JsonValue parse(byte[] array, MemorySegment segment, long offset, long length, JsonLimits limits) {
        Objects.requireNonNull(limits, "limits");
        ArenaMemory m = memory();
        long epoch = m.epoch();
        Documents documents = Documents.of(m);
        Document doc = documents.next(m);
        Parser parser = ParserCache.acquire();
        try {
            if (array != null) {
                parser.parse(doc, array, (int) offset, (int) length, limits, pool.hashSeed());
            } else {
                parser.parse(doc, segment, offset, length, limits, pool.hashSeed());
            }
        } finally {
            ParserCache.release(parser);
        }
        documents.commit();
        return new JsonValue(doc, epoch, 0);
    }

    @Override
    public String toString() {
        ArenaMemory m = memory;
        return m == null ? "JsonArena[closed]" : "JsonArena[reserved=" + m.reserved() + ", budget=" + m.budget() + "]";
    }
}
