package dev.jsonarena.bench;

/**
 * The allocations a parse of a document of {@code N} bytes makes, as a fixed list of
 * {@code (size, alignment)} pairs in the order the parser makes them.
 *
 * <pre>
 *  #      what          size (bytes)                     alignment
 *  -----  ------------  -------------------------------  ---------
 *  0      tape          N rounded up to a multiple of 8      8
 *  1      string area   ceil(N * 3 / 5)                      1
 *  2      key table     64 entries * 16 B = 1,024            8
 *  3..12  small objects 10 x 64                              8
 * </pre>
 *
 * <p>For the two documents measured that is:
 * <pre>
 *  N          tape      strings   key table  small     total
 *  2,048      2,048     1,229     1,024      10 x 64   4,941 B in 13 allocations
 *  614,400    614,400   368,640   1,024      10 x 64   984,704 B in 13 allocations
 * </pre>
 *
 * <p>Thread-safety: immutable after construction; the arrays are never written after the
 * constructor, so sharing one instance between benchmark threads is safe.
 */
public final class ParseAllocations {
    /** Entries of the key table. */
    public static final int KEY_ENTRIES = 64;
    /** Bytes per key table entry. */
    public static final int KEY_ENTRY_BYTES = 16;
    /** Number of small allocations. */
    public static final int SMALL_COUNT = 10;
    /** Bytes per small allocation. */
    public static final int SMALL_BYTES = 64;

    private final int documentBytes;
    private final long[] sizes;
    private final long[] alignments;

    /**
     * Builds the model for a document.
     *
     * @param documentBytes the document's size {@code N}, {@code > 0}
     * @throws IllegalArgumentException if {@code documentBytes <= 0}
     */
    public ParseAllocations(int documentBytes) {
        if (documentBytes <= 0) {
            throw new IllegalArgumentException("documentBytes: " + documentBytes + " (expected: > 0)");
        }
        this.documentBytes = documentBytes;
        int count = 3 + SMALL_COUNT;
        sizes = new long[count];
        alignments = new long[count];
        sizes[0] = ((long) documentBytes + 7) & -8L;
        alignments[0] = 8;
        sizes[1] = ((long) documentBytes * 3 + 4) / 5;
        alignments[1] = 1;
        sizes[2] = (long) KEY_ENTRIES * KEY_ENTRY_BYTES;
        alignments[2] = 8;
        for (int i = 3; i < count; i++) {
            sizes[i] = SMALL_BYTES;
            alignments[i] = 8;
        }
    }

    /** {@return the document size this model was built for} */
    public int documentBytes() {
        return documentBytes;
    }

    /** {@return the number of allocations} */
    public int count() {
        return sizes.length;
    }

    /** {@return the size in bytes of allocation {@code i}} */
    public long size(int i) {
        return sizes[i];
    }

    /** {@return the alignment in bytes of allocation {@code i}} */
    public long alignment(int i) {
        return alignments[i];
    }

    /** {@return the sum of all allocation sizes} */
    public long totalBytes() {
        long total = 0;
        for (long s : sizes) {
            total += s;
        }
        return total;
    }

    /**
     * Runs one request: opens {@code arena}, makes every allocation of this model (each touched at
     * its first and last byte), and closes it, even if an allocation throws.
     *
     * @param arena the implementation under test, not open
     * @return the sum of the values {@link RequestArena#allocate} returned, for a blackhole
     */
    public long cycle(RequestArena arena) {
        arena.open();
        long sum = 0;
        try {
            for (int i = 0; i < sizes.length; i++) {
                sum += arena.allocate(sizes[i], alignments[i], (byte) (i + 1));
            }
        } finally {
            arena.close();
        }
        return sum;
    }
}
