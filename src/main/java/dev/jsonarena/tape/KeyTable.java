package dev.jsonarena.tape;

import dev.jsonarena.memory.ArenaMemory;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * The interning table a {@link Parser} fills while it reads a document: each distinct member name
 * gets an id, in order of first appearance; the name's bytes live once in the document's string
 * area. When the parse is done, {@link #writeTo} writes the ids' hashes, offsets and lengths and a
 * right-sized lookup table into the arena, in the layout {@link KeyEntries} owns, where
 * {@link Document} looks names up.
 *
 * <p><b>Bounded probing.</b> Linear probing at a load of at most one half; in addition, an insert
 * whose probe sequence passes {@value #MAX_PROBES} slots doubles the table (while it stays under
 * 64 slots per key and, here, {@link #MAX_SLOTS}). With the pool's random seed, names cannot be chosen to collide, and a probe
 * sequence stays short; {@link #probes()} counts every slot visited, so tests can prove the work is
 * linear in the number of names for inputs built to collide under fixed hashes.
 *
 * <p><b>Bounded arrays.</b> The first {@link #FLAT_KEYS} names live in this class's flat arrays,
 * which never grow past that many ids nor {@link #MAX_SLOTS} lookup slots: 256 KiB at most, under
 * the size a G1 heap treats as humongous (half a region, 512 KiB with the smallest regions). A
 * document with more names moves them all to a {@link KeyOverflow}, whose arrays are chunked, and
 * goes on there, so no document makes the table allocate a large heap array. The flat arrays are
 * kept from one parse to the next (about 1.1 MiB when full); the overflow is dropped.
 *
 * <p>Thread-safety: not thread-safe; owned by one parser at a time.
 */
final class KeyTable {
    static final int MAX_PROBES = 16;
    /**
     * Names with an id below this get the prediction state ({@link #next}, {@link #plain},
     * {@link #continuation}, {@link #source} and the runs); later names are interned and looked up
     * like the others but never predicted. Real documents of repeated shapes have far fewer
     * names; a flood of distinct names then costs {@link #ID_BYTES} per name, not five times that.
     */
    static final int PREDICTED_KEYS = 4096;
    /** Heap bytes per id of the arrays every name has: {@link #hashes}, {@link #offsets}, {@link #lengths}, {@link #stamps}. */
    static final int ID_BYTES = 8 + 4 + 4 + 4;
    /**
     * Heap bytes of the table a parse may hold without counting them against the arena's budget:
     * the whole table for {@link #PREDICTED_KEYS} names (about 388 KiB).
     */
    static final long FREE_BYTES = tableBytes(PREDICTED_KEYS, 4L * PREDICTED_KEYS);
    private static final int INITIAL_SLOTS = 64;
    /** The names this class's flat arrays hold; a document with more moves them all to the {@link #overflow}. */
    static final int FLAT_KEYS = 1 << 15;
    /** The most lookup slots of the flat table: 2 per name when it holds {@link #FLAT_KEYS}. */
    static final int MAX_SLOTS = 2 * FLAT_KEYS;

    private int[] slots = new int[INITIAL_SLOTS]; // id + 1, 0 = empty
    private int mask = INITIAL_SLOTS - 1;
    private long[] hashes = new long[32];
    private int[] offsets = new int[32];
    int[] lengths = new int[32];
    /** Per key id: the serial of the last object whose members were checked for duplicates. */
    private int[] stamps = new int[32];
    /** Per predicted key id: the id of the name read right after it last time, or -1 (see {@link Parser}). */
    int[] next = new int[32];
    /** Per predicted key id: whether its input text had no escape, so its bytes equal its input bytes. */
    boolean[] plain = new boolean[32];
    /** Per predicted key id: the UTF-8 continuation bytes of its input text (a prediction that skips it must count them for columns). */
    int[] continuation = new int[32];
    /** Per predicted plain key id: the input position of its first occurrence's text (past the opening quote). */
    int[] source = new int[32];
    /**
     * Per predicted key id and depth parity ({@link #run}): the input bytes that last followed a
     * value of a member of that name up to the next member's value ({@code runStart},
     * {@code runLength}; 0: none), and that member's key id ({@code runKey}); see {@link #recordRun}.
     */
    int[] runStart = new int[64];
    int[] runLength = new int[64];
    int[] runKey = new int[64];
    /** Per run: the newlines in it, and the offset in it just past the last one (the parser counts lines). */
    int[] runNewlines = new int[64];
    int[] runLineEnd = new int[64];
    /** Per run: the UTF-8 continuation bytes in it (its name's), which a prediction that skips it counts. */
    int[] runContinuation = new int[64];
    /** The names interned, here and in {@link #overflow}. */
    int count;
    private long probes;
    /** Every name once there are more than {@link #FLAT_KEYS}, else null. */
    private KeyOverflow overflow;
    /** The arena whose budget counts this table's bytes beyond {@link #FREE_BYTES}, during a parse. */
    private ArenaMemory budget;
    /** The bytes of this table counted so far against {@link #budget}. */
    private long counted;

    /**
     * Starts a parse whose table grows at the cost of {@code memory}'s budget: any growth past
     * {@link #FREE_BYTES} is counted there before it is allocated.
     */
    void begin(ArenaMemory memory) {
        this.budget = memory;
        this.counted = 0;
    }

    /** Empties the table for the next document, in time proportional to its key count. */
    void clear() {
        int flat = Math.min(count, FLAT_KEYS);
        if (4 * flat > slots.length) {
            Arrays.fill(slots, 0);
        } else {
            for (int id = 0; id < flat; id++) {
                int slot = (int) hashes[id] & mask;
                while (slots[slot] != id + 1) {
                    slot = (slot + 1) & mask;
                }
                slots[slot] = 0;
            }
        }
        if (budget != null) {
            budget.releaseWorking();
            budget = null;
        }
        count = 0;
        probes = 0;
        overflow = null;
    }

    /** {@return the heap bytes of a table of {@code ids} ids and {@code slots} slots} */
    private static long tableBytes(long ids, long slots) {
        long predicted = Math.min(ids, PREDICTED_KEYS);
        return ID_BYTES * ids + 4 * slots + predicted * (4 + 1 + 4 + 4 + 2 * 6 * 4);
    }

    /**
     * Counts a growth to {@code ids} ids and {@code slots} slots against the budget, before it is
     * allocated; the table's first {@link #FREE_BYTES} are free.
     *
     * @throws dev.jsonarena.JsonBudgetExceededException if the growth would pass the budget
     */
    private void count(long ids, long slots) {
        if (overflow != null) {
            ids += overflow.idCapacity();
            slots += overflow.slotCapacity();
        }
        countTotal(ids, slots);
    }

    /**
     * Counts a growth of the {@link #overflow} to {@code ids} ids and {@code slots} slots, with
     * this table's own arrays, against the budget, before it is allocated.
     *
     * @throws dev.jsonarena.JsonBudgetExceededException if the growth would pass the budget
     */
    void countOverflow(long ids, long slots) {
        countTotal(hashes.length + ids, this.slots.length + slots);
    }

    private void countTotal(long ids, long slots) {
        long bytes = tableBytes(ids, slots) - FREE_BYTES;
        if (bytes > counted && budget != null) {
            budget.reserveWorking(bytes - counted);
            counted = bytes;
        }
    }

    /**
     * Keeps the input bytes predictions compare with ({@link #source}, {@link #runStart}) across a
     * refill of the parser's window that discards {@code in[0, keepFrom)} and moves the rest down to
     * {@code first}: a run or key text before {@code keepFrom} is copied into {@code kept} while
     * {@code first} bytes allow (runs first: a run skips a whole member name and its punctuation)
     * and given its index there, which is where the parser puts {@code kept} back after the refill
     * ({@code in[0, first)}); one from {@code keepFrom} on moves down by {@code keepFrom - first};
     * one that does not fit is forgotten (the key stops being predicted from the input until it is
     * seen again, the run until it is recorded again). {@return the bytes used in {@code kept}}
     */
    int keepInput(byte[] in, int keepFrom, int first, byte[] kept) {
        int d = keepFrom - first;
        int used = 0;
        int n = Math.min(count, PREDICTED_KEYS);
        for (int run = 0; run < 2 * n; run++) {
            int length = runLength[run];
            if (length != 0) {
                int s = runStart[run];
                if (s >= keepFrom) {
                    runStart[run] = s - d;
                } else if (used + length <= first) {
                    System.arraycopy(in, s, kept, used, length);
                    runStart[run] = used;
                    used += length;
                } else {
                    runLength[run] = 0;
                }
            }
        }
        for (int id = 0; id < n; id++) {
            if (plain[id]) {
                int s = source[id];
                int length = lengths[id] + 1; // the name and its closing quote, as the parser compares them
                if (s >= keepFrom) {
                    source[id] = s - d;
                } else if (used + length <= first) {
                    System.arraycopy(in, s, kept, used, length);
                    source[id] = used;
                    used += length;
                } else {
                    plain[id] = false;
                }
            }
        }
        return used;
    }

    /** The longest run {@link #recordRun} keeps: longer ones cost more to compare than they save. */
    static final int MAX_RUN = 64;

    /**
     * Records that the {@code length} input bytes at {@code start}, which followed the value of a
     * member named {@code id} in an object at {@code depth}, held whitespace, ',', the next member's name {@code next}, ':' and
     * whitespace, ending where the next value starts. The parser compares the next such place with
     * these bytes; a run longer than {@link #MAX_RUN} is not kept.
     */
    void recordRun(int id, int depth, long start, long length, int next, int newlines, int lineEnd, int continuation) {
        if (length <= MAX_RUN && id < PREDICTED_KEYS && next < PREDICTED_KEYS) {
            int run = run(id, depth);
            runStart[run] = (int) start;
            runLength[run] = (int) length;
            runKey[run] = next;
            runNewlines[run] = newlines;
            runLineEnd[run] = lineEnd;
            runContinuation[run] = continuation;
        }
    }

    /**
     * {@return the index of the run kept for key {@code id} at nesting {@code depth}}: one per depth
     * parity, so a shape repeated at two adjacent depths (a record and a copy nested in it) keeps
     * both indentations
     */
    static int run(int id, int depth) {
        return 2 * id + (depth & 1);
    }

    /** {@return the slots visited by inserts and lookups since the last clear} */
    long probes() {
        return overflow == null ? probes : probes + overflow.probes();
    }

    /**
     * {@return the id of the name of {@code length} bytes at {@code base + offset} of {@code seg}}:
     * an existing id if the name was seen before, otherwise a new id ({@code == count - 1} after
     * the call). Offsets are relative to {@code base}, the start of the string area.
     */
    int intern(long hash, MemorySegment seg, long base, int offset, int length) {
        if (overflow != null) {
            return internOverflow(hash, seg, base, offset, length);
        }
        int slot = (int) hash & mask;
        int probe = 0;
        for (;;) {
            probes++;
            int v = slots[slot];
            if (v == 0) {
                break;
            }
            int id = v - 1;
            if (hashes[id] == hash && lengths[id] == length
                    && sameBytes(seg, base + offsets[id], base + offset, length)) {
                return id;
            }
            slot = (slot + 1) & mask;
            if (++probe > MAX_PROBES && slots.length < Math.min(64L * (count + 1), MAX_SLOTS)) {
                grow();
                slot = (int) hash & mask;
                probe = 0;
            }
        }
        if (count == FLAT_KEYS) {
            overflow = new KeyOverflow(this, hashes, offsets, lengths, count);
            return internOverflow(hash, seg, base, offset, length);
        }
        int id = count;
        if (id == hashes.length) {
            growIds(id * 2);
        }
        hashes[id] = hash;
        offsets[id] = offset;
        lengths[id] = length;
        stamps[id] = 0;
        if (id < PREDICTED_KEYS) {
            next[id] = -1;
            plain[id] = false;
            runLength[2 * id] = 0;
            runLength[2 * id + 1] = 0;
        }
        slots[slot] = id + 1;
        count = id + 1;
        if (2L * count > slots.length) {
            grow();
        }
        return id;
    }

    /** {@link #intern} in a document of more than {@link #FLAT_KEYS} names. */
    private int internOverflow(long hash, MemorySegment seg, long base, int offset, int length) {
        int id = overflow.intern(hash, seg, base, offset, length);
        count = overflow.count();
        return id;
    }

    /** {@return the offset of name {@code id}'s bytes in the string area} */
    int offset(int id) {
        return id < FLAT_KEYS ? offsets[id] : overflow.offset(id);
    }

    /** {@return the length of name {@code id}, bytes} */
    int length(int id) {
        return id < FLAT_KEYS ? lengths[id] : overflow.length(id);
    }

    /**
     * Stamps name {@code id} with {@code serial}, the object whose members are being checked for
     * duplicates; {@return whether it already had that stamp}: the name appeared before in that object
     */
    boolean stamp(int id, int serial) {
        if (id >= FLAT_KEYS) {
            return overflow.stamp(id, serial);
        }
        if (stamps[id] == serial) {
            return true;
        }
        stamps[id] = serial;
        return false;
    }

    /**
     * {@return whether {@code length} bytes at {@code a} and {@code b} are equal}; compares 8 bytes
     * at a time, the last word masked (both names are followed by readable string-area bytes)
     */
    static boolean sameBytes(MemorySegment seg, long a, long b, int length) {
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            if (seg.get(Tape.LONG_LE, a + i) != seg.get(Tape.LONG_LE, b + i)) {
                return false;
            }
        }
        int r = length - i;
        if (r == 0) {
            return true;
        }
        long mask = -1L >>> (64 - 8 * r);
        return ((seg.get(Tape.LONG_LE, a + i) ^ seg.get(Tape.LONG_LE, b + i)) & mask) == 0;
    }

    /** Grows the flat arrays to {@code n <= FLAT_KEYS} ids. */
    private void growIds(int n) {
        count(n, slots.length);
        hashes = Arrays.copyOf(hashes, n);
        offsets = Arrays.copyOf(offsets, n);
        lengths = Arrays.copyOf(lengths, n);
        stamps = Arrays.copyOf(stamps, n);
        if (next.length < PREDICTED_KEYS) {
            int p = Math.min(n, PREDICTED_KEYS);
            next = Arrays.copyOf(next, p);
            plain = Arrays.copyOf(plain, p);
            continuation = Arrays.copyOf(continuation, p);
            source = Arrays.copyOf(source, p);
            runStart = Arrays.copyOf(runStart, 2 * p);
            runLength = Arrays.copyOf(runLength, 2 * p);
            runKey = Arrays.copyOf(runKey, 2 * p);
            runNewlines = Arrays.copyOf(runNewlines, 2 * p);
            runLineEnd = Arrays.copyOf(runLineEnd, 2 * p);
            runContinuation = Arrays.copyOf(runContinuation, 2 * p);
        }
    }

    private void grow() {
        int n = slots.length * 2;
        count(hashes.length, n);
        slots = new int[n];
        mask = n - 1;
        for (int id = 0, flat = Math.min(count, FLAT_KEYS); id < flat; id++) {
            int slot = (int) hashes[id] & mask;
            while (slots[slot] != 0) {
                probes++;
                slot = (slot + 1) & mask;
            }
            slots[slot] = id + 1;
        }
    }

    /** {@return the bytes {@link #writeTo} writes} */
    long arenaBytes() {
        return KeyEntries.bytes(count);
    }

    /** Writes the names as the document's key table ({@link KeyEntries}) at {@code at} of {@code dst}. */
    void writeTo(MemorySegment dst, long at) {
        KeyEntries.begin(dst, at, count);
        if (overflow != null) {
            overflow.writeTo(dst, at);
        } else {
            for (int id = 0; id < count; id++) {
                KeyEntries.write(dst, at, count, id, hashes[id], offsets[id], lengths[id]);
            }
        }
    }
}
