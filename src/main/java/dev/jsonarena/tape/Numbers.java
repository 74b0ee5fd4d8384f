package dev.jsonarena.tape;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Exact conversions of the three number forms of the {@link Tape} ({@code INT}, {@code DEC},
 * {@code NUMBER} text) to Java numbers.
 *
 * <ul>
 *   <li>{@code asLong}: exact or {@link ArithmeticException}. A number whose exact value is an
 *       integer in range converts whatever its form: {@code 1.0}, {@code 1e2} and {@code -0} give
 *       1, 100 and 0; {@code 1.5} and {@code 1e19} throw.</li>
 *   <li>{@code asDouble}: the same double as {@link Double#parseDouble} of the text (correctly
 *       rounded; out of range gives an infinity or a zero, as there). Decimals of at most 2^53
 *       significand and at most 22 fraction digits take Clinger's fast path (one exact division,
 *       so correctly rounded); the rest parse their text.</li>
 *   <li>{@code asBigInteger}: exact, or {@link ArithmeticException} if the value is not an integer,
 *       or if its integer form would have more than {@value #MAX_BIG_INTEGER_DIGITS} digits
 *       ({@code 1e1000000000} is one short literal but a 415 MB integer).</li>
 *   <li>{@code asBigDecimal}: exact, or {@link ArithmeticException} if the exponent is outside
 *       what {@link BigDecimal} represents (a scale beyond {@code int}).</li>
 * </ul>
 *
 * <p>Thread-safety: static functions; thread-safe.
 */
public final class Numbers {
    private Numbers() {}

    /** The most digits {@link #bigInteger} produces. */
    public static final int MAX_BIG_INTEGER_DIGITS = 10_000;

    private static final double[] POW10_DOUBLE = new double[23];
    private static final long[] POW10_LONG = new long[19];

    static {
        double d = 1;
        for (int i = 0; i < POW10_DOUBLE.length; i++) {
            POW10_DOUBLE[i] = d;
            d *= 10;
        }
        long l = 1;
        for (int i = 0; i < POW10_LONG.length; i++) {
            POW10_LONG[i] = l;
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

    /** {@return a DEC number as a double, correctly rounded} */
    public static double decDouble(boolean negative, int fractionDigits, long significand) {
        if (significand >= 0 && significand <= (1L << 53) && fractionDigits < POW10_DOUBLE.length) {
            double d = (double) significand / POW10_DOUBLE[fractionDigits];
            return negative ? -d : d;
        }
        return Double.parseDouble(decText(negative, fractionDigits, significand));
    }

    /** {@return a DEC number as a long} @throws ArithmeticException if not an integer or out of range */
    public static long decLong(boolean negative, int fractionDigits, long significand) {
        long q = significand;
        if (fractionDigits > 0) {
            if (fractionDigits >= POW10_LONG.length) {
                // 19 fraction digits of a 19-digit significand: the value is below 1
                if (significand != 0) {
                    throw notInteger(decText(negative, fractionDigits, significand));
                }
                return 0;
            }
            long p = POW10_LONG[fractionDigits];
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

    /** {@return the text of a NUMBER as a double, correctly rounded} */
    public static double textDouble(String text) {
        return Double.parseDouble(text);
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
