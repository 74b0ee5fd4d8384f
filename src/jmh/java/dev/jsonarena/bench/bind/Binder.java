package dev.jsonarena.bench.bind;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * One binder under test, behind the one interface the benchmarks call: bind an input to its record
 * type (an NDJSON input to a list, one record per line), and write a bound value.
 *
 * <p>Thread-safety: not thread-safe; one per benchmark thread.
 */
public interface Binder {
    /** {@return {@code in} bound to its type} */
    Object bind(BindInput in);

    /** Writes {@code value} as compact JSON to {@code out}. */
    void write(Object value, ByteArrayOutputStream out) throws IOException;
}
