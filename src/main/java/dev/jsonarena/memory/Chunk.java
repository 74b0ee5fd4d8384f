package dev.jsonarena.memory;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * One reservation of native memory: a page-aligned segment of whole pages, owned by its own shared
 * JDK {@link Arena} so that it can be returned to the operating system on its own when every page
 * is free.
 *
 * <p>A bitmap records which pages are in use; {@link #spanAt} maps each page of a small-object span
 * back to its {@link Span}, so that a freed slot finds its span in O(1).
 *
 * <p>Thread-safety: not thread-safe; guarded by the {@link PageHeap}'s lock, except
 * {@link #segment} and {@link #spanAt} entries, which are written before the memory they describe
 * is published under that lock.
 */
final class Chunk {
    final int id;
    final int pages;
    final MemorySegment segment;
    private final Arena arena;
    private final long[] used;
    final Span[] spanAt;
    int freePages;
    /** {@link System#nanoTime()} when the chunk last became wholly free. */
    long idleSince;

    Chunk(int id, int pages) {
        this.id = id;
        this.pages = pages;
        this.arena = Arena.ofShared();
        this.segment = arena.allocate((long) pages << SizeClasses.PAGE_SHIFT, SizeClasses.PAGE_SIZE);
        this.used = new long[(pages + 63) >>> 6];
        this.spanAt = new Span[pages];
        this.freePages = pages;
        this.idleSince = System.nanoTime();
    }

    long bytes() {
        return (long) pages << SizeClasses.PAGE_SHIFT;
    }

    boolean isIdle() {
        return freePages == pages;
    }

    /** {@return the first page of a free run of {@code n} pages, or -1} (first fit) */
    int findRun(int n) {
        if (n > freePages) {
            return -1;
        }
        int page = 0;
        while (page <= pages - n) {
            int start = nextFree(page);
            if (start < 0 || start > pages - n) {
                return -1;
            }
            int end = nextUsed(start, start + n);
            if (end - start >= n) {
                return start;
            }
            page = end;
        }
        return -1;
    }

    /** Marks pages {@code [first, first + n)} used or free, a 64-bit word at a time. */
    void mark(int first, int n, boolean inUse) {
        int p = first;
        int end = first + n;
        while (p < end) {
            int w = p >>> 6;
            int bits = Math.min(64 - (p & 63), end - p);
            long mask = (bits == 64 ? -1L : ((1L << bits) - 1)) << (p & 63);
            if (inUse) {
                assert (used[w] & mask) == 0 : "pages from " + p + " already in use";
                used[w] |= mask;
            } else {
                assert (used[w] & mask) == mask : "pages from " + p + " already free";
                used[w] &= ~mask;
            }
            p += bits;
        }
        freePages += inUse ? -n : n;
    }

    private int nextFree(int from) {
        int w = from >>> 6;
        long word = ~used[w] & (-1L << (from & 63));
        while (word == 0) {
            if (++w == used.length) {
                return -1;
            }
            word = ~used[w];
        }
        int p = (w << 6) + Long.numberOfTrailingZeros(word);
        return p < pages ? p : -1;
    }

    /** First used page in {@code [from, limit)}, or {@code limit}. */
    private int nextUsed(int from, int limit) {
        int w = from >>> 6;
        long word = used[w] & (-1L << (from & 63));
        while (word == 0) {
            if (++w == used.length || (w << 6) >= limit) {
                return limit;
            }
            word = used[w];
        }
        return Math.min(limit, (w << 6) + Long.numberOfTrailingZeros(word));
    }

    /** Returns the memory to the operating system; the chunk must be idle. */
    void release() {
        arena.close();
    }
}
