package dev.jsonarena.memory;

import dev.jsonarena.JsonPoolExhaustedException;
import dev.jsonarena.events.Jfr;
import dev.jsonarena.events.StatisticsHook;
import dev.jsonarena.events.TrimEvent;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.LongAdder;

/**
 * The span allocator behind a {@code JsonPool}: striped caches in front of per-class central
 * lists in front of a page heap.
 *
 * <pre>
 *   ArenaMemory ──(small block: size class)──▶ Stripe cache ──batch──▶ CentralList[class] ──span──▶ PageHeap ──chunk──▶ OS
 *               └─(large block: page run)─────────────────────────────────────────────────────────▶ PageHeap
 * </pre>
 *
 * <p>Arenas take blocks (a size-class slot up to 32 KiB, a page run above) and bump-allocate
 * inside them; closing an arena returns all its blocks in one call, {@link #releaseBlocks}, which
 * takes one stripe lock for the slots and one page-heap lock for the runs.
 *
 * <p>Observability: trims, scavenges, budget and cap refusals emit their Flight Recorder events
 * through {@link Jfr} (nothing happens unless a recording was created), a {@link StatisticsHook}
 * emits the periodic statistics while the pool lives, and a {@link PressureGauge} in the page heap
 * wakes the pool's watcher, if it has one, when reserved memory crosses the pressure threshold or
 * the cap refuses an allocation.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class Pool {
    /** How often an allocation waiting at the cap looks again for memory freed into the caches. */
    static final long CAP_POLL_NANOS = 1_000_000;
    private final PageHeap heap;
    private final CentralList[] central = new CentralList[SizeClasses.COUNT];
    private final Stripe[] stripes;
    private final int stripeMask;
    /**
     * Bytes of page runs held by arenas, changed outside any stripe lock; the bytes of slots held
     * by arenas are counted in the stripes ({@link Stripe#inUseBytes}), under the lock an arena
     * takes anyway, and so is every arena's open and close ({@link Stripe#opened},
     * {@link Stripe#closed}): a request's cycle changes no shared counter of its own.
     */
    private final LongAdder runBytesInUse = new LongAdder();
    private final int initialBlockBytes;
    private final long maxBlockBytes;
    private final long capWaitNanos;
    private final String name;
    private final StatisticsHook statistics;

    /**
     * Creates a pool.
     *
     * @param settings validated settings
     */
    public Pool(PoolSettings settings) {
        this.heap = new PageHeap(settings.chunkBytes(), settings.capBytes(), settings.pressureThreshold());
        for (int c = 0; c < SizeClasses.COUNT; c++) {
            central[c] = new CentralList(c, heap);
        }
        int n = Integer.highestOneBit(Math.max(1, Runtime.getRuntime().availableProcessors() * 2 - 1)) << 1;
        n = Math.min(n, 64);
        stripes = new Stripe[n];
        for (int i = 0; i < n; i++) {
            stripes[i] = new Stripe();
        }
        stripeMask = n - 1;
        initialBlockBytes = (int) settings.initialBlockBytes();
        maxBlockBytes = settings.maxBlockBytes();
        capWaitNanos = settings.capWaitNanos();
        name = settings.name();
        statistics = StatisticsHook.start(new StatisticsEmitter(this));
    }

    /** {@return the pool's name} */
    public String name() {
        return name;
    }

    /**
     * Sets who is woken (from the allocating thread, with the page heap's lock held, so it must
     * only unpark or flag) when reserved memory crosses the pressure threshold either way, and when
     * the cap refuses an allocation. Call once, before any arena is opened.
     */
    public void watch(Runnable watcher) {
        heap.watch(watcher);
    }

    /** {@return the pressure gauge's changes of state so far: odd counts mean under pressure now} */
    public long pressureTransitions() {
        return heap.pressureTransitions();
    }

    /** {@return the segment of chunk {@code chunkId}}; lock-free */
    public MemorySegment segment(int chunkId) {
        return heap.segment(chunkId);
    }

    int initialBlockBytes() {
        return initialBlockBytes;
    }

    long maxBlockBytes() {
        return maxBlockBytes;
    }

    /**
     * Takes an idle arena state (or makes one) and opens it.
     *
     * @param budget the arena's byte budget ({@link Long#MAX_VALUE} for none)
     * @return an open arena state
     */
    public ArenaMemory open(long budget) {
        ArenaMemory m = null;
        Stripe s = lockStripe();
        try {
            s.ops++;
            s.opened++;
            if (s.idleArenaCount > 0) {
                m = s.idleArenas[--s.idleArenaCount];
                s.idleArenas[s.idleArenaCount] = null;
            }
        } finally {
            s.lock.unlock();
        }
        if (m == null) {
            m = new ArenaMemory(this);
        }
        m.open(budget);
        return m;
    }

    /** {@return the address of a free slot of {@code sizeClass}} @throws JsonPoolExhaustedException at the cap */
    long allocateSlot(int sizeClass) {
        long deadline = 0;
        for (int attempt = 0; ; attempt++) {
            long a = takeSlot(sizeClass);
            if (a >= 0) {
                return a;
            }
            deadline = atCap(attempt, SizeClasses.size(sizeClass), deadline);
        }
    }

    /**
     * {@return the address of a block of {@code kind} (a size class, or minus a page count), or -1
     * if the cap forbids it now}; never flushes, waits, throws or counts a cap rejection. For an
     * optional block, such as an arena's growth block, that has a smaller fallback.
     */
    long tryAllocateBlock(int kind) {
        if (kind >= 0) {
            return takeSlot(kind);
        }
        long a = heap.allocate(-kind);
        if (a >= 0) {
            runBytesInUse.add((long) -kind << SizeClasses.PAGE_SHIFT);
        }
        return a;
    }

    private long takeSlot(int sizeClass) {
        Stripe s = lockStripe();
        try {
            s.ops++;
            int n = s.counts[sizeClass];
            long[] stack = s.slots[sizeClass];
            if (n == 0) {
                n = central[sizeClass].take(stack, 0, Math.max(1, stack.length / 2));
            }
            if (n > 0) {
                s.counts[sizeClass] = n - 1;
                s.inUseBytes += SizeClasses.size(sizeClass);
                return stack[n - 1];
            }
            return -1;
        } finally {
            s.lock.unlock();
        }
    }

    /** {@return the address of a run of {@code pages} pages} @throws JsonPoolExhaustedException at the cap */
    long allocatePages(int pages) {
        long deadline = 0;
        for (int attempt = 0; ; attempt++) {
            long a = heap.allocate(pages);
            if (a >= 0) {
                runBytesInUse.add((long) pages << SizeClasses.PAGE_SHIFT);
                return a;
            }
            deadline = atCap(attempt, (long) pages << SizeClasses.PAGE_SHIFT, deadline);
        }
    }

    /**
     * Called when the cap stopped an allocation: the first time, returns cached memory to the page
     * heap and releases wholly idle chunks (they count against the cap but may be too small or too
     * fragmented for the request), so the retry can use the room; then, if the pool has a cap wait,
     * keeps retrying until it ends; then throws. {@return the deadline of the wait}
     *
     * <p>The wait polls: it sleeps until pages are freed or {@link #CAP_POLL_NANOS} passes, then
     * flushes the caches again, because a closing arena returns its slots to a stripe cache, not to
     * the page heap, and so never wakes a waiter by itself.
     */
    private long atCap(int attempt, long requested, long deadline) {
        if (attempt == 0) {
            TrimEvent event = Jfr.beginTrim(name, TrimEvent.CAP);
            flushCaches();
            PageHeap.Released r = heap.releaseIdle(0);
            if (event != null && r.chunks() > 0) {
                event.finish(r.bytes(), r.chunks(), heap.reserved());
            }
            return System.nanoTime() + capWaitNanos;
        }
        long left = deadline - System.nanoTime();
        if (capWaitNanos > 0 && left > 0) {
            try {
                heap.awaitFree(Math.min(left, CAP_POLL_NANOS));
                flushCaches();
                heap.releaseIdle(0);
                return deadline;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // stop waiting; fail as at the end of the wait
            }
        }
        heap.countCapRejection();
        long reserved = heap.reserved();
        Jfr.poolExhausted(name, heap.cap(), reserved, requested);
        throw new JsonPoolExhaustedException(heap.cap(), reserved, requested);
    }

    /**
     * Returns an arena's blocks and its state: slots and the state to a stripe cache (overflow to
     * the central lists), runs to the page heap; O(blocks), one stripe lock and at most one
     * page-heap lock.
     */
    void releaseBlocks(ArenaMemory owner, long[] addresses, int[] kinds, int count, long bytes,
                       long[] runAddr, int[] runPages) {
        int runs = 0;
        for (int i = 0; i < count; i++) {
            if (kinds[i] < 0) {
                runAddr[runs] = addresses[i];
                runPages[runs++] = -kinds[i];
            }
        }
        heap.freeAll(runAddr, runPages, runs);
        Stripe s = lockStripe();
        try {
            s.ops++;
            for (int i = 0; i < count; i++) {
                int kind = kinds[i];
                if (kind < 0) {
                    continue;
                }
                long[] stack = s.slots[kind];
                int n = s.counts[kind];
                if (n == stack.length) {
                    int keep = stack.length / 2;
                    central[kind].put(stack, keep, n - keep);
                    n = keep;
                }
                stack[n] = addresses[i];
                s.counts[kind] = n + 1;
            }
            s.inUseBytes -= bytes; // runs included: the in-use total is the sum over stripes and runBytesInUse
            s.closed++;
            // last: once the state is on the idle stack another thread may reopen it
            if (s.idleArenaCount < Stripe.MAX_IDLE_ARENAS) {
                s.idleArenas[s.idleArenaCount++] = owner;
            }
        } finally {
            s.lock.unlock();
        }
    }

    /** Returns one run of {@code pages} pages at {@code address}, taken by an arena that stays open. */
    void releaseRun(long address, int pages) {
        heap.free(address, pages);
        runBytesInUse.add(-((long) pages << SizeClasses.PAGE_SHIFT));
    }

    /** Returns all cached memory to the page heap and releases every idle chunk. */
    public void trim() {
        TrimEvent event = Jfr.beginTrim(name, TrimEvent.TRIM);
        flushCaches();
        PageHeap.Released r = heap.releaseIdle(0);
        if (r.chunks() > 0) {
            NativeHeapTrim.run();
        }
        if (event != null) {
            event.finish(r.bytes(), r.chunks(), heap.reserved());
        }
    }

    /**
     * The scavenger's step: flushes stripes unused since the last step and releases chunks idle for
     * at least {@code idleNanos}.
     */
    public void scavenge(long idleNanos) {
        TrimEvent event = Jfr.beginTrim(name, TrimEvent.SCAVENGER);
        for (Stripe s : stripes) {
            if (s.lock.tryLock()) {
                try {
                    if (s.ops == s.opsAtLastScavenge) {
                        s.flush(central);
                    }
                    s.opsAtLastScavenge = s.ops;
                } finally {
                    s.lock.unlock();
                }
            }
        }
        for (CentralList c : central) {
            c.releaseEmpty();
        }
        PageHeap.Released r = heap.releaseIdle(idleNanos);
        if (r.chunks() > 0) {
            NativeHeapTrim.run();
            if (event != null) {
                event.finish(r.bytes(), r.chunks(), heap.reserved());
            }
        }
    }

    private void flushCaches() {
        for (Stripe s : stripes) {
            s.lock.lock();
            try {
                s.flush(central);
            } finally {
                s.lock.unlock();
            }
        }
        for (CentralList c : central) {
            c.releaseEmpty();
        }
    }

    /** Releases all memory and stops the statistics hook; the caller guarantees no arena is open. */
    public void close() {
        statistics.stop();
        flushCaches();
        heap.releaseAll();
    }

    /** {@return whether this pool's periodic statistics hook is registered with the Flight Recorder now} */
    public boolean statisticsHookRegistered() {
        return statistics.isRegistered();
    }

    /**
     * {@return the number of open arenas}: never less than the arenas that were open throughout the
     * call. The closes are summed first, then the opens, each stripe read under its lock; an arena
     * whose close the first pass counts was opened before it, under a stripe lock the second pass
     * takes later, so its open is counted too. (Summing both in one pass could count the close of
     * an arena opened after its stripe was read and so miss an arena that is open.) A pool being
     * closed relies on this: it marks itself closed, then counts; an {@link #open} that the count
     * misses took its stripe's lock after the count did, and so sees the mark and closes again.
     */
    public long openArenas() {
        long closed = 0;
        for (Stripe s : stripes) {
            s.lock.lock();
            try {
                closed += s.closed;
            } finally {
                s.lock.unlock();
            }
        }
        long opened = 0;
        for (Stripe s : stripes) {
            s.lock.lock();
            try {
                opened += s.opened;
            } finally {
                s.lock.unlock();
            }
        }
        return opened - closed;
    }

    /** {@return the bytes of blocks that open arenas hold}, each stripe read under its lock */
    long inUseBytes() {
        long bytes = runBytesInUse.sum();
        for (Stripe s : stripes) {
            s.lock.lock();
            try {
                bytes += s.inUseBytes;
            } finally {
                s.lock.unlock();
            }
        }
        return bytes;
    }

    /** {@return a snapshot of the pool's counters} */
    public PoolCounters counters() {
        return heap.counters(inUseBytes(), openArenas());
    }

    /** {@return per size class, smallest first: spans, slots free in the central list, slots cached in stripes} */
    public PoolCounters.SizeClass[] classCounters() {
        long[] cached = new long[SizeClasses.COUNT];
        for (Stripe s : stripes) {
            s.lock.lock();
            try {
                for (int c = 0; c < SizeClasses.COUNT; c++) {
                    cached[c] += s.counts[c];
                }
            } finally {
                s.lock.unlock();
            }
        }
        PoolCounters.SizeClass[] out = new PoolCounters.SizeClass[SizeClasses.COUNT];
        for (int c = 0; c < SizeClasses.COUNT; c++) {
            PoolCounters.SizeClass central = this.central[c].counters();
            out[c] = new PoolCounters.SizeClass(central.spans(), central.freeSlots(), cached[c]);
        }
        return out;
    }

    /**
     * Locks and returns a stripe: the one the current thread's id hashes to, or, if that one is
     * busy, the next free one (probing as {@code LongAdder} does, without per-thread state); if all
     * are busy, waits for the home stripe.
     */
    Stripe lockStripe() {
        long id = Thread.currentThread().threadId();
        int h = (int) ((id * 0x9E3779B97F4A7C15L) >>> 40);
        Stripe[] st = stripes;
        int mask = stripeMask;
        for (int i = 0; i <= mask; i++) {
            Stripe s = st[(h + i) & mask];
            if (s.lock.tryLock()) {
                return s;
            }
        }
        Stripe s = st[h & mask];
        s.lock.lock();
        return s;
    }

}
