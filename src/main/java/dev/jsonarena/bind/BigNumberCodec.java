package dev.jsonarena.bind;

import dev.jsonarena.JsonType;
import dev.jsonarena.JsonWriter;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The binder of {@code BigDecimal} (any number, exactly, within the views' scale bound) and
 * {@code BigInteger} (an integer, exactly: {@code 1.5} is an error).
 *
 * <p>Thread-safety: immutable.
 */
final class BigNumberCodec extends Codec {
    private final boolean integer;

    BigNumberCodec(Class<?> type) {
        super(type);
        this.integer = type == BigInteger.class;
    }

    @Override
    Object read(Reading r, JsonType t) {
        String expected = integer ? "an integer" : "a number with a scale from -10,000 to 10,000";
        if (t != JsonType.NUMBER) {
            throw r.mismatch(type, expected);
        }
        try {
            return integer ? r.cursor.value().asBigInteger() : r.cursor.asBigDecimal();
        } catch (ArithmeticException e) {
            throw r.fail(type, expected, null);
        }
    }

    @Override
    Object readBytes(Reading r, int c) {
        if (c != '-' && (c < '0' || c > '9')) {
            throw DirectInput.GIVE_UP;
        }
        DirectInput in = r.in;
        in.number(c);
        return integer ? in.bigIntegerValue() : in.bigDecimalValue();
    }

    @Override
    boolean readsBytes(java.util.Set<Codec> visiting) {
        return true;
    }

    @Override
    void write(JsonWriter w, Object value) {
        if (integer) {
            w.value((BigInteger) value);
        } else {
            w.value((BigDecimal) value);
        }
    }
}
