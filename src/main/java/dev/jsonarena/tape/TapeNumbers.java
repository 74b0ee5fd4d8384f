package dev.jsonarena.tape;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Reads a number of a {@link Document}'s tape in whichever of its three forms the parser chose
 * ({@code INT}, {@code DEC} and its significand word, {@code NUMBER} text; see {@link Tape}), and
 * hands it to the conversion of {@link Numbers} for that form.
 *
 * <p>Thread-safety: static functions; as thread-safe as the document they read (not at all).
 */
public final class TapeNumbers {
    private TapeNumbers() {}

    /** {@return the exact text of the number at {@code index}} */
    public static String numberText(Document d, int index) {
        long w = d.word(index);
        return switch (Tape.tag(w)) {
            case Tape.INT -> Long.toString(Tape.intValue(w));
            case Tape.DEC -> Numbers.decText(Tape.decNegative(w), Tape.decFractionDigits(w), d.word(index + 1));
            default -> d.string(w);
        };
    }

    /** {@return the number at {@code index} as a long} @throws ArithmeticException if not exact */
    public static long asLong(Document d, int index) {
        return asLong(d, index, d.word(index));
    }

    /** {@link #asLong(Document, int)} of the number at {@code index}, whose first tape word {@code w} the caller has read */
    public static long asLong(Document d, int index, long w) {
        return switch (Tape.tag(w)) {
            case Tape.INT -> Tape.intValue(w);
            case Tape.DEC -> Numbers.decLong(Tape.decNegative(w), Tape.decFractionDigits(w), d.word(index + 1));
            default -> Numbers.textLong(numberText(d, index));
        };
    }

    /** {@return the number at {@code index} as a correctly rounded double} */
    public static double asDouble(Document d, int index) {
        return asDouble(d, index, d.word(index));
    }

    /** {@link #asDouble(Document, int)} of the number at {@code index}, whose first tape word {@code w} the caller has read */
    public static double asDouble(Document d, int index, long w) {
        return switch (Tape.tag(w)) {
            case Tape.INT -> (double) Tape.intValue(w);
            case Tape.DEC -> Numbers.decDouble(Tape.decNegative(w), Tape.decFractionDigits(w), d.word(index + 1));
            default -> Numbers.textDouble(d.seg, d.base + Tape.textOffset(w), Tape.length(w));
        };
    }

    /** {@return the number at {@code index} as a BigDecimal} @throws ArithmeticException if its exponent is out of range */
    public static BigDecimal asBigDecimal(Document d, int index) {
        long w = d.word(index);
        return switch (Tape.tag(w)) {
            case Tape.INT -> BigDecimal.valueOf(Tape.intValue(w));
            case Tape.DEC -> Numbers.decBigDecimal(Tape.decNegative(w), Tape.decFractionDigits(w), d.word(index + 1));
            default -> Numbers.textBigDecimal(numberText(d, index));
        };
    }

    /** {@return the number at {@code index} as a BigInteger} @throws ArithmeticException if not an integer or too large */
    public static BigInteger asBigInteger(Document d, int index) {
        long w = d.word(index);
        if (Tape.tag(w) == Tape.INT) {
            return BigInteger.valueOf(Tape.intValue(w));
        }
        if (Tape.tag(w) == Tape.NUMBER && Numbers.isZero(numberText(d, index))) {
            return BigInteger.ZERO; // also 0e99999999999, whose exponent BigDecimal cannot hold
        }
        return Numbers.bigInteger(asBigDecimal(d, index), numberText(d, index));
    }
}
