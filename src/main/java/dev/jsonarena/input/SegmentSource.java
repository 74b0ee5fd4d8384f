package dev.jsonarena.input;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Reads {@code [offset, offset + length)} of a {@link MemorySegment} (native memory, a direct
 * buffer, a mapped file) by copying it into the window, a window at a time.
 *
 * <p>Thread-safety: not thread-safe.
 */
public final class SegmentSource extends ByteSource {
    private MemorySegment segment;
    private long position;
    private long end;

    /**
     * Starts reading {@code [offset, offset + length)} of {@code segment}.
     *
     * @param segment the memory, readable from this thread
     * @param offset where the bytes start
     * @param length how many bytes there are
     */
    public void open(MemorySegment segment, long offset, long length) {
        this.segment = segment;
        this.position = offset;
        this.end = offset + length;
    }

    /** Lets go of the segment. */
    public void close() {
        this.segment = null;
        this.position = 0;
        this.end = 0;
    }

    @Override
    protected int read(byte[] buffer, int offset, int length) {
        long n = Math.min(length, end - position);
        if (n <= 0) {
            return -1;
        }
        MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, position, buffer, offset, (int) n);
        position += n;
        return (int) n;
    }

    @Override
    protected long sizeHint() {
        return end - position;
    }

    @Override
    protected boolean sizeIsExact() {
        return true;
    }

    @Override
    protected String describe() {
        return "memory segment";
    }
}
