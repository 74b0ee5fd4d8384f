package dev.jsonarena.memory;

/**
 * A run of pages carved into equal slots of one size class, with a stack of its free slots.
 *
 * <p>Thread-safety: not thread-safe; guarded by the lock of its {@link CentralList}.
 */
final class Span {
    final Chunk chunk;
    final int firstPage;
    final int sizeClass;
    final int slotSize;
    final int slotCount;
    private final int[] free;
    int freeCount;
    /** Links in the central list's list of spans with free slots. */
    Span prev, next;
    boolean listed;

    Span(Chunk chunk, int firstPage, int sizeClass) {
        this.chunk = chunk;
        this.firstPage = firstPage;
        this.sizeClass = sizeClass;
        this.slotSize = SizeClasses.size(sizeClass);
        this.slotCount = SizeClasses.slotsPerSpan(sizeClass);
        this.free = new int[slotCount];
        for (int i = 0; i < slotCount; i++) {
            free[i] = slotCount - 1 - i; // low addresses are handed out first
        }
        this.freeCount = slotCount;
    }

    int pages() {
        return SizeClasses.pagesPerSpan(sizeClass);
    }

    long startOffset() {
        return (long) firstPage << SizeClasses.PAGE_SHIFT;
    }

    long take() {
        int slot = free[--freeCount];
        return Address.of(chunk.id, startOffset() + (long) slot * slotSize);
    }

    void put(long address) {
        long rel = Address.offset(address) - startOffset();
        int slot = (int) (rel / slotSize);
        assert rel % slotSize == 0 && slot < slotCount : "not a slot of this span: " + rel;
        free[freeCount++] = slot;
    }

    boolean isEmpty() {
        return freeCount == slotCount;
    }
}
