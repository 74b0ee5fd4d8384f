package dev.jsonarena.bench;

/**
 * The adapter {@link ParseBenchmark} and {@link ParseThreadsBenchmark} drive: one implementation of
 * "parse a request body". Implementations are made by {@link DecoderType#create}.
 *
 * <p>Thread-safety: not thread-safe; one instance per benchmark thread (implementations may share
 * a thread-safe {@link dev.jsonarena.JsonPool}).
 */
public interface Decoder extends AutoCloseable {
    /**
     * Parses {@code json} completely (validated, every value decoded) and lets the result go, as a
     * request handler that is done with the body would.
     *
     * @param json the UTF-8 input
     * @return the member or element count of the root, or -1 if it is a scalar (for a blackhole)
     * @throws RuntimeException the implementation's exception if {@code json} is not valid JSON
     */
    int parse(byte[] json);

    /** Releases what the adapter holds (an open arena); the adapter is not used afterwards. */
    @Override
    void close();
}
