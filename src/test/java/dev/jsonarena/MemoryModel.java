package dev.jsonarena;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import dev.jsonarena.memory.Address;
import dev.jsonarena.memory.ArenaMemory;
import dev.jsonarena.memory.SizeClasses;
import dev.jsonarena.testing.Property;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.function.Supplier;

/**
 * A stateful model of the memory layer: random action sequences over one {@link JsonPool} (open an
 * arena, allocate, reset, close, trim, mark and roll back, press on the budget and on the cap,
 * misuse closed arenas and stale views), with the checks the memory layer promises made after
 * every action. One class, driven by any source of {@link Choices}: a seeded {@link Property.Gen}
 * ({@code MemoryPropertyTest}, {@code MemoryConcurrencyTest}) or Jazzer's
 * {@link FuzzedDataProvider} ({@code ArenaMemoryFuzzTest}).
 *
 * <p>What is checked:
 * <ul>
 *   <li>every allocation is aligned (offset and native address) and inside its chunk;</li>
 *   <li>each allocation is filled with a pattern unique to it, and the patterns of an arena's
 *       live allocations are verified before every reset, close and rollback, and of all arenas
 *       after a trim: two live allocations that overlapped would have clobbered each other;</li>
 *   <li>{@code arena.reserved() <= budget}; a budget failure happens only when
 *       {@code reserved + minimalBlockBytes(size, alignment) > budget}, names budget, requested
 *       size and bytes in use exactly, and leaves the arena unchanged and usable;</li>
 *   <li>the pool never reserves more than its cap; a cap failure leaves the arena unchanged, and
 *       (when this model owns the pool) happens only when the minimal block cannot be had: no room
 *       under the cap for it, and not while the pool holds nothing in use;</li>
 *   <li>reset and close bump the epoch so every view captured before fails
 *       {@code checkEpoch} with {@link IllegalStateException}, forever (a reset of an arena that
 *       allocated nothing since the last may keep it: no view of it can exist); a closed
 *       {@link JsonArena}'s methods throw {@link IllegalStateException}, and close is idempotent;</li>
 *   <li>when this model owns the pool: in-use bytes equal the sum of the arenas' reserved bytes
 *       after every action, cap rejections are counted exactly, and with every arena closed the
 *       pool reports nothing in use and no open arena, and after a trim nothing reserved.</li>
 * </ul>
 *
 * <p>Thread-safety: not thread-safe; one model per thread. Arenas move between models only
 * through {@link #handOff()} and {@link #adopt(ArenaState)} with a happens-before edge between.
 */
final class MemoryModel {

    /** A source of choices: a seeded generator or the fuzzer's input. */
    interface Choices {
        /** {@return an int in {@code lo..hi}, both inclusive} */
        int intIn(int lo, int hi);

        /** {@return a long in {@code lo..hi}, both inclusive} */
        long longIn(long lo, long hi);

        /** {@return whether there is input left for another action} */
        boolean hasMore();

        /** {@return {@code true} with roughly {@code p} percent probability} */
        default boolean percent(int p) {
            return intIn(0, 99) < p;
        }

        /** {@return choices drawn from a property generator; never runs dry} */
        static Choices of(Property.Gen gen) {
            return new Choices() {
                public int intIn(int lo, int hi) {
                    return gen.intBetween(lo, hi);
                }

                public long longIn(long lo, long hi) {
                    return gen.longBetween(lo, hi);
                }

                public boolean hasMore() {
                    return true;
                }
            };
        }

        /** {@return choices read from the fuzzer's input; {@link #hasMore()} ends with the input} */
        static Choices of(FuzzedDataProvider data) {
            return new Choices() {
                public int intIn(int lo, int hi) {
                    return data.consumeInt(lo, hi);
                }

                public long longIn(long lo, long hi) {
                    return data.consumeLong(lo, hi);
                }

                public boolean hasMore() {
                    return data.remainingBytes() > 0;
                }
            };
        }
    }

    /**
     * The pool a sequence runs on: small chunks to stress chunk edges (sometimes 64-128 pages, so page
     * runs cross a word of the chunk's page bitmap), sometimes a small cap.
     */
    record PoolConfig(long chunkBytes, long capBytes, Duration capWait) {
        static PoolConfig choose(Choices c, boolean mayWait) {
            long chunk = (long) SizeClasses.PAGE_SIZE * (c.percent(80) ? c.intIn(8, 32) : c.intIn(64, 128));
            long cap = JsonPool.DEFAULT_CAP_BYTES;
            if (c.percent(60)) {
                cap = (long) SizeClasses.PAGE_SIZE * c.intIn(4, 384) + (c.percent(50) ? 0 : c.intIn(1, 8191));
            }
            Duration wait = mayWait && c.percent(30) ? Duration.ofMillis(c.intIn(1, 20)) : Duration.ZERO;
            return new PoolConfig(chunk, cap, wait);
        }

        JsonPool build() {
            return JsonPool.builder().chunkBytes(chunkBytes).maxReservedBytes(capBytes).capWait(capWait)
                    .idleTimeout(Duration.ZERO).build();
        }
    }

    /** One live allocation: where it is, how long, and the id its pattern is derived from. */
    record Alloc(long address, long size, long id) {}

    /** An open arena with what the model knows about it. */
    static final class ArenaState {
        final JsonArena arena;
        final ArenaMemory mem;
        final long budget;
        final List<Alloc> live = new ArrayList<>();
        long epoch;
        int markLive = -1; // live.size() at the mark, -1 when there is no mark
        int markBlock;
        long markCursor;

        ArenaState(JsonArena arena, long budget) {
            this.arena = arena;
            this.mem = arena.memory();
            this.budget = budget;
            this.epoch = mem.epoch();
        }
    }

    /** A view that outlived its arena's epoch. */
    private record Stale(ArenaMemory mem, long epoch) {}

    private static final int MAX_ARENAS = 5;
    private static final int MAX_STALE = 16;
    private static final int LOG_LINES = 40;

    final JsonPool pool;
    final long cap;
    /** Whether this model is the only user of the pool, so pool counters must be exact. */
    private final boolean exclusive;
    private final long idBase;
    private final List<ArenaState> arenas = new ArrayList<>();
    private final ArrayDeque<Stale> stale = new ArrayDeque<>();
    private final ArrayDeque<JsonArena> closed = new ArrayDeque<>();
    private final ArrayDeque<Supplier<String>> log = new ArrayDeque<>();
    private long nextId;
    private long expectedCapRejections;
    private long lastHighWater;
    /** Counts of what happened, for reports and for asserting that the pressure paths ran. */
    long allocations, budgetFailures, capFailures, resets, closes, trims, rollbacks;

    MemoryModel(JsonPool pool, long cap, boolean exclusive, long idBase) {
        this.pool = pool;
        this.cap = cap;
        this.exclusive = exclusive;
        this.idBase = idBase;
    }

    /**
     * Runs one whole single-threaded sequence: a pool chosen by {@code c}, up to
     * {@code maxActions} actions (fewer when the choices run dry), then closes every arena and checks
     * that the pool returns exactly to zero.
     *
     * @return the model, for its counters
     */
    static MemoryModel runSequence(Choices c, int maxActions) {
        PoolConfig config = PoolConfig.choose(c, false);
        JsonPool pool = config.build();
        MemoryModel model = new MemoryModel(pool, config.capBytes(), true, 0);
        model.note(config.toString());
        try {
            for (int i = 0; i < maxActions && c.hasMore(); i++) {
                model.step(c);
            }
            model.closeAll();
            model.checkQuiescentAndTrim();
        } catch (Throwable t) {
            throw model.failure(t);
        } finally {
            model.abandon();
            try {
                pool.close();
            } catch (IllegalStateException ignored) {
                // an arena is still open after a failure; the failure is what matters
            }
        }
        return model;
    }

    /** Performs one random action, then checks the invariants. */
    void step(Choices c) {
        int action = c.intIn(0, 99);
        if (arenas.isEmpty() || (action < 10 && arenas.size() < MAX_ARENAS)) {
            open(c);
        } else if (action < 58) {
            ArenaState st = pick(c);
            allocate(st, randomSize(c), randomAlignment(c));
        } else if (action < 64) {
            reset(pick(c));
        } else if (action < 71) {
            close(pick(c));
        } else if (action < 74) {
            trim();
        } else if (action < 78) {
            mark(pick(c));
        } else if (action < 82) {
            rollback(pick(c));
        } else if (action < 89) {
            budgetPressure(c);
        } else if (action < 94) {
            capPressure(c);
        } else if (action < 97) {
            invalidArguments(pick(c), c);
        } else {
            misuseClosed();
        }
        checkInvariants();
    }

    private ArenaState pick(Choices c) {
        return arenas.get(c.intIn(0, arenas.size() - 1));
    }

    static long randomSize(Choices c) {
        int bucket = c.intIn(0, 99);
        if (bucket < 50) {
            return c.intIn(0, 64);
        } else if (bucket < 80) {
            return c.intIn(65, 1024);
        } else if (bucket < 94) {
            return c.intIn(1025, SizeClasses.MAX_SMALL + 64);
        }
        return c.intIn(SizeClasses.MAX_SMALL, 300 * 1024);
    }

    static long randomAlignment(Choices c) {
        return 1L << (c.percent(75) ? c.intIn(0, 3) : c.intIn(0, 13));
    }

    // ---------------------------------------------------------------- actions

    ArenaState open(Choices c) {
        int kind = c.intIn(0, 9);
        long budget;
        JsonArena arena;
        if (kind < 4) {
            budget = Long.MAX_VALUE;
            arena = pool.openArena();
        } else {
            budget = switch (kind) {
                case 4 -> c.intIn(1, 64);
                case 5, 6 -> Math.max(1, (long) SizeClasses.PAGE_SIZE * c.intIn(1, 64) + c.intIn(-16, 16));
                default -> c.longIn(1, 4L << 20);
            };
            arena = pool.openArena(budget);
        }
        ArenaState st = new ArenaState(arena, budget);
        check(arena.isOpen(), "a new arena is open");
        check(st.mem.reserved() == 0 && st.mem.blockCount() == 0, () -> "a new arena holds nothing: " + arena);
        check(arena.budget() == budget, () -> "budget " + arena.budget() + " (expected: " + budget + ")");
        check(arena.pool() == pool, "arena's pool");
        arenas.add(st);
        note(() -> "open #" + System.identityHashCode(st) + " budget=" + budget);
        return st;
    }

    /** Allocates and checks every promise about the outcome; {@return whether it succeeded} */
    boolean allocate(ArenaState st, long size, long align) {
        ArenaMemory m = st.mem;
        long r0 = m.reserved();
        int block0 = m.markBlock();
        long cursor0 = m.markCursor();
        long minimal = ArenaMemory.minimalBlockBytes(size, align);
        JsonPoolStats before = exclusive ? pool.stats() : null;
        note(() -> "allocate #" + System.identityHashCode(st) + " size=" + size + " align=" + align + " reserved=" + r0
                + " budget=" + st.budget + (before == null ? "" : " poolReserved=" + before.reservedBytes()
                + " poolInUse=" + before.inUseBytes()));
        long address;
        try {
            address = m.allocate(size, align);
        } catch (JsonBudgetExceededException e) {
            budgetFailures++;
            check(r0 + minimal > st.budget, () -> "budget failure although reserved " + r0 + " + minimal block "
                    + minimal + " <= budget " + st.budget + ": " + e.getMessage());
            check(e.budget() == st.budget && e.requested() == size && e.inUse() == r0,
                    () -> "budget exception names budget " + e.budget() + ", requested " + e.requested() + ", in use "
                            + e.inUse() + " (expected: " + st.budget + ", " + size + ", " + r0 + ")");
            check(e.getMessage().contains(Long.toString(st.budget)) && e.getMessage().contains(Long.toString(size)),
                    () -> "message names budget and request: " + e.getMessage());
            checkUnchanged(st, r0, block0, cursor0);
            return false;
        } catch (JsonPoolExhaustedException e) {
            capFailures++;
            long footprint = footprint(minimal);
            check(e.cap() == cap, () -> "exhaustion names cap " + e.cap() + " (expected: " + cap + ")");
            check(e.reserved() <= cap, () -> "exhaustion with reserved " + e.reserved() + " > cap " + cap);
            check(e.requested() == minimal, () -> "exhaustion for a block of " + e.requested()
                    + " B (expected: the minimal block of " + minimal + " B for size " + size + " align " + align + ")");
            if (exclusive) {
                expectedCapRejections++;
                check(e.reserved() + footprint > cap, () -> "cap failure although reserved " + e.reserved()
                        + " + the block's " + footprint + " B of pages fit under cap " + cap);
                check(!(before.inUseBytes() == 0 && footprint <= cap), () -> "cap failure while nothing was in use"
                        + " and the block's " + footprint + " B of pages fit under cap " + cap + ": " + brief(before));
            }
            checkUnchanged(st, r0, block0, cursor0);
            return false;
        }
        allocations++;
        long r1 = m.reserved();
        check(r1 <= st.budget, () -> "reserved " + r1 + " > budget " + st.budget);
        check(r1 == r0 || r1 - r0 >= minimal, () -> "grew by " + (r1 - r0) + " B, less than the minimal block " + minimal);
        check((address & (align - 1)) == 0, () -> "address " + Long.toHexString(address) + " not aligned to " + align);
        MemorySegment seg = m.segment(address);
        long off = Address.offset(address);
        check(((seg.address() + off) & (align - 1)) == 0, () -> "native address not aligned to " + align);
        check(off + size <= seg.byteSize(), () -> "allocation [" + off + ", +" + size + ") outside its chunk of "
                + seg.byteSize() + " B");
        check(size <= MAX_PATTERN, () -> "the model allocates at most " + MAX_PATTERN + " B");
        Alloc a = new Alloc(address, size, idBase + nextId++);
        write(m, a);
        st.live.add(a);
        return true;
    }

    private void checkUnchanged(ArenaState st, long reserved, int block, long cursor) {
        ArenaMemory m = st.mem;
        check(m.reserved() == reserved && m.markBlock() == block && m.markCursor() == cursor,
                () -> "a failed allocation changed the arena: reserved " + reserved + "->" + m.reserved() + ", block "
                        + block + "->" + m.markBlock() + ", cursor " + cursor + "->" + m.markCursor());
        check(m.epoch() == st.epoch && st.arena.isOpen(), "a failed allocation ended the arena");
    }

    /** {@return the bytes of pages a fresh block of {@code blockBytes} takes from the page heap} */
    static long footprint(long blockBytes) {
        if (blockBytes <= SizeClasses.MAX_SMALL) {
            return (long) SizeClasses.pagesPerSpan(SizeClasses.classOf(blockBytes)) * SizeClasses.PAGE_SIZE;
        }
        return blockBytes;
    }

    void reset(ArenaState st) {
        note(() -> "reset #" + System.identityHashCode(st) + " live=" + st.live.size());
        verify(st);
        long before = st.mem.epoch();
        long reserved = st.mem.reserved();
        boolean fresh = st.live.isEmpty() && st.mem.isFresh();
        st.arena.reset();
        resets++;
        if (st.mem.epoch() != before) {
            expectStale(st.mem, before);
            addStale(st.mem, before);
        } else {
            check(fresh, "reset did not change the epoch of an arena that allocated since the last");
        }
        check(st.mem.reserved() == reserved, () -> "reset changed reserved " + reserved + " -> " + st.mem.reserved());
        st.epoch = st.mem.epoch();
        st.live.clear();
        st.markLive = -1;
    }

    void close(ArenaState st) {
        note(() -> "close #" + System.identityHashCode(st) + " live=" + st.live.size() + " blocks=" + st.mem.blockCount());
        verify(st);
        long before = st.mem.epoch();
        st.arena.close();
        closes++;
        arenas.remove(st);
        check(!st.arena.isOpen(), "a closed arena says it is open");
        expectStale(st.mem, before);
        addStale(st.mem, before);
        expectClosed(st.arena);
        st.arena.close(); // idempotent
        expectClosed(st.arena);
        closed.addLast(st.arena);
        if (closed.size() > 4) {
            closed.removeFirst();
        }
    }

    void trim() {
        note("trim");
        pool.trim();
        trims++;
        for (ArenaState st : arenas) {
            verify(st); // trim must never release memory an arena holds
        }
        if (exclusive && arenas.isEmpty()) {
            JsonPoolStats s = pool.stats();
            check(s.reservedBytes() == 0 && s.chunks() == 0, () -> "trim with every arena closed left memory: " + brief(s));
        }
    }

    void mark(ArenaState st) {
        st.markBlock = st.mem.markBlock();
        st.markCursor = st.mem.markCursor();
        st.markLive = st.live.size();
        note(() -> "mark #" + System.identityHashCode(st) + " at live=" + st.markLive);
    }

    void rollback(ArenaState st) {
        if (st.markLive < 0) {
            mark(st);
            return;
        }
        note(() -> "rollback #" + System.identityHashCode(st) + " to live=" + st.markLive + " of " + st.live.size());
        verify(st);
        long reserved = st.mem.reserved();
        st.mem.rollback(st.markBlock, st.markCursor);
        rollbacks++;
        st.live.subList(st.markLive, st.live.size()).clear();
        check(st.mem.reserved() == reserved, "rollback changed reserved");
        check(st.mem.epoch() == st.epoch, "rollback changed the epoch");
        check(st.mem.markBlock() == st.markBlock && st.mem.markCursor() == st.markCursor, "rollback did not restore the mark");
    }

    /** Allocates right at the edge of a budget: the largest request that fits, or one byte more. */
    void budgetPressure(Choices c) {
        ArenaState st = null;
        for (ArenaState a : arenas) {
            if (a.budget != Long.MAX_VALUE) {
                st = a;
                break;
            }
        }
        if (st == null) {
            if (arenas.size() >= MAX_ARENAS) {
                return;
            }
            long budget = Math.max(1, (long) SizeClasses.PAGE_SIZE * c.intIn(1, 48) + c.intIn(-32, 32));
            st = new ArenaState(pool.openArena(budget), budget);
            arenas.add(st);
            note("open (budget pressure) #" + System.identityHashCode(st) + " budget=" + budget);
        }
        long align = c.percent(80) ? 8 : randomAlignment(c);
        long room = st.budget - st.mem.reserved();
        // largest size whose minimal block fits in the room left, by binary search
        long lo = -1, hi = Math.min(room, 1L << 22);
        while (lo < hi) {
            long mid = (lo + hi + 1) >>> 1;
            if (ArenaMemory.minimalBlockBytes(mid, align) <= room) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        long size = Math.max(0, lo + c.intIn(0, 2) - (c.percent(20) ? c.intIn(0, 64) : 0));
        allocate(st, size, align);
    }

    /** Allocates a large block relative to the cap, so cap failures happen often on small caps. */
    void capPressure(Choices c) {
        ArenaState st = pick(c);
        long size;
        if (cap < (8L << 20)) {
            size = c.longIn(Math.min(cap / 8, 200 * 1024), Math.min(cap + SizeClasses.PAGE_SIZE, 300 * 1024));
        } else {
            size = c.intIn(100 * 1024, 300 * 1024);
        }
        allocate(st, size, randomAlignment(c));
    }

    void invalidArguments(ArenaState st, Choices c) {
        note(() -> "invalid arguments #" + System.identityHashCode(st));
        ArenaMemory m = st.mem;
        long r0 = m.reserved();
        int b0 = m.markBlock();
        long c0 = m.markCursor();
        long badSize = -1 - c.intIn(0, 1000);
        expectIllegalArgument(() -> m.allocate(badSize, 8), "size: " + badSize);
        long badAlign = switch (c.intIn(0, 2)) {
            case 0 -> 3L << c.intIn(0, 11); // not a power of two
            case 1 -> 1L << c.intIn(14, 30); // above a page
            default -> 0;
        };
        expectIllegalArgument(() -> m.allocate(8, badAlign), "alignment: " + badAlign);
        expectIllegalArgument(() -> m.allocate(8, -8), "alignment: -8");
        long badBudget = -c.intIn(0, 10);
        expectIllegalArgument(() -> pool.openArena(badBudget), "budgetBytes: " + badBudget);
        checkUnchanged(st, r0, b0, c0);
    }

    private void misuseClosed() {
        for (JsonArena a : closed) {
            expectClosed(a);
        }
        for (Stale s : stale) {
            expectStale(s.mem, s.epoch);
        }
    }

    // ---------------------------------------------------------------- hand-off between threads

    /** {@return an arena removed from this model, to be {@linkplain #adopt adopted} by another, or null} */
    ArenaState handOff(Choices c) {
        if (arenas.isEmpty()) {
            return null;
        }
        ArenaState st = arenas.remove(c.intIn(0, arenas.size() - 1));
        note(() -> "hand off #" + System.identityHashCode(st));
        return st;
    }

    /** Takes over an arena another model handed off; verifies its memory on arrival. */
    void adopt(ArenaState st) {
        note(() -> "adopt #" + System.identityHashCode(st));
        check(st.arena.isOpen() && st.mem.epoch() == st.epoch, "a handed-off arena changed in transit");
        verify(st);
        arenas.add(st);
    }

    /** Moves arenas between this model and a shared queue, as a step of a concurrent run. */
    void exchange(Choices c, Queue<ArenaState> queue) {
        if (c.percent(50)) {
            ArenaState st = handOff(c);
            if (st != null) {
                queue.add(st);
            }
        } else {
            ArenaState st = queue.poll();
            if (st != null) {
                adopt(st);
            }
        }
    }

    // ---------------------------------------------------------------- end of a run

    /** Closes every arena this model holds (verifying each). */
    void closeAll() {
        while (!arenas.isEmpty()) {
            close(arenas.get(arenas.size() - 1));
        }
        checkInvariants();
    }

    /** Checks that nothing is in use, then trims and checks that nothing is reserved. */
    void checkQuiescentAndTrim() {
        checkQuiescent(pool);
        trim();
        JsonPoolStats s = pool.stats();
        check(s.reservedBytes() == 0 && s.chunks() == 0 && s.idleBytes() == 0,
                () -> "after trim with every arena closed: " + brief(s));
    }

    /** Checks the exact accounting of a pool whose arenas are all closed and whose users are quiet. */
    static void checkQuiescent(JsonPool pool) {
        JsonPoolStats s = pool.stats();
        check(s.inUseBytes() == 0, () -> "in use with every arena closed: " + s.inUseBytes() + " B; " + brief(s));
        check(s.openArenas() == 0, () -> "open arenas with every arena closed: " + s.openArenas());
        check(s.idleBytes() == s.reservedBytes(), () -> "idle != reserved with nothing in use: " + brief(s));
        for (JsonPoolStats.SizeClass sc : s.sizeClasses()) {
            check(sc.objectsInUse() == 0, () -> "class " + sc.slotBytes() + " B has " + sc.objectsInUse()
                    + " objects in use with every arena closed: " + sc);
            check(sc.objectsFree() + sc.objectsCached()
                            == sc.spans() * SizeClasses.slotsPerSpan(SizeClasses.classOf(sc.slotBytes())),
                    () -> "class " + sc.slotBytes() + " B: free + cached != slots of its spans: " + sc);
        }
    }

    /** Closes, without checks, whatever a failed run left open. */
    void abandon() {
        for (ArenaState st : arenas) {
            st.arena.close();
        }
        arenas.clear();
    }

    // ---------------------------------------------------------------- invariants

    void checkInvariants() {
        long sum = 0;
        for (ArenaState st : arenas) {
            ArenaMemory m = st.mem;
            check(st.arena.isOpen(), "an arena the model holds is closed");
            check(m.epoch() == st.epoch, "the epoch changed without reset or close");
            m.checkEpoch(st.epoch);
            long r = m.reserved();
            check(r == st.arena.bytesReserved(), "bytesReserved() != memory reserved");
            check(r <= st.budget, () -> "reserved " + r + " > budget " + st.budget);
            sum += r;
        }
        JsonPoolStats s = pool.stats();
        check(s.reservedBytes() <= s.capBytes() && s.capBytes() == cap,
                () -> "pool reserved " + s.reservedBytes() + " > cap " + s.capBytes());
        check(s.highWaterBytes() >= s.reservedBytes(),
                () -> "high water " + s.highWaterBytes() + " < reserved " + s.reservedBytes());
        check(s.highWaterBytes() >= lastHighWater, () -> "high water fell: " + lastHighWater + " -> " + s.highWaterBytes());
        lastHighWater = s.highWaterBytes();
        if (exclusive) {
            long arenasReserved = sum;
            check(s.inUseBytes() == arenasReserved,
                    () -> "pool in use " + s.inUseBytes() + " != sum of arenas' reserved " + arenasReserved);
            check(s.openArenas() == arenas.size(), () -> "open arenas " + s.openArenas() + " (expected: " + arenas.size() + ")");
            check(s.idleBytes() == s.reservedBytes() - s.inUseBytes() && s.idleBytes() >= 0, () -> "idle bytes: " + brief(s));
            check(s.capRejections() == expectedCapRejections, () -> "cap rejections " + s.capRejections()
                    + " (expected: " + expectedCapRejections + ")");
            long slotBytes = 0;
            for (JsonPoolStats.SizeClass sc : s.sizeClasses()) {
                check(sc.objectsInUse() >= 0, () -> "negative objects in use: " + sc);
                slotBytes += sc.objectsInUse() * sc.slotBytes();
            }
            long inSlots = slotBytes;
            check(inSlots <= s.inUseBytes(), () -> "slots in use " + inSlots + " B > in use " + s.inUseBytes());
            if (arenas.isEmpty()) {
                checkQuiescent(pool);
            }
        }
        for (Stale st : stale) {
            expectStale(st.mem, st.epoch);
        }
    }

    private void addStale(ArenaMemory m, long epoch) {
        stale.addLast(new Stale(m, epoch));
        if (stale.size() > MAX_STALE) {
            stale.removeFirst();
        }
    }

    private static void expectStale(ArenaMemory m, long epoch) {
        try {
            m.checkEpoch(epoch);
        } catch (IllegalStateException expected) {
            return;
        }
        throw new AssertionError("a view of epoch " + epoch + " is still valid after reset/close (epoch now "
                + m.epoch() + ")");
    }

    private static void expectClosed(JsonArena a) {
        check(!a.isOpen(), "closed arena reports open");
        expectIllegalState(a::bytesReserved, "bytesReserved");
        expectIllegalState(a::budget, "budget");
        expectIllegalState(() -> {
            a.reset();
            return 0L;
        }, "reset");
        expectIllegalState(() -> {
            a.memory();
            return 0L;
        }, "memory");
        check(a.toString().contains("closed"), () -> "toString of a closed arena: " + a);
    }

    private interface LongCall {
        long call();
    }

    private static void expectIllegalState(LongCall call, String what) {
        try {
            call.call();
        } catch (IllegalStateException expected) {
            return;
        }
        throw new AssertionError(what + "() on a closed arena did not throw IllegalStateException");
    }

    private interface Call {
        Object call();
    }

    private static void expectIllegalArgument(Call call, String messageStart) {
        try {
            call.call();
        } catch (IllegalArgumentException e) {
            check(e.getMessage() != null && e.getMessage().startsWith(messageStart),
                    () -> "message '" + e.getMessage() + "' (expected to start with '" + messageStart + "')");
            return;
        }
        throw new AssertionError("no IllegalArgumentException for " + messageStart);
    }

    // ---------------------------------------------------------------- patterns

    /** Largest allocation the model makes: budget pressure on the largest budget (4 MiB). */
    private static final int MAX_PATTERN = (4 << 20) + 64 * 1024;
    private static final int PATTERN_OFFSETS = 1 << 16;
    /**
     * Fixed random bytes; allocation {@code id} is filled with the window starting at a
     * per-allocation offset. Two overlapping allocations agree on an overlapping byte only by
     * chance (1/256 a byte), so a clobbered allocation fails its check. Bulk copy and mismatch keep
     * the cost at memory speed and out of Jazzer's instrumented code.
     */
    private static final MemorySegment NOISE;

    static {
        byte[] noise = new byte[MAX_PATTERN + PATTERN_OFFSETS];
        new java.util.SplittableRandom(0x6A736F6E6172656EL).nextBytes(noise);
        NOISE = MemorySegment.ofArray(noise);
    }

    private static long patternStart(long id) {
        long z = id * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        return (z ^ (z >>> 31)) & (PATTERN_OFFSETS - 1);
    }

    private static void write(ArenaMemory m, Alloc a) {
        MemorySegment.copy(NOISE, patternStart(a.id()), m.segment(a.address()), Address.offset(a.address()), a.size());
    }

    /** Checks the pattern of every live allocation of {@code st}. */
    void verify(ArenaState st) {
        ArenaMemory m = st.mem;
        for (Alloc a : st.live) {
            long off = Address.offset(a.address());
            long start = patternStart(a.id());
            long at = MemorySegment.mismatch(m.segment(a.address()), off, off + a.size(), NOISE, start, start + a.size());
            if (at >= 0) {
                throw new AssertionError("allocation " + a.id() + " at " + Long.toHexString(a.address()) + " (size "
                        + a.size() + ") was overwritten at byte " + at + ": another live allocation overlaps it");
            }
        }
    }

    // ---------------------------------------------------------------- failure reporting

    /** {@return the stats without the per-class list} */
    static String brief(JsonPoolStats s) {
        return "reserved=" + s.reservedBytes() + " inUse=" + s.inUseBytes() + " idle=" + s.idleBytes() + " cap="
                + s.capBytes() + " highWater=" + s.highWaterBytes() + " openArenas=" + s.openArenas()
                + " capRejections=" + s.capRejections() + " chunks=" + s.chunks() + " chunksReserved="
                + s.chunksReserved() + " chunksReleased=" + s.chunksReleased();
    }

    private void note(String line) {
        note(() -> line);
    }

    /** Records an action for the failure report; the line is built only if it is printed. */
    private void note(Supplier<String> line) {
        log.addLast(line);
        if (log.size() > LOG_LINES) {
            log.removeFirst();
        }
    }

    /** {@return an AssertionError carrying the last actions, wrapping {@code t}} */
    AssertionError failure(Throwable t) {
        StringBuilder sb = new StringBuilder(String.valueOf(t.getMessage())).append("\n  last actions:");
        for (Supplier<String> line : log) {
            sb.append("\n    ").append(line.get());
        }
        return new AssertionError(sb.toString(), t);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new AssertionError(message);
        }
    }

    /** Like {@link #check(boolean, String)}, building the message only on failure (hot paths). */
    private static void check(boolean ok, Supplier<String> message) {
        if (!ok) {
            throw new AssertionError(message.get());
        }
    }
}
