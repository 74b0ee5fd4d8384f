package dev.jsonarena.bench;

/**
 * What a walk of a whole document saw: counts and order-independent sums over every value, so
 * that walks of different decoders (document order for jsonarena, hash order for a
 * {@code HashMap}) can be compared exactly, and so that the JIT cannot drop the work.
 *
 * <p><b>Numbers.</b> A number counts as an integer when its double value is integral and below
 * 2<sup>63</sup> in magnitude and its exact value fits a long; the exact long is added to
 * {@link #integerSum} (mod 2<sup>64</sup>). Any other number adds the raw bits of its double to
 * {@link #doubleBits} (a sum, so the order does not matter and no rounding enters).
 *
 * <p>Thread-safety: not thread-safe; one instance per benchmark thread.
 */
public final class WalkTotals {
    /** Objects seen. */
    public long objects;
    /** Arrays seen. */
    public long arrays;
    /** Member names seen. */
    public long keys;
    /** UTF-16 length of the member names materialised. */
    public long keyChars;
    /** Sum of {@link String#hashCode()} of the member names materialised. */
    public long keyHashes;
    /** Strings seen (member names excluded). */
    public long strings;
    /** UTF-16 length of the strings materialised. */
    public long stringChars;
    /** Sum of {@link String#hashCode()} of the strings materialised. */
    public long stringHashes;
    /** UTF-8 length of the strings read in place (walks that do not materialise them). */
    public long stringUtf8Bytes;
    /** Numbers seen. */
    public long numbers;
    /** Numbers counted as integers. */
    public long integers;
    /** Sum of the integers, mod 2<sup>64</sup>. */
    public long integerSum;
    /** Sum of the raw bits of the other numbers' doubles, mod 2<sup>64</sup>. */
    public long doubleBits;
    /** {@code true} literals. */
    public long trues;
    /** {@code false} literals. */
    public long falses;
    /** {@code null} literals. */
    public long nulls;

    /** Sets every total to zero. */
    public void clear() {
        objects = arrays = keys = keyChars = keyHashes = 0;
        strings = stringChars = stringHashes = stringUtf8Bytes = 0;
        numbers = integers = integerSum = doubleBits = 0;
        trues = falses = nulls = 0;
    }

    /** {@return whether {@code d} is integral and below 2<sup>63</sup> in magnitude} */
    public static boolean integral(double d) {
        return d == Math.rint(d) && Math.abs(d) < 0x1p63;
    }

    void key(String name) {
        keys++;
        keyChars += name.length();
        keyHashes += name.hashCode();
    }

    void string(String s) {
        strings++;
        stringChars += s.length();
        stringHashes += s.hashCode();
    }

    void stringInPlace(int utf8Length) {
        strings++;
        stringUtf8Bytes += utf8Length;
    }

    void integer(long v) {
        numbers++;
        integers++;
        integerSum += v;
    }

    void decimal(double d) {
        numbers++;
        doubleBits += Double.doubleToRawLongBits(d);
    }

    /** {@return a checksum of every total, for a blackhole} */
    public long checksum() {
        return objects + 3 * arrays + 5 * keys + 7 * keyChars + 11 * keyHashes + 13 * strings + 17 * stringChars
                + 19 * stringHashes + 23 * stringUtf8Bytes + 29 * numbers + 31 * integers + 37 * integerSum
                + 41 * doubleBits + 43 * trues + 47 * falses + 53 * nulls;
    }

    @Override
    public String toString() {
        return "WalkTotals[objects=" + objects + ", arrays=" + arrays + ", keys=" + keys + ", keyChars=" + keyChars
                + ", strings=" + strings + ", stringChars=" + stringChars + ", stringUtf8Bytes=" + stringUtf8Bytes
                + ", numbers=" + numbers + ", integers=" + integers + ", integerSum=" + integerSum
                + ", doubleBits=" + doubleBits + ", trues=" + trues + ", falses=" + falses + ", nulls=" + nulls + "]";
    }
}
