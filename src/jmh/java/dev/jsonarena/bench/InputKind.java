package dev.jsonarena.bench;

import dev.jsonarena.JsonArena;
import dev.jsonarena.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;

/**
 * How {@link StreamParseBenchmark} hands the same bytes to jsonarena: the {@code parse} entry point
 * and the source object. Every source is made once per trial over the input ({@link #open}), and
 * each parse rewinds it ({@code ByteArrayInputStream.reset()}: two field writes), so an operation
 * times the parse, not the making of a stream.
 *
 * <p>Thread-safety: immutable; {@link #open} returns a new, unshared {@link Source}.
 */
public enum InputKind {
    /** {@code arena.parse(byte[])}: the array is parsed in place (no window, no copy). */
    BYTES {
        @Override
        public Source open(byte[] json) {
            return arena -> arena.parse(json);
        }
    },
    /**
     * {@code arena.parse(InputStream)} on a {@code ByteArrayInputStream}. No size hint is given, so
     * the parse asks {@code available()}, which a {@code ByteArrayInputStream} answers exactly: the
     * arena is sized as with {@link #STREAM_SIZE_HINT}.
     */
    STREAM {
        @Override
        public Source open(byte[] json) {
            ByteArrayInputStream in = new ByteArrayInputStream(json);
            return arena -> {
                in.reset();
                return arena.parse(in);
            };
        }
    },
    /** {@code arena.parse(InputStream, json.length, pool limits)}: a stream with its size given (a Content-Length). */
    STREAM_SIZE_HINT {
        @Override
        public Source open(byte[] json) {
            ByteArrayInputStream in = new ByteArrayInputStream(json);
            long size = json.length;
            return arena -> {
                in.reset();
                return arena.parse(in, size, arena.pool().limits());
            };
        }
    },
    /**
     * {@code arena.parse(InputStream)} on a stream whose {@code available()} is 0, as for a body of
     * unknown length (chunked, or a socket with nothing buffered yet): the parse sizes its arena
     * memory from what it has read and grows it.
     */
    STREAM_NO_SIZE {
        @Override
        public Source open(byte[] json) {
            ByteArrayInputStream in = unknownSize(json);
            return arena -> {
                in.reset();
                return arena.parse(in);
            };
        }
    },
    /**
     * {@code arena.parse(ReadableByteChannel)} on {@code Channels.newChannel} of a
     * {@code ByteArrayInputStream}: not a {@code FileChannel}, so no size is known (as for
     * {@link #STREAM_NO_SIZE}), and the JDK's adapter reads the stream through its own buffer.
     */
    CHANNEL {
        @Override
        public Source open(byte[] json) {
            ByteArrayInputStream in = new ByteArrayInputStream(json);
            ReadableByteChannel channel = Channels.newChannel(in);
            return arena -> {
                in.reset();
                return arena.parse(channel);
            };
        }
    },
    /**
     * {@code arena.parse(MemorySegment)} on a native segment (of a shared {@link Arena}) holding a
     * copy of the input made once, in {@link #open}; closing the source frees it.
     */
    NATIVE_SEGMENT {
        @Override
        public Source open(byte[] json) {
            Arena nativeArena = Arena.ofShared();
            MemorySegment segment = nativeArena.allocate(json.length, 8);
            MemorySegment.copy(MemorySegment.ofArray(json), 0, segment, 0, json.length);
            return new Source() {
                @Override
                public JsonValue parse(JsonArena arena) {
                    return arena.parse(segment);
                }

                @Override
                public void close() {
                    nativeArena.close();
                }
            };
        }
    };

    /**
     * Makes the source of this kind over {@code json}.
     *
     * @param json the input; not copied except by {@link #NATIVE_SEGMENT}, must not change
     * @return the source, for one thread
     */
    public abstract Source open(byte[] json);

    /** {@return a {@code ByteArrayInputStream} over {@code json} whose {@code available()} is always 0} */
    static ByteArrayInputStream unknownSize(byte[] json) {
        return new ByteArrayInputStream(json) {
            @Override
            public synchronized int available() {
                return 0;
            }
        };
    }

    /** One input, ready to be parsed again and again. Not thread-safe. */
    public interface Source extends AutoCloseable {
        /**
         * Parses the whole input (from its first byte again) into {@code arena}.
         *
         * @param arena an open arena
         * @return the root value
         * @throws IOException if the stream or channel fails (never, for these in-memory sources)
         */
        JsonValue parse(JsonArena arena) throws IOException;

        /** Frees what the source holds (the native copy); the source is not used afterwards. */
        @Override
        default void close() {}
    }
}
