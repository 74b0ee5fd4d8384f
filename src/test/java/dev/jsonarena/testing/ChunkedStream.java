package dev.jsonarena.testing;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * A stream of fixed bytes for tests, read in pieces of at most a chunk, that plays a caller's
 * stream: a hook runs at the start of every {@code read} (to throw, or to close, reset or re-enter
 * what is reading it) and a spy sees the array after each copy (to keep it, or to look at all of
 * it). The single-byte {@code read} is refused: the library reads arrays.
 *
 * <p>Thread-safety: {@code read} is synchronized, so two threads may read one stream.
 */
public final class ChunkedStream extends InputStream {
    /** What runs at the start of a {@code read}. */
    @FunctionalInterface
    public interface BeforeRead {
        /**
         * Runs before read {@code call} (from 1) copies anything into {@code array}.
         *
         * @param call which read this is
         * @param array the array the read is given
         * @throws IOException to fail the read
         */
        void run(int call, byte[] array) throws IOException;
    }

    private final byte[] data;
    private final int chunk;
    private BeforeRead before = (call, array) -> { };
    private Consumer<byte[]> after = array -> { };
    private int position;
    private int calls;

    private ChunkedStream(byte[] data, int chunk) {
        this.data = data;
        this.chunk = chunk;
    }

    /** {@return a stream of {@code data} in reads of at most {@code chunk} bytes} */
    public static ChunkedStream of(byte[] data, int chunk) {
        return new ChunkedStream(data, chunk);
    }

    /** {@return this stream, running {@code hook} at the start of every read} */
    public ChunkedStream beforeRead(BeforeRead hook) {
        this.before = hook;
        return this;
    }

    /** {@return this stream, handing the array to {@code spy} after every copy} */
    public ChunkedStream afterRead(Consumer<byte[]> spy) {
        this.after = spy;
        return this;
    }

    @Override
    public int read() {
        throw new UnsupportedOperationException("the library reads arrays");
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
        before.run(++calls, b);
        int n = Math.min(Math.min(len, chunk), data.length - position);
        if (n <= 0) {
            return -1;
        }
        System.arraycopy(data, position, b, off, n);
        position += n;
        after.accept(b);
        return n;
    }
}
