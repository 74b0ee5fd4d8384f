package dev.jsonarena.tape;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A document's key table as it lies in arena memory once the parse is done, and the only class
 * that knows that layout: {@link KeyTable} writes it through {@link #begin} and {@link #write}, a {@link Document}
 * reads names and looks them up through an instance of this class.
 *
 * <pre>
 *  at:                 entry of key id 0      (16 bytes)
 *                      entry of key id 1
 *                      ...
 *  at + 16 * count:    lookup slot 0          (4 bytes)
 *                      ...
 *                      lookup slot slots - 1
 *
 *  entry:    0                 8                  12                16
 *            +-----------------+------------------+-----------------+
 *            | seeded hash (64)| offset (32)      | length (32)     |
 *            +-----------------+------------------+-----------------+
 *            offset: of the name's UTF-8 bytes in the document's string area
 *  slot:     id + 1 of the key whose hash probes to it (linear probing), 0 if empty
 * </pre>
 *
 * The slot count is a power of two, at least two per key and at least {@value #MIN_SLOTS}
 * ({@link #slots}), so a lookup ends at an empty slot.
 *
 * <p>Thread-safety: not thread-safe; an instance belongs to its document.
 */
final class KeyEntries {
    /** Bytes of one entry. */
    static final int ENTRY_BYTES = 16;
    /** Bytes of one lookup slot. */
    static final int SLOT_BYTES = 4;
    private static final int HASH = 0;
    private static final int OFFSET = 8;
    private static final int LENGTH = 12;
    private static final int MIN_SLOTS = 8;

    private MemorySegment seg;
    private long at;
    private int count;
    private int mask;
    private long seed;
    private long probes;

    /** {@return the lookup slots of a table of {@code keys} names: a power of two, at least 2 per name} */
    static int slots(int keys) {
        return Math.max(MIN_SLOTS, Integer.highestOneBit(Math.max(1, keys * 2 - 1)) << 1);
    }

    /** {@return the bytes of a table of {@code keys} names} */
    static long bytes(int keys) {
        return (long) ENTRY_BYTES * keys + (long) SLOT_BYTES * slots(keys);
    }

    /**
     * Starts writing a table of {@code count} names at {@code at} of {@code dst} ({@link #bytes}
     * bytes): empties its lookup slots. {@link #write} then writes each name.
     */
    static void begin(MemorySegment dst, long at, int count) {
        dst.asSlice(at + (long) ENTRY_BYTES * count, (long) SLOT_BYTES * slots(count)).fill((byte) 0);
    }

    /**
     * Writes key id {@code id} of the table of {@code count} names at {@code at} of {@code dst}
     * that {@link #begin} started: its entry (its name is the {@code length} bytes at
     * {@code offset} of the string area, its seeded hash {@code hash}) and its lookup slot.
     */
    static void write(MemorySegment dst, long at, int count, int id, long hash, int offset, int length) {
        long e = at + (long) ENTRY_BYTES * id;
        dst.set(Tape.WORD, e + HASH, hash);
        dst.set(ValueLayout.JAVA_INT, e + OFFSET, offset);
        dst.set(ValueLayout.JAVA_INT, e + LENGTH, length);
        long table = at + (long) ENTRY_BYTES * count;
        int m = slots(count) - 1;
        int slot = (int) hash & m;
        while (dst.get(ValueLayout.JAVA_INT, table + (long) SLOT_BYTES * slot) != 0) {
            slot = (slot + 1) & m;
        }
        dst.set(ValueLayout.JAVA_INT, table + (long) SLOT_BYTES * slot, id + 1);
    }

    /**
     * Points this reader at the table of {@code count} names written at {@code at} of {@code seg},
     * hashed with {@code seed}; {@code probes} is what interning them cost (see {@link KeyTable#probes}).
     */
    void attach(MemorySegment seg, long at, int count, long seed, long probes) {
        this.seg = seg;
        this.at = at;
        this.count = count;
        this.mask = slots(count) - 1;
        this.seed = seed;
        this.probes = probes;
    }

    /** {@return the number of names} */
    int count() {
        return count;
    }

    /** {@return the bytes of the table} */
    long bytes() {
        return bytes(count);
    }

    /** {@return the seed the names were hashed with} */
    long seed() {
        return seed;
    }

    /** {@return the key-table slots visited while the names were interned} */
    long probes() {
        return probes;
    }

    /** {@return the seeded hash of key {@code id}} */
    long hash(int id) {
        return seg.get(Tape.WORD, at + (long) ENTRY_BYTES * id + HASH);
    }

    /** {@return the offset of key {@code id}'s bytes in the string area} */
    int offset(int id) {
        return seg.get(ValueLayout.JAVA_INT, at + (long) ENTRY_BYTES * id + OFFSET);
    }

    /** {@return the UTF-8 length of key {@code id}} */
    int length(int id) {
        return seg.get(ValueLayout.JAVA_INT, at + (long) ENTRY_BYTES * id + LENGTH);
    }

    /** {@return the first lookup slot of {@code hash}} */
    int firstSlot(long hash) {
        return (int) hash & mask;
    }

    /** {@return the slot probed after {@code slot}} */
    int nextSlot(int slot) {
        return (slot + 1) & mask;
    }

    /** {@return the key id in lookup slot {@code slot}, or -1 if it is empty} */
    int idAt(int slot) {
        return seg.get(ValueLayout.JAVA_INT, at + (long) ENTRY_BYTES * count + (long) SLOT_BYTES * slot) - 1;
    }
}
