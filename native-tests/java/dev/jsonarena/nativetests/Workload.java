package dev.jsonarena.nativetests;

import dev.jsonarena.memory.Address;
import dev.jsonarena.memory.ArenaMemory;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;

/**
 * The allocations of one simulated request: 1 to 40 blocks of 16 B to 64 KiB (log-uniform, so small
 * blocks dominate as they do in a parse), one in 16 requests also a 300 KiB block and one in 256 a
 * 2 MiB block, at alignments 1, 8, 16 or 64. Every block is written, one long per 4 KiB and its
 * last 8 bytes, so its pages are resident; {@link #verify} reads the first long of each back.
 *
 * <p>Thread-safety: not thread-safe; one instance per thread.
 */
final class Workload {
    static final long MEDIUM_BYTES = 300L << 10;
    static final long LARGE_BYTES = 2L << 20;
    private static final int MAX_BLOCKS = 42;
    private static final long[] ALIGNMENTS = {1, 8, 16, 64};

    private final SplittableRandom random;
    private final long[] addresses = new long[MAX_BLOCKS];
    private final long[] tags = new long[MAX_BLOCKS];
    private int count;

    Workload(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** Makes one request's allocations in {@code memory}, tagging each block with {@code request}. */
    void request(ArenaMemory memory, long request) {
        count = 0;
        int blocks = 1 + random.nextInt(40);
        for (int i = 0; i < blocks; i++) {
            int k = random.nextInt(12);
            block(memory, (16L << k) + random.nextLong(16L << k), request);
        }
        if (random.nextInt(16) == 0) {
            block(memory, MEDIUM_BYTES, request);
        }
        if (random.nextInt(256) == 0) {
            block(memory, LARGE_BYTES, request);
        }
    }

    /** Allocates and writes one block of {@code size >= 16} bytes. */
    void block(ArenaMemory memory, long size, long request) {
        long address = memory.allocate(size, ALIGNMENTS[random.nextInt(ALIGNMENTS.length)]);
        MemorySegment segment = memory.segment(address);
        long offset = Address.offset(address);
        long tag = request * MAX_BLOCKS + count;
        for (long at = 0; at + 8 <= size; at += 4096) {
            segment.set(ValueLayout.JAVA_LONG_UNALIGNED, offset + at, tag);
        }
        segment.set(ValueLayout.JAVA_LONG_UNALIGNED, offset + size - 8, tag);
        if (count < MAX_BLOCKS) {
            addresses[count] = address;
            tags[count++] = tag;
        }
    }

    /**
     * Checks that every block of the last request still holds its tag.
     *
     * @throws IllegalStateException naming the block, if one was overwritten
     */
    void verify(ArenaMemory memory) {
        for (int i = 0; i < count; i++) {
            long found = memory.segment(addresses[i]).get(ValueLayout.JAVA_LONG_UNALIGNED, Address.offset(addresses[i]));
            if (found != tags[i]) {
                throw new IllegalStateException("block " + i + " at " + Long.toHexString(addresses[i])
                        + ": tag " + found + " (expected: " + tags[i] + ")");
            }
        }
    }
}
