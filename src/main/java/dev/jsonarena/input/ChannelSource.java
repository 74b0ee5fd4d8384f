package dev.jsonarena.input;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * Reads a blocking {@link ReadableByteChannel} into a heap buffer over the window, so the channel
 * never holds a buffer of arena memory. The channel is read to its end and never closed here.
 *
 * <p>Thread-safety: not thread-safe.
 */
public final class ChannelSource extends ByteSource {
    private final ReadableByteChannel channel;
    private final long hint;
    private byte[] wrapped;
    private ByteBuffer buffer;

    /**
     * @param channel the channel, in blocking mode
     * @param hint the size the caller expects (a file's remaining size), or -1
     */
    public ChannelSource(ReadableByteChannel channel, long hint) {
        this.channel = channel;
        this.hint = hint;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IOException also if the channel's count is not what it put into the buffer (the
     *     position it left there), as the bytes it counted would be read from what the array held
     */
    @Override
    protected int read(byte[] array, int offset, int length) throws IOException {
        if (wrapped != array) {
            wrapped = array;
            buffer = ByteBuffer.wrap(array);
        }
        buffer.limit(offset + length).position(offset);
        int n = channel.read(buffer);
        if (n > 0 && buffer.position() != offset + n) {
            throw new IOException(describe() + " reported " + n + " bytes read but moved its buffer's position by "
                    + (buffer.position() - offset) + " (expected: the count of the bytes it put there)");
        }
        return n;
    }

    @Override
    protected long sizeHint() {
        return hint;
    }

    @Override
    protected String describe() {
        return "channel " + channel.getClass().getName();
    }
}
