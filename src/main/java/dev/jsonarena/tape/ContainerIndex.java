package dev.jsonarena.tape;

import dev.jsonarena.JsonException;
import dev.jsonarena.memory.Address;
import dev.jsonarena.memory.ArenaMemory;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * The lazily built indexes of one document's large containers, and the only class that knows
 * their layout: for an array, its elements' tape indexes; for an object, an open-addressing table
 * of its members' value indexes by key id. Both are built in the arena on first need and found
 * again through a small heap table of this class (container tape index to index memory).
 *
 * <pre>
 *  array index:   4 bytes per element: the element's tape index, in element order
 *  object index:  4-byte slots, a power of two and at least two per member: the tape index of the
 *                 member's value (its KEY word + 1), placed by linear probing from a hash of the
 *                 key id; 0 empty (a value is never at tape index 0)
 * </pre>
 *
 * <p>An array is indexed on its first {@link #element} call. An object is first scanned, starting
 * where the last lookup in the same object stopped (fields are mostly read in document order) and
 * wrapping around, until the members stepped over in that object pass four times its size; then it
 * is indexed. A few lookups per record (the common case) so never pay for an index; many lookups in
 * one large object get one. If the arena's budget or pool cannot give the memory, the container
 * is read linearly instead and the failure is not reported. A build holds the arena while it
 * allocates and writes ({@link Document#holdAt}: a close meanwhile waits for it); when the
 * arena cannot be held (inside a parse, from an input callback; being closed; a view of an epoch
 * the arena has moved on from, read on another thread) the read walks the container and nothing
 * is cached. The scan state is kept per arena epoch ({@link Scan}), so only the current views'
 * reads resume from it.
 *
 * <p>Thread-safety: not thread-safe; belongs to one {@link Document}.
 */
final class ContainerIndex {
    private final ArenaMemory memory;
    // container tape index -> index memory; open addressing, key = tape index + 1; a null segment
    // with offset -1 records that an index could not be built
    private int[] cacheKeys = new int[16];
    private MemorySegment[] cacheSegs = new MemorySegment[16];
    private long[] cacheOffsets = new long[16];
    private int cacheCount;
    /** Where the last scan of a large object stopped, for the views of one arena epoch (see {@link Scan}). */
    private Scan scan;
    private long bytes;

    ContainerIndex(ArenaMemory memory) {
        this.memory = memory;
    }

    /**
     * Where the last scan of a large object stopped (see {@link #member}): its tape index, the next
     * member's key index and ordinal, and the members stepped over in that object so far. Written
     * only by reads of views of {@link #epoch}: a view read on another thread after its arena moved
     * on finds a state of another epoch here and scans with one of its own, so it never writes the
     * state the current document's reads resume from.
     */
    private static final class Scan {
        final long epoch;
        int object = -1;
        int member;
        int ordinal;
        int steps;

        Scan(long epoch) {
            this.epoch = epoch;
        }
    }

    /** Forgets every index, for the next parse into the document. */
    void clear() {
        bytes = 0;
        scan = null;
        if (cacheCount > 0) {
            Arrays.fill(cacheKeys, 0);
            Arrays.fill(cacheSegs, null);
            cacheCount = 0;
        }
    }

    /** {@return bytes of arena memory taken by indexes since the last clear} */
    long bytes() {
        return bytes;
    }

    /**
     * {@return the tape index of the value of the member with key {@code id} of the object at
     * {@code object} of {@code doc}, which has {@code count} members, or -1}
     */
    int member(Document doc, int object, int count, int id, long epoch) {
        Scan sc = scan;
        if (sc == null || sc.epoch != epoch) {
            scan = sc = new Scan(epoch);
        }
        int cached = cacheFind(object);
        if (cached < 0 && object == sc.object && sc.steps > 4 * count) {
            cached = buildObjectIndex(doc, object, count, epoch);
        }
        if (cached >= 0 && cacheOffsets[cached] >= 0) {
            MemorySegment s = cacheSegs[cached];
            long at = cacheOffsets[cached];
            int mask = objectSlots(count) - 1;
            int slot = mixId(id) & mask;
            for (;;) {
                int v = s.get(ValueLayout.JAVA_INT, at + 4L * slot);
                if (v == 0) {
                    return -1;
                }
                if (Tape.keyId(doc.word(v - 1)) == id) {
                    return v;
                }
                slot = (slot + 1) & mask;
            }
        }
        return scan(sc, doc, object, count, id);
    }

    /** The scan of {@link #member}: resumes where the last scan of {@code object} stopped. */
    private static int scan(Scan sc, Document doc, int object, int count, int id) {
        int j = object + 1;
        int m = 0;
        if (object == sc.object) {
            j = sc.member; // resume after the member found last time
            m = sc.ordinal;
        } else {
            sc.object = object;
            sc.member = j;
            sc.ordinal = 0;
            sc.steps = 0;
        }
        int end = doc.next(object);
        for (int step = 0; step < count; step++) {
            if (m == count) { // wrap around to the first member
                j = object + 1;
                m = 0;
            }
            int next = doc.nextMember(j);
            m++;
            if (Tape.keyId(doc.word(j)) == id) {
                sc.steps += step + 1;
                sc.member = next < end ? next : object + 1;
                sc.ordinal = next < end ? m : 0;
                return j + 1;
            }
            j = next;
        }
        sc.steps += count;
        return -1;
    }

    private static int objectSlots(int count) {
        return Integer.highestOneBit(Math.max(1, count * 2 - 1)) * 2;
    }

    private static int mixId(int id) {
        return id * 0x9E37_79B9 ^ (id * 0x9E37_79B9) >>> 16;
    }

    private int buildObjectIndex(Document doc, int object, int count, long epoch) {
        if (!doc.holdAt(epoch)) {
            return -1;
        }
        try {
            return writeObjectIndex(doc, object, count);
        } finally {
            memory.releaseHold();
        }
    }

    private int writeObjectIndex(Document doc, int object, int count) {
        int slots = objectSlots(count);
        long address = allocate(4L * slots);
        if (address < 0) {
            return cachePut(object, null, -1);
        }
        MemorySegment s = memory.segment(address);
        long at = Address.offset(address);
        s.asSlice(at, 4L * slots).fill((byte) 0);
        int mask = slots - 1;
        int j = object + 1;
        for (int m = 0; m < count; m++) {
            int slot = mixId(Tape.keyId(doc.word(j))) & mask;
            while (s.get(ValueLayout.JAVA_INT, at + 4L * slot) != 0) {
                slot = (slot + 1) & mask;
            }
            s.set(ValueLayout.JAVA_INT, at + 4L * slot, j + 1);
            j = doc.nextMember(j);
        }
        return cachePut(object, s, at);
    }

    /**
     * {@return the tape index of element {@code k} of the array at {@code array} of {@code doc},
     * which has {@code count} elements}, from its index (built on this first call) or, if none can
     * be built, by a walk
     */
    int element(Document doc, int array, int count, int k, long epoch) {
        int cached = cacheFind(array);
        if (cached < 0) {
            cached = buildArrayIndex(doc, array, count, epoch);
        }
        if (cached >= 0 && cacheOffsets[cached] >= 0) {
            return cacheSegs[cached].get(ValueLayout.JAVA_INT, cacheOffsets[cached] + 4L * k);
        }
        return walk(doc, array, k);
    }

    /** {@return the tape index of element {@code k} of the array at {@code array}, found by a walk} */
    static int walk(Document doc, int array, int k) {
        int j = array + 1;
        for (int i = 0; i < k; i++) {
            j = doc.next(j);
        }
        return j;
    }

    private int buildArrayIndex(Document doc, int array, int count, long epoch) {
        if (!doc.holdAt(epoch)) {
            return -1;
        }
        try {
            return writeArrayIndex(doc, array, count);
        } finally {
            memory.releaseHold();
        }
    }

    private int writeArrayIndex(Document doc, int array, int count) {
        long address = allocate(4L * count);
        if (address < 0) {
            return cachePut(array, null, -1);
        }
        MemorySegment s = memory.segment(address);
        long at = Address.offset(address);
        int j = array + 1;
        for (int i = 0; i < count; i++) {
            s.set(ValueLayout.JAVA_INT, at + 4L * i, j);
            j = doc.next(j);
        }
        return cachePut(array, s, at);
    }

    private long allocate(long size) {
        try {
            long address = memory.allocate(size, 4);
            bytes += size;
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
}
