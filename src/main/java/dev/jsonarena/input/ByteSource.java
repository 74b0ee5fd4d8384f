package dev.jsonarena.input;

import java.io.IOException;

/**
 * Where an {@link InputWindow} gets its bytes: a stream, a channel or memory the caller holds. A
 * source reads into the heap array it is given and nothing else, so user code (a stream's
 * {@code read}, a channel's {@code read}) never sees arena memory.
 *
 * <p>Thread-safety: not thread-safe; used by one parse at a time.
 */
public abstract class ByteSource {
    /**
     * Reads up to {@code length} bytes into {@code buffer[offset, offset + length)}.
     *
     * @return the bytes read, 0 if none were available this time, or -1 at the end
     * @throws IOException if reading fails
     */
    protected abstract int read(byte[] buffer, int offset, int length) throws IOException;

    /**
     * {@return how many bytes the source expects to deliver in all, or -1 if unknown}: a hint for
     * sizing memory, never trusted for safety.
     */
    protected long sizeHint() {
        return -1;
    }

    /**
     * {@return whether {@link #sizeHint()} is the exact size (memory the caller holds, a regular
     * file), so memory may be sized from it at once; a stream's hint is only a hint}
     */
    protected boolean sizeIsExact() {
        return false;
    }

    /** {@return what this source reads from, for error messages} */
    protected abstract String describe();
}
