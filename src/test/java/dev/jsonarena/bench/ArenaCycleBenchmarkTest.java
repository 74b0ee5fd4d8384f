package dev.jsonarena.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsonarena.JsonPool;
import dev.jsonarena.memory.Address;
import dev.jsonarena.memory.ArenaMemory;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Checks that what {@link ArenaCycleBenchmark} times is the work it claims to time. */
class ArenaCycleBenchmarkTest {
    private static final int[] DOCUMENTS = {2048, 614400};

    private static JsonPool newPool() {
        return JsonPool.builder().idleTimeout(Duration.ZERO).build();
    }

    @Test
    void modelHasTheDocumentedSizesAndAlignments() {
        ParseAllocations small = new ParseAllocations(2048);
        assertEquals(13, small.count());
        assertEquals(2048, small.size(0));
        assertEquals(8, small.alignment(0));
        assertEquals(1229, small.size(1));
        assertEquals(1, small.alignment(1));
        assertEquals(1024, small.size(2));
        assertEquals(8, small.alignment(2));
        for (int i = 3; i < 13; i++) {
            assertEquals(64, small.size(i));
            assertEquals(8, small.alignment(i));
        }
        assertEquals(4941, small.totalBytes());
        ParseAllocations large = new ParseAllocations(614400);
        assertEquals(614400, large.size(0));
        assertEquals(368640, large.size(1));
        assertEquals(984704, large.totalBytes());
        assertEquals(2056, new ParseAllocations(2049).size(0), "tape rounds up to 8");
        assertThrows(IllegalArgumentException.class, () -> new ParseAllocations(0));
    }

    /** Each allocation: aligned, disjoint from the others, and holding its marks until close. */
    @ParameterizedTest
    @ValueSource(ints = {2048, 614400})
    void jsonarenaAllocationsAreAlignedDisjointAndHoldTheirMarks(int documentBytes) {
        ParseAllocations model = new ParseAllocations(documentBytes);
        try (JsonPool pool = newPool()) {
            for (RequestArenaType type : List.of(RequestArenaType.JSONARENA, RequestArenaType.JSONARENA_ZEROED)) {
                PooledRequestArena arena = (PooledRequestArena) type.create(pool);
                arena.open();
                ArenaMemory memory = arena.memory();
                long[] addresses = new long[model.count()];
                for (int i = 0; i < model.count(); i++) {
                    addresses[i] = arena.allocate(model.size(i), model.alignment(i), (byte) (i + 1));
                    assertEquals(0, Address.offset(addresses[i]) % model.alignment(i),
                            type + " allocation " + i + " alignment");
                }
                List<long[]> ranges = new ArrayList<>();
                for (int i = 0; i < model.count(); i++) {
                    MemorySegment s = memory.segment(addresses[i]);
                    long off = Address.offset(addresses[i]);
                    assertEquals((byte) (i + 1), s.get(ValueLayout.JAVA_BYTE, off), type + " first byte of " + i);
                    assertEquals((byte) (i + 1), s.get(ValueLayout.JAVA_BYTE, off + model.size(i) - 1),
                            type + " last byte of " + i);
                    ranges.add(new long[] {Address.chunk(addresses[i]), off, off + model.size(i)});
                }
                assertDisjoint(ranges, type.toString());
                assertTrue(pool.stats().inUseBytes() >= model.totalBytes(), pool.stats().toString());
                arena.close();
                assertEquals(0, pool.stats().inUseBytes(), type + " in use after close");
                assertEquals(0, pool.stats().openArenas(), type + " open arenas after close");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2048, 614400})
    void zeroedVariantClearsReusedMemoryAndThePlainOneDoesNot(int documentBytes) {
        ParseAllocations model = new ParseAllocations(documentBytes);
        try (JsonPool pool = newPool()) {
            dirty(pool, model);
            // premise: the pool reuses the dirty blocks, so a missing fill would be seen
            assertTrue(interiorHasNonZero(pool, model, RequestArenaType.JSONARENA),
                    "premise: reused pool memory is dirty without a fill");
            dirty(pool, model);
            assertTrue(!interiorHasNonZero(pool, model, RequestArenaType.JSONARENA_ZEROED),
                    "JSONARENA_ZEROED must leave every byte between the marks zero");
        }
    }

    @ParameterizedTest
    @EnumSource(RequestArenaType.class)
    void cycleReturnsTheSumOfAddressesAndLeavesNothingInUse(RequestArenaType type) {
        for (int documentBytes : DOCUMENTS) {
            ParseAllocations model = new ParseAllocations(documentBytes);
            try (JsonPool pool = newPool()) {
                RequestArena arena = type.create(type.usesPool() ? pool : null);
                long reservedAfterFirst = -1;
                for (int round = 0; round < 200; round++) {
                    long sum = model.cycle(arena);
                    assertNotEquals(0, sum, type + " checksum");
                    if (type.usesPool()) {
                        assertEquals(0, pool.stats().inUseBytes(), type + " in use after cycle " + round);
                        assertEquals(0, pool.stats().openArenas(), type + " open after cycle " + round);
                        long reserved = pool.stats().reservedBytes();
                        if (round == 0) {
                            reservedAfterFirst = reserved;
                            assertTrue(reserved >= model.totalBytes(), "reserved " + reserved);
                        } else {
                            assertEquals(reservedAfterFirst, reserved,
                                    type + " steady state: no new chunk after the first cycle (" + round + ")");
                        }
                    }
                }
                assertThrows(IllegalStateException.class, () -> arena.allocate(8, 8, (byte) 1),
                        type + " allocate after close");
            }
        }
    }

    @Test
    void jdkAllocationsAreAlignedAndDisjoint() {
        for (RequestArenaType type : List.of(RequestArenaType.CONFINED, RequestArenaType.SHARED)) {
            for (int documentBytes : DOCUMENTS) {
                ParseAllocations model = new ParseAllocations(documentBytes);
                RequestArena arena = type.create(null);
                arena.open();
                List<long[]> ranges = new ArrayList<>();
                for (int i = 0; i < model.count(); i++) {
                    long a = arena.allocate(model.size(i), model.alignment(i), (byte) 7);
                    assertEquals(0, a % model.alignment(i), type + " alignment of " + i);
                    ranges.add(new long[] {0, a, a + model.size(i)});
                }
                arena.close();
                assertDisjoint(ranges, type.toString());
            }
        }
    }

    @Test
    void poolAdaptersNeedAPool() {
        assertThrows(IllegalArgumentException.class, () -> RequestArenaType.JSONARENA.create(null));
    }

    @Test
    void twoThreadsSharingThePoolReturnEverything() throws Exception {
        for (int documentBytes : DOCUMENTS) {
            ParseAllocations model = new ParseAllocations(documentBytes);
            try (JsonPool pool = newPool(); ExecutorService ex = Executors.newFixedThreadPool(2)) {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    RequestArena arena = RequestArenaType.JSONARENA.create(pool);
                    done.add(ex.submit(() -> {
                        start.await();
                        for (int i = 0; i < 2000; i++) {
                            model.cycle(arena);
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : done) {
                    f.get();
                }
                assertEquals(0, pool.stats().inUseBytes());
                assertEquals(0, pool.stats().openArenas());
            }
        }
    }

    /** Opens an arena, allocates the model, fills every byte with 0x5A, closes it. */
    private static void dirty(JsonPool pool, ParseAllocations model) {
        PooledRequestArena arena = (PooledRequestArena) RequestArenaType.JSONARENA.create(pool);
        arena.open();
        for (int i = 0; i < model.count(); i++) {
            long a = arena.allocate(model.size(i), model.alignment(i), (byte) 1);
            arena.memory().segment(a).asSlice(Address.offset(a), model.size(i)).fill((byte) 0x5A);
        }
        arena.close();
    }

    /** Runs the model on a fresh adapter and reports whether any byte between the marks is non-zero. */
    private static boolean interiorHasNonZero(JsonPool pool, ParseAllocations model, RequestArenaType type) {
        PooledRequestArena arena = (PooledRequestArena) type.create(pool);
        arena.open();
        boolean found = false;
        for (int i = 0; i < model.count(); i++) {
            long size = model.size(i);
            long a = arena.allocate(size, model.alignment(i), (byte) 1);
            MemorySegment s = arena.memory().segment(a);
            long off = Address.offset(a);
            for (long j = 1; j < size - 1; j++) {
                if (s.get(ValueLayout.JAVA_BYTE, off + j) != 0) {
                    found = true;
                    break;
                }
            }
        }
        arena.close();
        return found;
    }

    private static void assertDisjoint(List<long[]> ranges, String what) {
        ranges.sort(Comparator.<long[]>comparingLong(r -> r[0]).thenComparingLong(r -> r[1]));
        for (int i = 1; i < ranges.size(); i++) {
            long[] a = ranges.get(i - 1);
            long[] b = ranges.get(i);
            assertTrue(a[0] != b[0] || a[2] <= b[1],
                    what + ": [" + a[1] + ", " + a[2] + ") overlaps [" + b[1] + ", " + b[2] + ") in chunk " + a[0]);
        }
    }
}
