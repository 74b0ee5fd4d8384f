package dev.jsonarena.memory;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bottom of the allocator: reserves chunks of native memory, hands out runs of whole pages,
 * takes them back, and releases chunks that are wholly free to the operating system.
 *
 * <p>Runs are placed first-fit in chunk-id order, which packs live memory into the oldest chunks and
 * lets the newest ones fall idle and be trimmed. A request larger than a chunk gets a chunk of its
 * own, sized to the request; from {@value #RELEASED_WHEN_FREED_BYTES} bytes up it is released as soon
 * as it is wholly free again. The reservation cap is enforced here, to the page: the sum of the
 * sizes of live chunks never exceeds it.
 *
 * <p>Thread-safety: thread-safe; every method takes one lock. {@link #segment(int)} is lock-free.
 */
final class PageHeap {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition pagesFreed = lock.newCondition();
    private final int chunkPages;
    private final long cap;
    /** Copy-on-write table from chunk id to chunk; released ids hold null and are reused. */
    private volatile Chunk[] chunks = new Chunk[8];
    private long reserved;
    private long highWater;
    private long capRejections;
    private long chunksReserved;
    private long chunksReleased;
    private final PressureGauge gauge;

    /** What {@link #releaseIdle} returned to the operating system. */
    record Released(int chunks, long bytes) {
        static final Released NONE = new Released(0, 0);
    }

    PageHeap(long chunkBytes, long cap, double pressureThreshold) {
        this.chunkPages = (int) (chunkBytes >>> SizeClasses.PAGE_SHIFT);
        this.cap = cap;
        this.gauge = new PressureGauge(pressureThreshold, cap);
    }

    /** Sets who the pressure gauge wakes on a change of state or a cap rejection; before first use. */
    void watch(Runnable watcher) {
        lock.lock();
        try {
            gauge.watch(watcher);
        } finally {
            lock.unlock();
        }
    }

    MemorySegment segment(int chunkId) {
        return chunks[chunkId].segment;
    }

    Chunk chunk(int chunkId) {
        return chunks[chunkId];
    }

    /** {@return the address of {@code pages} free pages, or -1 if the cap forbids reserving them} */
    long allocate(int pages) {
        lock.lock();
        try {
            return allocateLocked(pages);
        } finally {
            lock.unlock();
        }
    }

    /** Waits up to {@code nanos}, or until pages are freed or chunks released. */
    void awaitFree(long nanos) throws InterruptedException {
        lock.lock();
        try {
            pagesFreed.awaitNanos(nanos);
        } finally {
            lock.unlock();
        }
    }

    /** Allocates a span of the given class; {@return the span, or null if the cap forbids it} */
    Span allocateSpan(int sizeClass) {
        int pages = SizeClasses.pagesPerSpan(sizeClass);
        lock.lock();
        try {
            long address = allocateLocked(pages);
            if (address < 0) {
                return null;
            }
            Chunk chunk = chunks[Address.chunk(address)];
            int first = (int) (Address.offset(address) >>> SizeClasses.PAGE_SHIFT);
            Span span = new Span(chunk, first, sizeClass);
            for (int p = first; p < first + pages; p++) {
                chunk.spanAt[p] = span;
            }
            return span;
        } finally {
            lock.unlock();
        }
    }

    void freeSpan(Span span) {
        lock.lock();
        try {
            int pages = span.pages();
            for (int p = span.firstPage; p < span.firstPage + pages; p++) {
                span.chunk.spanAt[p] = null;
            }
            freeLocked(span.chunk, span.firstPage, pages);
        } finally {
            lock.unlock();
        }
    }

    /** Frees the run of {@code pages} pages at {@code address}. */
    void free(long address, int pages) {
        lock.lock();
        try {
            freeLocked(chunks[Address.chunk(address)], (int) (Address.offset(address) >>> SizeClasses.PAGE_SHIFT), pages);
        } finally {
            lock.unlock();
        }
    }

    /** Frees many page runs under one lock acquisition. */
    void freeAll(long[] addresses, int[] pages, int count) {
        if (count == 0) {
            return;
        }
        lock.lock();
        try {
            for (int i = 0; i < count; i++) {
                long a = addresses[i];
                freeLocked(chunks[Address.chunk(a)], (int) (Address.offset(a) >>> SizeClasses.PAGE_SHIFT), pages[i]);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Releases to the operating system every chunk that has been wholly free for at least
     * {@code idleNanos}; {@return the chunks and bytes released}
     */
    Released releaseIdle(long idleNanos) {
        lock.lock();
        try {
            long now = System.nanoTime();
            Chunk[] table = chunks.clone();
            int released = 0;
            long bytes = 0;
            for (int i = 0; i < table.length; i++) {
                Chunk c = table[i];
                if (c != null && c.isIdle() && now - c.idleSince >= idleNanos) {
                    table[i] = null;
                    reserved -= c.bytes();
                    bytes += c.bytes();
                    chunksReleased++;
                    released++;
                }
            }
            if (released == 0) {
                return Released.NONE;
            }
            Chunk[] old = chunks;
            chunks = table;
            for (Chunk c : old) {
                if (c != null && table[c.id] == null) {
                    c.release();
                }
            }
            pagesFreed.signalAll();
            gauge.update(reserved);
            return new Released(released, bytes);
        } finally {
            lock.unlock();
        }
    }

    /** {@return a snapshot of the page heap's counters, with the pool's {@code inUseBytes} and {@code openArenas}} */
    PoolCounters counters(long inUseBytes, long openArenas) {
        lock.lock();
        try {
            int live = 0;
            for (Chunk c : chunks) {
                if (c != null) {
                    live++;
                }
            }
            return new PoolCounters(reserved, highWater, cap, capRejections, live, chunksReserved, chunksReleased,
                    inUseBytes, openArenas);
        } finally {
            lock.unlock();
        }
    }

    void countCapRejection() {
        lock.lock();
        try {
            capRejections++;
            gauge.refused();
        } finally {
            lock.unlock();
        }
    }

    long cap() {
        return cap;
    }

    /** {@return the bytes reserved now} */
    long reserved() {
        lock.lock();
        try {
            return reserved;
        } finally {
            lock.unlock();
        }
    }

    /** {@return the pressure gauge's changes of state so far, see {@link PressureGauge#transitions()}} */
    long pressureTransitions() {
        lock.lock();
        try {
            return gauge.transitions();
        } finally {
            lock.unlock();
        }
    }

    /** Releases every chunk, idle or not; only for closing a pool with no live memory. */
    void releaseAll() {
        lock.lock();
        try {
            Chunk[] old = chunks;
            chunks = new Chunk[old.length];
            for (Chunk c : old) {
                if (c != null) {
                    reserved -= c.bytes();
                    chunksReleased++;
                    c.release();
                }
            }
            gauge.update(reserved);
        } finally {
            lock.unlock();
        }
    }

    private long allocateLocked(int pages) {
        Chunk[] table = chunks;
        for (Chunk c : table) {
            if (c != null) {
                int first = c.findRun(pages);
                if (first >= 0) {
                    c.mark(first, pages, true);
                    return Address.of(c.id, (long) first << SizeClasses.PAGE_SHIFT);
                }
            }
        }
        Chunk c = reserveChunk(pages);
        if (c == null) {
            return -1;
        }
        c.mark(0, pages, true);
        return Address.of(c.id, 0);
    }

    private Chunk reserveChunk(int minPages) {
        long room = cap - reserved;
        long wanted = Math.max(minPages, chunkPages);
        long pages = Math.min(wanted, room >>> SizeClasses.PAGE_SHIFT);
        if (pages < minPages) {
            return null;
        }
        Chunk[] table = chunks;
        int id = 0;
        while (id < table.length && table[id] != null) {
            id++;
        }
        if (id == table.length) {
            table = Arrays.copyOf(table, table.length * 2);
        } else {
            table = table.clone();
        }
        Chunk c = new Chunk(id, (int) pages);
        table[id] = c;
        chunks = table;
        reserved += c.bytes();
        highWater = Math.max(highWater, reserved);
        chunksReserved++;
        gauge.update(reserved);
        return c;
    }

    private void freeLocked(Chunk chunk, int first, int pages) {
        chunk.mark(first, pages, false);
        if (chunk.isIdle()) {
            if (chunk.pages > chunkPages && chunk.bytes() >= RELEASED_WHEN_FREED_BYTES) {
                releaseOversized(chunk);
            } else {
                chunk.idleSince = System.nanoTime();
            }
        }
        pagesFreed.signalAll();
    }

    /**
     * Chunks of their own at least this large are released as soon as their run is freed. glibc
     * serves such requests with their own mappings ({@code mmap}, its threshold's maximum on 64-bit
     * systems is 32 MiB), so freeing one gives its pages back to the operating system at once;
     * a smaller chunk freed would stay resident in the C heap until a trim, so it stays reserved
     * (and counted) in the pool instead, idle and reusable, until the scavenger or a trim releases
     * it with {@link NativeHeapTrim}.
     */
    static final long RELEASED_WHEN_FREED_BYTES = 32L << 20;

    /**
     * Releases a chunk larger than the chunk size (reserved for one large run) as soon as that run
     * is freed: another request of exactly that size is unlikely, and a region that grows by moving
     * into bigger runs (a document read from a stream of unknown size) would otherwise keep every
     * run it outgrew reserved until a trim.
     */
    private void releaseOversized(Chunk chunk) {
        Chunk[] table = chunks.clone();
        table[chunk.id] = null;
        chunks = table;
        reserved -= chunk.bytes();
        chunksReleased++;
        chunk.release();
        gauge.update(reserved);
    }

}
