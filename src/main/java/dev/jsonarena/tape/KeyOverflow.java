package dev.jsonarena.tape;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * The interning table of a document with more member names than {@link KeyTable}'s flat arrays
 * hold ({@link KeyTable#FLAT_KEYS}): it takes over every name, the first ones copied from the flat
 * table, so a lookup probes one table. Its arrays are cut into chunks of {@value #CHUNK} elements
 * (32 KiB of longs, 16 KiB of ints). However many names a document has, the table never allocates
 * one large heap array: a collector that places large arrays apart (G1 treats an array of half a
 * region or more, 512 KiB with 1 MiB regions, as humongous) would need contiguous free regions for
 * every doubling of a flat table, and in a small heap it may find them only after a full
 * collection. Ids grow by adding chunks, without copying; only the lookup slots are rebuilt when
 * they double.
 *
 * <pre>
 *  id:
 *      hashes[id >> 12][id & 4095]  seeded hash (long)
 *      offsets[..][..]              of the name's bytes in the string area, as KeyTable's
 *      lengths[..][..]              of the name, bytes
 *      stamps[..][..]               serial of the last object checked for duplicates
 *  slot s:
 *      slots[s >> 12][s & 4095]     id + 1 of the name whose hash probes to it, 0 if empty
 * </pre>
 *
 * Linear probing over a power-of-two slot count at a load of at most one half; as in
 * {@link KeyTable}, a probe sequence longer than {@link KeyTable#MAX_PROBES} doubles the slots
 * while they stay under 64 per name. Growth is counted against the parse's budget through the
 * owning table before it is allocated.
 *
 * <p>Thread-safety: not thread-safe; owned by one {@link KeyTable}.
 */
final class KeyOverflow {
    static final int CHUNK_BITS = 12;
    static final int CHUNK = 1 << CHUNK_BITS;
    private static final int IN_CHUNK = CHUNK - 1;
    private static final int MIN_SLOTS = 2 * CHUNK;

    private final KeyTable owner;
    private long[][] hashes = new long[0][];
    private int[][] offsets = new int[0][];
    private int[][] lengths = new int[0][];
    private int[][] stamps = new int[0][];
    private int[][] slots = new int[0][];
    private int mask = -1;
    private int count;
    private long probes;

    /**
     * A table holding the {@code count} names of ids 0 to {@code count - 1} that {@code hashes},
     * {@code offsets} and {@code lengths} give; its growth is counted through {@code owner}.
     */
    KeyOverflow(KeyTable owner, long[] hashes, int[] offsets, int[] lengths, int count) {
        this.owner = owner;
        for (int c = 0; c << CHUNK_BITS < count; c++) {
            addChunk();
            int from = c << CHUNK_BITS, n = Math.min(CHUNK, count - from);
            System.arraycopy(hashes, from, this.hashes[c], 0, n);
            System.arraycopy(offsets, from, this.offsets[c], 0, n);
            System.arraycopy(lengths, from, this.lengths[c], 0, n);
        }
        this.count = count;
        growSlots(Math.max(MIN_SLOTS, Integer.highestOneBit(4 * count - 1) << 1)); // room to grow
    }

    /** {@return the names held} */
    int count() {
        return count;
    }

    /** {@return the slots visited by inserts and lookups} */
    long probes() {
        return probes;
    }

    /** {@return the ids this table has room for without a new chunk} */
    long idCapacity() {
        return (long) hashes.length * CHUNK;
    }

    /** {@return the lookup slots allocated} */
    long slotCapacity() {
        return mask + 1L;
    }

    /**
     * {@return the id of the name of {@code length} bytes at {@code base + offset} of {@code seg}}:
     * an existing id, or the next one ({@code count() - 1} after the call)
     */
    int intern(long hash, MemorySegment seg, long base, int offset, int length) {
        int slot = (int) hash & mask;
        int probe = 0;
        for (;;) {
            probes++;
            int v = slots[slot >>> CHUNK_BITS][slot & IN_CHUNK];
            if (v == 0) {
                break;
            }
            int e = v - 1;
            int c = e >>> CHUNK_BITS, i = e & IN_CHUNK;
            if (hashes[c][i] == hash && lengths[c][i] == length
                    && KeyTable.sameBytes(seg, base + offsets[c][i], base + offset, length)) {
                return e;
            }
            slot = (slot + 1) & mask;
            if (++probe > KeyTable.MAX_PROBES && slotCapacity() < 64L * (count + 1)) {
                growSlots(2 * (mask + 1));
                slot = (int) hash & mask;
                probe = 0;
            }
        }
        int e = count;
        int c = e >>> CHUNK_BITS, i = e & IN_CHUNK;
        if (c == hashes.length) {
            addChunk();
        }
        hashes[c][i] = hash;
        offsets[c][i] = offset;
        lengths[c][i] = length;
        stamps[c][i] = 0;
        slots[slot >>> CHUNK_BITS][slot & IN_CHUNK] = e + 1;
        count = e + 1;
        if (2L * count > slotCapacity()) {
            growSlots(2 * (mask + 1));
        }
        return e;
    }

    /** {@return the offset of name {@code id}'s bytes in the string area} */
    int offset(int id) {
        return offsets[id >>> CHUNK_BITS][id & IN_CHUNK];
    }

    /** {@return the length of name {@code id}, bytes} */
    int length(int id) {
        return lengths[id >>> CHUNK_BITS][id & IN_CHUNK];
    }

    /** Stamps name {@code id} with {@code serial}; {@return whether it already had that stamp} */
    boolean stamp(int id, int serial) {
        int[] chunk = stamps[id >>> CHUNK_BITS];
        int i = id & IN_CHUNK;
        if (chunk[i] == serial) {
            return true;
        }
        chunk[i] = serial;
        return false;
    }

    /** Writes the names into the document's key table at {@code at} of {@code dst} ({@link KeyEntries#begin} done). */
    void writeTo(MemorySegment dst, long at) {
        for (int e = 0; e < count; e++) {
            int c = e >>> CHUNK_BITS, i = e & IN_CHUNK;
            KeyEntries.write(dst, at, count, e, hashes[c][i], offsets[c][i], lengths[c][i]);
        }
    }

    private void addChunk() {
        int n = hashes.length + 1;
        owner.countOverflow((long) n * CHUNK, slotCapacity());
        hashes = Arrays.copyOf(hashes, n);
        offsets = Arrays.copyOf(offsets, n);
        lengths = Arrays.copyOf(lengths, n);
        stamps = Arrays.copyOf(stamps, n);
        hashes[n - 1] = new long[CHUNK];
        offsets[n - 1] = new int[CHUNK];
        lengths[n - 1] = new int[CHUNK];
        stamps[n - 1] = new int[CHUNK];
    }

    private void growSlots(int n) {
        owner.countOverflow(idCapacity(), n);
        int[][] grown = new int[n >>> CHUNK_BITS][CHUNK];
        int m = n - 1;
        for (int e = 0; e < count; e++) {
            int slot = (int) hashes[e >>> CHUNK_BITS][e & IN_CHUNK] & m;
            while (grown[slot >>> CHUNK_BITS][slot & IN_CHUNK] != 0) {
                probes++;
                slot = (slot + 1) & m;
            }
            grown[slot >>> CHUNK_BITS][slot & IN_CHUNK] = e + 1;
        }
        slots = grown;
        mask = m;
    }
}
