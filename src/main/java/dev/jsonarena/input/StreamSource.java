package dev.jsonarena.input;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads an {@link InputStream}. The stream is read to its end and never closed here.
 *
 * <p>Thread-safety: not thread-safe.
 */
public final class StreamSource extends ByteSource {
    private final InputStream in;
    private final long hint;

    /**
     * @param in the stream
     * @param hint the size the caller expects (a {@code Content-Length}), or -1
     */
    public StreamSource(InputStream in, long hint) {
        this.in = in;
        this.hint = hint;
    }

    @Override
    protected int read(byte[] buffer, int offset, int length) throws IOException {
        return in.read(buffer, offset, length);
    }

    @Override
    protected long sizeHint() {
        return hint;
    }

    @Override
    protected String describe() {
        return "stream " + in.getClass().getName();
    }
}
