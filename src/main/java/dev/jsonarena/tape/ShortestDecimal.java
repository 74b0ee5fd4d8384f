package dev.jsonarena.tape;

import java.math.BigInteger;

/**
 * The text of a finite {@code double} or {@code float}: the shortest decimal that reads back as
 * the same value, chosen and laid out exactly as {@link Double#toString(double)} and
 * {@link Float#toString(float)} do, written straight into a sink's buffer (no String, no
 * builder, no heap).
 *
 * <p><b>Choosing the digits</b> (Giulietti's Schubfach method). A positive {@code double} is
 * {@code v = c 2^q} with an integer {@code c}. Every real number strictly closer to {@code v}
 * than to its neighbours reads back as {@code v}; so does an end of that interval when {@code c}
 * is even (ties round to even). The interval is {@code v ± 2^q/2}, except below a power of two
 * whose lower neighbour is nearer ({@code c = 2^52}, not the least exponent), where its lower
 * half is {@code 2^q/4}. Scaled by {@code 10^-k}, with {@code k} the largest integer for which
 * {@code 10^k} is at most the interval's width, the interval is between 1 and 10 wide: it holds
 * at most one multiple of 10 and at least one of the two integers around {@code v 10^-k}. If it
 * holds a multiple of 10, that is the shortest decimal (trailing zeros dropped when written);
 * otherwise the nearer of the two integers that lie in it, the even one on a tie. As
 * {@code Double.toString} requires two digits at least, the shortening step is skipped while the
 * integers have fewer than three digits, and the smallest subnormals (under 10 when scaled: the
 * two smallest doubles, the seven smallest floats) are scaled by ten first.
 *
 * <p>The scaling is a product by a 126-bit approximation of {@code 10^-k} (one row of {@link #G})
 * computed with two extra bits below the units, {@code 4 v 10^-k}, and rounded to odd: the floor,
 * with the lowest bit set when anything below it is not zero. Against a multiple of 2 such a
 * value compares exactly as the real product would, which is all the choice above needs.
 *
 * <p><b>Laying them out</b>: for a decimal {@code d.ddd × 10^x}, plain ({@code 123.45},
 * {@code 0.00123}, at least one digit after the point) when {@code -3 <= x < 7}, else
 * {@code d.dddE±x} with at least one digit after the point ({@code 1.0E7}, {@code 4.9E-324}).
 *
 * <p>Thread-safety: static functions over a table filled once at class initialisation.
 */
final class ShortestDecimal {
    private ShortestDecimal() {}

    /** The most bytes {@link #write} writes: a sign, 17 digits, a point, {@code E-324}. */
    static final int MAX_LENGTH = 24;

    /** The least and greatest {@code e} of the {@code 10^e} in {@link #G}. */
    private static final int E_MIN = -292;
    private static final int E_MAX = 324;
    private static final long LOW_63 = (1L << 63) - 1;

    /**
     * {@code 10^e}, for {@code e} from {@link #E_MIN} to {@link #E_MAX}, as a 126-bit integer
     * {@code g} with {@code 10^e = β 2^r}, {@code 2^125 <= β < 2^126}, {@code g = floor(β) + 1}
     * (an over-estimate by at most one unit), kept as two 63-bit halves:
     * <pre>
     *   G[2 (e - E_MIN)]     = g >>> 63            (high half, below 2^63)
     *   G[2 (e - E_MIN) + 1] = g &amp; (2^63 - 1)     (low half)
     * </pre>
     * {@code r} is {@code floor(log2 10^e) - 125}, see {@link #floorLog2Pow10}.
     */
    private static final long[] G = new long[2 * (E_MAX - E_MIN + 1)];

    static {
        BigInteger low63 = BigInteger.ONE.shiftLeft(63).subtract(BigInteger.ONE);
        for (int e = E_MIN; e <= E_MAX; e++) {
            BigInteger g;
            if (e >= 0) {
                BigInteger p = BigInteger.TEN.pow(e);
                int r = p.bitLength() - 1 - 125;
                g = (r >= 0 ? p.shiftRight(r) : p.shiftLeft(-r)).add(BigInteger.ONE);
            } else {
                // 10^e = 1 / 10^-e and floor(log2 10^e) = -bitLength(10^-e): 10^-e is no power of two.
                BigInteger d = BigInteger.TEN.pow(-e);
                g = BigInteger.ONE.shiftLeft(d.bitLength() + 125).divide(d).add(BigInteger.ONE);
            }
            int row = 2 * (e - E_MIN);
            G[row] = g.shiftRight(63).longValueExact();
            G[row + 1] = g.and(low63).longValueExact();
        }
    }

    /** {@return floor(q log10 2)}, exact for {@code |q| <= 1,100} (checked by the tests) */
    static int floorLog10Pow2(int q) {
        return (int) (q * 661_971_961_083L >> 41);
    }

    /** {@return floor(q log10 2 + log10 3/4)}, exact for {@code |q| <= 1,100} */
    static int floorLog10ThreeQuartersPow2(int q) {
        return (int) (q * 661_971_961_083L - 274_743_187_321L >> 41);
    }

    /** {@return floor(e log2 10)}, exact for {@code |e| <= 400} */
    static int floorLog2Pow10(int e) {
        return (int) (e * 913_124_641_741L >> 38);
    }

    /**
     * Writes {@code v}, finite, into {@code buf} from {@code at}, which has room for
     * {@link #MAX_LENGTH} bytes.
     *
     * @return the index after the last byte written
     */
    static int write(double v, byte[] buf, int at) {
        long bits = Double.doubleToRawLongBits(v);
        int p = at;
        if (bits < 0) {
            buf[p++] = '-';
        }
        return positive(bits & (1L << 52) - 1, (int) (bits >>> 52) & 0x7ff, 52, -1074, 3, buf, p);
    }

    /**
     * Writes {@code v}, finite, into {@code buf} from {@code at} as {@link Float#toString(float)}
     * does: the shortest decimal that reads back as the same {@code float}, by the same method and
     * table (the float's interval, a 24-bit {@code c}), laid out alike.
     *
     * @return the index after the last byte written
     */
    static int write(float v, byte[] buf, int at) {
        int bits = Float.floatToRawIntBits(v);
        int p = at;
        if (bits < 0) {
            buf[p++] = '-';
        }
        return positive(bits & (1 << 23) - 1, bits >>> 23 & 0xff, 23, -149, 8, buf, p);
    }

    /**
     * Writes the positive (or zero) binary floating-point number of the given fraction and biased
     * exponent fields, with {@code precision} fraction bits and {@code qMin} the exponent of its
     * subnormals; a subnormal {@code c} below {@code tiny} is scaled by ten first (its digits at this
     * scale would be fewer than two).
     */
    private static int positive(long fraction, int biased, int precision, int qMin, long tiny, byte[] buf, int p) {
        if (biased != 0) {
            long c = fraction | 1L << precision;
            int q = biased - 1 + qMin;
            if (q < 0 && q > -precision - 1 && (c & (1L << -q) - 1) == 0) {
                return layout(c >> -q, 0, buf, p); // an integer below 2^(precision + 1): its own digits
            }
            return shortest(c, q, fraction == 0 && biased > 1, 0, buf, p);
        }
        if (fraction == 0) {
            buf[p] = '0';
            buf[p + 1] = '.';
            buf[p + 2] = '0';
            return p + 3;
        }
        return fraction < tiny
                ? shortest(10 * fraction, qMin, false, -1, buf, p)
                : shortest(fraction, qMin, false, 0, buf, p);
    }

    /**
     * Writes the shortest decimal of {@code c 2^q 10^dk} ({@code dk} is -1 when {@code c} was
     * scaled by ten to give two digits); {@code uneven} when the lower neighbour is nearer.
     */
    private static int shortest(long c, int q, boolean uneven, int dk, byte[] buf, int p) {
        long open = c & 1;
        long cb = c << 2;
        long cbr = cb + 2;
        long cbl;
        int k;
        if (uneven) {
            cbl = cb - 1;
            k = floorLog10ThreeQuartersPow2(q);
        } else {
            cbl = cb - 2;
            k = floorLog10Pow2(q);
        }
        int h = q + floorLog2Pow10(-k) + 2;
        int row = 2 * (-k - E_MIN);
        long g1 = G[row];
        long g0 = G[row + 1];
        long vb = roundToOdd(g1, g0, cb << h);
        long vbl = roundToOdd(g1, g0, cbl << h) + open;
        long vbr = roundToOdd(g1, g0, cbr << h) - open;
        long s = vb >> 2;
        if (s >= 100) {
            long s10 = s / 10 * 10;
            long t10 = s10 + 10;
            boolean sIn = vbl <= s10 << 2;
            boolean tIn = t10 << 2 <= vbr;
            if (sIn != tIn) {
                return layout(sIn ? s10 : t10, k, buf, p);
            }
        }
        long t = s + 1;
        boolean sIn = vbl <= s << 2;
        boolean tIn = t << 2 <= vbr;
        if (sIn != tIn) {
            return layout(sIn ? s : t, k + dk, buf, p);
        }
        long fromMiddle = vb - (s + t << 1);
        return layout(fromMiddle < 0 || fromMiddle == 0 && (s & 1) == 0 ? s : t, k + dk, buf, p);
    }

    /**
     * {@return floor(g cp / 2^127) with its lowest bit set when the remainder is not zero}, for
     * {@code g = g1 2^63 + g0} and {@code cp} below 2^63: the product is
     * {@code y1 2^127 + (y0 / 2 + x1) 2^64 ...} where {@code y} is {@code g1 cp} and {@code x1} the
     * high half of {@code g0 cp}; the few bits below those fall under the method's error bound.
     */
    private static long roundToOdd(long g1, long g0, long cp) {
        long x1 = Math.multiplyHigh(g0, cp);
        long y0 = g1 * cp;
        long y1 = Math.multiplyHigh(g1, cp);
        long z = (y0 >>> 1) + x1;
        long floor = y1 + (z >>> 63);
        return floor | ((z & LOW_63) + LOW_63) >>> 63;
    }

    /** Writes {@code f 10^e} ({@code f} positive) as {@link Double#toString(double)} does. */
    private static int layout(long f, int e, byte[] buf, int p) {
        int length = JsonTokens.decimalLength(f);
        int x = e + length - 1;
        if (x >= 0 && x < 7) {
            if (length <= x + 1) {
                JsonTokens.writeDigits(f, buf, p + length);
                int end = p + x + 1;
                for (int i = p + length; i < end; i++) {
                    buf[i] = '0';
                }
                buf[end] = '.';
                buf[end + 1] = '0';
                return end + 2;
            }
            JsonTokens.writeDigits(f, buf, p + 1 + length);
            for (int i = 0; i <= x; i++) {
                buf[p + i] = buf[p + 1 + i];
            }
            int point = p + x + 1;
            buf[point] = '.';
            return dropZeros(buf, point, p + 1 + length);
        }
        if (x < 0 && x >= -3) {
            buf[p] = '0';
            buf[p + 1] = '.';
            int start = p + 1 - x;
            for (int i = p + 2; i < start; i++) {
                buf[i] = '0';
            }
            JsonTokens.writeDigits(f, buf, start + length);
            return dropZeros(buf, p + 1, start + length);
        }
        JsonTokens.writeDigits(f, buf, p + 1 + length);
        buf[p] = buf[p + 1];
        buf[p + 1] = '.';
        int end;
        if (length == 1) {
            buf[p + 2] = '0';
            end = p + 3;
        } else {
            end = dropZeros(buf, p + 1, p + 1 + length);
        }
        buf[end++] = 'E';
        if (x < 0) {
            buf[end++] = '-';
            x = -x;
        }
        if (x >= 100) {
            buf[end++] = (byte) ('0' + x / 100);
            x %= 100;
            buf[end++] = (byte) ('0' + x / 10);
        } else if (x >= 10) {
            buf[end++] = (byte) ('0' + x / 10);
        }
        buf[end++] = (byte) ('0' + x % 10);
        return end;
    }

    /** {@return the end of the digits after the point at {@code point}, trailing zeros dropped but one digit kept} */
    private static int dropZeros(byte[] buf, int point, int end) {
        while (end > point + 2 && buf[end - 1] == '0') {
            end--;
        }
        return end;
    }
}
