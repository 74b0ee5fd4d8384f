package dev.jsonarena.tape;

import dev.jsonarena.DuplicateKeyPolicy;
import dev.jsonarena.JsonBudgetExceededException;
import dev.jsonarena.JsonLimit;
import dev.jsonarena.JsonLimitException;
import dev.jsonarena.JsonLimits;
import dev.jsonarena.JsonParseException;
import dev.jsonarena.JsonPoolExhaustedException;
import dev.jsonarena.input.InputWindow;
import dev.jsonarena.input.SegmentSource;
import dev.jsonarena.memory.Address;
import dev.jsonarena.memory.ArenaMemory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The decoder: reads one JSON text (RFC 8259, strict) in a single pass and writes its
 * {@link Tape} and string area into arena memory, then hands the result to a {@link Document}.
 *
 * <p>Contract: the input is read only inside {@code [offset, offset + length)}; on success the
 * document is complete; on any failure (a {@link dev.jsonarena.JsonException} for bad input, a
 * limit, or exhausted memory) the arena is rolled back to where it was, so nothing of the failed
 * parse is visible or kept, and the exception propagates.
 *
 * <p>Thread-safety: not thread-safe. A parser is scratch state (the key table) reused across
 * parses by one thread at a time; see {@link ParserCache}.
 */
public final class Parser {
    /*
     * Implementation notes.
     *
     * Input is a byte[]: plain array reads, and 8- and 4-byte little-endian reads through
     * byte-array view VarHandles. Reading the same bytes through a MemorySegment (heap or native)
     * was measured 25-38% slower on the corpus files (a bounds-, liveness- and base-check per
     * access that C2 does not hoist out of these loops). A byte[] input is read in place; every
     * other input (segments, streams, channels) through an InputWindow, a heap array of
     * InputWindow.WINDOW_BYTES that is refilled as the parse moves through it, so heap use does not
     * grow with the input. Output (tape and strings) goes to arena memory through the region
     * segment.
     *
     * Refills happen at two kinds of places only. skipWs, which runs before every value and
     * member name, returns a position with at least `lookahead` bytes after it (maxNumberChars + 64)
     * or the input's end: `softEnd` is where that stops holding, and past it skipWs refills; so a
     * number, a literal, a name's prediction or any punctuation is always whole in the window.
     * Strings, which may be longer than the window, refill inside scan whenever fewer than 16 bytes
     * are left (`refillAt`), enough for the longest escape. A refill keeps the window from the
     * current position on, moved down to the window's first index: the input positions predictions
     * compare with are moved down with it, or copied below that index (KeyTable.keepInput, as far
     * as `reserve` bytes allow) if they were dropped, and `shifted` counts the bytes dropped so far, so a caller holding a position across a call
     * that may refill can move it too. For a byte[] input softEnd is the end and refillAt is never
     * reached, so the same code reads it with no extra branch taken.
     *
     * Iteration, not recursion: the stack of open containers lives in the tape. An open
     * container's word holds its count so far and the index of its parent (Tape.open); the
     * current container's index, tag, count and parent are locals. Opening a child saves the
     * current count into the current word; closing writes the final word and reloads the parent's
     * locals from its word. Depth costs no memory besides the tape, so any depth the limits allow
     * parses without StackOverflowError.
     *
     * Region: strings grow up from `base`, the tape grows down from `top`; `sPos` is the next
     * string byte, `t` the next tape index, and the gap between them always keeps SLACK bytes so
     * that 8-byte speculative writes and the key hash's masked 8-byte read of a name's last word
     * never touch the tape. When the gap is too small the region is copied into a bigger one,
     * sized by projecting the bytes used so far over the input still to read.
     *
     * Tape words are first written to `pending`, a 64 KiB heap array, and copied to the region
     * 8192 at a time (flushTape: one copy, as they lie in the same order as in the region). Plain
     * array stores cost less than segment stores, each of which checks bounds, liveness,
     * read-only and alignment, and a smaller inlined put leaves C2 more room in `document`:
     * +4-11% parse-only on twitter.json (docs/benchmarks.md). The region's room is checked when
     * words are flushed, not per word; strings keep below word `t`, so neither side writes into
     * the other's space. Reads of a word (a container's, when it closes; members' keys for the
     * duplicate check) come from `pending` unless the word was flushed already.
     *
     * Strings are scanned 8 bytes at a time (SWAR): each input word is copied to the string area
     * unconditionally and tested for '"', '\\', bytes below 0x20 and bytes above 0x7F; the lowest
     * flagged byte ends the fast run and is handled one at a time (escapes, UTF-8 validation).
     * Non-ASCII text goes through utf8Run first: two 3-byte sequences in a row (CJK text) are
     * checked from one 8-byte read and copied with one 8-byte write, any other well-formed sequence
     * from one 4-byte read and write; only what it does not take reaches utf8.
     *
     * Names: the parser predicts each member name to be the one that followed the previous name
     * last time (KeyTable.next), which holds for every record after the first in a document of
     * repeated shapes. An escape-free predicted name (KeyTable.plain) is compared with the input
     * bytes, closing quote included; a match costs no scan, hash or intern. A miss takes the
     * normal path (scan into the string area, seeded hash, intern) and records the transition.
     *
     * Member runs: in pretty-printed records everything between one member's value and the next
     * member's value (",", the newline and indentation, the name, ':' and a space) repeats from
     * record to record. After a value, the parser compares the input with the run that followed
     * the same name last time at the same depth parity (KeyTable.recordRun; two per name, so a
     * record nested in a record of the same shape keeps both indentations); if the bytes are equal
     * and a value starts right after them, the next member's name is known without scanning. Equal
     * bytes parse equally, and these were valid when recorded in this same input, so only the
     * limits a member counts against are checked (a member or token limit about to be passed
     * leaves it to the normal path, which reports it). +8% parse-only on twitter.json
     * (docs/benchmarks.md, optimisation log).
     *
     * Code size: C2 compiles `document` with everything it inlines in one unit, and when that unit
     * reaches the node limit the remaining call sites stay calls (seen in PrintInlining as
     * NodeCountInliningCutoff), which made some JVM runs 10% slower than others. Rare paths are
     * therefore out of line (skipWsToEnd, the error paths, flushTape) and the literals share one
     * method.
     */
    static final int SLACK = 16;
    /** Tape words held on the heap before they are copied to the region together (64 KiB). */
    static final int PENDING_WORDS = 1 << 13;
    private static final long MAX_REGION = Integer.MAX_VALUE & ~7L;
    /** The least gap for which {@link #finish} moves a region into one of the size it needs. */
    private static final long FINAL_MOVE_MIN_GAP = 64 << 10;
    private static final int TRUE_LE = 't' | 'r' << 8 | 'u' << 16 | 'e' << 24;
    private static final int NULL_LE = 'n' | 'u' << 8 | 'l' << 16 | 'l' << 24;
    private static final int ALSE_LE = 'a' | 'l' << 8 | 's' << 16 | 'e' << 24;
    private static final ValueLayout.OfInt INT_LE =
            ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_LE_ARRAY = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE_ARRAY = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private final KeyTable keys = new KeyTable();

    /**
     * An {@link IOException} of the window's source on its way out of the parse, which unwraps it:
     * its own type, so that an {@link UncheckedIOException} the source throws itself goes out as
     * it is.
     */
    private static final class ReadFailure extends UncheckedIOException {
        private static final long serialVersionUID = 1L;

        ReadFailure(IOException cause) {
            super(cause);
        }
    }

    /**
     * The window array this parser lends to the sources it reads (kept for the next parse; each
     * window wipes what its source put in it when it closes, so no source sees another's bytes).
     */
    private byte[] windowBuffer;
    /** The most bytes a refill keeps for predictions ({@link #reserve}). */
    static final int KEPT_INPUT_BYTES = 4096;
    /** Reused for segment input, which calls no user code. */
    private final SegmentSource segmentSource = new SegmentSource();
    private final InputWindow segmentWindow = new InputWindow();

    // input of the current parse: [start, end) of in; for a window, start is minus the input
    // offset of in[0], so that p - start is always the offset from the start of the input
    private byte[] in;
    private long start;
    private long end;
    /** The window being read, or null when the whole input is {@code in}. */
    private InputWindow window;
    /** skipWs refills at or past this position (see the implementation notes). */
    private long softEnd;
    /** scan refills at or past this position; never reached without a window. */
    private long refillAt;
    /** Input bytes the window has dropped from its start in this parse. */
    private long shifted;
    /**
     * At a refill of a source's window, how many bytes at the window's start keep copies of the
     * input that predictions compare with (key texts, member runs: {@link KeyTable#keepInput}), so
     * that they outlive the refill; the kept input moves down to that index instead of 0. A
     * sixteenth of the window, at most {@link #KEPT_INPUT_BYTES}, and never so much that a number
     * literal no longer fits in half of the rest.
     */
    private int reserve;
    /** Where {@link KeyTable#keepInput} gathers the kept copies during a refill. */
    private byte[] keptInput = new byte[0];
    private int lookahead;
    /** Newlines skipped as whitespace since the window last heard of them ({@link #syncLines}). */
    private long newlines;
    /** The index just past the last of those newlines. */
    private long lineStart;
    /**
     * UTF-8 continuation bytes (10xxxxxx) passed in strings and names: a line's characters are its
     * bytes less these, so the window learns a dropped line start's width without counting it.
     */
    private long continuation;
    /** {@link #continuation} when the window last heard of the lines. */
    private long continuationSynced;
    /**
     * {@link #continuation} at the later of the last line start and the last refill of this parse,
     * where the window's current line begins or its buffer does; negative until either happened.
     */
    private long continuationFrom;
    /** The input offset where this parse started (a record's start; 0 for a whole input). */
    private long origin;
    /** The input length expected, for sizing the region. */
    private long expected;
    private long epoch;
    private int markBlock;
    // the region of the current parse
    private ArenaMemory memory;
    private MemorySegment seg;
    private long regionAddress;
    private long base;
    private long top;
    private long sPos;
    private int t;
    /**
     * The last tape words written, not yet in the region: word {@code i} of {@code [flushed, t)} is
     * {@code pending[pendingEnd - 1 - i]}, so they lie in the same order as in the region.
     */
    private final long[] pending = new long[PENDING_WORDS];
    private final MemorySegment pendingSegment = MemorySegment.ofArray(pending);
    /** Tape words {@code [0, flushed)} are in the region. */
    private int flushed;
    /** {@code flushed + PENDING_WORDS}: the word index at which {@link #pending} is full. */
    private int pendingEnd;
    // limits of the current parse
    private int maxDepth;
    private int maxTokens;
    private int maxMembers;
    private int maxElements;
    private int maxKeyBytes;
    private int maxDistinctKeys;
    private int maxStringBytes;
    private int maxNumberChars;
    private DuplicateKeyPolicy duplicates;
    private long seed;
    private int tokens;
    private int objectSerial;
    /**
     * The input position of the parse when it last asked for arena memory (set before each call
     * that may allocate): where a memory exception says the parse had got to.
     */
    private long allocAt;
    /** The id of the last member name read, or -1: the next name is predicted to be the one that followed it last time. */
    private int lastKey;

    /**
     * Parses the JSON text in {@code input[offset, offset + length)} into {@code doc}'s arena and
     * initialises {@code doc} with the result. The array is read, never written or kept.
     *
     * @param doc the document to fill; its arena receives every byte kept
     * @param input the input; only {@code [offset, offset + length)} is read
     * @param offset where the JSON text starts
     * @param length its length in bytes
     * @param limits the limits of this parse
     * @param seed the pool's key hash seed
     * @throws dev.jsonarena.JsonParseException if the input is not one JSON text
     * @throws dev.jsonarena.JsonLimitException if the input passes a limit
     * @throws dev.jsonarena.JsonBudgetExceededException if the arena's budget is exhausted
     * @throws dev.jsonarena.JsonPoolExhaustedException if the pool is at its cap
     */
    public void parse(Document doc, byte[] input, int offset, int length, JsonLimits limits, long seed) {
        Errors.checkDocumentBytes(length, limits.maxDocumentBytes());
        this.window = null;
        this.in = input;
        this.start = offset;
        this.end = (long) offset + length;
        this.softEnd = end;
        this.refillAt = Long.MAX_VALUE;
        this.expected = length;
        run(doc, offset, limits, seed, true);
    }

    /**
     * Parses one JSON text from {@code window}, starting at its position, into {@code doc}'s arena
     * and initialises {@code doc} with the result; the window is refilled as needed. With
     * {@code whole}, only whitespace may follow the value up to the window's end (the input's end,
     * or the record's boundary); otherwise the parse stops after the value. Either way the window's
     * position is left after what was parsed.
     *
     * @param doc the document to fill; its arena receives every byte kept
     * @param window the input, filled ({@link InputWindow#fill()}) at its position
     * @param limits the limits of this parse (the window applies the byte limit)
     * @param seed the pool's key hash seed
     * @param whole whether the value must be the rest of the window's input
     * @throws IOException if reading the window's source fails
     * @throws IllegalStateException if the arena is reset or closed while the source is read
     * @throws dev.jsonarena.JsonParseException if the input is not one JSON text
     * @throws dev.jsonarena.JsonLimitException if the input passes a limit
     * @throws dev.jsonarena.JsonBudgetExceededException if the arena's budget is exhausted
     * @throws dev.jsonarena.JsonPoolExhaustedException if the pool is at its cap
     */
    public void parse(Document doc, InputWindow window, JsonLimits limits, long seed, boolean whole) throws IOException {
        this.window = window;
        this.in = window.buffer();
        this.start = -window.offset(0);
        this.end = window.end();
        this.expected = window.expectedBytes();
        this.lookahead = limits.maxNumberChars() + 64;
        this.reserve = Math.max(0, Math.min(Math.min(in.length / 16, KEPT_INPUT_BYTES), in.length - 2 * lookahead));
        if (keptInput.length < reserve) {
            keptInput = new byte[reserve];
        }
        window.syncTo(window.position());
        setRefillPoints();
        try {
            long p = run(doc, window.position(), limits, seed, whole);
            syncLines(p);
            window.position((int) p);
        } catch (ReadFailure e) {
            throw e.getCause();
        } finally {
            this.window = null;
        }
    }

    /**
     * {@return the tokens (values and member names, as the token limit counts them) of this
     * parser's last parse}: all of the document's after a parse that returned; after one that
     * threw, those begun before it failed, the failing one included
     */
    public int tokens() {
        return tokens;
    }

    /**
     * {@return a window array for a source read under {@code limits}}: this parser's own, reused,
     * unless the limits need a bigger one (a number literal, whole, must fit in half of it). A
     * source whose reads are user code is handed it: the window that reads it must be closed
     * (which wipes what the source put there) before the array serves another parse.
     */
    public byte[] windowBuffer(JsonLimits limits) {
        int need = Math.max(InputWindow.WINDOW_BYTES, 2 * (limits.maxNumberChars() + 64));
        if (need > InputWindow.WINDOW_BYTES) {
            return new byte[need];
        }
        if (windowBuffer == null) {
            windowBuffer = new byte[InputWindow.WINDOW_BYTES];
        }
        return windowBuffer;
    }

    /** Parses from {@code p} with the input fields set; {@return the position after the value (and, if whole, the whitespace)} */
    private long run(Document doc, long p, JsonLimits limits, long seed, boolean whole) {
        ArenaMemory mem = doc.memory;
        int markBlock = mem.markBlock();
        long markCursor = mem.markCursor();
        long epoch = mem.epoch();
        try {
            this.memory = mem;
            this.epoch = epoch;
            this.markBlock = markBlock;
            this.shifted = 0;
            this.origin = p - start;
            this.newlines = 0;
            this.lineStart = 0;
            this.continuation = 0;
            this.continuationSynced = 0;
            this.continuationFrom = -1;
            this.seed = seed;
            this.maxDepth = limits.maxDepth();
            this.maxTokens = limits.maxTokens();
            this.maxMembers = limits.maxObjectMembers();
            this.maxElements = limits.maxArrayElements();
            this.maxKeyBytes = limits.maxKeyBytes();
            this.maxDistinctKeys = limits.maxDistinctKeys();
            keys.begin(mem);
            this.maxStringBytes = limits.maxStringBytes();
            this.maxNumberChars = limits.maxNumberChars();
            this.duplicates = limits.duplicateKeyPolicy();
            this.tokens = 0;
            this.objectSerial = 0;
            this.lastKey = -1;
            final byte[] input = in;
            if (p - start == 0 && Utf8.byteOrderMarkAt(input, p, end)) {
                if (!limits.allowByteOrderMark()) {
                    throw error(p, "a JSON value (a byte order mark is accepted only with JsonLimits.allowByteOrderMark)",
                            "the byte order mark EF BB BF");
                }
                p += 3;
                continuation += 2; // three bytes, one character
            }
            allocAt = p;
            openRegion(expected);
            p = document(p);
            if (whole) {
                p = skipWs(p);
                if (p < end) {
                    throw error(p, "end of input after the JSON value");
                }
            }
            finish(doc, p);
            return p;
        } catch (Throwable e) { // a source's read is user code: it may throw a checked exception it did not declare
            RuntimeException located = e instanceof JsonBudgetExceededException || e instanceof JsonPoolExhaustedException
                    ? located((RuntimeException) e) : null;
            if (mem.isOpen() && mem.epoch() == epoch) { // else a callback reset or closed the arena: nothing is ours
                mem.rollback(markBlock, markCursor);
            }
            if (located != null) {
                throw located;
            }
            throw e;
        } finally {
            keys.clear();
            this.in = null;
            this.seg = null;
            this.memory = null;
        }
    }

    /** Tells the window the newlines skipped up to {@code p}, so that it can drop what is before. */
    private void syncLines(long p) {
        window.advanceLines((int) p, newlines, lineStart, continuation == continuationSynced);
        newlines = 0;
        continuationSynced = continuation;
    }

    /** Sets {@link #softEnd} and {@link #refillAt} for the window's current end. */
    private void setRefillPoints() {
        if (window.more()) {
            softEnd = end - lookahead;
            refillAt = end - 16;
        } else {
            softEnd = end;
            refillAt = Long.MAX_VALUE;
        }
    }

    /**
     * Refills the window, keeping the input from {@code p} on; {@return {@code p}'s position in the
     * refilled window}. The source is user code: afterwards the arena must still be the one this
     * parse started in, or nothing of it is touched again.
     */
    private long refill(long p) {
        syncLines(p);
        int keepFrom = (int) p;
        int first = Math.min(reserve, keepFrom);
        int kept = keys.keepInput(in, keepFrom, first, keptInput);
        int d;
        try {
            d = window.refill(keepFrom, continuationFrom < 0 ? -1 : continuation - continuationFrom, reserve);
            continuationFrom = continuation;
        } catch (IOException e) {
            throw new ReadFailure(e);
        }
        if (!memory.isOpen() || memory.epoch() != epoch || memory.closeRequested()) {
            throw new IllegalStateException("the arena was closed while the parse read its input (by another"
                    + " thread, or by the input's read calls)");
        }
        in = window.buffer();
        System.arraycopy(keptInput, 0, in, 0, kept); // below the window's first index: the window leaves it alone
        end = window.end();
        expected = Math.max(expected, window.expectedBytes());
        setRefillPoints();
        shifted += d;
        start -= d;
        return p - d;
    }

    /**
     * Parses the JSON text in {@code input[offset, offset + length)}, as
     * {@link #parse(Document, byte[], int, int, JsonLimits, long)} does. A segment over a heap
     * {@code byte[]} is read in place; any other (native memory, a mapped file) through this
     * parser's window, a window at a time, so heap use does not grow with the input.
     *
     * @param doc the document to fill; its arena receives every byte kept
     * @param input the input; only {@code [offset, offset + length)} is read
     * @param offset where the JSON text starts
     * @param length its length in bytes
     * @param limits the limits of this parse
     * @param seed the pool's key hash seed
     * @throws dev.jsonarena.JsonParseException if the input is not one JSON text
     * @throws dev.jsonarena.JsonLimitException if the input passes a limit
     * @throws dev.jsonarena.JsonBudgetExceededException if the arena's budget is exhausted
     * @throws dev.jsonarena.JsonPoolExhaustedException if the pool is at its cap
     */
    public void parse(Document doc, MemorySegment input, long offset, long length, JsonLimits limits, long seed) {
        Errors.checkDocumentBytes(length, limits.maxDocumentBytes());
        if (!input.isNative() && input.heapBase().orElse(null) instanceof byte[] array) {
            parse(doc, array, (int) (input.address() + offset), (int) length, limits, seed); // in place
            return;
        }
        InputWindow w = segmentWindow;
        segmentSource.open(input, offset, length);
        w.open(segmentSource, windowBuffer(limits), InputWindow.NO_BOUNDARY);
        try {
            w.fill();
            parse(doc, w, limits, seed, true);
        } catch (IOException e) {
            throw new UncheckedIOException("a segment source does no I/O", e);
        } finally {
            w.close();
            segmentSource.close();
        }
    }

    /** {@return a little-endian long of the 8 bytes at {@code p}} */
    private static long longAt(byte[] in, long p) {
        return (long) LONG_LE_ARRAY.get(in, (int) p);
    }

    /** {@return a little-endian int of the 4 bytes at {@code p}} */
    private static int intAt(byte[] in, long p) {
        return (int) INT_LE_ARRAY.get(in, (int) p);
    }

    private void openRegion(long length) {
        long size = Math.min(MAX_REGION, (length + (length >>> 3) + 64 + 7) & ~7L);
        long address = memory.allocate(size, 8);
        regionAddress = address;
        seg = memory.segment(address);
        base = Address.offset(address);
        top = base + size;
        sPos = base;
        t = 0;
        flushed = 0;
        pendingEnd = PENDING_WORDS;
    }

    // ---- the grammar ----

    private long document(long p) {
        // the window's array never changes during a parse; its end may (a refill), so it is read
        // from the field after each call that may refill
        final byte[] in = this.in;
        int cur = Tape.NO_PARENT;
        int curParent = Tape.NO_PARENT;
        int curTag = 0;
        int count = 0;
        int depth = 0;
        p = skipWs(p);
        value:
        for (;;) {
            if (++tokens > maxTokens) {
                throw limit(JsonLimit.TOKENS, maxTokens, p);
            }
            int b = p < this.end ? in[(int) p] & 0xFF : -1;
            boolean closeNow = false;
            switch (b) {
                case '"' -> p = string(p);
                case '{', '[' -> {
                    if (++depth > maxDepth) {
                        throw limit(JsonLimit.DEPTH, maxDepth, p);
                    }
                    int tag = b == '{' ? Tape.OBJECT : Tape.ARRAY;
                    if (cur != Tape.NO_PARENT) {
                        putAt(cur, Tape.open(curTag, count, curParent));
                    }
                    int index = t;
                    put(Tape.open(tag, 0, cur), p);
                    curParent = cur;
                    cur = index;
                    curTag = tag;
                    count = 0;
                    p = skipWs(p + 1);
                    int c = p < this.end ? in[(int) p] & 0xFF : -1;
                    if (c == (tag == Tape.OBJECT ? '}' : ']')) {
                        closeNow = true;
                    } else {
                        count = 1;
                        if (tag == Tape.OBJECT) {
                            p = member(p);
                        }
                        continue value;
                    }
                }
                case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> {
                    long q = shortNumber(p, b);
                    p = q >= 0 ? q : number(p, b);
                }
                case 't', 'n', 'f' -> p = literal(p, b);
                default -> throw error(p, cur == Tape.NO_PARENT ? "a JSON value"
                        : curTag == Tape.OBJECT ? "a JSON value after ':'" : "a JSON value in the array");
            }
            for (;;) {
                if (!closeNow) {
                    if (cur == Tape.NO_PARENT) {
                        return p;
                    }
                    long after = p;
                    long dropped = shifted; // from here: the skipWs before ',' may refill too
                    long lines = newlines;
                    int c = p < this.end ? in[(int) p] & 0xFF : -1;
                    if (c == ',' && curTag == Tape.OBJECT) {
                        long v = predictedMember(p, count, depth);
                        if (v >= 0) {
                            count++;
                            p = v;
                            continue value;
                        }
                    }
                    if (c <= ' ') { // whitespace (or the end) before ',' or the closing bracket
                        p = skipWs(p);
                        c = p < this.end ? in[(int) p] & 0xFF : -1;
                    }
                    if (c == ',') {
                        if (curTag == Tape.OBJECT) {
                            if (++count > maxMembers) {
                                throw limit(JsonLimit.OBJECT_MEMBERS, maxMembers, p);
                            }
                            int previous = lastKey;
                            long continuation0 = continuation;
                            long v = member(skipWs(p + 1));
                            if (previous >= 0 && shifted == dropped) { // a run across a refill is not kept
                                lines = newlines - lines;
                                keys.recordRun(previous, depth, after, v - after, lastKey, (int) lines,
                                        lines == 0 ? 0 : (int) (lineStart - after), (int) (continuation - continuation0));
                            }
                            p = v;
                        } else {
                            if (++count > maxElements) {
                                throw limit(JsonLimit.ARRAY_ELEMENTS, maxElements, p);
                            }
                            p = skipWs(p + 1);
                        }
                        continue value;
                    }
                    if (c != (curTag == Tape.OBJECT ? '}' : ']')) {
                        throw error(p, curTag == Tape.OBJECT ? "',' or '}' after an object member"
                                : "',' or ']' after an array element");
                    }
                }
                closeNow = false;
                if (curTag == Tape.OBJECT && count > 1) {
                    count = checkDuplicates(cur, count, p);
                }
                putAt(cur, Tape.container(curTag, count, t - cur));
                depth--;
                p++;
                cur = curParent;
                if (cur != Tape.NO_PARENT) {
                    long w = wordAt(cur);
                    curTag = Tape.tag(w);
                    count = Tape.count(w);
                    curParent = Tape.parent(w);
                }
            }
        }
    }

    /**
     * The fast path for the next member of an object, at {@code p} just after a member's value: if
     * the bytes from here to the next value are those that followed the same member name the last
     * time ({@link KeyTable#recordRun}: whitespace, ',', the next name, ':' and whitespace) and a
     * value starts right after them, the member's name is that one. Equal bytes parse equally and
     * were valid then, so the name is taken without scanning, and only the limits that count are
     * checked (a member or token limit that would be passed leaves it to the normal path, which
     * reports it). {@return the position of the member's value, or -1 if there is no such run}
     */
    private long predictedMember(long p, int count, int depth) {
        final KeyTable keys = this.keys;
        int last = lastKey;
        if (last < 0 || last >= KeyTable.PREDICTED_KEYS) {
            return -1;
        }
        int run = KeyTable.run(last, depth);
        int n = keys.runLength[run];
        if (n == 0 || p + n + 8 > softEnd || count >= maxMembers || tokens >= maxTokens) {
            return -1;
        }
        final byte[] in = this.in;
        long k = keys.runStart[run]; // an earlier run: k + n < p, so its reads stay below end too
        // the same comparison as matchKey's, written out in both: as one shared method, twitter.json
        // parse-only measured 3-5% slower (two A/B pairs, docs/benchmarks.md)
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            if (longAt(in, p + i) != longAt(in, k + i)) {
                return -1;
            }
        }
        int r = n - i;
        if (r > 0 && ((longAt(in, p + i) ^ longAt(in, k + i)) & (-1L >>> (64 - 8 * r))) != 0) {
            return -1;
        }
        if (in[(int) (p + n)] <= ' ') {
            return -1; // more whitespace (or a byte no value starts with): not the same run
        }
        tokens++;
        int id = keys.runKey[run];
        int lines = keys.runNewlines[run];
        if (lines != 0) { // pretty-printed: the run holds the newline before the name
            newlines += lines;
            lineStart = p + keys.runLineEnd[run];
            continuationFrom = continuation;
        }
        int runContinuation = keys.runContinuation[run];
        if (runContinuation != 0) {
            continuation += runContinuation;
        }
        lastKey = id;
        put(Tape.key(id), p);
        return p + n;
    }

    /** Parses a member name, the colon and the whitespace after it; {@return the position of the value} */
    private long member(long p) {
        if (++tokens > maxTokens) {
            throw limit(JsonLimit.TOKENS, maxTokens, p);
        }
        if (p >= end || in[(int) p] != '"') {
            throw error(p, "'\"' starting an object member name");
        }
        p = key(p);
        p = skipWs(p);
        if (p >= end || in[(int) p] != ':') {
            throw error(p, "':' after an object member name");
        }
        return skipWs(p + 1);
    }

    /**
     * Skips whitespace; {@return the position of the next other byte, with the lookahead the notes
     * describe after it, or the end of the input}
     */
    private long skipWs(long p) {
        final byte[] in = this.in;
        final long end = this.end;
        if (p < softEnd && in[(int) p] > ' ') {
            return p; // the common case: no whitespace at all
        }
        // 8 bytes at a time: the lowest byte that is not a space ends a run of spaces; a newline,
        // tab or CR there is skipped and the scan goes on (indentation is "\n" and spaces)
        while (p + 8 <= end) {
            long x = longAt(in, p) ^ Swar.SPACES;
            if (x == 0) {
                p += 8;
                continue;
            }
            int k = Long.numberOfTrailingZeros(x) >>> 3;
            int b = (int) (x >>> (k << 3)) & 0xFF ^ 0x20;
            p += k;
            if (b == '\n') {
                newlines++; // valid JSON has newlines only here: the count costs no pass of its own
                lineStart = p + 1;
                continuationFrom = continuation;
            } else if (b != '\r' && b != '\t') {
                return p < softEnd ? p : skipWsToEnd(p);
            }
            p++;
        }
        return skipWsToEnd(p);
    }

    /**
     * {@link #skipWs} for the last bytes of the window, one at a time, refilling it when it has more
     * (out of line: callers stay small).
     */
    private long skipWsToEnd(long p) {
        for (;;) {
            final byte[] in = this.in;
            while (p < end) {
                int b = in[(int) p];
                if (b == '\n') {
                    newlines++;
                    lineStart = p + 1;
                    continuationFrom = continuation;
                } else if (b != ' ' && b != '\r' && b != '\t') {
                    if (p < softEnd) {
                        return p;
                    }
                    break;
                }
                p++;
            }
            if (window == null || !window.more()) {
                return p;
            }
            p = refill(p);
        }
    }

    /** Parses {@code true}, {@code false} or {@code null}, whose first byte {@code b} is at {@code p}; {@return the position after it} */
    private long literal(long p, int b) {
        int tag = b == 't' ? Tape.TRUE : b == 'n' ? Tape.NULL : Tape.FALSE;
        int n = tag == Tape.FALSE ? 5 : 4;
        int expected = tag == Tape.TRUE ? TRUE_LE : tag == Tape.NULL ? NULL_LE : ALSE_LE;
        if (p + n > end || intAt(in, p + n - 4) != expected) {
            throw literalError(p, tag == Tape.TRUE ? "true" : tag == Tape.NULL ? "null" : "false");
        }
        put(Tape.literal(tag), p);
        return p + n;
    }

    private JsonParseException literalError(long p, String text) {
        long q = p;
        for (int i = 0; i < text.length(); i++, q++) {
            if (q >= end || in[(int) q] != text.charAt(i)) {
                break;
            }
        }
        return error(q, "the literal " + text);
    }

    // ---- strings ----

    private long string(long p) {
        long rel = sPos - base;
        p = scan(p + 1, maxStringBytes, JsonLimit.STRING_BYTES);
        int length = (int) (sPos - base - rel);
        put(Tape.text(Tape.STRING, length, rel), p);
        return p;
    }

    private long key(long p) {
        final KeyTable keys = this.keys;
        int last = lastKey;
        if (last >= 0 && last < KeyTable.PREDICTED_KEYS) {
            int predicted = keys.next[last];
            if (predicted >= 0 && keys.plain[predicted]) {
                long q = matchKey(p + 1, predicted);
                if (q >= 0) {
                    int keyContinuation = keys.continuation[predicted];
                    if (keyContinuation != 0) {
                        continuation += keyContinuation;
                    }
                    lastKey = predicted;
                    put(Tape.key(predicted), p);
                    return q;
                }
            }
        }
        long q0 = p + 1;
        int rel = (int) (sPos - base);
        long dropped = shifted;
        long continuationBefore = continuation;
        p = scan(q0, maxKeyBytes, JsonLimit.KEY_BYTES);
        q0 -= shifted - dropped; // moved down if the window was refilled
        boolean textInWindow = shifted == dropped || q0 >= window.first(); // else its start was dropped
        int length = (int) (sPos - base) - rel;
        long hash = KeyHash.hash(seg, base + rel, length, seed);
        int known = keys.count;
        allocAt = p; // where a budget refusal of the table's growth is reported
        int id = keys.intern(hash, seg, base, rel, length);
        if (id < known) {
            sPos = base + rel; // seen before: its bytes are already in the string area
        } else if (id >= maxDistinctKeys) {
            throw limit(JsonLimit.DISTINCT_KEYS, maxDistinctKeys, shifted == dropped || q0 > window.first() ? q0 - 1 : p);
        }
        if (id < KeyTable.PREDICTED_KEYS) {
            // an escape always makes the text longer than its bytes; an escape-free occurrence still
            // in the input becomes the one predictions compare with
            if (p - 1 - q0 == length && textInWindow) {
                keys.plain[id] = true;
                keys.source[id] = (int) q0;
                keys.continuation[id] = (int) (continuation - continuationBefore); // a prediction skips its bytes: it must count them
            } else if (id >= known) {
                keys.plain[id] = false;
            }
        }
        if (last >= 0 && last < KeyTable.PREDICTED_KEYS) {
            keys.next[last] = id < KeyTable.PREDICTED_KEYS ? id : -1;
        }
        lastKey = id;
        put(Tape.key(id), p);
        return p;
    }

    /**
     * {@return the position past the closing quote if the input at {@code q} is the text of the
     * plain (escape-free) key {@code id} followed by '"', otherwise -1}. A plain key's input text
     * equals its bytes, so the input is compared with the key's first occurrence in the same input
     * (array against array, 8 bytes at a time, closing quote included); that text was validated
     * and holds no '"', '\\' or control byte, so equal bytes are a valid name ending there.
     */
    private long matchKey(long q, int id) {
        int length = keys.lengths[id];
        if (q + length + 8 > end) {
            return -1;
        }
        final byte[] in = this.in;
        long k = keys.source[id]; // k + length < q: the reads at k stay below end too
        int n = length + 1; // the name and its closing quote
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            if (longAt(in, q + i) != longAt(in, k + i)) {
                return -1;
            }
        }
        int r = n - i;
        if (r > 0 && ((longAt(in, q + i) ^ longAt(in, k + i)) & (-1L >>> (64 - 8 * r))) != 0) {
            return -1;
        }
        return q + n;
    }

    /**
     * Scans a string body from {@code p} (just past the opening quote) to its closing quote,
     * writing the unescaped bytes at {@code sPos}; {@return the position past the closing quote}
     */
    private long scan(long p, int maxLength, JsonLimit limit) {
        final byte[] in = this.in;
        long end = this.end;
        final long rel0 = sPos - base;
        for (;;) {
            MemorySegment out = this.seg;
            long s = sPos;
            long stop = Math.min(Tape.floor(top, t) - SLACK - 8, base + rel0 + maxLength - 8);
            long pStop = end - 8;
            while (p <= pStop && s <= stop) {
                long w = longAt(in, p);
                out.set(Tape.LONG_LE, s, w);
                long m = Swar.stopsString(w);
                if (m != 0) {
                    int k = Long.numberOfTrailingZeros(m) >>> 3;
                    p += k;
                    s += k;
                    break;
                }
                p += 8;
                s += 8;
            }
            sPos = s;
            if (p >= refillAt) { // fewer than 16 bytes left in a window that has more
                p = refill(p);
                end = this.end;
                continue;
            }
            int b = p < end ? in[(int) p] & 0xFF : -1;
            if (b == '"') {
                return p + 1;
            }
            if (b == '\\') {
                // a run of escapes stays here while the window holds the longest escape
                do {
                    p = escape(p, rel0, maxLength, limit);
                } while (p < end && p < refillAt && in[(int) p] == '\\');
            } else if (b >= 0x80) {
                long q = utf8Run(p, rel0, maxLength);
                p = q != p ? q : utf8(p, b, rel0, maxLength, limit);
            } else if (b >= 0x20) {
                reserve(1, p, rel0, maxLength, limit);
                seg.set(ValueLayout.JAVA_BYTE, sPos++, (byte) b);
                p++;
            } else if (b < 0) {
                throw error(p, "'\"' closing the string");
            } else {
                throw error(p, "a string character (U+0000..U+001F must be escaped)");
            }
        }
    }

    /** Makes room for {@code n} more bytes of the current string, checking its limit first. */
    private void reserve(int n, long p, long rel0, int maxLength, JsonLimit limit) {
        if (sPos - base - rel0 + n > maxLength) {
            throw limit(limit, maxLength, p);
        }
        if (sPos + n + SLACK > Tape.floor(top, t)) {
            allocAt = p;
            grow(n, p);
        }
    }

    private long escape(long p, long rel0, int maxLength, JsonLimit limit) {
        int c = p + 1 < end ? in[(int) (p + 1)] & 0xFF : -1;
        int out;
        switch (c) {
            case '"', '\\', '/' -> out = c;
            case 'b' -> out = '\b';
            case 'f' -> out = '\f';
            case 'n' -> out = '\n';
            case 'r' -> out = '\r';
            case 't' -> out = '\t';
            case 'u' -> {
                int cp = hex4(p + 2);
                long q = p + 6;
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    if (q + 1 < end && in[(int) q] == '\\'
                            && in[(int) (q + 1)] == 'u') {
                        int low = hex4(q + 2);
                        if (low < 0xDC00 || low > 0xDFFF) {
                            throw error(q, "a low surrogate escape \\uDC00..\\uDFFF after the high surrogate \\u"
                                    + Integer.toHexString(cp).toUpperCase() + " (lone surrogates are rejected)",
                                    "\\u" + hex4Text(low));
                        }
                        cp = Character.toCodePoint((char) cp, (char) low);
                        q += 6;
                    } else {
                        throw error(q, "a low surrogate escape \\uDC00..\\uDFFF after the high surrogate \\u"
                                + Integer.toHexString(cp).toUpperCase() + " (lone surrogates are rejected)");
                    }
                } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                    throw error(p, "an escape of a code point (lone surrogates are rejected)",
                            "the lone low surrogate \\u" + hex4Text(cp));
                }
                writeCodePoint(cp, p, rel0, maxLength, limit);
                return q;
            }
            default -> throw error(p + 1, "an escape character: one of \" \\ / b f n r t u");
        }
        reserve(1, p, rel0, maxLength, limit);
        seg.set(ValueLayout.JAVA_BYTE, sPos++, (byte) out);
        return p + 2;
    }

    private static String hex4Text(int v) {
        String h = Integer.toHexString(v).toUpperCase();
        return "0000".substring(h.length()) + h;
    }

    /**
     * {@return the value of the four hex digits at {@code p}}: one 4-byte read when they are all in
     * the input, otherwise, or when one is not a hex digit, one byte at a time to name the first
     * byte that is not one.
     */
    private int hex4(long p) {
        if (p + 4 <= end) {
            int v = Swar.hex4(intAt(in, p));
            if (v >= 0) {
                return v;
            }
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int c = p + i < end ? in[(int) (p + i)] & 0xFF : -1;
            int d;
            if (c >= '0' && c <= '9') {
                d = c - '0';
            } else if (c >= 'a' && c <= 'f') {
                d = c - 'a' + 10;
            } else if (c >= 'A' && c <= 'F') {
                d = c - 'A' + 10;
            } else {
                throw error(p + i, "a hex digit of a \\u escape");
            }
            v = v << 4 | d;
        }
        return v;
    }

    /**
     * Writes {@code cp} as 1 to 4 UTF-8 bytes with one 4-byte store: the bytes past the sequence
     * land in the SLACK gap that reserve keeps after it.
     */
    private void writeCodePoint(int cp, long p, long rel0, int maxLength, JsonLimit limit) {
        int n;
        int bytes;
        if (cp < 0x80) {
            n = 1;
            bytes = cp;
        } else if (cp < 0x800) {
            n = 2;
            bytes = Utf8.twoBytes(cp);
        } else if (cp < 0x10000) {
            n = 3;
            bytes = Utf8.threeBytes(cp);
        } else {
            n = 4;
            bytes = Utf8.fourBytes(cp);
        }
        reserve(n, p, rel0, maxLength, limit);
        seg.set(INT_LE, sPos, bytes);
        sPos += n;
    }

    /**
     * The fast path for non-ASCII text: validates and copies consecutive well-formed UTF-8
     * sequences, two 3-byte sequences (CJK text) from one 8-byte read and write, any other one from
     * a 4-byte read and write, while there is room for 8 more bytes
     * within the region and the string's limit; {@return the position of the first byte it did not
     * take} (an ASCII byte, anything invalid, or the end of the room), which {@link #utf8}, the
     * SWAR loop or the error paths then handle. Writes past the sequence land in the gap.
     */
    private long utf8Run(long p, long rel0, int maxLength) {
        final byte[] in = this.in;
        final MemorySegment out = this.seg;
        final long pStop = end - 4;
        final long stop = Math.min(Tape.floor(top, t) - SLACK - 8, base + rel0 + maxLength - 8);
        long s = sPos;
        long p0 = p;
        int chars = 0;
        while (p <= pStop && s <= stop) {
            if (p + 8 <= end) {
                long w8 = longAt(in, p);
                if ((w8 & 0xC0C0F0_C0C0F0L) == 0x8080E0_8080E0L) { // two 3-byte sequences
                    int l0 = (int) w8 & 0xFF;
                    int l1 = (int) (w8 >>> 24) & 0xFF;
                    if (l0 != 0xE0 && l0 != 0xED && l1 != 0xE0 && l1 != 0xED) { // neither can be overlong or a surrogate
                        out.set(Tape.LONG_LE, s, w8); // the 2 bytes past the pair land in the gap
                        p += 6;
                        s += 6;
                        chars += 2;
                        continue;
                    }
                }
            }
            int w = intAt(in, p);
            int b0 = w & 0xFF;
            int b1 = w >>> 8 & 0xFF;
            int n;
            if ((w & 0xC0_C0F0) == 0x80_80E0) { // 1110xxxx 10xxxxxx 10xxxxxx
                if (b0 == 0xE0 ? b1 < 0xA0 : b0 == 0xED && b1 > 0x9F) {
                    break; // overlong or a surrogate
                }
                n = 3;
            } else if ((w & 0xC0E0) == 0x80C0) { // 110xxxxx 10xxxxxx
                if (b0 < 0xC2) {
                    break; // overlong
                }
                n = 2;
            } else if ((w & 0xC0C0_C0F8) == 0x8080_80F0) { // 11110xxx 10xxxxxx 10xxxxxx 10xxxxxx
                if (b0 == 0xF0 ? b1 < 0x90 : b0 > 0xF4 || b0 == 0xF4 && b1 > 0x8F) {
                    break; // overlong or above U+10FFFF
                }
                n = 4;
            } else {
                break;
            }
            out.set(INT_LE, s, w);
            p += n;
            s += n;
            chars++;
        }
        sPos = s;
        continuation += (p - p0) - chars;
        return p;
    }

    /** Validates and copies one UTF-8 sequence of two to four bytes (RFC 3629: no overlongs, surrogates or code points above U+10FFFF). */
    private long utf8(long p, int b, long rel0, int maxLength, JsonLimit limit) {
        int n;
        int lo = 0x80;
        int hi = 0xBF;
        if (b >= 0xC2 && b <= 0xDF) {
            n = 2;
        } else if (b >= 0xE0 && b <= 0xEF) {
            n = 3;
            if (b == 0xE0) {
                lo = 0xA0;
            } else if (b == 0xED) {
                hi = 0x9F;
            }
        } else if (b >= 0xF0 && b <= 0xF4) {
            n = 4;
            if (b == 0xF0) {
                lo = 0x90;
            } else if (b == 0xF4) {
                hi = 0x8F;
            }
        } else {
            throw error(p, "a UTF-8 lead byte (0x00..0x7F or 0xC2..0xF4)");
        }
        int c = p + 1 < end ? in[(int) (p + 1)] & 0xFF : -1;
        if (c < lo || c > hi) {
            throw error(p + 1, "a UTF-8 continuation byte 0x" + Errors.hex(lo) + "..0x" + Errors.hex(hi)
                    + " after lead byte 0x" + Errors.hex(b));
        }
        for (int i = 2; i < n; i++) {
            c = p + i < end ? in[(int) (p + i)] & 0xFF : -1;
            if (c < 0x80 || c > 0xBF) {
                continuation += i - 1; // the ones before it were: the error's column counts them as no character
                throw error(p + i, "a UTF-8 continuation byte 0x80..0xBF");
            }
        }
        reserve(n, p, rel0, maxLength, limit);
        MemorySegment out = seg;
        long s = sPos;
        out.set(ValueLayout.JAVA_BYTE, s, (byte) b);
        out.set(ValueLayout.JAVA_BYTE, s + 1, in[(int) (p + 1)]);
        if (n > 2) {
            out.set(ValueLayout.JAVA_BYTE, s + 2, in[(int) (p + 2)]);
            if (n > 3) {
                out.set(ValueLayout.JAVA_BYTE, s + 3, in[(int) (p + 3)]);
            }
        }
        sPos = s + n;
        continuation += n - 1;
        return p + n;
    }

    // ---- numbers ----

    /**
     * The common number forms in three 8-byte reads at most: an integer part of 1 to 7 digits and
     * either no fraction or a fraction that keeps the significand within 19 digits, no exponent,
     * at least 24 bytes from the end of the input. Writes the same words {@link #number} would;
     * {@return the position after the number, or -1 if it is not of this form} (then nothing was
     * written and {@link #number} parses it, or reports the error).
     */
    private long shortNumber(long p0, int b) {
        final byte[] in = this.in;
        final long end = this.end;
        long p = b == '-' ? p0 + 1 : p0;
        if (p + 24 > end) {
            return -1;
        }
        // the three words a number of this form can span are read first, so no read waits for a
        // digit count: the fraction's words are shifted out of them
        long w = longAt(in, p);
        long wb = longAt(in, p + 8);
        long wc = longAt(in, p + 16);
        int k = Swar.leadingDigits(w);
        if (k == 0 || k == 8 || (k > 1 && (w & 0xFF) == '0')) {
            return -1; // no digit, 8 or more integer digits, or a leading zero
        }
        long significand = Swar.digitsValue(w, k);
        int c = (int) (w >>> (k << 3)) & 0xFF;
        if (c != '.') {
            p += k;
            if (c == 'e' || c == 'E' || (b == '-' && significand == 0) || p - p0 > maxNumberChars) {
                return -1;
            }
            put(Tape.intWord(b == '-' ? -significand : significand), p0);
            return p;
        }
        int d = (k + 1) << 3; // bits of the integer digits and the point: 16..64
        long w1 = ((w >>> (d - 8)) >>> 8) | (wb << (64 - d)); // the bytes from the point on
        int f = Swar.leadingDigits(w1);
        if (f == 0) {
            return -1; // no digit after the point: an error, reported by number()
        }
        int fraction;
        if (f < 8) {
            significand = significand * pow10(f) + Swar.digitsValue(w1, f);
            fraction = f;
            w = w1;
        } else {
            long w2 = ((wb >>> (d - 8)) >>> 8) | (wc << (64 - d));
            f = Swar.leadingDigits(w2);
            if (f == 8 || k + 8 + f > 19) {
                return -1;
            }
            significand = significand * 100_000_000L + Swar.digitsValue(w1, 8);
            if (f > 0) {
                significand = significand * pow10(f) + Swar.digitsValue(w2, f);
            }
            fraction = 8 + f;
            w = w2;
        }
        p += k + 1 + fraction;
        c = (int) (w >>> (f << 3)) & 0xFF;
        if (c == 'e' || c == 'E' || p - p0 > maxNumberChars) {
            return -1;
        }
        put(Tape.decWord(b == '-', fraction), p0);
        put(significand, p0);
        return p;
    }

    private long number(long p, int b) {
        final byte[] in = this.in;
        final long end = this.end;
        long p0 = p;
        boolean negative = false;
        if (b == '-') {
            negative = true;
            b = ++p < end ? in[(int) p] & 0xFF : -1;
        }
        long significand;
        int digits;
        if (b == '0') {
            significand = 0;
            digits = 1;
            b = ++p < end ? in[(int) p] & 0xFF : -1;
            if (b >= '0' && b <= '9') {
                throw error(p, "'.', 'e', 'E' or the end of the number after a leading 0 (leading zeros are not allowed)");
            }
        } else if (b >= '1' && b <= '9') {
            significand = b - '0';
            digits = 1;
            p++;
            while (p + 8 <= end) { // up to 8 digits at a time while the significand stays exact
                long w = longAt(in, p);
                int k = Swar.leadingDigits(w);
                if (k == 0 || digits + k > 19) {
                    break;
                }
                significand = significand * pow10(k) + Swar.digitsValue(w, k);
                digits += k;
                p += k;
                if (k < 8) {
                    break;
                }
            }
            p--;
            for (;;) {
                b = ++p < end ? in[(int) p] & 0xFF : -1;
                if (b < '0' || b > '9') {
                    break;
                }
                if (digits < 19) {
                    significand = significand * 10 + (b - '0');
                }
                digits++;
            }
        } else {
            throw error(p, "a digit after '-'");
        }
        int fraction = 0;
        if (b == '.') {
            b = ++p < end ? in[(int) p] & 0xFF : -1;
            if (b < '0' || b > '9') {
                throw error(p, "a digit after the decimal point");
            }
            while (p + 8 <= end) {
                long w = longAt(in, p);
                int k = Swar.leadingDigits(w);
                if (k == 0 || digits + k > 19) {
                    break;
                }
                significand = significand * pow10(k) + Swar.digitsValue(w, k);
                digits += k;
                fraction += k;
                p += k;
                b = p < end ? in[(int) p] & 0xFF : -1;
                if (k < 8) {
                    break;
                }
            }
            while (b >= '0' && b <= '9') {
                if (digits < 19) {
                    significand = significand * 10 + (b - '0');
                }
                digits++;
                fraction++;
                b = ++p < end ? in[(int) p] & 0xFF : -1;
            }
        }
        boolean exponent = false;
        if (b == 'e' || b == 'E') {
            exponent = true;
            b = ++p < end ? in[(int) p] & 0xFF : -1;
            if (b == '+' || b == '-') {
                b = ++p < end ? in[(int) p] & 0xFF : -1;
            }
            if (b < '0' || b > '9') {
                throw error(p, "a digit in the exponent");
            }
            do {
                b = ++p < end ? in[(int) p] & 0xFF : -1;
            } while (b >= '0' && b <= '9');
        }
        long chars = p - p0;
        if (chars > maxNumberChars) {
            throw limit(JsonLimit.NUMBER_CHARS, maxNumberChars, p0 + maxNumberChars);
        }
        if (!exponent && digits <= 19) {
            if (fraction == 0 && digits <= 18 && significand <= Tape.INT_MAX && !(negative && significand == 0)) {
                put(Tape.intWord(negative ? -significand : significand), p0);
            } else {
                put(Tape.decWord(negative, fraction), p0);
                put(significand, p0);
            }
            return p;
        }
        int n = (int) chars;
        if (sPos + n + SLACK > Tape.floor(top, t)) {
            allocAt = p;
            grow(n, p);
        }
        long rel = sPos - base;
        MemorySegment.copy(in, (int) p0, seg, ValueLayout.JAVA_BYTE, sPos, n);
        sPos += n;
        put(Tape.text(Tape.NUMBER, n, rel), p0);
        return p;
    }

    /**
     * Powers of ten 10^0..10^8 at {@code POW10[POW10_AT + k]}, with 8 unused longs (64 bytes) on
     * each side. The margins keep the values off any cache line another object shares: this table
     * is read for every group of digits, and when it shared a line with an object written during
     * parses, two threads parsing number-heavy documents ran at about half speed each (1.0-1.2x
     * the one-thread throughput instead of 2x; docs/benchmarks.md).
     */
    private static final long[] POW10 = new long[8 + 9 + 8];
    private static final int POW10_AT = 8;

    static {
        long v = 1;
        for (int k = 0; k <= 8; k++, v *= 10) {
            POW10[POW10_AT + k] = v;
        }
    }

    /** {@return 10 to the power {@code k}, 0 &lt;= k &lt;= 8} */
    private static long pow10(int k) {
        return POW10[POW10_AT + k];
    }

    // ---- duplicate keys ----

    /** Checks a just-closed object's members for duplicate names; {@return its member count afterwards} */
    private int checkDuplicates(int object, int count, long p) {
        int serial = ++objectSerial;
        final KeyTable keys = this.keys;
        int j = object + 1;
        for (int m = 0; m < count; m++) {
            int id = Tape.keyId(wordAt(j));
            if (keys.stamp(id, serial)) {
                return duplicate(object, count, id, p);
            }
            j = nextMember(j);
        }
        return count;
    }

    /** {@return the tape index of the member after the one whose key word is at {@code j}} */
    private int nextMember(int j) {
        return j + 1 + Tape.words(wordAt(j + 1));
    }

    /** The rare path: applies the duplicate-key policy to the object whose '}' is at {@code p}. */
    private int duplicate(int object, int count, int id, long p) {
        if (duplicates == DuplicateKeyPolicy.REJECT) {
            String name = keyName(id);
            throw error(p, "unique member names in each object (duplicateKeyPolicy REJECT)",
                    "a second member named \"" + name + "\" in the object closed here");
        }
        allocAt = p;
        flushTape(p); // the moves below work on the region
        int[] at = new int[count + 1];
        int[] ids = new int[count];
        int j = object + 1;
        for (int m = 0; m < count; m++) {
            at[m] = j;
            ids[m] = Tape.keyId(wordAt(j));
            j = nextMember(j);
        }
        at[count] = j;
        boolean[] keep = new boolean[count];
        int serial = ++objectSerial;
        if (duplicates == DuplicateKeyPolicy.FIRST_WINS) {
            for (int m = 0; m < count; m++) {
                keep[m] = !keys.stamp(ids[m], serial);
            }
        } else {
            for (int m = count - 1; m >= 0; m--) {
                keep[m] = !keys.stamp(ids[m], serial);
            }
        }
        int w = object + 1;
        int kept = 0;
        for (int m = 0; m < count; m++) {
            if (keep[m]) {
                int words = at[m + 1] - at[m];
                if (w != at[m]) {
                    // words [a, a + n) sit at bytes [top - 8(a + n), top - 8a)
                    MemorySegment.copy(seg, Tape.floor(top, at[m] + words), seg, Tape.floor(top, w + words), Tape.bytes(words));
                }
                w += words;
                kept++;
            }
        }
        t = w;
        flushed = w;
        pendingEnd = w + PENDING_WORDS;
        return kept;
    }

    private String keyName(int id) {
        byte[] bytes = new byte[keys.length(id)];
        MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, base + keys.offset(id), bytes, 0, bytes.length);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    // ---- the region ----

    /**
     * Appends a tape word to {@link #pending}, first copying a full buffer to the region. Room in
     * the region is not checked here: strings keep below word {@code t} (see {@link #scan}), and
     * {@link #flushTape} grows the region if the words would reach them.
     */
    private void put(long word, long p) {
        if (t == pendingEnd) {
            allocAt = p;
            flushTape(p);
        }
        pending[pendingEnd - 1 - t] = word;
        t++;
    }

    private void putAt(int index, long word) {
        if (index >= flushed) {
            pending[pendingEnd - 1 - index] = word;
        } else {
            seg.set(Tape.WORD, Tape.offset(top, index), word);
        }
    }

    private long wordAt(int index) {
        return index >= flushed ? pending[pendingEnd - 1 - index] : seg.get(Tape.WORD, Tape.offset(top, index));
    }

    /**
     * Copies the pending words {@code [flushed, t)} to their place in the region, growing the region
     * first if they would come within {@link #SLACK} bytes of the strings. They lie in
     * {@link #pending} in the same order as in the region, so this is one copy.
     */
    private void flushTape(long p) {
        if (Tape.floor(top, t) - sPos < SLACK) {
            grow(0, p);
        }
        int n = t - flushed;
        MemorySegment.copy(pendingSegment, Tape.bytes(PENDING_WORDS - n), seg, Tape.floor(top, t), Tape.bytes(n));
        flushed = t;
        pendingEnd = t + PENDING_WORDS;
    }

    /**
     * Moves the region into a bigger one with room for {@code extra} more bytes, sized by projecting
     * the bytes used per input byte so far over the whole input (as far as it is known), and gives
     * the old region's block back to the pool when the region had it to itself.
     */
    private void grow(long extra, long p) {
        long usedStrings = sPos - base;
        long usedTape = Tape.bytes(t);
        long need = usedStrings + usedTape + extra + 2 * SLACK + 64;
        long size = top - base;
        long total = Math.max(1, expected);
        long consumed = Math.max(1, p - start - origin);
        long projected = (long) ((double) need * total / consumed * 1.125);
        if (window != null) {
            projected = Math.min(projected, 4 * need); // the total may come from a size hint
        }
        long target = Math.max(need, Math.max(size + (size >>> 1), Math.min(projected, 9 * total + 1024)));
        target = Math.min(MAX_REGION, (target + 7) & ~7L);
        if (target < need) {
            throw new IllegalStateException("region of " + need + " bytes needed (expected: at most " + MAX_REGION
                    + "; the limits' maxima keep a document below it)");
        }
        // the region is the arena's last allocation: grow it in place while its block has room (a
        // reused arena's blocks are then filled before new ones are taken). Reading from a source,
        // the projection only knows what the window has read, so take all the room: the block is
        // the arena's already, the tape moves once instead of at every step, and finish gives back
        // what is left
        long room = memory.roomAfter(regionAddress + size) & ~7L;
        if (room >= need - size) {
            long newTop = base + size + Math.min(room, window != null ? MAX_REGION - size : target - size);
            long flushedTape = Tape.bytes(flushed);
            MemorySegment.copy(seg, top - flushedTape, seg, newTop - flushedTape, flushedTape);
            memory.extendTo(regionAddress + (newTop - base));
            top = newTop;
            return;
        }
        moveRegion(target);
    }

    /** Moves the strings and the flushed tape into a new region of {@code size} bytes. */
    private void moveRegion(long size) {
        long usedStrings = sPos - base;
        long flushedTape = Tape.bytes(flushed);
        long old = regionAddress;
        long address = memory.allocate(size, 8);
        MemorySegment to = memory.segment(address);
        long newBase = Address.offset(address);
        long newTop = newBase + size;
        MemorySegment.copy(seg, base, to, newBase, usedStrings);
        MemorySegment.copy(seg, top - flushedTape, to, newTop - flushedTape, flushedTape);
        regionAddress = address;
        seg = to;
        base = newBase;
        top = newTop;
        sPos = newBase + usedStrings;
        memory.releaseOwnBlock(old, markBlock);
    }

    /**
     * Gives back the region's gap: when the region has a block to itself and holds more than half
     * the input's size again (a region grown while reading an input of unknown size), moves it into
     * one of the size it needs; when it is the arena's last allocation, returns the gap to the bump
     * cursor. Then writes the key table and fills the document.
     */
    private void finish(Document doc, long p) {
        allocAt = p;
        flushTape(end);
        long usedStrings = sPos - base;
        long usedTape = Tape.bytes(t);
        long regionBytes = top - base;
        long fit = ((usedStrings + 7) & ~7L) + usedTape + SLACK;
        long input = Math.max(1, p - start - origin);
        if (regionBytes - fit >= FINAL_MOVE_MIN_GAP && regionBytes > input + (input >>> 1)
                && memory.ownBlockBytes(regionAddress, markBlock) > 0) {
            moveRegion(fit);
            regionBytes = top - base;
        }
        long newTop = ((base + usedStrings + 7) & ~7L) + usedTape;
        if (top - newTop >= 256 && memory.markCursor() == regionAddress + regionBytes) {
            MemorySegment.copy(seg, top - usedTape, seg, newTop - usedTape, usedTape);
            top = newTop;
            memory.shrinkTo(regionAddress + (newTop - base));
            regionBytes = newTop - base;
        }
        long keyBytes = keys.arenaBytes();
        long keyAddress = memory.allocate(keyBytes, 8);
        MemorySegment keySeg = memory.segment(keyAddress);
        long keyAt = Address.offset(keyAddress);
        keys.writeTo(keySeg, keyAt);
        doc.init(seg, base, top, t, usedStrings, regionBytes);
        doc.keys().attach(keySeg, keyAt, keys.count, seed, keys.probes());
    }

    /** {@return the exception for {@code limit}, of {@code value}, passed at {@code p}}, with its line and column */
    private JsonLimitException limit(JsonLimit limit, long value, long p) {
        if (window == null) {
            return Errors.limit(limit, value, in, start, p);
        }
        syncLines(p);
        return new JsonLimitException(limit, value, window.offset(p), window.line(p), window.column(p));
    }

    /**
     * {@return {@code e}, a memory exception the arena or pool raised during this parse, as one
     * that says so and gives the position the parse had reached ({@link #allocAt}), with {@code e}
     * as its cause}
     */
    private RuntimeException located(RuntimeException e) {
        long p = allocAt;
        long offset;
        long line;
        long column;
        if (window == null) {
            offset = p - start;
            line = Errors.line(in, start, p);
            column = Errors.column(in, start, p);
        } else {
            syncLines(p);
            offset = window.offset(p);
            line = window.line(p);
            column = window.column(p);
        }
        return e instanceof JsonBudgetExceededException b
                ? new JsonBudgetExceededException(b, offset, line, column)
                : new JsonPoolExhaustedException((JsonPoolExhaustedException) e, offset, line, column);
    }

    private JsonParseException error(long p, String expected) {
        return error(p, expected, Errors.describe(in, end, p));
    }

    private JsonParseException error(long p, String expected, String found) {
        if (window == null) {
            return Errors.parse(in, start, end, p, expected, found);
        }
        int from = window.first();
        syncLines(p);
        return Errors.parse(in, from, end, p, expected, found, window.offset(p), window.line(p), window.column(p));
    }
}
