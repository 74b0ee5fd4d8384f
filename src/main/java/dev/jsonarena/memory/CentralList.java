package dev.jsonarena.memory;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The shared free list of one size class: the spans of that class that have free slots, from
 * which the per-stripe caches refill in batches and to which they flush in batches.
 *
 * <p>A span whose slots are all free goes back to the {@link PageHeap} at once, except one, which
 * is kept to absorb churn at a span boundary; {@link #releaseEmpty()} gives that one back too.
 *
 * <p>Thread-safety: thread-safe; every method takes this list's lock. Lock order: a stripe's lock,
 * then a central list's, then the page heap's.
 */
final class CentralList {
    private final ReentrantLock lock = new ReentrantLock();
    private final int sizeClass;
    private final PageHeap heap;
    private Span head; // spans with at least one free slot
    private Span spare; // one wholly free span kept back from the heap
    private int spans;
    private long freeSlots;

    CentralList(int sizeClass, PageHeap heap) {
        this.sizeClass = sizeClass;
        this.heap = heap;
    }

    /**
     * Moves up to {@code max} free slots into {@code out[from..]}, taking new spans from the page
     * heap when needed; {@return the number moved, 0 only if the cap forbids a new span}
     */
    int take(long[] out, int from, int max) {
        lock.lock();
        try {
            int n = 0;
            while (n < max) {
                Span s = head;
                if (s == null) {
                    s = spare != null ? spare : heap.allocateSpan(sizeClass);
                    if (s == null) {
                        break;
                    }
                    if (s != spare) {
                        spans++;
                        freeSlots += s.slotCount;
                    }
                    spare = null;
                    link(s);
                }
                while (n < max && s.freeCount > 0) {
                    out[from + n++] = s.take();
                    freeSlots--;
                }
                if (s.freeCount == 0) {
                    unlink(s);
                }
            }
            return n;
        } finally {
            lock.unlock();
        }
    }

    /** Returns {@code count} slots from {@code in[from..]} to their spans. */
    void put(long[] in, int from, int count) {
        Span toFree = null;
        lock.lock();
        try {
            for (int i = from; i < from + count; i++) {
                long a = in[i];
                Chunk chunk = heap.chunk(Address.chunk(a));
                Span s = chunk.spanAt[(int) (Address.offset(a) >>> SizeClasses.PAGE_SHIFT)];
                s.put(a);
                freeSlots++;
                if (!s.listed) {
                    link(s);
                }
                if (s.isEmpty()) {
                    unlink(s);
                    if (spare == null) {
                        spare = s;
                    } else {
                        spans--;
                        freeSlots -= s.slotCount;
                        s.next = toFree;
                        toFree = s;
                    }
                }
            }
        } finally {
            lock.unlock();
        }
        while (toFree != null) {
            Span next = toFree.next;
            toFree.next = null;
            heap.freeSpan(toFree);
            toFree = next;
        }
    }

    /** Gives the kept-back empty span to the page heap. */
    void releaseEmpty() {
        Span s;
        lock.lock();
        try {
            s = spare;
            spare = null;
            if (s != null) {
                spans--;
                freeSlots -= s.slotCount;
            }
        } finally {
            lock.unlock();
        }
        if (s != null) {
            heap.freeSpan(s);
        }
    }

    /** {@return the spans of this class and the free slots held here; cached slots 0 (the stripes hold those)} */
    PoolCounters.SizeClass counters() {
        lock.lock();
        try {
            return new PoolCounters.SizeClass(spans, freeSlots, 0);
        } finally {
            lock.unlock();
        }
    }

    private void link(Span s) {
        s.listed = true;
        s.prev = null;
        s.next = head;
        if (head != null) {
            head.prev = s;
        }
        head = s;
    }

    private void unlink(Span s) {
        s.listed = false;
        if (s.prev != null) {
            s.prev.next = s.next;
        } else {
            head = s.next;
        }
        if (s.next != null) {
            s.next.prev = s.prev;
        }
        s.prev = s.next = null;
    }
}
