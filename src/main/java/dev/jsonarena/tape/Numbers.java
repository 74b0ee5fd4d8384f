package dev.jsonarena.tape;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Exact conversions of the three number forms of the {@link Tape} ({@code INT}, {@code DEC},
 * {@code NUMBER} text) to Java numbers.
 *
 * <ul>
 *   <li>{@code asLong}: exact or {@link ArithmeticException}. A number whose exact value is an
 *       integer in range converts whatever its form: {@code 1.0}, {@code 1e2} and {@code -0} give
 *       1, 100 and 0; {@code 1.5} and {@code 1e19} throw.</li>
 *   <li>{@code asDouble}: bit for bit the double {@link Double#parseDouble} gives for the same text
 *       (correctly rounded, ties to even; {@code -0} keeps its sign; out of range gives an infinity
 *       or a zero, as there). A number of at most 19 significant digits, with or without exponent,
 *       converts without allocating: Clinger's fast path when the significand is at most 2^53 and
 *       the power of ten at most 10^22 (one exact multiplication or division, so correctly
 *       rounded), else the Eisel-Lemire algorithm (below). Only when that algorithm cannot decide
 *       the rounding (never seen in tests; see {@link #eiselLemireBits}), and for text of more than
 *       19 significant digits whose two 19-digit bounds round differently, is the text given to
 *       {@link Double#parseDouble}.</li>
 *   <li>{@code asBigInteger}: exact, or {@link ArithmeticException} if the value is not an integer,
 *       or if its integer form would have more than {@value #MAX_BIG_INTEGER_DIGITS} digits
 *       ({@code 1e1000000000} is one short literal but a 415 MB integer).</li>
 *   <li>{@code asBigDecimal}: exact, or {@link ArithmeticException} if the exponent is outside
 *       what {@link BigDecimal} represents (a scale beyond {@code int}).</li>
 * </ul>
 *
 * <p>Thread-safety: static functions of immutable tables; thread-safe.
 */
public final class Numbers {
    /*
     * Implementation notes: decimal to double (Eisel-Lemire).
     *
     * The value is w * 10^q with w an unsigned 64-bit significand and q the decimal exponent
     * (D. Lemire, "Number parsing at a gigabyte per second", Software: Practice and Experience 51(8),
     * 2021; N. Mushtak and D. Lemire, "Fast number parsing without fallback", SPE 53(7), 2023).
     *
     * 10^q = 5^q * 2^q. A table holds, for q in -342..308, 5^q as T * 2^e with T a 128-bit integer in
     * [2^127, 2^128), truncated (so T <= 5^q / 2^e < T + 1; exact for 0 <= q <= 55, and T's low word
     * is zero for 0 <= q <= 27). Shifting w left to w' in [2^63, 2^64) (by lz bits), the exact
     * product P = w' * 5^q / 2^e is a real in [2^190, 2^192), and value = P * 2^(e + q - lz).
     *
     * P' = w' * T (192 bits) satisfies P' <= P < P' + w'. The top 54 bits of P (53 for the double
     * and one rounding bit) are M = floor(P / 2^K) with K = 137 + (bit 191 of P). First only the high
     * 128 bits w' * T_hi are computed: P / 2^64 lies in [H, H + w'), so if H mod 2^73 <= 2^73 - w'
     * no multiple of 2^73 (a fortiori of 2^K, and 2^191 itself) lies in the interval and M is known.
     * Otherwise w' * T_lo is added and the same test is made on the full 192 bits: P lies in
     * [P', P' + w'). If even that interval holds a multiple of 2^137 the answer is "ambiguous".
     *
     * Rounding. When M is known and T is inexact, P is not a multiple of 2^K unless the value is a
     * short dyadic fraction, and then P' lies just below a multiple of 2^K, which is exactly the
     * ambiguous case; so a non-ambiguous inexact result has a non-zero remainder, no tie is possible,
     * and rounding M's low bit up is correctly rounded. Exact ties need 5^q * (odd part of w) to fit
     * in 54 bits: q in 0..23, where T is exact with a zero low word (P = P' exactly, so the tie test
     * is exact), or q in -4..-1 with 5^-q dividing w, which lands in the ambiguous case and is
     * converted exactly as (w / 5^-q) * 2^q (an exact long-to-double rounding, then an exact
     * scaling). Other ambiguous results return NO_BITS and the caller parses the text.
     *
     * Exponent: the biased exponent is be = e + q - lz + 137 + msb + 1076. be >= 0x7FF is an
     * infinity; be <= 0 is subnormal, rounded once from M at the subnormal position (no ties are
     * possible there: they would need 5^-q to divide w with q below -300).
     */

    private Numbers() {}

    /** The most digits {@link #bigInteger} produces. */
    public static final int MAX_BIG_INTEGER_DIGITS = 10_000;

    /*
     * The small tables below are read for every number converted. Each keeps TABLE_AT unused
     * elements (64 bytes) before and after its values, so no value shares a cache line with another
     * object: a table next to an object written by another thread slows every reader down (see
     * Parser.POW10, where that halved two-thread parse throughput).
     */
    private static final int TABLE_AT = 8;
    /** Exact powers of ten as doubles: 10^0..10^22 at {@code POW10_DOUBLE[TABLE_AT + k]}. */
    private static final int POW10_DOUBLES = 23;
    private static final double[] POW10_DOUBLE = new double[TABLE_AT + POW10_DOUBLES + TABLE_AT];
    /** Powers of ten as longs: 10^0..10^18 at {@code POW10_LONG[TABLE_AT + k]}. */
    private static final int POW10_LONGS = 19;
    private static final long[] POW10_LONG = new long[TABLE_AT + POW10_LONGS + TABLE_AT];

    static {
        double d = 1;
        for (int i = 0; i < POW10_DOUBLES; i++) {
            POW10_DOUBLE[TABLE_AT + i] = d;
            d *= 10;
        }
        long l = 1;
        for (int i = 0; i < POW10_LONGS; i++) {
            POW10_LONG[TABLE_AT + i] = l;
            l *= 10;
        }
    }

    /** {@return the exact text of a DEC number} */
    public static String decText(boolean negative, int fractionDigits, long significand) {
        String digits = Long.toUnsignedString(significand);
        StringBuilder sb = new StringBuilder(digits.length() + 3);
        if (negative) {
            sb.append('-');
        }
        for (int i = digits.length(); i < fractionDigits + 1; i++) {
            sb.append('0');
        }
        sb.append(digits);
        if (fractionDigits > 0) {
            sb.insert(sb.length() - fractionDigits, '.');
        }
        return sb.toString();
    }

    /**
     * {@return a DEC number as a double: bit for bit {@link Double#parseDouble} of its text}
     * It allocates nothing (see {@link #eiselLemireBits} for the one exception).
     *
     * @param negative       the sign
     * @param fractionDigits the digits after the point (value = significand / 10^fractionDigits)
     * @param significand    the unsigned significand
     */
    public static double decDouble(boolean negative, int fractionDigits, long significand) {
        if (significand >= 0 && significand <= (1L << 53) && fractionDigits < POW10_DOUBLES) {
            double d = (double) significand / POW10_DOUBLE[TABLE_AT + fractionDigits];
            return negative ? -d : d;
        }
        return decimalToDouble(negative, significand, -fractionDigits);
    }

    /**
     * {@return {@code (negative ? -1 : 1) * significand * 10^exponent}, correctly rounded to a
     * double as {@link Double#parseDouble} rounds it}: ties to even, a zero significand gives a
     * zero of the given sign, values beyond the double range an infinity or a zero. It allocates
     * nothing except in the rare case described at {@link #eiselLemireBits}, where it parses the
     * text {@code significand + "e" + exponent}.
     *
     * @param negative    the sign
     * @param significand the significand, unsigned 64 bits
     * @param exponent    the power of ten
     */
    public static double decimalToDouble(boolean negative, long significand, int exponent) {
        if (significand >= 0 && significand <= (1L << 53)
                && exponent >= -22 && exponent <= 22) {
            if (significand == 0) {
                return negative ? -0.0 : 0.0;
            }
            double d = exponent >= 0 ? significand * POW10_DOUBLE[TABLE_AT + exponent]
                    : significand / POW10_DOUBLE[TABLE_AT - exponent];
            return negative ? -d : d;
        }
        long bits = eiselLemireBits(significand, exponent);
        if (bits == NO_BITS) {
            return Double.parseDouble((negative ? "-" : "") + Long.toUnsignedString(significand) + "e" + exponent);
        }
        return Double.longBitsToDouble(negative ? bits | SIGN_BIT : bits);
    }

    /** What {@link #eiselLemireBits} returns when it cannot decide the rounding: a NaN pattern. */
    public static final long NO_BITS = -1L;

    private static final long SIGN_BIT = 1L << 63;
    private static final long INFINITY_BITS = 0x7FFL << 52;
    private static final long MANTISSA_MASK = (1L << 52) - 1;
    private static final int MIN_EXPONENT = -342;
    private static final int MAX_EXPONENT = 308;
    /** Powers of five: 5^0..5^27 at {@code POW5_LONG[TABLE_AT + k]} (margins as for the tables above). */
    private static final int POW5_LONGS = 28;
    private static final long[] POW5_LONG = new long[TABLE_AT + POW5_LONGS + TABLE_AT];

    static {
        long p = 1;
        for (int i = 0; i < POW5_LONGS; i++) {
            POW5_LONG[TABLE_AT + i] = p;
            p *= 5;
        }
    }

    /**
     * {@return the raw bits of the positive double nearest {@code significand * 10^exponent} (ties
     * to even), or {@link #NO_BITS} if the Eisel-Lemire algorithm cannot decide the rounding}
     * See the implementation notes in the source. The product of the significand and a truncated
     * 128-bit power of five (192 bits) brackets the exact product within one unit of the
     * significand; {@code NO_BITS} means that bracket straddles a rounding boundary. Exact values
     * there (a short dyadic fraction, such as {@code 1.500000000000000000}) and exact halfway cases
     * are decided exactly. The tests count {@code NO_BITS} over millions of hard inputs and have
     * not met it; Mushtak and Lemire show that with a 128-bit table (theirs rounds negative powers
     * up) a 64-bit significand never needs a fallback. Allocates nothing.
     *
     * @param significand the significand, unsigned 64 bits; zero gives +0.0
     * @param exponent    the power of ten; below -342 gives +0.0, above 308 an infinity (unless
     *                    the significand is zero)
     */
    public static long eiselLemireBits(long significand, int exponent) {
        if (significand == 0 || exponent < MIN_EXPONENT) {
            return 0;
        }
        if (exponent > MAX_EXPONENT) {
            return INFINITY_BITS;
        }
        int lz = Long.numberOfLeadingZeros(significand);
        long w = significand << lz;
        int i = exponent - MIN_EXPONENT;
        long tHi = PowersOfFive.HI[i];
        long hi = Math.unsignedMultiplyHigh(w, tHi);
        long lo = w * tHi;
        boolean exact = exponent >= 0 && exponent <= 27; // T exact and its low word zero: P = (hi, lo) * 2^64
        if (!exact && (hi & 0x1FF) == 0x1FF && Long.compareUnsigned(lo + w, lo) < 0) {
            long tLo = PowersOfFive.LO[i];
            long yHi = Math.unsignedMultiplyHigh(w, tLo);
            long yLo = w * tLo;
            long merged = lo + yHi;
            if (Long.compareUnsigned(merged, lo) < 0) {
                hi++;
            }
            lo = merged;
            if ((hi & 0x1FF) == 0x1FF && lo == -1L && Long.compareUnsigned(yLo + w, yLo) < 0) {
                return dyadicBits(significand, exponent);
            }
        }
        int msb = (int) (hi >>> 63);
        long m = hi >>> (9 + msb); // 54 bits: the 53 of the double and the rounding bit
        int be = PowersOfFive.BIAS[i] + msb - lz;
        if (be <= 0) {
            int shift = 2 - be; // the subnormal position; no ties here (see the notes)
            return shift > 55 ? 0 : ((m >>> (shift - 1)) + 1) >>> 1;
        }
        if (exact && (m & 3) == 1 && (hi & ((1L << (9 + msb)) - 1)) == 0 && lo == 0) {
            m ^= 1; // exactly halfway to an odd neighbour: round down to the even one
        }
        m = (m + 1) >>> 1;
        if (m == 1L << 53) {
            m = 1L << 52;
            be++;
        }
        if (be >= 0x7FF) {
            return INFINITY_BITS;
        }
        return ((long) be << 52) | (m & MANTISSA_MASK);
    }

    /** The ambiguous case: exact if the value is a dyadic fraction (w / 5^-q) * 2^q, else NO_BITS. */
    private static long dyadicBits(long significand, int exponent) {
        if (exponent < 0 && exponent > -POW5_LONGS) {
            long p = POW5_LONG[TABLE_AT - exponent];
            if (Long.remainderUnsigned(significand, p) == 0) {
                // the quotient is below 2^64 / 5 < 2^63: a positive long, rounded to nearest even by the cast
                long m = Long.divideUnsigned(significand, p);
                return Double.doubleToRawLongBits(Math.scalb((double) m, exponent));
            }
        }
        return NO_BITS;
    }

    /**
     * 5^q for q in -342..308 as T * 2^e, T a truncated 128-bit integer in [2^127, 2^128) split in
     * {@code HI} and {@code LO} words; {@code BIAS} is e + q + 137 + 1076, the biased double
     * exponent before the msb and leading-zero corrections. Computed exactly once with BigInteger
     * (a holder class, so Clinger-only use never builds it).
     */
    private static final class PowersOfFive {
        static final long[] HI = new long[MAX_EXPONENT - MIN_EXPONENT + 1];
        static final long[] LO = new long[HI.length];
        static final int[] BIAS = new int[HI.length];

        static {
            BigInteger p = BigInteger.ONE;
            for (int q = 0; q <= MAX_EXPONENT; q++, p = p.multiply(BigInteger.valueOf(5))) {
                int e = p.bitLength() - 128;
                put(q, e >= 0 ? p.shiftRight(e) : p.shiftLeft(-e), e);
            }
            p = BigInteger.ONE;
            for (int q = -1; q >= MIN_EXPONENT; q--) {
                p = p.multiply(BigInteger.valueOf(5));
                int b = p.bitLength();
                put(q, BigInteger.ONE.shiftLeft(127 + b).divide(p), -(127 + b));
            }
        }

        private static void put(int q, BigInteger t, int e) {
            if (t.bitLength() != 128) {
                throw new AssertionError("5^" + q + " is not normalised to 128 bits: " + t.toString(16));
            }
            int i = q - MIN_EXPONENT;
            HI[i] = t.shiftRight(64).longValue();
            LO[i] = t.longValue();
            BIAS[i] = e + q + 137 + 1076;
        }
    }

    /** {@return a DEC number as a long} @throws ArithmeticException if not an integer or out of range */
    public static long decLong(boolean negative, int fractionDigits, long significand) {
        long q = significand;
        if (fractionDigits > 0) {
            if (fractionDigits >= POW10_LONGS) {
                // 19 fraction digits of a 19-digit significand: the value is below 1
                if (significand != 0) {
                    throw notInteger(decText(negative, fractionDigits, significand));
                }
                return 0;
            }
            long p = POW10_LONG[TABLE_AT + fractionDigits];
            if (Long.remainderUnsigned(significand, p) != 0) {
                throw notInteger(decText(negative, fractionDigits, significand));
            }
            q = Long.divideUnsigned(significand, p);
        }
        if (negative) {
            if (Long.compareUnsigned(q, Long.MIN_VALUE) > 0) {
                throw outOfRange(decText(true, fractionDigits, significand), "long");
            }
            return -q;
        }
        if (q < 0) {
            throw outOfRange(decText(false, fractionDigits, significand), "long");
        }
        return q;
    }

    /** {@return a DEC number as a BigDecimal} */
    public static BigDecimal decBigDecimal(boolean negative, int fractionDigits, long significand) {
        BigInteger unscaled = significand >= 0 ? BigInteger.valueOf(significand)
                : new BigInteger(Long.toUnsignedString(significand));
        return new BigDecimal(negative ? unscaled.negate() : unscaled, fractionDigits);
    }

    /** {@return the text of a NUMBER as a double: {@link Double#parseDouble} of it} */
    public static double textDouble(String text) {
        return Double.parseDouble(text);
    }

    /**
     * {@return the JSON number whose UTF-8 text is at {@code offset} of {@code text}, as a double}:
     * bit for bit {@link Double#parseDouble} of that text. It reads the sign, digits, fraction and
     * exponent from the bytes (exponents saturate, so {@code 1e99999999999} is an infinity and
     * {@code 0e99999999999} a zero) and allocates nothing when the number has at most 19
     * significant digits (leading zeros do not count, nor trailing zeros past the 19th digit). With
     * more, it converts the 19-digit truncation and its successor; if both give the same double,
     * that is the answer, else the text is parsed by {@link Double#parseDouble}, as is text that is
     * not a JSON number.
     *
     * @param text   the segment holding the number
     * @param offset the byte offset of the number's first byte
     * @param length the number's length in bytes
     * @throws NumberFormatException if the bytes are not a number {@link Double#parseDouble} accepts
     * @throws IndexOutOfBoundsException if the range is outside the segment
     */
    public static double textDouble(MemorySegment text, long offset, int length) {
        int p = 0;
        int b = byteAt(text, offset, p, length);
        boolean negative = b == '-';
        if (negative) {
            b = byteAt(text, offset, ++p, length);
        }
        long w = 0;
        int kept = 0;              // significant digits in w
        long scale = 0;            // value = w * 10^(scale + exponent)
        boolean truncated = false; // a non-zero digit was dropped past the 19th
        int start = p;
        while (b >= '0' && b <= '9') {
            if (kept < 19) {
                w = w * 10 + (b - '0');
                kept += w != 0 ? 1 : 0;
            } else {
                scale++;
                truncated |= b != '0';
            }
            b = byteAt(text, offset, ++p, length);
        }
        boolean wellFormed = p > start;
        if (b == '.') {
            b = byteAt(text, offset, ++p, length);
            start = p;
            while (b >= '0' && b <= '9') {
                if (kept < 19) {
                    w = w * 10 + (b - '0');
                    kept += w != 0 ? 1 : 0;
                    scale--;
                } else {
                    truncated |= b != '0';
                }
                b = byteAt(text, offset, ++p, length);
            }
            wellFormed &= p > start;
        }
        long exponent = 0;
        if ((b | 0x20) == 'e') {
            b = byteAt(text, offset, ++p, length);
            boolean exponentNegative = b == '-';
            if (exponentNegative || b == '+') {
                b = byteAt(text, offset, ++p, length);
            }
            start = p;
            while (b >= '0' && b <= '9') {
                if (exponent < 1_000_000_000L) { // saturates far beyond any digit count's effect
                    exponent = exponent * 10 + (b - '0');
                }
                b = byteAt(text, offset, ++p, length);
            }
            wellFormed &= p > start;
            if (exponentNegative) {
                exponent = -exponent;
            }
        }
        if (!wellFormed || p != length) {
            return Double.parseDouble(ascii(text, offset, length));
        }
        if (w == 0) {
            return negative ? -0.0 : 0.0;
        }
        // beyond -342 - 19 or 308 the result is a zero or an infinity whatever the digits
        int q = (int) Math.clamp(scale + exponent, -400, 400);
        if (!truncated) {
            return decimalToDouble(negative, w, q);
        }
        long below = eiselLemireBits(w, q);
        if (below != NO_BITS && below == eiselLemireBits(w + 1, q)) {
            return Double.longBitsToDouble(negative ? below | SIGN_BIT : below);
        }
        return Double.parseDouble(ascii(text, offset, length));
    }

    /** {@return the byte at {@code offset + p}, or -1 at {@code p == length}} */
    private static int byteAt(MemorySegment text, long offset, int p, int length) {
        return p < length ? text.get(ValueLayout.JAVA_BYTE, offset + p) : -1;
    }

    private static String ascii(MemorySegment text, long offset, int length) {
        byte[] bytes = new byte[length];
        MemorySegment.copy(text, ValueLayout.JAVA_BYTE, offset, bytes, 0, length);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * {@return {@code text} as a BigDecimal}
     *
     * @throws ArithmeticException if the exponent is beyond what BigDecimal represents
     */
    public static BigDecimal textBigDecimal(String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            ArithmeticException ae = new ArithmeticException("number " + abbreviate(text)
                    + " has an exponent outside the range of BigDecimal (expected: scale within int)");
            ae.initCause(e);
            throw ae;
        }
    }

    /** {@return {@code text} as a long} @throws ArithmeticException if not an integer or out of range */
    public static long textLong(String text) {
        if (isZero(text)) {
            return 0; // also 0e99999999999, whose exponent BigDecimal cannot hold
        }
        BigDecimal d = textBigDecimal(text);
        if (d.signum() == 0) {
            return 0;
        }
        long integerDigits = (long) d.precision() - d.scale();
        if (integerDigits <= 0 || (integerDigits <= 19 && d.stripTrailingZeros().scale() > 0)) {
            throw notInteger(text);
        }
        if (integerDigits > 19) {
            throw outOfRange(text, "long");
        }
        try {
            return d.longValueExact();
        } catch (ArithmeticException e) {
            throw outOfRange(text, "long");
        }
    }

    /**
     * {@return a BigDecimal as an exact BigInteger}
     *
     * @throws ArithmeticException if not an integer or above {@value #MAX_BIG_INTEGER_DIGITS} digits
     */
    public static BigInteger bigInteger(BigDecimal d, String text) {
        if (d.signum() == 0) {
            return BigInteger.ZERO;
        }
        long integerDigits = (long) d.precision() - d.scale();
        if (integerDigits <= 0) {
            throw notInteger(text);
        }
        if (integerDigits > MAX_BIG_INTEGER_DIGITS) {
            throw new ArithmeticException("number " + abbreviate(text) + " has " + integerDigits
                    + " integer digits (expected: at most " + MAX_BIG_INTEGER_DIGITS + " for asBigInteger)");
        }
        try {
            return d.toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw notInteger(text);
        }
    }

    /** {@return whether the number {@code text} is zero: no digit 1-9 before its exponent} */
    public static boolean isZero(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 'e' || c == 'E') {
                return true;
            }
            if (c >= '1' && c <= '9') {
                return false;
            }
        }
        return true;
    }

    static ArithmeticException notInteger(String text) {
        return new ArithmeticException("number " + abbreviate(text) + " is not an integer");
    }

    static ArithmeticException outOfRange(String text, String type) {
        return new ArithmeticException("number " + abbreviate(text) + " is out of the range of " + type);
    }

    static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 20) + "..." + text.substring(text.length() - 10)
                + " (" + text.length() + " chars)";
    }
}
