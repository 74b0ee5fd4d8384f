package dev.jsonarena.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a few-fields reader ({@link FewFields}) puts the values it read: summed, so nothing is
 * dead code, and, for tests, optionally recorded in order.
 *
 * <p>Thread-safety: not thread-safe; one instance per benchmark thread.
 */
public final class FieldSink {
    /** Records (array elements) visited. */
    public long records;
    /** Numbers read. */
    public long numbers;
    /** Sum of the numbers read, mod 2<sup>64</sup>. */
    public long numberSum;
    /** Strings read. */
    public long strings;
    /** Sum of {@link String#hashCode()} of the strings read. */
    public long stringHashes;
    /** Booleans read that were true. */
    public long trues;
    private final List<Object> values;

    /** Creates a sink that only sums (for benchmarks). */
    public FieldSink() {
        this(false);
    }

    private FieldSink(boolean record) {
        this.values = record ? new ArrayList<>() : null;
    }

    /** {@return a sink that also keeps every value read, in order (for tests)} */
    public static FieldSink recording() {
        return new FieldSink(true);
    }

    /** {@return the values read in order: {@code Long}, {@code String} or {@code Boolean}; empty unless recording} */
    public List<Object> values() {
        return values == null ? List.of() : values;
    }

    /** Sets the sums to zero and forgets recorded values. */
    public void clear() {
        records = numbers = numberSum = strings = stringHashes = trues = 0;
        if (values != null) {
            values.clear();
        }
    }

    void record() {
        records++;
    }

    void number(long v) {
        numbers++;
        numberSum += v;
        if (values != null) {
            values.add(v);
        }
    }

    void string(String s) {
        strings++;
        stringHashes += s.hashCode();
        if (values != null) {
            values.add(s);
        }
    }

    void bool(boolean b) {
        if (b) {
            trues++;
        }
        if (values != null) {
            values.add(b);
        }
    }

    /** {@return a checksum of the sums, for a blackhole} */
    public long checksum() {
        return records + 31 * numbers + 37 * numberSum + 41 * strings + 43 * stringHashes + 47 * trues;
    }

    @Override
    public String toString() {
        return "FieldSink[records=" + records + ", numbers=" + numbers + ", numberSum=" + numberSum + ", strings="
                + strings + ", stringHashes=" + stringHashes + ", trues=" + trues + "]";
    }
}
