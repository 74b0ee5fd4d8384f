package dev.jsonarena.tape;

import dev.jsonarena.memory.ArenaMemory;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.List;

/**
 * One parsed document: where its tape, string area and key table are in arena memory, the epoch
 * of its arena when it was parsed, and the readers of its parts. The views of the API hold a
 * document, that epoch and a tape index; every read goes through {@link #check(long)} first.
 *
 * <p>A document object is reused by its arena after the arena is reset (the epoch then differs, so
 * old views fail before they read anything); it is never used by another arena.
 *
 * <p>What it delegates: words to {@link Tape} (layout and addressing), member names to
 * {@link KeyEntries} (the key table in the arena), the indexes of large containers to
 * {@link ContainerIndex}, strings to {@link StringDecoder}, numbers to {@link TapeNumbers}.
 *
 * <p><b>Member names.</b> {@link #keyName} keeps each member name it made, by key id (ids below
 * {@value #MAX_CACHED_NAMES}), and returns the same String for that id until the document is parsed
 * into again: {@link #init} empties the cache, so a document reused by its arena, or by the next
 * arena of its pooled memory, never returns a name of the document before.
 *
 * <p>Thread-safety: not thread-safe, like its arena: reading views may build indexes, and
 * materialising strings writes the scratch arrays and the name cache. One case of use from two
 * threads is made safe, because a careless caller can reach it: a view read on another thread
 * after its arena was closed, while the same pooled memory (and so this document object) serves
 * the next request. Such a read is refused by its epoch check before or after it reads; in
 * between, it writes no state the new request reads: the string decoder's arrays are taken with
 * an atomic swap, names and indexes are cached only while the arena is held at the view's own
 * epoch ({@link #holdAt}), and the scan state is kept per epoch.
 */
public final class Document {
    /** Objects up to this many members are searched linearly. */
    static final int LINEAR_MEMBERS = 16;
    /** Arrays up to this many elements are walked linearly. */
    static final int LINEAR_ELEMENTS = 16;
    /** Key ids below this have their name cached by {@link #keyName} after its first call. */
    static final int MAX_CACHED_NAMES = 4096;
    /** Strings longer than this are decoded through a one-off array (see {@link StringDecoder}). */
    public static final int SCRATCH_MAX_BYTES = StringDecoder.SCRATCH_MAX_BYTES;
    private static final String[] NO_NAMES = {};

    /** The arena memory this document lives in. */
    public final ArenaMemory memory;
    private final KeyEntries keys = new KeyEntries();
    private final ContainerIndex indexes;
    private final StringDecoder decoder = new StringDecoder();
    private long epoch;
    MemorySegment seg;
    long base;
    long top;
    int words;
    private long stringBytes;
    private long regionBytes;
    private byte[] transfer;
    // the input this document was parsed from, when it is an array or a segment (else both null): read again for error positions
    private byte[] inputArray;
    private MemorySegment inputSegment;
    private long inputOffset;
    private long inputLength;
    private long textFrom;
    private long textLength;
    // member names made by keyName in this parse, by key id; only ids below namesUsed may be set
    private String[] names = NO_NAMES;
    private int namesUsed;

    /**
     * Creates an empty document of {@code memory}'s arena.
     *
     * @param memory the arena memory
     */
    public Document(ArenaMemory memory) {
        this.memory = memory;
        this.indexes = new ContainerIndex(memory);
    }

    /**
     * Makes this the document a parse just built, in the arena's current epoch: its tape of
     * {@code words} words and its string area share the region of {@code seg} whose strings start at
     * {@code base} and whose tape ends at {@code top}; the strings take {@code stringBytes} bytes and
     * the region {@code regionBytes}. The key table is attached next through {@link #keys()}.
     */
    void init(MemorySegment seg, long base, long top, int words, long stringBytes, long regionBytes) {
        this.epoch = memory.epoch();
        this.seg = seg;
        this.base = base;
        this.top = top;
        this.words = words;
        this.stringBytes = stringBytes;
        this.regionBytes = regionBytes;
        indexes.clear();
        releaseInput();
        if (namesUsed > 0) {
            Arrays.fill(names, 0, namesUsed, null); // no name of the previous parse survives
            namesUsed = 0;
        }
    }

    /**
     * Keeps the input this document was just parsed from, the text at {@code [from, from + length)}
     * of the input {@code [offset, offset + inputLength)} of {@code array}, or of {@code segment}
     * if {@code array} is null, to find the positions of values for errors ({@link #position},
     * counted from the input's first byte) until the arena's next reset or close.
     */
    public void keepInput(byte[] array, MemorySegment segment, long offset, long inputLength, long from, long length) {
        this.inputArray = array;
        this.inputSegment = array == null ? segment : null;
        this.inputOffset = offset;
        this.inputLength = inputLength;
        this.textFrom = from;
        this.textLength = length;
    }

    /** Forgets the input kept by {@link #keepInput}: an idle arena keeps no caller's array or segment reachable. */
    void releaseInput() {
        inputArray = null;
        inputSegment = null;
    }

    /**
     * {@return where the value at tape index {@code index} is in the input this document was parsed
     * from, as {offset, line, column}} (offset in bytes from the input's first byte, line and column
     * from 1, the column in UTF-8 sequences), or {@code null} if that is not known: the input was a
     * stream, a channel or a file, whose bytes are gone; or it is no longer readable (a segment
     * whose arena was closed) or no longer holds the value (the caller changed it). The input is
     * read again along the value's path ({@link InputPositions}); for error paths only.
     */
    public long[] position(int index) {
        byte[] array = inputArray;
        MemorySegment segment = array != null ? MemorySegment.ofArray(array) : inputSegment;
        if (segment == null) {
            return null;
        }
        try {
            List<Object> steps = Pointer.steps(this, index);
            return steps == null ? null
                    : InputPositions.position(segment.asSlice(inputOffset, inputLength), textFrom, textLength, steps);
        } catch (RuntimeException e) { // a segment closed, or confined to another thread, since the parse
            return null;
        }
    }

    /** {@return the reader of this document's key table, which the parser attaches after {@link #init}} */
    KeyEntries keys() {
        return keys;
    }

    /** {@return the epoch of the arena when this document was parsed} */
    public long epoch() {
        return epoch;
    }

    /**
     * Checks that a view captured at {@code viewEpoch} may still read this document.
     *
     * @throws IllegalStateException if the arena was reset or closed since
     */
    public void check(long viewEpoch) {
        if (memory.epoch() != viewEpoch) {
            throw ArenaMemory.staleView();
        }
    }

    /**
     * Ends a read that began with {@link #check(long)}: the reads in between were plain, and a close
     * or reset on another thread (a caller's misuse) may have handed this memory to another
     * request meanwhile, so the epoch is read again after them (a seqlock's validation, as
     * {@code StampedLock.validate} does) and a change throws.
     *
     * @throws IllegalStateException if the arena was reset or closed since {@code viewEpoch}
     */
    public void validate(long viewEpoch) {
        VarHandle.acquireFence();
        if (memory.epoch() != viewEpoch) {
            throw ArenaMemory.staleView();
        }
    }

    /**
     * {@return the exception to throw for {@code e}, thrown during a read}: if the arena was reset or
     * closed meanwhile, {@code e} may come from torn state or from the memory of the request that
     * has it now (its message can quote that request's names and values), so the reader gets the
     * stale-view exception alone; otherwise {@code e} itself
     */
    public RuntimeException torn(long viewEpoch, RuntimeException e) {
        VarHandle.acquireFence();
        return memory.epoch() != viewEpoch ? ArenaMemory.staleView() : e;
    }

    // ---- sizes, for tools and tests ----

    /** {@return the number of tape words} */
    public int tapeWords() {
        return words;
    }

    /** {@return bytes of unescaped strings, member names and number texts} */
    public long stringBytes() {
        return stringBytes;
    }

    /** {@return bytes of the tape and string region as kept after the parse} */
    public long regionBytes() {
        return regionBytes;
    }

    /** {@return bytes of the key table (entries and lookup slots)} */
    public long keyTableBytes() {
        return keys.bytes();
    }

    /** {@return the number of distinct member names} */
    public int keyCount() {
        return keys.count();
    }

    /**
     * {@return the key-table slots the parser visited while interning this document's member
     * names}: linear in the number of names when probing is bounded (a test probe)
     */
    public long keyProbes() {
        return keys.probes();
    }

    /** {@return bytes of lazily built container indexes so far} */
    public long indexBytes() {
        return indexes.bytes();
    }

    // ---- words ----

    /** {@return tape word {@code index}} */
    public long word(int index) {
        return Tape.word(seg, top, index);
    }

    /** {@return the tag of the value at {@code index}} */
    public int tag(int index) {
        return Tape.tag(word(index));
    }

    /** {@return the tape index just past the value at {@code index}} */
    public int next(int index) {
        return index + Tape.words(word(index));
    }

    /** {@return the tape index of the next member's KEY word after the member whose KEY word is at {@code key}} */
    public int nextMember(int key) {
        return next(key + 1);
    }

    // ---- strings ----

    /** {@return the absolute offset in {@link #segment()} of the bytes of the STRING or NUMBER at {@code index}} */
    public long textOffset(int index) {
        return base + Tape.textOffset(word(index));
    }

    /** {@return the segment holding strings and the tape} */
    public MemorySegment segment() {
        return seg;
    }

    /** {@return the UTF-8 length of the STRING at {@code index}} */
    public int textLength(int index) {
        return Tape.length(word(index));
    }

    /** {@return the string at {@code index} (a STRING word)} */
    public String string(int index) {
        return string(word(index));
    }

    /** {@return the string or number text whose tape word (a STRING or NUMBER word of this document) is {@code w}} */
    public String string(long w) {
        return decoder.decode(seg, base + Tape.textOffset(w), Tape.length(w));
    }

    /** {@return whether the STRING at {@code index} encodes exactly {@code chars}} */
    public boolean stringEquals(int index, CharSequence chars) {
        long w = word(index);
        return Utf8.equalsChars(seg, base + Tape.textOffset(w), Tape.length(w), chars);
    }

    /** {@return whether the STRING at {@code index} has exactly {@code length} bytes equal to those at {@code offset} of {@code bytes}} */
    public boolean stringEquals(int index, MemorySegment bytes, long offset, int length) {
        long w = word(index);
        if (Tape.length(w) != length) {
            return false;
        }
        long o = base + Tape.textOffset(w);
        return MemorySegment.mismatch(seg, o, o + length, bytes, offset, offset + length) < 0;
    }

    /** Writes the bytes of the STRING at {@code index} to {@code out}, through a reused buffer, for a view of {@code epoch}. */
    public void writeString(int index, long epoch, OutputStream out) throws IOException {
        long w = word(index);
        long o = base + Tape.textOffset(w);
        int length = Tape.length(w);
        byte[] buf = transfer != null ? transfer : new byte[4096];
        transfer = null; // lent to out until this write ends: a write made from out's own calls takes another array
        try {
            while (length > 0) {
                int n = Math.min(length, buf.length);
                MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, o, buf, 0, n);
                validate(epoch); // no byte read after a close or reset (on another thread) goes out
                out.write(buf, 0, n);
                check(epoch); // out is user code: it may have reset or closed the arena
                o += n;
                length -= n;
            }
        } finally {
            transfer = buf;
        }
    }

    // ---- keys ----

    /**
     * {@return the name of key {@code id}}, for a read that keeps nothing: the cached String if a
     * {@link #keyName(int, long)} made one in this parse, else a new one (error messages, copies
     * that keep their own names)
     */
    public String keyName(int id) {
        String name = cachedName(id);
        return name != null ? name : decoder.decode(seg, keyOffset(id), keys.length(id));
    }

    /** {@return the name of key {@code id} if this parse's cache holds it, else null} */
    private String cachedName(int id) {
        String[] n = names;
        return id < n.length ? n[id] : null;
    }

    /**
     * {@return the name of key {@code id}, for a view of arena epoch {@code epoch}}: decoded on the
     * first call in this parse and cached, so later calls return the same String (its hash code
     * computed at most once). The cache is emptied when the document is reused for another parse.
     * A name is cached only while the arena is held ({@link ArenaMemory#tryHold}) and still at
     * {@code epoch}: a view read on another thread after its arena was closed and this document
     * parsed into again never caches a name in the new parse's cache.
     */
    public String keyName(int id, long epoch) {
        String name = cachedName(id);
        if (name != null) {
            return name;
        }
        name = decoder.decode(seg, keyOffset(id), keys.length(id));
        if (id < MAX_CACHED_NAMES && holdAt(epoch)) {
            try {
                if (id >= names.length) {
                    names = Arrays.copyOf(names, Math.min(MAX_CACHED_NAMES, Math.max(Math.max(keys.count(), id + 1), 16)));
                }
                names[id] = name;
                namesUsed = Math.max(namesUsed, id + 1);
            } finally {
                memory.releaseHold();
            }
        }
        return name;
    }

    /**
     * Holds the arena ({@link ArenaMemory#tryHold}) for a write of this document's read state by a
     * view of arena epoch {@code epoch}: none while a parse or reset holds it, while it is being
     * closed or is held by another thread, or when the arena has moved on from that epoch (a view
     * read on after its arena was closed, on another thread). {@return whether it is held; if so
     * the caller writes and then calls {@link ArenaMemory#releaseHold}}
     */
    boolean holdAt(long epoch) {
        if (!memory.tryHold()) {
            return false;
        }
        if (memory.epoch() != epoch || this.epoch != epoch) {
            memory.releaseHold();
            return false;
        }
        return true;
    }

    /** {@return the UTF-8 length of key {@code id}} */
    public int keyLength(int id) {
        return keys.length(id);
    }

    /** {@return the absolute offset in {@link #segment()} of key {@code id}'s bytes} */
    public long keyOffset(int id) {
        return base + keys.offset(id);
    }

    /** {@return the hash seed of this document's key table} */
    public long seed() {
        return keys.seed();
    }

    /**
     * {@return the id of the key whose name is the {@code length} bytes at {@code offset} of
     * {@code bytes} and whose seeded hash is {@code hash}, or -1 if no member of the document has
     * that name}
     */
    public int keyId(MemorySegment bytes, long offset, int length, long hash) {
        if (keys.count() == 0) {
            return -1;
        }
        for (int slot = keys.firstSlot(hash); ; slot = keys.nextSlot(slot)) {
            int id = keys.idAt(slot);
            if (id < 0) {
                return -1;
            }
            if (keys.hash(id) == hash && keys.length(id) == length) {
                long o = keyOffset(id);
                if (MemorySegment.mismatch(seg, o, o + length, bytes, offset, offset + length) < 0) {
                    return id;
                }
            }
        }
    }

    /** {@return the id of the key named {@code name}, or -1 if no member of the document has it} */
    public int keyId(CharSequence name) {
        if (keys.count() == 0) {
            return -1;
        }
        long hash = KeyHash.hashChars(name, keys.seed());
        for (int slot = keys.firstSlot(hash); ; slot = keys.nextSlot(slot)) {
            int id = keys.idAt(slot);
            if (id < 0) {
                return -1;
            }
            if (keys.hash(id) == hash && Utf8.equalsChars(seg, keyOffset(id), keys.length(id), name)) {
                return id;
            }
        }
    }

    // ---- containers ----

    /**
     * {@return the tape index of the value of the member of object {@code object} with key {@code id}, or -1}
     *
     * <p>Objects of at most {@value #LINEAR_MEMBERS} members are scanned; larger ones are scanned
     * from where the last lookup stopped, then indexed (see {@link ContainerIndex}), for a view of
     * arena epoch {@code epoch}: that state is kept for that epoch only.
     */
    public int member(int object, int id, long epoch) {
        if (id < 0) {
            return -1;
        }
        int count = Tape.count(word(object));
        if (count > LINEAR_MEMBERS) {
            return indexes.member(this, object, count, id, epoch);
        }
        int j = object + 1;
        for (int m = 0; m < count; m++) {
            if (Tape.keyId(word(j)) == id) {
                return j + 1;
            }
            j = nextMember(j);
        }
        return -1;
    }

    /**
     * {@return the tape index of element {@code k} of array {@code array}}; {@code k} must be in
     * range. Arrays of one-word elements are addressed directly; those of at most
     * {@value #LINEAR_ELEMENTS} elements are walked; larger ones are indexed (see
     * {@link ContainerIndex}) by a view of the arena's current epoch {@code epoch}.
     */
    public int element(int array, int k, long epoch) {
        long w = word(array);
        int count = Tape.count(w);
        if (Tape.span(w) == count + 1) {
            return array + 1 + k; // every element is one word
        }
        if (count > LINEAR_ELEMENTS) {
            return indexes.element(this, array, count, k, epoch);
        }
        return ContainerIndex.walk(this, array, k);
    }
}
