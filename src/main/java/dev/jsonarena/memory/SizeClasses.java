package dev.jsonarena.memory;

/**
 * The size-class table: the only place that knows which block sizes the pool hands out below
 * {@value #MAX_SMALL} bytes, and how many pages back a span of each class.
 *
 * <p>A request of {@code n} bytes is served by the smallest class whose size is {@code >= n}.
 * Classes step by 16 bytes up to 128 B, then by a quarter of the power of two below them, so each
 * doubling holds four classes:
 *
 * <pre>
 *  index  size (B)  pages/span  slots/span    index  size (B)  pages/span  slots/span
 *  -----  --------  ----------  ----------    -----  --------  ----------  ----------
 *    0        16         1          512         20     1,280        2          12
 *    1        32         1          256         21     1,536        2          10
 *    2        48         1          170         22     1,792        2           9
 *    3        64         1          128         23     2,048        2           8
 *    4        80         1          102         24     2,560        3           9
 *    5        96         1           85         25     3,072        3           8
 *    6       112         1           73         26     3,584        4           9
 *    7       128         1           64         27     4,096        4           8
 *    8       160         1           51         28     5,120        5           8
 *    9       192         1           42         29     6,144        6           8
 *   10       224         1           36         30     7,168        7           8
 *   11       256         1           32         31     8,192        8           8
 *   12       320         1           25         32    10,240       10           8
 *   13       384         1           21         33    12,288       12           8
 *   14       448         1           18         34    14,336       14           8
 *   15       512         1           16         35    16,384       16           8
 *   16       640         1           12         36    20,480       20           8
 *   17       768         1           10         37    24,576       24           8
 *   18       896         1            9         38    28,672       28           8
 *   19     1,024         1            8         39    32,768       32           8
 * </pre>
 *
 * <p><b>Waste bound.</b> For a request of {@code n} bytes the unused tail of its slot is below
 * 16 bytes when {@code 0 < n <= 128}, and below 20% of the slot when {@code n > 128}: in the doubling
 * {@code (2^k, 2^(k+1)]} classes are {@code 2^k/4} apart and the smallest is {@code 1.25 * 2^k}, so
 * the waste is under {@code (2^k/4) / (1.25 * 2^k) = 1/5}. A span's tail (the bytes after its last
 * whole slot) is under 12.5% of the span by the choice of pages per span. Larger requests get a
 * dedicated run of pages ({@link PageHeap}), whose waste is under one page.
 *
 * <p>The class of a size is computed two ways: {@link #classOfByFormula(long)} (the arithmetic
 * above) and {@link #classOf(long)} (a lookup table indexed by {@code ceil(n / 16)}, built at class
 * initialisation); a test checks they agree for every size.
 *
 * <p>Thread-safety: immutable; all methods are safe from any thread.
 */
public final class SizeClasses {
    /** Bytes per page: the unit in which chunks are split and spans are measured. */
    public static final int PAGE_SIZE = 8192;
    /** log2 of {@link #PAGE_SIZE}. */
    public static final int PAGE_SHIFT = 13;
    /** The largest request served by a size class; larger requests get a page run. */
    public static final int MAX_SMALL = 32768;
    /** The smallest class (also the alignment every slot has). */
    public static final int MIN_SIZE = 16;
    /** Number of size classes. */
    public static final int COUNT = 40;

    private static final int LINEAR_CLASSES = 8; // 16..128 step 16
    private static final int[] SIZE = new int[COUNT];
    private static final int[] PAGES = new int[COUNT];
    private static final byte[] LOOKUP = new byte[MAX_SMALL / MIN_SIZE + 1];

    static {
        for (int i = 0; i < COUNT; i++) {
            SIZE[i] = sizeByFormula(i);
            PAGES[i] = pagesFor(SIZE[i]);
        }
        int c = 0;
        for (int q = 0; q < LOOKUP.length; q++) {
            while (SIZE[c] < q * MIN_SIZE) {
                c++;
            }
            LOOKUP[q] = (byte) c;
        }
    }

    private SizeClasses() {}

    /** {@return the size in bytes of class {@code index}} */
    public static int size(int index) {
        return SIZE[index];
    }

    /** {@return the number of pages in a span of class {@code index}} */
    public static int pagesPerSpan(int index) {
        return PAGES[index];
    }

    /** {@return the number of slots in a span of class {@code index}} */
    public static int slotsPerSpan(int index) {
        return PAGES[index] * PAGE_SIZE / SIZE[index];
    }

    /**
     * {@return the smallest class whose size is at least {@code bytes}}, by table lookup.
     *
     * @throws IllegalArgumentException if {@code bytes} is negative or above {@link #MAX_SMALL}
     */
    public static int classOf(long bytes) {
        if (bytes < 0 || bytes > MAX_SMALL) {
            throw new IllegalArgumentException("bytes: " + bytes + " (expected: 0.." + MAX_SMALL + ")");
        }
        return LOOKUP[(int) ((bytes + MIN_SIZE - 1) >>> 4)];
    }

    /**
     * {@return the smallest class whose size is at least {@code bytes}}, computed arithmetically;
     * must equal {@link #classOf(long)}.
     *
     * @throws IllegalArgumentException if {@code bytes} is negative or above {@link #MAX_SMALL}
     */
    public static int classOfByFormula(long bytes) {
        if (bytes < 0 || bytes > MAX_SMALL) {
            throw new IllegalArgumentException("bytes: " + bytes + " (expected: 0.." + MAX_SMALL + ")");
        }
        if (bytes <= 128) {
            return bytes == 0 ? 0 : (int) ((bytes + 15) >>> 4) - 1;
        }
        int k = 63 - Long.numberOfLeadingZeros(bytes - 1); // 2^k < bytes <= 2^(k+1)
        long step = 1L << (k - 2);
        int j = (int) ((bytes - (1L << k) + step - 1) / step); // 1..4
        return LINEAR_CLASSES + (k - 7) * 4 + (j - 1);
    }

    private static int sizeByFormula(int index) {
        if (index < LINEAR_CLASSES) {
            return (index + 1) * MIN_SIZE;
        }
        int k = 7 + (index - LINEAR_CLASSES) / 4;
        int j = 1 + (index - LINEAR_CLASSES) % 4;
        return (1 << k) + j * (1 << (k - 2));
    }

    /** Fewest pages holding at least 8 slots with a tail under 1/8 of the span. */
    private static int pagesFor(int size) {
        int pages = Math.max(1, (8 * size + PAGE_SIZE - 1) / PAGE_SIZE);
        while ((pages * PAGE_SIZE) % size > pages * PAGE_SIZE / 8) {
            pages++;
        }
        return pages;
    }
}
