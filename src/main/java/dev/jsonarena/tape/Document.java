package dev.jsonarena.tape;

import dev.jsonarena.JsonException;
import dev.jsonarena.memory.Address;
import dev.jsonarena.memory.ArenaMemory;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * One parsed document: where its tape, string area and key table are in arena memory, the epoch
 * of its arena when it was parsed, and the lazily built indexes of its large containers. The views
 * of the API hold a document, that epoch and a tape index; every read goes through
 * {@link #check(long)} first.
 *
 * <p>A document object is reused by its arena after the arena is reset (the epoch then differs, so
 * old views fail before they read anything); it is never used by another arena.
 *
 * <p><b>Lazy indexes.</b> {@link #element} on an array whose elements are not all one word, and
 * {@link #member} on an object of more than {@value #LINEAR_MEMBERS} members, build an index in
 * the arena on first use (4 bytes per array element; for objects, 4-byte slots, a power of two
 * and at least two per member) so that later calls
 * are O(1). If the arena's budget or pool cannot give the memory, the container is read by a
 * linear walk instead, and the failure is not reported.
 *
 * <p><b>Strings.</b> {@link #string} and {@link #keyName} copy a string's bytes into a scratch
 * array this document reuses (at most {@value #SCRATCH_MAX_BYTES} bytes; longer strings get a
 * one-off array) and make the String from there. {@link #keyName} keeps each member name it made,
 * by key id (ids below {@value #MAX_CACHED_NAMES}), and returns the same String for that id until
 * the document is parsed into again: {@code init} empties the cache, so a document reused by its
 * arena, or by the next arena of its pooled memory, never returns a name of the document before.
 *
 * <p>Thread-safety: not thread-safe, like its arena: reading views may build indexes, and
 * materialising strings writes the scratch arrays and the name cache.
 */
public final class Document {
    /** Objects up to this many members are searched linearly. */
    static final int LINEAR_MEMBERS = 16;
    /** Arrays up to this many elements are walked linearly. */
    static final int LINEAR_ELEMENTS = 16;
    /** Key ids below this have their name cached by {@link #keyName} after its first call. */
    static final int MAX_CACHED_NAMES = 4096;
    /** Initial size of the scratch array {@link #decode} copies string bytes into. */
    static final int SCRATCH_INITIAL = 256;
    /** Strings longer than this are copied into a one-off array, so the scratch array stays small. */
    public static final int SCRATCH_MAX_BYTES = 64 << 10;
    private static final String[] NO_NAMES = {};
    private static final char[] NO_CHARS = {};
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** The arena memory this document lives in. */
    public final ArenaMemory memory;
    private long epoch;
    MemorySegment seg;
    long base;
    long top;
    int words;
    private long stringBytes;
    private long regionBytes;
    private MemorySegment keySeg;
    private long keyAt;
    private int keyCount;
    private int keySlots;
    private long keyBytes;
    private long seed;
    private long indexBytes;
    private long keyProbes;
    // cache: container tape index -> index memory; open addressing, key = tape index + 1
    private int[] cacheKeys = new int[16];
    // where the last scan of a large object stopped (see member): its tape index, the next member's
    // key index and ordinal, and the members stepped over in that object so far
    private int scanObject = -1;
    private int scanMember;
    private int scanOrdinal;
    private int scanSteps;
    private MemorySegment[] cacheSegs = new MemorySegment[16];
    private long[] cacheOffsets = new long[16];
    private int cacheCount;
    private byte[] transfer;
    // member names made by keyName in this parse, by key id; only ids below namesUsed may be set
    private String[] names = NO_NAMES;
    private int namesUsed;
    // reused by decode: the bytes of the string being made, and its chars if it is not ASCII
    private byte[] scratch = new byte[SCRATCH_INITIAL];
    private char[] chars = NO_CHARS;

    /**
     * Creates an empty document of {@code memory}'s arena.
     *
     * @param memory the arena memory
     */
    public Document(ArenaMemory memory) {
        this.memory = memory;
    }

    void init(MemorySegment seg, long base, long top, int words, long stringBytes, long regionBytes,
              MemorySegment keySeg, long keyAt, int keyCount, int keySlots, long keyBytes, long seed,
              long keyProbes) {
        this.keyProbes = keyProbes;
        this.epoch = memory.epoch();
        this.seg = seg;
        this.base = base;
        this.top = top;
        this.words = words;
        this.stringBytes = stringBytes;
        this.regionBytes = regionBytes;
        this.keySeg = keySeg;
        this.keyAt = keyAt;
        this.keyCount = keyCount;
        this.keySlots = keySlots;
        this.keyBytes = keyBytes;
        this.seed = seed;
        this.indexBytes = 0;
        this.scanObject = -1;
        if (namesUsed > 0) {
            java.util.Arrays.fill(names, 0, namesUsed, null); // no name of the previous parse survives
            namesUsed = 0;
        }
        if (cacheCount > 0) {
            java.util.Arrays.fill(cacheKeys, 0);
            java.util.Arrays.fill(cacheSegs, null);
            cacheCount = 0;
        }
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
     * closed meanwhile, {@code e} may come from torn state, and the stale-view exception (with
     * {@code e} suppressed) is what the reader gets; otherwise {@code e} itself
     */
    public RuntimeException torn(long viewEpoch, RuntimeException e) {
        VarHandle.acquireFence();
        if (memory.epoch() != viewEpoch) {
            IllegalStateException stale = ArenaMemory.staleView();
            stale.addSuppressed(e);
            return stale;
        }
        return e;
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
        return keyBytes;
    }

    /** {@return the number of distinct member names} */
    public int keyCount() {
        return keyCount;
    }

    /**
     * {@return the key-table slots the parser visited while interning this document's member
     * names}: linear in the number of names when probing is bounded (a test probe)
     */
    public long keyProbes() {
        return keyProbes;
    }

    /** {@return bytes of lazily built container indexes so far} */
    public long indexBytes() {
        return indexBytes;
    }

    // ---- words ----

    /** {@return tape word {@code index}} */
    public long word(int index) {
        return seg.get(Tape.WORD, top - 8 - ((long) index << 3));
    }

    /** {@return the tag of the value at {@code index}} */
    public int tag(int index) {
        return Tape.tag(word(index));
    }

    /** {@return the tape index just past the value at {@code index}} */
    public int next(int index) {
        return index + Tape.words(word(index));
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

    /** {@return the string whose tape word (a STRING word of this document) is {@code w}} */
    public String string(long w) {
        return decode(base + Tape.textOffset(w), Tape.length(w));
    }

    /**
     * {@return the valid UTF-8 bytes at {@code offset} of the segment as a String}. The bytes are
     * copied into the reused scratch array (grown on demand up to {@value #SCRATCH_MAX_BYTES}
     * bytes; a longer string gets a one-off array and the String constructor's decoder). ASCII text
     * then becomes a String in one more copy; other text is decoded into the reused char array and
     * the String made from that, which allocates less than the String constructor's UTF-8 decoder
     * (that one copies the bytes, then allocates two bytes per input byte, then trims).
     */
    String decode(long offset, int length) {
        byte[] bytes = scratch;
        if (length > bytes.length) {
            return decodeLong(offset, length);
        }
        MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, offset, bytes, 0, length);
        int ascii = asciiPrefix(bytes, length);
        return ascii == length ? new String(bytes, 0, length, StandardCharsets.ISO_8859_1) : decodeUtf8(bytes, ascii, length);
    }

    /** {@link #decode} of a string longer than the scratch array: grows it, or uses a one-off array past the cap. */
    private String decodeLong(long offset, int length) {
        if (length > SCRATCH_MAX_BYTES) {
            byte[] bytes = new byte[length];
            MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, offset, bytes, 0, length);
            return new String(bytes, StandardCharsets.UTF_8);
        }
        scratch = new byte[scratchSize(length)];
        return decode(offset, length);
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
            long high = (long) LONGS.get(bytes, i) & HIGH_BITS;
            if (high != 0) {
                return i + (Long.numberOfTrailingZeros(high) >>> 3);
            }
        }
        if (i == length) {
            return length;
        }
        int at = length >= 8 ? length - 8 : 0; // bytes before i in the last word were found ASCII above
        long high = (long) LONGS.get(bytes, at) & HIGH_BITS;
        if (length < 8) {
            high &= (1L << (length << 3)) - 1;
        }
        return high == 0 ? length : at + (Long.numberOfTrailingZeros(high) >>> 3);
    }

    /**
     * {@return the first {@code length} bytes of {@code bytes}, valid UTF-8 whose first
     * {@code ascii} bytes are ASCII, decoded through the reused char array}
     */
    private String decodeUtf8(byte[] bytes, int ascii, int length) {
        char[] chars = this.chars;
        if (chars.length < length) {
            chars = this.chars = new char[scratchSize(length)];
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
     * {@return the name of key {@code id}}: decoded on the first call in this parse and cached, so
     * later calls return the same String (its hash code computed at most once). The cache is
     * emptied when the document is reused for another parse.
     */
    public String keyName(int id) {
        String[] n = names;
        if (id < n.length) {
            String name = n[id];
            if (name != null) {
                return name;
            }
        }
        return decodeKeyName(id);
    }

    private String decodeKeyName(int id) {
        long e = keyAt + 16L * id;
        String name = decode(base + keySeg.get(ValueLayout.JAVA_INT, e + 8), keySeg.get(ValueLayout.JAVA_INT, e + 12));
        if (id < MAX_CACHED_NAMES) {
            if (id >= names.length) {
                names = java.util.Arrays.copyOf(names, Math.min(MAX_CACHED_NAMES, Math.max(Math.max(keyCount, id + 1), 16)));
            }
            names[id] = name;
            namesUsed = Math.max(namesUsed, id + 1);
        }
        return name;
    }

    /** {@return the UTF-8 length of key {@code id}} */
    public int keyLength(int id) {
        return keySeg.get(ValueLayout.JAVA_INT, keyAt + 16L * id + 12);
    }

    /** {@return the absolute offset in {@link #segment()} of key {@code id}'s bytes} */
    public long keyOffset(int id) {
        return base + keySeg.get(ValueLayout.JAVA_INT, keyAt + 16L * id + 8);
    }

    /** {@return the hash seed of this document's key table} */
    public long seed() {
        return seed;
    }

    /**
     * {@return the id of the key whose name is the {@code length} bytes at {@code offset} of
     * {@code bytes} and whose seeded hash is {@code hash}, or -1 if no member of the document has
     * that name}
     */
    public int keyId(MemorySegment bytes, long offset, int length, long hash) {
        if (keyCount == 0) {
            return -1;
        }
        long table = keyAt + 16L * keyCount;
        int mask = keySlots - 1;
        int slot = (int) hash & mask;
        for (;;) {
            int v = keySeg.get(ValueLayout.JAVA_INT, table + 4L * slot);
            if (v == 0) {
                return -1;
            }
            long e = keyAt + 16L * (v - 1);
            if (keySeg.get(Tape.WORD, e) == hash && keySeg.get(ValueLayout.JAVA_INT, e + 12) == length) {
                long o = base + keySeg.get(ValueLayout.JAVA_INT, e + 8);
                if (MemorySegment.mismatch(seg, o, o + length, bytes, offset, offset + length) < 0) {
                    return v - 1;
                }
            }
            slot = (slot + 1) & mask;
        }
    }

    /** {@return the id of the key named {@code name}, or -1 if no member of the document has it} */
    public int keyId(CharSequence name) {
        if (keyCount == 0) {
            return -1;
        }
        long hash = KeyHash.hashChars(name, seed);
        long table = keyAt + 16L * keyCount;
        int mask = keySlots - 1;
        int slot = (int) hash & mask;
        for (;;) {
            int v = keySeg.get(ValueLayout.JAVA_INT, table + 4L * slot);
            if (v == 0) {
                return -1;
            }
            long e = keyAt + 16L * (v - 1);
            if (keySeg.get(Tape.WORD, e) == hash) {
                long o = base + keySeg.get(ValueLayout.JAVA_INT, e + 8);
                if (Utf8.equalsChars(seg, o, keySeg.get(ValueLayout.JAVA_INT, e + 12), name)) {
                    return v - 1;
                }
            }
            slot = (slot + 1) & mask;
        }
    }

    // ---- containers ----

    /**
     * {@return the tape index of the value of the member of object {@code object} with key {@code id}, or -1}
     *
     * <p>Objects of at most {@value #LINEAR_MEMBERS} members are scanned. Larger ones are scanned
     * too, starting where the last lookup in the same object stopped (fields are mostly read in
     * document order) and wrapping around, until the members stepped over in that object pass four
     * times its size; then an index is built in the arena and later lookups probe it. A few lookups
     * per record (the common case) so never pay for an index; many lookups in one large object get
     * one.
     */
    public int member(int object, int id) {
        if (id < 0) {
            return -1;
        }
        int count = Tape.count(word(object));
        if (count <= LINEAR_MEMBERS) {
            int j = object + 1;
            for (int m = 0; m < count; m++) {
                if (Tape.keyId(word(j)) == id) {
                    return j + 1;
                }
                j += 1 + Tape.words(word(j + 1));
            }
            return -1;
        }
        int cached = cacheFind(object);
        if (cached < 0 && object == scanObject && scanSteps > 4 * count) {
            cached = buildObjectIndex(object, count);
        }
        if (cached >= 0 && cacheOffsets[cached] >= 0) {
            MemorySegment s = cacheSegs[cached];
            long at = cacheOffsets[cached];
            int mask = Integer.highestOneBit(Math.max(1, count * 2 - 1)) * 2 - 1;
            int slot = mixId(id) & mask;
            for (;;) {
                int v = s.get(ValueLayout.JAVA_INT, at + 4L * slot);
                if (v == 0) {
                    return -1;
                }
                if (Tape.keyId(word(v - 1)) == id) {
                    return v;
                }
                slot = (slot + 1) & mask;
            }
        }
        int j = object + 1;
        int m = 0;
        if (object == scanObject) {
            j = scanMember; // resume after the member found last time
            m = scanOrdinal;
        } else {
            scanObject = object;
            scanMember = j;
            scanOrdinal = 0;
            scanSteps = 0;
        }
        int end = object + Tape.span(word(object));
        for (int step = 0; step < count; step++) {
            if (m == count) { // wrap around to the first member
                j = object + 1;
                m = 0;
            }
            int next = j + 1 + Tape.words(word(j + 1));
            m++;
            if (Tape.keyId(word(j)) == id) {
                scanSteps += step + 1;
                scanMember = next < end ? next : object + 1;
                scanOrdinal = next < end ? m : 0;
                return j + 1;
            }
            j = next;
        }
        scanSteps += count;
        return -1;
    }

    private static int mixId(int id) {
        return id * 0x9E37_79B9 ^ (id * 0x9E37_79B9) >>> 16;
    }

    private int buildObjectIndex(int object, int count) {
        int slots = Integer.highestOneBit(Math.max(1, count * 2 - 1)) * 2;
        long address = allocateIndex(4L * slots);
        if (address < 0) {
            return cachePut(object, null, -1);
        }
        MemorySegment s = memory.segment(address);
        long at = Address.offset(address);
        for (int i = 0; i < slots; i++) {
            s.set(ValueLayout.JAVA_INT, at + 4L * i, 0);
        }
        int mask = slots - 1;
        int j = object + 1;
        for (int m = 0; m < count; m++) {
            int slot = mixId(Tape.keyId(word(j))) & mask;
            while (s.get(ValueLayout.JAVA_INT, at + 4L * slot) != 0) {
                slot = (slot + 1) & mask;
            }
            s.set(ValueLayout.JAVA_INT, at + 4L * slot, j + 1);
            j += 1 + Tape.words(word(j + 1));
        }
        return cachePut(object, s, at);
    }

    /** {@return the tape index of element {@code k} of array {@code array}}; {@code k} must be in range */
    public int element(int array, int k) {
        long w = word(array);
        int count = Tape.count(w);
        if (Tape.span(w) == count + 1) {
            return array + 1 + k; // every element is one word
        }
        if (count > LINEAR_ELEMENTS) {
            int cached = cacheFind(array);
            if (cached < 0) {
                cached = buildArrayIndex(array, count);
            }
            if (cacheOffsets[cached] >= 0) {
                return cacheSegs[cached].get(ValueLayout.JAVA_INT, cacheOffsets[cached] + 4L * k);
            }
        }
        int j = array + 1;
        for (int i = 0; i < k; i++) {
            j += Tape.words(word(j));
        }
        return j;
    }

    private int buildArrayIndex(int array, int count) {
        long address = allocateIndex(4L * count);
        if (address < 0) {
            return cachePut(array, null, -1);
        }
        MemorySegment s = memory.segment(address);
        long at = Address.offset(address);
        int j = array + 1;
        for (int i = 0; i < count; i++) {
            s.set(ValueLayout.JAVA_INT, at + 4L * i, j);
            j += Tape.words(word(j));
        }
        return cachePut(array, s, at);
    }

    private long allocateIndex(long bytes) {
        if (memory.isParsing()) {
            return -1; // a read from the input's callbacks: a parse's rollback could free the index
        }
        try {
            long address = memory.allocate(bytes, 4);
            indexBytes += bytes;
            return address;
        } catch (JsonException e) {
            return -1; // budget or pool exhausted: read linearly instead
        }
    }

    private int cacheFind(int index) {
        int mask = cacheKeys.length - 1;
        int slot = mixId(index) & mask;
        for (;;) {
            int k = cacheKeys[slot];
            if (k == 0) {
                return -1;
            }
            if (k == index + 1) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
    }

    private int cachePut(int index, MemorySegment s, long offset) {
        if (2 * (cacheCount + 1) > cacheKeys.length) {
            int[] keys = cacheKeys;
            MemorySegment[] segs = cacheSegs;
            long[] offsets = cacheOffsets;
            int n = keys.length * 2;
            cacheKeys = new int[n];
            cacheSegs = new MemorySegment[n];
            cacheOffsets = new long[n];
            cacheCount = 0;
            for (int i = 0; i < keys.length; i++) {
                if (keys[i] != 0) {
                    cachePut(keys[i] - 1, segs[i], offsets[i]);
                }
            }
        }
        int mask = cacheKeys.length - 1;
        int slot = mixId(index) & mask;
        while (cacheKeys[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        cacheKeys[slot] = index + 1;
        cacheSegs[slot] = s;
        cacheOffsets[slot] = offset;
        cacheCount++;
        return slot;
    }

    // ---- numbers ----

    /** {@return the exact text of the number at {@code index}} */
    public String numberText(int index) {
        long w = word(index);
        return switch (Tape.tag(w)) {
            case Tape.INT -> Long.toString(Tape.intValue(w));
            case Tape.DEC -> Numbers.decText(Tape.decNegative(w), Tape.decFractionDigits(w), word(index + 1));
            default -> decode(base + Tape.textOffset(w), Tape.length(w));
        };
    }

    /** {@return the number at {@code index} as a long} @throws ArithmeticException if not exact */
    public long asLong(int index) {
        return asLong(index, word(index));
    }

    /** {@link #asLong(int)} of the number at {@code index}, whose first tape word {@code w} the caller has read */
    public long asLong(int index, long w) {
        return switch (Tape.tag(w)) {
            case Tape.INT -> Tape.intValue(w);
            case Tape.DEC -> Numbers.decLong(Tape.decNegative(w), Tape.decFractionDigits(w), word(index + 1));
            default -> Numbers.textLong(numberText(index));
        };
    }

    /** {@return the number at {@code index} as a correctly rounded double} */
    public double asDouble(int index) {
        return asDouble(index, word(index));
    }

    /** {@link #asDouble(int)} of the number at {@code index}, whose first tape word {@code w} the caller has read */
    public double asDouble(int index, long w) {
        return switch (Tape.tag(w)) {
            case Tape.INT -> (double) Tape.intValue(w);
            case Tape.DEC -> Numbers.decDouble(Tape.decNegative(w), Tape.decFractionDigits(w), word(index + 1));
            default -> Numbers.textDouble(seg, base + Tape.textOffset(w), Tape.length(w));
        };
    }

    /** {@return the number at {@code index} as a BigDecimal} @throws ArithmeticException if its exponent is out of range */
    public BigDecimal asBigDecimal(int index) {
        long w = word(index);
        return switch (Tape.tag(w)) {
            case Tape.INT -> BigDecimal.valueOf(Tape.intValue(w));
            case Tape.DEC -> Numbers.decBigDecimal(Tape.decNegative(w), Tape.decFractionDigits(w), word(index + 1));
            default -> Numbers.textBigDecimal(numberText(index));
        };
    }

    /** {@return the number at {@code index} as a BigInteger} @throws ArithmeticException if not an integer or too large */
    public BigInteger asBigInteger(int index) {
        long w = word(index);
        if (Tape.tag(w) == Tape.INT) {
            return BigInteger.valueOf(Tape.intValue(w));
        }
        if (Tape.tag(w) == Tape.NUMBER && Numbers.isZero(numberText(index))) {
            return BigInteger.ZERO; // also 0e99999999999, whose exponent BigDecimal cannot hold
        }
        return Numbers.bigInteger(asBigDecimal(index), numberText(index));
    }
}
