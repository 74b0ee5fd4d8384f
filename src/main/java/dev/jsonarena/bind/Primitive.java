package dev.jsonarena.bind;

import dev.jsonarena.JsonCursor;
import dev.jsonarena.JsonType;
import dev.jsonarena.JsonWriter;

/**
 * The eight primitive types as a binder sees them: each reads the value at a cursor into 64 bits
 * (integers sign-extended, {@code float} and {@code double} as their raw bits, {@code boolean} as
 * 0 or 1, {@code char} as its code unit), which a record's frame holds until its constructor is
 * called, and writes a value from those bits.
 *
 * <p>Numbers are read exactly: an integer type takes only an integer literal in its range
 * ({@code 1.0} and {@code 1e2} are integers: their values are), {@code float} and {@code double}
 * any number that rounds to a finite value ({@code 1e400} is out of range: JSON has no infinity),
 * rounded to nearest ({@code float} through {@code double}). A {@code char} is a
 * string of one UTF-16 code unit.
 *
 * <p>Thread-safety: an enum; immutable.
 */
enum Primitive {
    BOOLEAN(boolean.class, "true or false"),
    BYTE(byte.class, "an integer in the range of byte"),
    SHORT(short.class, "an integer in the range of short"),
    CHAR(char.class, "a string of one UTF-16 code unit"),
    INT(int.class, "an integer in the range of int"),
    LONG(long.class, "an integer in the range of long"),
    FLOAT(float.class, "a number in the range of float"),
    DOUBLE(double.class, "a number in the range of double");

    final Class<?> type;
    final String expected;

    Primitive(Class<?> type, String expected) {
        this.type = type;
        this.expected = expected;
    }

    /** {@return the kind of primitive class {@code c}, or null if {@code c} is not primitive} */
    static Primitive of(Class<?> c) {
        for (Primitive p : values()) {
            if (p.type == c) {
                return p;
            }
        }
        return null;
    }

    /**
     * {@return the value at the cursor of {@code r}, of JSON type {@code t} (not NULL), as bits}
     *
     * @throws dev.jsonarena.JsonBindException if the value does not fit
     */
    long read(Reading r, JsonType t) {
        JsonCursor c = r.cursor;
        try {
            switch (this) {
                case BOOLEAN -> {
                    if (t == JsonType.TRUE) {
                        return 1;
                    }
                    if (t == JsonType.FALSE) {
                        return 0;
                    }
                }
                case CHAR -> {
                    if (t == JsonType.STRING && c.utf8Length() <= 3) {
                        String s = c.asString();
                        if (s.length() == 1) {
                            return s.charAt(0);
                        }
                    }
                }
                case INT -> {
                    if (t == JsonType.NUMBER) {
                        return c.asInt();
                    }
                }
                case LONG -> {
                    if (t == JsonType.NUMBER) {
                        return c.asLong();
                    }
                }
                case DOUBLE -> {
                    if (t == JsonType.NUMBER) {
                        double v = c.asDouble();
                        if (Double.isFinite(v)) {
                            return Double.doubleToRawLongBits(v);
                        }
                    }
                }
                case FLOAT -> {
                    if (t == JsonType.NUMBER) {
                        float v = (float) c.asDouble();
                        if (Float.isFinite(v)) {
                            return Float.floatToRawIntBits(v);
                        }
                    }
                }
                case BYTE, SHORT -> {
                    if (t == JsonType.NUMBER) {
                        int v = c.asInt();
                        if (this == BYTE ? v == (byte) v : v == (short) v) {
                            return v;
                        }
                    }
                }
            }
        } catch (ArithmeticException e) {
            throw r.fail(type, expected, null);
        }
        throw r.mismatch(type, expected);
    }

    /**
     * {@return the value at the position of the direct input of {@code r}, whose first byte is
     * {@code c}, as bits}: the same value and rules as {@link #read}
     *
     * @throws DirectInput.GiveUp if the value does not fit ({@code null} included)
     */
    long readBytes(Reading r, int c) {
        DirectInput in = r.in;
        switch (this) {
            case BOOLEAN -> {
                if (c == 't' || c == 'f') {
                    return in.booleanLiteral(c) ? 1 : 0;
                }
            }
            case CHAR -> {
                if (c == '"') {
                    String s = in.string();
                    if (s.length() == 1) {
                        return s.charAt(0);
                    }
                }
            }
            default -> {
                if (c == '-' || c >= '0' && c <= '9') {
                    in.number(c);
                    switch (this) {
                        case LONG -> {
                            return in.longValue();
                        }
                        case INT, SHORT, BYTE -> {
                            long v = in.longValue();
                            if (this == INT ? v == (int) v : this == SHORT ? v == (short) v : v == (byte) v) {
                                return v;
                            }
                        }
                        case DOUBLE -> {
                            double v = in.doubleValue();
                            if (Double.isFinite(v)) {
                                return Double.doubleToRawLongBits(v);
                            }
                        }
                        default -> {
                            float v = (float) in.doubleValue();
                            if (Float.isFinite(v)) {
                                return Float.floatToRawIntBits(v);
                            }
                        }
                    }
                }
            }
        }
        throw DirectInput.GIVE_UP;
    }

    /** Writes the value whose bits are {@code bits}. */
    void write(JsonWriter w, long bits) {
        switch (this) {
            case BOOLEAN -> w.value(bits != 0);
            case CHAR -> w.value(String.valueOf((char) bits));
            case BYTE, SHORT, INT, LONG -> w.value(bits);
            case DOUBLE -> w.value(Double.longBitsToDouble(bits));
            case FLOAT -> w.value(Float.intBitsToFloat((int) bits));
        }
    }

    /** {@return the box of the value whose bits are {@code bits}} */
    Object box(long bits) {
        return switch (this) {
            case BOOLEAN -> bits != 0;
            case BYTE -> (byte) bits;
            case SHORT -> (short) bits;
            case CHAR -> (char) bits;
            case INT -> (int) bits;
            case LONG -> bits;
            case FLOAT -> Float.intBitsToFloat((int) bits);
            case DOUBLE -> Double.longBitsToDouble(bits);
        };
    }

    /** {@return the bits of {@code box}, a box of this type} */
    long bits(Object box) {
        return switch (this) {
            case BOOLEAN -> (Boolean) box ? 1 : 0;
            case BYTE -> (Byte) box;
            case SHORT -> (Short) box;
            case CHAR -> (Character) box;
            case INT -> (Integer) box;
            case LONG -> (Long) box;
            case FLOAT -> Float.floatToRawIntBits((Float) box);
            case DOUBLE -> Double.doubleToRawLongBits((Double) box);
        };
    }
}
