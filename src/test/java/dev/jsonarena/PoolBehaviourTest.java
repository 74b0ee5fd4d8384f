package dev.jsonarena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsonarena.memory.Address;
import dev.jsonarena.memory.ArenaMemory;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Focused tests of {@link JsonPool} and {@link JsonArena}, one behaviour each. */
class PoolBehaviourTest {
    private static final long KIB = 1024;

    private static JsonPool.Builder quiet() {
        return JsonPool.builder().idleTimeout(Duration.ZERO);
    }

    /** Fills {@code bytes} bytes with 16-byte allocations (many) or 4 KiB allocations (few). */
    private static int fill(ArenaMemory m, long bytes, int allocationSize) {
        int n = 0;
        for (long done = 0; done < bytes; done += allocationSize) {
            m.allocate(allocationSize, 8);
            n++;
        }
        return n;
    }

    @Test
    void closeReturnsEveryBlockInOneBulkFree() {
        try (JsonPool pool = quiet().build()) {
            JsonArena few = pool.openArena();
            JsonArena many = pool.openArena();
            int fewAllocations = fill(few.memory(), 2 << 20, 4096);
            int manyAllocations = fill(many.memory(), 2 << 20, 16);
            assertEquals(512, fewAllocations);
            assertEquals(131_072, manyAllocations);
            // 256 times the allocations, yet the same handful of blocks: close walks blocks, not allocations
            int fewBlocks = few.memory().blockCount();
            int manyBlocks = many.memory().blockCount();
            assertTrue(manyBlocks <= fewBlocks + 1 && manyBlocks < 16,
                    "blocks: " + manyBlocks + " for " + manyAllocations + " allocations vs " + fewBlocks + " for "
                            + fewAllocations);
            long held = few.bytesReserved() + many.bytesReserved();
            assertEquals(held, pool.stats().inUseBytes());
            many.close();
            assertEquals(few.bytesReserved(), pool.stats().inUseBytes(), "one close returned all of that arena's blocks");
            few.close();
            JsonPoolStats s = pool.stats();
            assertEquals(0, s.inUseBytes());
            assertEquals(0, s.openArenas());
            s.sizeClasses().forEach(c -> assertEquals(0, c.objectsInUse(), c.toString()));
        }
    }

    @Test
    void resetOfAnArenaThatAllocatedNothingSinceTheLastEndsNothingAndStillRefusesWhenClosed() {
        try (JsonPool pool = quiet().build()) {
            JsonArena arena = pool.openArena();
            ArenaMemory m = arena.memory();
            long opened = m.epoch();
            arena.reset();
            assertEquals(opened, m.epoch(), "nothing allocated since the arena opened: no view to end");
            JsonValue v = arena.parse("[1,2]".getBytes(StandardCharsets.UTF_8));
            arena.reset();
            assertNotEquals(opened, m.epoch(), "a parse allocated: the reset ends its views");
            assertThrows(IllegalStateException.class, v::type);
            long afterReset = m.epoch();
            arena.reset();
            assertEquals(afterReset, m.epoch(), "a second reset in a row ends nothing");
            assertTrue(m.isFresh());
            arena.close();
            assertThrows(IllegalStateException.class, arena::reset, "a closed arena's reset refuses, fresh or not");
        }
    }

    @Test
    void resetKeepsBlocksAndReusesThem() {
        try (JsonPool pool = quiet().build(); JsonArena arena = pool.openArena()) {
            ArenaMemory m = arena.memory();
            long[] sizes = {100, 5000, 40_000, 3, 100_000, 7};
            long[] first = new long[sizes.length];
            for (int i = 0; i < sizes.length; i++) {
                first[i] = m.allocate(sizes[i], 8);
            }
            long reserved = arena.bytesReserved();
            int blocks = m.blockCount();
            long poolReserved = pool.stats().reservedBytes();
            arena.reset();
            assertEquals(reserved, arena.bytesReserved(), "reset keeps the blocks");
            assertEquals(reserved, pool.stats().inUseBytes(), "reset returns nothing to the pool");
            for (int i = 0; i < sizes.length; i++) {
                long again = m.allocate(sizes[i], 8);
                assertEquals(first[i], again, "allocation " + i + " after reset reuses the same memory");
            }
            assertEquals(reserved, arena.bytesReserved(), "the same requests after reset need no new block");
            assertEquals(blocks, m.blockCount());
            assertEquals(poolReserved, pool.stats().reservedBytes());
        }
    }

    @Test
    void staleViewsThrowAfterResetAndAfterClose() {
        try (JsonPool pool = quiet().build()) {
            JsonArena arena = pool.openArena();
            ArenaMemory m = arena.memory();
            m.allocate(16, 8); // what a view would be of
            long view = m.epoch();
            m.checkEpoch(view);
            arena.reset();
            assertThrows(IllegalStateException.class, () -> m.checkEpoch(view));
            long afterReset = m.epoch();
            m.checkEpoch(afterReset);
            m.allocate(16, 8);
            arena.close();
            assertThrows(IllegalStateException.class, () -> m.checkEpoch(afterReset));
            // the state is recycled for the next arena; old views stay dead
            JsonArena next = pool.openArena();
            assertThrows(IllegalStateException.class, () -> next.memory().checkEpoch(view));
            assertThrows(IllegalStateException.class, () -> next.memory().checkEpoch(afterReset));
            next.close();
        }
    }

    @Test
    void closedArenaRejectsEveryMethodButCloseAndIsOpen() {
        try (JsonPool pool = quiet().build()) {
            JsonArena arena = pool.openArena(1 << 20);
            arena.close();
            assertFalse(arena.isOpen());
            for (Executable call : List.<Executable>of(arena::bytesReserved, arena::budget, arena::reset, arena::memory)) {
                IllegalStateException e = assertThrows(IllegalStateException.class, call);
                assertTrue(e.getMessage().contains("closed"), e.getMessage());
            }
            arena.close(); // idempotent
            assertSame(pool, arena.pool());
            assertEquals("JsonArena[closed]", arena.toString());
        }
    }

    @Test
    void budgetExceptionNamesBudgetRequestedAndInUse() {
        try (JsonPool pool = quiet().build(); JsonArena arena = pool.openArena(10_000)) {
            ArenaMemory m = arena.memory();
            m.allocate(8000, 8); // first block: 8 KiB
            m.allocate(1000, 8); // a 1 KiB block: 9216 B held
            assertEquals(9216, arena.bytesReserved());
            JsonBudgetExceededException e = assertThrows(JsonBudgetExceededException.class, () -> m.allocate(1000, 8));
            assertEquals(10_000, e.budget());
            assertEquals(1000, e.requested());
            assertEquals(9216, e.inUse());
            assertTrue(e.getMessage().contains("10000") && e.getMessage().contains("1000 bytes")
                    && e.getMessage().contains("9216"), e.getMessage());
            assertEquals(9216, arena.bytesReserved(), "a failed allocation changes nothing");
            // still usable: 784 bytes of budget left hold a 112-byte block
            long a = m.allocate(100, 8);
            m.segment(a).set(ValueLayout.JAVA_LONG_UNALIGNED, Address.offset(a), 42);
            assertEquals(9216 + 112, arena.bytesReserved());
            arena.close();
            assertEquals(0, pool.stats().inUseBytes(), "close returns everything after a budget failure");
        }
    }

    @Test
    void budgetIsEnforcedToTheByte() {
        try (JsonPool pool = quiet().build()) {
            for (long budget = 8192 + 16; budget <= 8192 + 64; budget += 8) {
                try (JsonArena arena = pool.openArena(budget)) {
                    ArenaMemory m = arena.memory();
                    m.allocate(8192, 1); // one 8 KiB block; the rest of the budget is budget - 8192
                    long room = budget - 8192;
                    long fits = room / 16 * 16; // the largest 16-byte class within the room
                    m.allocate(fits, 1);
                    assertEquals(8192 + fits, arena.bytesReserved());
                    long left = budget - arena.bytesReserved();
                    if (left < 16) {
                        assertThrows(JsonBudgetExceededException.class, () -> m.allocate(fits + 1, 1));
                    }
                }
            }
        }
    }

    @Test
    void capRejectsFastWithTypedException() {
        try (JsonPool pool = quiet().chunkBytes(64 * KIB).maxReservedBytes(64 * KIB).build();
                JsonArena arena = pool.openArena()) {
            ArenaMemory m = arena.memory();
            m.allocate(40 * KIB, 8); // a 5-page run in the only chunk the cap allows
            long t0 = System.nanoTime();
            JsonPoolExhaustedException e = assertThrows(JsonPoolExhaustedException.class, () -> m.allocate(40 * KIB, 8));
            long millis = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(millis < 1000, "fail fast took " + millis + " ms");
            assertEquals(64 * KIB, e.cap());
            assertEquals(40 * KIB, e.requested());
            assertEquals(64 * KIB, e.reserved());
            assertTrue(e.getMessage().contains("65536") && e.getMessage().contains("40960"), e.getMessage());
            JsonPoolStats s = pool.stats();
            assertEquals(1, s.capRejections());
            assertTrue(s.reservedBytes() <= s.capBytes());
            assertEquals(40 * KIB, arena.bytesReserved(), "a failed allocation changes nothing");
            // still usable: a small request fits in the three free pages (not the arena's 8 KiB growth block)
            m.allocate(100, 8);
            assertEquals(1, pool.stats().capRejections(), "a served allocation is not a rejection");
        }
    }

    @Test
    void capWaitSucceedsWhenAnotherArenaClosesItsPageRun() throws Exception {
        capWaitSucceedsWhenAnotherArenaCloses(40 * KIB);
    }

    @Test
    void capWaitSucceedsWhenAnotherArenaClosesItsSlots() throws Exception {
        capWaitSucceedsWhenAnotherArenaCloses(8 * KIB);
    }

    private static void capWaitSucceedsWhenAnotherArenaCloses(long holderBytes) throws Exception {
        try (JsonPool pool = quiet().chunkBytes(64 * KIB).maxReservedBytes(64 * KIB).capWait(Duration.ofSeconds(5)).build()) {
            JsonArena holder = pool.openArena();
            holder.memory().allocate(holderBytes, 8);
            CompletableFuture<Long> waited = CompletableFuture.supplyAsync(() -> {
                try (JsonArena waiter = pool.openArena()) {
                    long t0 = System.nanoTime();
                    waiter.memory().allocate(60 * KIB, 8); // needs 8 pages: the whole cap
                    return (System.nanoTime() - t0) / 1_000_000;
                }
            });
            Thread.sleep(200);
            assertFalse(waited.isDone(), "the allocation waits while the cap is held");
            holder.close();
            long millis = waited.get(10, TimeUnit.SECONDS);
            assertTrue(millis >= 150 && millis < 4000, "waited " + millis + " ms (expected: until the holder closed)");
            assertEquals(0, pool.stats().capRejections());
            assertEquals(0, pool.stats().inUseBytes());
        }
    }

    @Test
    void capWaitGivesUpAfterTheConfiguredTime() {
        try (JsonPool pool = quiet().chunkBytes(64 * KIB).maxReservedBytes(64 * KIB).capWait(Duration.ofMillis(300)).build();
                JsonArena holder = pool.openArena(); JsonArena waiter = pool.openArena()) {
            holder.memory().allocate(40 * KIB, 8);
            long t0 = System.nanoTime();
            assertThrows(JsonPoolExhaustedException.class, () -> waiter.memory().allocate(40 * KIB, 8));
            long millis = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(millis >= 250 && millis < 3000, "gave up after " + millis + " ms (expected: about 300)");
            assertEquals(1, pool.stats().capRejections());
        }
    }

    @Test
    void trimReleasesIdleChunks() {
        try (JsonPool pool = quiet().chunkBytes(64 * KIB).build()) {
            JsonArena keep = pool.openArena();
            keep.memory().allocate(50 * KIB, 8); // holds one chunk
            try (JsonArena arena = pool.openArena()) {
                for (int i = 0; i < 10; i++) {
                    arena.memory().allocate(50 * KIB, 8);
                }
            }
            JsonPoolStats before = pool.stats();
            assertEquals(11, before.chunks());
            pool.trim();
            JsonPoolStats after = pool.stats();
            assertEquals(1, after.chunks(), "the chunk in use stays");
            assertEquals(before.chunksReleased() + 10, after.chunksReleased());
            assertEquals(before.reservedBytes() - 10 * 64 * KIB, after.reservedBytes());
            assertEquals(keep.bytesReserved(), after.inUseBytes());
            keep.close();
            pool.trim();
            JsonPoolStats last = pool.stats();
            assertEquals(0, last.reservedBytes());
            assertEquals(0, last.chunks());
            assertEquals(before.chunksReleased() + 11, last.chunksReleased());
            assertEquals(last.chunksReserved(), last.chunksReleased());
        }
    }

    @Test
    void scavengerReleasesIdleMemoryAfterTimeout() throws InterruptedException {
        try (JsonPool pool = JsonPool.builder().idleTimeout(Duration.ofMillis(200)).chunkBytes(64 * KIB).build()) {
            try (JsonArena arena = pool.openArena()) {
                arena.memory().allocate(100, 8);
                arena.memory().allocate(50 * KIB, 8);
            }
            long closedAt = System.nanoTime();
            JsonPoolStats s = pool.stats();
            if (System.nanoTime() - closedAt < 100_000_000L) {
                assertTrue(s.reservedBytes() > 0, "memory is kept until it has been idle for the timeout");
            }
            long deadline = closedAt + 5_000_000_000L;
            while ((s = pool.stats()).reservedBytes() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(0, s.reservedBytes(), "after " + (System.nanoTime() - closedAt) / 1_000_000 + " ms: "
                    + MemoryModel.brief(s));
            assertEquals(0, s.chunks());
            assertTrue(s.chunksReleased() > 0);
        }
    }

    @Test
    void statsSnapshotIsImmutable() {
        try (JsonPool pool = quiet().build(); JsonArena arena = pool.openArena()) {
            JsonPoolStats before = pool.stats();
            JsonPoolStats copy = new JsonPoolStats(before.reservedBytes(), before.inUseBytes(), before.idleBytes(),
                    before.highWaterBytes(), before.capBytes(), before.openArenas(), before.capRejections(),
                    before.chunks(), before.chunksReserved(), before.chunksReleased(), before.sizeClasses());
            arena.memory().allocate(1000, 8);
            arena.memory().allocate(100_000, 8);
            assertEquals(copy, before, "a snapshot does not follow the pool");
            assertNotEquals(before, pool.stats());
            assertThrows(UnsupportedOperationException.class, () -> before.sizeClasses().clear());
            List<JsonPoolStats.SizeClass> source = new ArrayList<>(before.sizeClasses());
            JsonPoolStats fromList = new JsonPoolStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, source);
            source.clear();
            assertEquals(before.sizeClasses().size(), fromList.sizeClasses().size(), "the list is copied");
        }
    }

    @Test
    void aLargeChunkOfItsOwnIsReleasedWhenFreedASmallerOneStaysForReuse() {
        long large = 33L << 20; // at least PageHeap.RELEASED_WHEN_FREED_BYTES: the C library maps it on its own
        try (JsonPool pool = quiet().chunkBytes(64 * KIB).build()) {
            try (JsonArena arena = pool.openArena()) {
                arena.memory().allocate(large, 8);
                arena.memory().allocate(200 * KIB, 8);
                assertTrue(pool.stats().reservedBytes() >= large + 200 * KIB);
            }
            long left = pool.stats().reservedBytes();
            assertTrue(left >= 200 * KIB && left < large, "after close, reserved " + left
                    + ": the 33 MiB chunk is released, the 200 KiB one stays idle until a trim");
            assertTrue(pool.stats().highWaterBytes() >= large + 200 * KIB);
            pool.trim();
            assertEquals(0, pool.stats().reservedBytes());
        }
    }

    @Test
    void highWaterMarkTracksPeak() {
        try (JsonPool pool = quiet().chunkBytes(64 * KIB).build()) {
            assertEquals(0, pool.stats().highWaterBytes());
            try (JsonArena arena = pool.openArena()) {
                for (int i = 0; i < 6; i++) {
                    arena.memory().allocate(200 * KIB, 8);
                }
            }
            long peak = pool.stats().reservedBytes();
            assertTrue(peak >= 6 * 200 * KIB);
            assertEquals(peak, pool.stats().highWaterBytes());
            pool.trim();
            assertEquals(0, pool.stats().reservedBytes());
            assertEquals(peak, pool.stats().highWaterBytes(), "the mark stays at the peak after trim");
            try (JsonArena arena = pool.openArena()) {
                arena.memory().allocate(10 * KIB, 8);
            }
            assertEquals(peak, pool.stats().highWaterBytes(), "a smaller load does not lower it");
        }
    }

    @Test
    void closedPoolRejectsOpen() {
        JsonPool pool = quiet().build();
        pool.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, pool::openArena);
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> pool.openArena(1000));
        pool.close(); // closing twice does nothing
        assertEquals(0, pool.stats().reservedBytes());
    }

    @Test
    void closeWithOpenArenasThrows() {
        JsonPool pool = quiet().build();
        JsonArena arena = pool.openArena();
        arena.memory().allocate(100, 8);
        IllegalStateException e = assertThrows(IllegalStateException.class, pool::close);
        assertTrue(e.getMessage().contains("1 open arena"), e.getMessage());
        arena.memory().allocate(100, 8); // the pool still works
        arena.close();
        pool.close();
        assertThrows(IllegalStateException.class, pool::openArena);
    }

    @Test
    void defaultPoolCannotBeClosed() {
        JsonPool pool = JsonPool.defaultPool();
        assertSame(pool, JsonPool.defaultPool());
        IllegalStateException e = assertThrows(IllegalStateException.class, pool::close);
        assertTrue(e.getMessage().contains("default pool"), e.getMessage());
        try (JsonArena arena = JsonArena.open()) {
            assertSame(pool, arena.pool());
            assertEquals(Long.MAX_VALUE, arena.budget());
            arena.memory().allocate(64, 8);
        }
    }

    @Test
    void defaultArenaBudgetAppliesToOpenArena() {
        try (JsonPool pool = quiet().defaultArenaBudget(12_345).build(); JsonArena arena = pool.openArena()) {
            assertEquals(12_345, arena.budget());
        }
    }

    @Test
    void arenaCanBeHandedToAnotherThread() throws Exception {
        try (JsonPool pool = quiet().build()) {
            JsonArena arena = pool.openArena();
            ArenaMemory m = arena.memory();
            long a = m.allocate(8, 8);
            m.segment(a).set(ValueLayout.JAVA_LONG_UNALIGNED, Address.offset(a), 0x1234_5678_9ABC_DEF0L);
            SynchronousQueue<JsonArena> handOff = new SynchronousQueue<>();
            ExecutorService other = Executors.newSingleThreadExecutor();
            try {
                Future<Long> read = other.submit(() -> {
                    JsonArena mine = handOff.take();
                    ArenaMemory mm = mine.memory();
                    long value = mm.segment(a).get(ValueLayout.JAVA_LONG_UNALIGNED, Address.offset(a));
                    mm.allocate(50_000, 16); // allocating on another thread is allowed
                    mine.close();
                    return value;
                });
                handOff.put(arena);
                assertEquals(0x1234_5678_9ABC_DEF0L, read.get(10, TimeUnit.SECONDS));
            } finally {
                other.shutdown();
            }
            assertFalse(arena.isOpen());
            assertEquals(0, pool.stats().inUseBytes());
            assertEquals(0, pool.stats().openArenas());
        }
    }

    @Test
    void invalidBuilderArgumentsThrowNamingTheParameter() {
        expectArgument(() -> JsonPool.builder().chunkBytes(0), "chunkBytes: 0");
        expectArgument(() -> JsonPool.builder().chunkBytes(56 * KIB), "chunkBytes: 57344");
        expectArgument(() -> JsonPool.builder().chunkBytes(64 * KIB + 1), "chunkBytes: 65537");
        expectArgument(() -> JsonPool.builder().chunkBytes((1L << 30) + 8192), "chunkBytes: 1073750016");
        expectArgument(() -> JsonPool.builder().maxReservedBytes(8191), "maxReservedBytes: 8191");
        expectArgument(() -> JsonPool.builder().maxReservedBytes(-1), "maxReservedBytes: -1");
        expectArgument(() -> JsonPool.builder().capWait(Duration.ofMillis(-1)), "capWait: ");
        expectArgument(() -> JsonPool.builder().idleTimeout(Duration.ofSeconds(-1)), "idleTimeout: ");
        expectArgument(() -> JsonPool.builder().defaultArenaBudget(0), "defaultArenaBudget: 0");
        expectArgument(() -> JsonPool.builder().defaultArenaBudget(-5), "defaultArenaBudget: -5");
        assertThrows(NullPointerException.class, () -> JsonPool.builder().capWait(null));
        assertThrows(NullPointerException.class, () -> JsonPool.builder().idleTimeout(null));
        try (JsonPool pool = quiet().build()) {
            expectArgument(() -> pool.openArena(0), "budgetBytes: 0");
            expectArgument(() -> pool.openArena(-1), "budgetBytes: -1");
        }
        // the bounds themselves are accepted
        JsonPool.builder().chunkBytes(64 * KIB).chunkBytes(1L << 30).maxReservedBytes(8192)
                .capWait(Duration.ZERO).idleTimeout(Duration.ZERO).defaultArenaBudget(1);
    }

    private static void expectArgument(Executable call, String messageStart) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(messageStart) && e.getMessage().contains("expected"),
                "message '" + e.getMessage() + "' (expected to start with '" + messageStart + "' and say what is expected)");
    }
}
