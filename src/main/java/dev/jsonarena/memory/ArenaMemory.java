package dev.jsonarena.memory;

import dev.jsonarena.JsonBudgetExceededException;
import dev.jsonarena.events.Jfr;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * The memory of one request arena: a bump allocator over blocks taken from a {@link Pool}, an
 * optional byte budget, and the epoch that makes stale views fail.
 *
 * <p><b>Blocks.</b> The first block is {@code initialBlockBytes} (a size-class slot); each new block
 * doubles, up to {@code maxBlockBytes} (page runs above 32 KiB). A request too large for the
 * growth block gets a block of its own, sized to it. Blocks {@code [0, current]} are in use, in the
 * order they were taken; blocks after {@code current} are held but free (kept by a reset or a
 * rollback) and are reused first. {@link #reset()} keeps every block and bump-allocates through
 * them again; {@link #close()} hands all of them back to the pool in
 * one call, in time proportional to the number of blocks, never to the number of allocations.
 *
 * <p><b>Addresses.</b> {@link #allocate} returns an {@link Address}; {@link #segment(long)} gives the
 * chunk's segment and {@link Address#offset(long)} the offset in it. Nothing is sliced, so the hot
 * path allocates no heap. Memory is not zeroed: a reader must write what it reads.
 *
 * <p><b>Budget.</b> The budget bounds {@link #reserved()}, the bytes of all blocks held, plus the
 * working memory a parse declares with {@link #reserveWorking} while it runs (heap tables that grow
 * with the input, released by {@link #releaseWorking} when the parse ends). An
 * allocation that needs a new block first tries the growth size, then the smallest block that fits
 * the request; if even that would pass the budget it throws, leaving the arena unchanged. The same
 * fallback applies at the pool's cap: the growth block is taken only if the pool has it at once,
 * so a cap failure means the smallest block that fits could not be had.
 *
 * <p><b>Epoch.</b> A counter bumped by every {@link #reset()} and {@link #close()}; it is never
 * reused for the life of the object, even when the object is recycled for another request, so a view
 * that captured an epoch fails its {@link #checkEpoch(long)} forever after.
 *
 * <p>Thread-safety: not thread-safe. One thread at a time; may be handed between threads with a
 * happens-before edge (as any executor hand-off provides).
 */
public final class ArenaMemory {
    private final Pool pool;
    private long epoch;
    private boolean open;
    private long budget;
    private long reserved;
    /** Working bytes a running parse holds outside the arena and counts against the budget. */
    private long working;
    private long[] blockAddr = new long[8];
    private int[] blockKind = new int[8];
    private int blockCount;
    private int current = -1;
    private long cursor;
    /** End of the current block; -1 when there is none, so the fast path always fails. */
    private long limit = -1;
    private long nextBlockBytes;
    /**
     * The arena that owns this memory while it is open (null once closed), and how a reader holds
     * it ({@link #tryHold}).
     */
    private Object owner; // plain: a reader that sees an older owner fails to hold it, one that sees a newer owner checks the epoch under the hold
    private Holds holds;
    /** Set by a close that came while a parse held the arena; the parse stops at its next check. */
    private volatile boolean closeRequested;
    /** What the decoder keeps with this memory across requests (its reusable documents). */
    private DecoderState decoderState;
    private long[] runScratch = new long[8];
    private int[] runPagesScratch = new int[8];

    ArenaMemory(Pool pool) {
        this.pool = pool;
    }

    void open(long budget) {
        this.budget = budget;
        this.open = true;
        if (closeRequested) { // a volatile write costs a full fence: only when a close during a parse set it
            this.closeRequested = false;
        }
        this.epoch++;
        this.nextBlockBytes = pool.initialBlockBytes();
    }

    /**
     * How a reader outside a parse takes this memory's owner for a moment, to write into the arena
     * (a lazy index) with no close, reset or parse of the owner running meanwhile. Implemented by
     * the API's arena; the memory only keeps its current owner and calls these.
     */
    public interface Holds {
        /** {@return whether {@code owner} was idle and is now held} */
        boolean tryHold(Object owner);

        /** Ends a hold of {@code owner}; if a close came meanwhile, performs it. */
        void release(Object owner);
    }

    /** Records the object that owns this memory while it is open, and how to hold it. */
    public void own(Object owner, Holds holds) {
        this.owner = owner;
        this.holds = holds;
    }

    /**
     * Holds this memory's current owner (see {@link Holds}). {@return false, having held nothing,
     * if it is closed, in a parse or reset, or held already}. The caller must then check that the
     * memory is still at the epoch it means to write for: the owner may be a newer arena of the
     * same recycled memory.
     */
    public boolean tryHold() {
        Holds h = holds;
        Object o = owner;
        return h != null && o != null && h.tryHold(o);
    }

    /** Ends the hold {@link #tryHold} took; a close that came meanwhile happens now. */
    public void releaseHold() {
        holds.release(owner);
    }


    /** Asks the parse that holds this memory to stop at its next check; the arena frees it afterwards. */
    public void requestClose() {
        closeRequested = true;
    }

    /** {@return whether a close came while a parse held this memory} */
    public boolean closeRequested() {
        return closeRequested;
    }

    /** {@return the current epoch; views capture it and check it with {@link #checkEpoch}} */
    public long epoch() {
        return epoch;
    }

    /** {@return whether the arena is open} */
    public boolean isOpen() {
        return open;
    }

    /**
     * Checks that a view created at {@code viewEpoch} is still valid.
     *
     * @throws IllegalStateException if the arena was reset or closed since
     */
    public void checkEpoch(long viewEpoch) {
        if (viewEpoch != epoch) {
            throw staleView();
        }
    }

    /** {@return the exception for a view that outlived its arena's epoch} */
    public static IllegalStateException staleView() {
        return new IllegalStateException("view is no longer valid: its arena was reset or closed");
    }

    /**
     * What the decoder keeps with an arena's memory across requests. Told at every reset and close
     * to drop what belongs to one request only, so that an idle pooled memory keeps no caller's
     * object reachable.
     */
    public interface DecoderState {
        /** Drops every reference to a caller's objects (the inputs documents were parsed from). */
        void releaseInputs();
    }

    /** {@return the decoder's state kept with this memory across requests, or null} */
    public DecoderState decoderState() {
        return decoderState;
    }

    /** Keeps {@code state} with this memory across requests; it must stay valid under new epochs. */
    public void setDecoderState(DecoderState state) {
        this.decoderState = state;
    }

    /** {@return the pool this arena allocates from} */
    public Pool pool() {
        return pool;
    }

    /** {@return the budget in bytes ({@link Long#MAX_VALUE} if none)} */
    public long budget() {
        return budget;
    }

    /**
     * Counts {@code bytes} more of a running parse's working memory (held outside the arena, on the
     * heap) against the budget, before the parse allocates them.
     *
     * @param bytes {@code >= 0}
     * @throws JsonBudgetExceededException if blocks and working memory would pass the budget; nothing
     *     is counted then
     */
    public void reserveWorking(long bytes) {
        long held = reserved + working;
        if (bytes > budget - held) {
            Jfr.budgetExceeded(pool.name(), budget, bytes, held);
            throw new JsonBudgetExceededException(budget, bytes, held);
        }
        working += bytes;
    }

    /** Forgets the working memory counted by {@link #reserveWorking}: the parse that held it has ended. */
    public void releaseWorking() {
        working = 0;
    }

    /** {@return the bytes of all blocks this arena holds from its pool} */
    public long reserved() {
        return reserved;
    }

    /** {@return the number of blocks held} */
    public int blockCount() {
        return blockCount;
    }

    /** {@return the segment holding {@code address}} */
    public MemorySegment segment(long address) {
        return pool.segment(Address.chunk(address));
    }

    /**
     * {@return whether nothing has been allocated since this memory was opened or last reset}: then
     * no view of the current epoch exists (every view is of something allocated), and a reset would
     * end nothing. A plain read: a caller that has not claimed the arena reads it after seeing the
     * arena idle, which orders it after the end of any claim that allocated.
     */
    public boolean isFresh() {
        return current == -1;
    }

    /**
     * Allocates {@code size} bytes aligned to {@code alignment}.
     *
     * @param size bytes, {@code >= 0}
     * @param alignment a power of two, at most {@link SizeClasses#PAGE_SIZE}
     * @return the {@link Address} of the first byte
     * @throws IllegalArgumentException if size or alignment is out of range
     * @throws JsonBudgetExceededException if a new block would pass the budget
     * @throws dev.jsonarena.JsonPoolExhaustedException if the pool is at its cap
     */
    public long allocate(long size, long alignment) {
        long start = (cursor + alignment - 1) & -alignment;
        if (size >= 0 && start <= limit && size <= limit - start && alignment > 0
                && (alignment & (alignment - 1)) == 0 && alignment <= SizeClasses.PAGE_SIZE) {
            cursor = start + size;
            return start;
        }
        return allocateSlow(size, alignment);
    }

    private long allocateSlow(long size, long alignment) {
        if (!open) {
            throw new IllegalStateException("arena is closed");
        }
        if (size < 0 || size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("size: " + size + " (expected: 0.." + Integer.MAX_VALUE + ")");
        }
        if (alignment <= 0 || (alignment & (alignment - 1)) != 0 || alignment > SizeClasses.PAGE_SIZE) {
            throw new IllegalArgumentException("alignment: " + alignment + " (expected: a power of two <= "
                    + SizeClasses.PAGE_SIZE + ")");
        }
        // after a reset, reuse the blocks kept from before, in order
        for (int i = current + 1; i < blockCount; i++) {
            long base = blockAddr[i];
            long start = (base + alignment - 1) & -alignment;
            if (start + size <= base + blockBytes(blockKind[i])) {
                swapBlocks(current + 1, i);
                current++;
                cursor = start + size;
                limit = base + blockBytes(blockKind[current]);
                return start;
            }
        }
        long need = size + (alignment > SizeClasses.MIN_SIZE ? alignment - SizeClasses.MIN_SIZE : 0);
        int minimalKind = kindFor(need);
        int kind = kindFor(Math.max(need, nextBlockBytes));
        boolean growth = need <= nextBlockBytes;
        long held = reserved + working;
        if (held + blockBytes(kind) > budget) {
            kind = minimalKind;
            growth = false;
            if (held + blockBytes(kind) > budget) {
                Jfr.budgetExceeded(pool.name(), budget, size, held);
                throw new JsonBudgetExceededException(budget, size, held);
            }
        }
        long base = -1;
        if (kind != minimalKind) {
            // the growth block is optional: near the cap, fall back to the smallest block that fits
            base = pool.tryAllocateBlock(kind);
            if (base < 0) {
                kind = minimalKind;
                growth = false;
            }
        }
        if (base < 0) {
            base = kind >= 0 ? pool.allocateSlot(kind) : pool.allocatePages(-kind);
        }
        long bytes = blockBytes(kind);
        reserved += bytes;
        if (growth) {
            nextBlockBytes = Math.min(nextBlockBytes * 2, pool.maxBlockBytes());
        }
        int at = addBlock(base, kind);
        // the new block becomes current; what is left of the old one is abandoned until reset
        swapBlocks(current + 1, at);
        current++;
        long start = (base + alignment - 1) & -alignment;
        cursor = start + size;
        limit = base + bytes;
        return start;
    }

    /**
     * {@return the bytes free in the current block after {@code end}, if {@code end} is where the
     * last allocation ends (so it can grow in place with {@link #extendTo}), else -1}
     */
    public long roomAfter(long end) {
        return end == cursor && current >= 0 ? limit - end : -1;
    }

    /**
     * Grows the last allocation in place so that it ends at {@code end}, within the room
     * {@link #roomAfter} reported.
     *
     * @throws IllegalArgumentException if {@code end} is outside that room
     */
    public void extendTo(long end) {
        if (end < cursor || end > limit) {
            throw new IllegalArgumentException("end: " + end + " (expected: " + cursor + ".." + limit + ")");
        }
        cursor = end;
    }

    /**
     * Shrinks the last allocation in place so that it ends at {@code end}: the bytes after it are
     * bump-allocated again.
     *
     * @throws IllegalArgumentException if {@code end} is past the bump cursor or before the current
     *     block's start
     */
    public void shrinkTo(long end) {
        if (current < 0 || end > cursor || end < blockAddr[current]) {
            throw new IllegalArgumentException("end: " + end + " (expected: "
                    + (current < 0 ? "an allocation first" : blockAddr[current] + ".." + cursor) + ")");
        }
        cursor = end;
    }

    /** {@return the index of the current block, for {@link #rollback}} */
    public int markBlock() {
        return current;
    }

    /** {@return the bump cursor, for {@link #rollback}} */
    public long markCursor() {
        return cursor;
    }

    /**
     * Frees, for reuse by this arena, everything allocated since the mark was taken: blocks taken
     * after it stay held and are bump-allocated again, as after {@link #reset()}. Views are not
     * invalidated; the caller must not keep any address allocated after the mark.
     *
     * @param block {@link #markBlock()} at the mark
     * @param markCursor {@link #markCursor()} at the mark
     */
    public void rollback(int block, long markCursor) {
        current = block;
        cursor = markCursor;
        limit = block < 0 ? -1 : blockAddr[block] + blockBytes(blockKind[block]);
    }

    /**
     * {@return the bytes of the block that starts at {@code address}, if it is a page run taken
     * after the mark {@code markBlock}, else -1}: an allocation that starts a block of its own
     */
    public long ownBlockBytes(long address, int markBlock) {
        int i = ownBlock(address, markBlock);
        return i < 0 ? -1 : blockBytes(blockKind[i]);
    }

    /**
     * Gives the block that starts at {@code address} back to the pool now, if
     * {@link #ownBlockBytes} finds it and it is not the current block; the caller must hold nothing
     * in it any more (a region moved to another block). {@return whether it was given back}
     */
    public boolean releaseOwnBlock(long address, int markBlock) {
        int i = ownBlock(address, markBlock);
        if (i < 0 || i == current) {
            return false;
        }
        int kind = blockKind[i];
        System.arraycopy(blockAddr, i + 1, blockAddr, i, blockCount - i - 1);
        System.arraycopy(blockKind, i + 1, blockKind, i, blockCount - i - 1);
        blockCount--;
        current--;
        long bytes = blockBytes(kind);
        reserved -= bytes;
        pool.releaseRun(address, -kind);
        return true;
    }

    private int ownBlock(long address, int markBlock) {
        for (int i = Math.max(0, markBlock + 1); i <= current; i++) {
            if (blockAddr[i] == address) {
                return blockKind[i] < 0 ? i : -1;
            }
        }
        return -1;
    }

    /** {@return the block kind for {@code bytes}: a size class, or minus the page count} */
    static int kindFor(long bytes) {
        if (bytes <= SizeClasses.MAX_SMALL) {
            return SizeClasses.classOf(bytes);
        }
        long pages = (bytes + SizeClasses.PAGE_SIZE - 1) >>> SizeClasses.PAGE_SHIFT;
        return (int) -pages;
    }

    static long blockBytes(int kind) {
        return kind >= 0 ? SizeClasses.size(kind) : (long) -kind << SizeClasses.PAGE_SHIFT;
    }

    /** {@return the smallest block bytes a request of {@code size} with {@code alignment} can need} */
    public static long minimalBlockBytes(long size, long alignment) {
        long need = size + (alignment > SizeClasses.MIN_SIZE ? alignment - SizeClasses.MIN_SIZE : 0);
        return blockBytes(kindFor(need));
    }

    private int addBlock(long base, int kind) {
        if (blockCount == blockAddr.length) {
            blockAddr = Arrays.copyOf(blockAddr, blockCount * 2);
            blockKind = Arrays.copyOf(blockKind, blockCount * 2);
        }
        blockAddr[blockCount] = base;
        blockKind[blockCount] = kind;
        return blockCount++;
    }

    private void swapBlocks(int i, int j) {
        long a = blockAddr[i];
        blockAddr[i] = blockAddr[j];
        blockAddr[j] = a;
        int k = blockKind[i];
        blockKind[i] = blockKind[j];
        blockKind[j] = k;
    }

    /** Invalidates every view and starts allocating from the first block again; keeps all blocks. */
    public void reset() {
        epoch++;
        VarHandle.storeStoreFence(); // the new epoch is visible before anything written after it
        if (decoderState != null) {
            decoderState.releaseInputs();
        }
        current = -1;
        cursor = 0;
        limit = -1;
    }

    /**
     * Invalidates every view and returns every block to the pool in one bulk free; the state is
     * then recycled by the pool. Calling it twice is a bug of the caller.
     */
    public void close() {
        epoch++;
        VarHandle.storeStoreFence(); // the new epoch is visible before the blocks can be reused
        open = false;
        owner = null; // the pool caches this object: it must not keep the closed arena (and its pool) reachable
        if (decoderState != null) {
            decoderState.releaseInputs();
        }
        int runs = 0;
        for (int i = 0; i < blockCount; i++) {
            if (blockKind[i] < 0) {
                runs++;
            }
        }
        if (runs > runScratch.length) {
            runScratch = new long[runs];
            runPagesScratch = new int[runs];
        }
        long bytes = reserved;
        int count = blockCount;
        blockCount = 0;
        current = -1;
        cursor = 0;
        limit = -1;
        reserved = 0;
        working = 0;
        pool.releaseBlocks(this, blockAddr, blockKind, count, bytes, runScratch, runPagesScratch);
    }
}
