package dev.jsonarena.bind;

import dev.jsonarena.JsonCursor;
import dev.jsonarena.JsonType;
import dev.jsonarena.JsonWriter;
import java.lang.reflect.Array;
import java.util.Arrays;

/**
 * The binder of an array type, {@code int[]} or {@code Order[]}: a JSON array of the elements; a
 * missing member gives an empty array. Primitive elements follow the primitive's rules (no
 * {@code null}); reference elements their binder's.
 *
 * <p>Thread-safety: immutable once built.
 */
final class ArrayCodec extends Codec {
    private final Class<?> componentType;
    private final Primitive primitive;
    Codec element;

    ArrayCodec(Class<?> arrayType) {
        super(arrayType);
        this.componentType = arrayType.getComponentType();
        this.primitive = Primitive.of(componentType);
    }

    @Override
    Object read(Reading r, JsonType t) {
        if (t != JsonType.ARRAY) {
            throw r.mismatch(type, "an array");
        }
        JsonCursor c = r.cursor;
        Object out = Array.newInstance(componentType, c.size());
        if (c.enter()) {
            r.enter(0, type);
            int i = 0;
            do {
                if (primitive == null) {
                    ((Object[]) out)[i] = element.readValue(r);
                } else {
                    JsonType et = c.type();
                    if (et == JsonType.NULL) {
                        throw r.mismatch(componentType, primitive.expected);
                    }
                    setPrimitive(out, i, primitive.read(r, et));
                }
                i++;
            } while (c.next());
            r.exit();
            c.exit();
        }
        return out;
    }

    @Override
    Object readBytes(Reading r, int c) {
        if (c != '[') {
            throw DirectInput.GIVE_UP;
        }
        DirectInput in = r.in;
        if (!in.firstElement()) {
            return Array.newInstance(componentType, 0);
        }
        int d = r.enter(0, type);
        Object[] values = r.refs(d);
        long[] bits = r.prims(d);
        int n = 0;
        do {
            if (n == (primitive == null ? values.length : bits.length)) {
                if (n == Reading.COLLECTED) {
                    throw DirectInput.GIVE_UP; // a long array: the parsed document gives its size at once
                }
                if (primitive == null) {
                    values = r.growRefs(d);
                } else {
                    bits = r.growPrims(d);
                }
            }
            if (primitive == null) {
                values[n++] = element.readBytes(r);
            } else {
                bits[n++] = primitive.readBytes(r, in.peek());
            }
        } while (in.nextElement());
        Object out = Array.newInstance(componentType, n);
        if (primitive == null) {
            System.arraycopy(values, 0, out, 0, n);
            Arrays.fill(values, 0, n, null);
        } else {
            for (int i = 0; i < n; i++) {
                setPrimitive(out, i, bits[i]);
            }
        }
        r.exit();
        return out;
    }

    @Override
    boolean readsBytes(java.util.Set<Codec> visiting) {
        return primitive != null || element.readsBytes(visiting);
    }

    private void setPrimitive(Object array, int i, long bits) {
        switch (primitive) {
            case BOOLEAN -> ((boolean[]) array)[i] = bits != 0;
            case BYTE -> ((byte[]) array)[i] = (byte) bits;
            case SHORT -> ((short[]) array)[i] = (short) bits;
            case CHAR -> ((char[]) array)[i] = (char) bits;
            case INT -> ((int[]) array)[i] = (int) bits;
            case LONG -> ((long[]) array)[i] = bits;
            case FLOAT -> ((float[]) array)[i] = Float.intBitsToFloat((int) bits);
            case DOUBLE -> ((double[]) array)[i] = Double.longBitsToDouble(bits);
        }
    }

    @Override
    Object absentValue() {
        return Array.newInstance(componentType, 0);
    }

    @Override
    boolean absentIsNull() {
        return false;
    }

    @Override
    void write(JsonWriter w, Object array) {
        w.beginArray();
        int n = Array.getLength(array);
        if (primitive == null) {
            Object[] a = (Object[]) array;
            for (Object o : a) {
                element.writeValue(w, o);
            }
        } else {
            for (int i = 0; i < n; i++) {
                switch (primitive) {
                    case BOOLEAN -> w.value(((boolean[]) array)[i]);
                    case BYTE -> w.value(((byte[]) array)[i]);
                    case SHORT -> w.value(((short[]) array)[i]);
                    case CHAR -> w.value(String.valueOf(((char[]) array)[i]));
                    case INT -> w.value(((int[]) array)[i]);
                    case LONG -> w.value(((long[]) array)[i]);
                    case FLOAT -> w.value(((float[]) array)[i]);
                    case DOUBLE -> w.value(((double[]) array)[i]);
                }
            }
        }
        w.endArray();
    }
}
