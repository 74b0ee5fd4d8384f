package dev.jsonarena;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.Objects;

/**
 * A generic type to bind to, captured from an anonymous subclass, as a {@code Class} cannot say
 * {@code List<Order>}:
 *
 * {@snippet :
 * static final JsonTypeRef<List<Order>> ORDERS = new JsonTypeRef<>() {};
 * List<Order> orders = JsonCodecs.defaults().bind(root, ORDERS);
 * }
 *
 * <p>Make type references once (as constants): a binder is cached per type, and equal types share
 * it. Two references are equal when their types are.
 *
 * <p>Thread-safety: immutable.
 *
 * @param <T> the type
 */
public abstract class JsonTypeRef<T> {
    private final Type type;

    /**
     * Captures the type argument of the anonymous subclass.
     *
     * @throws IllegalArgumentException if the subclass gives no type argument, or a type variable
     */
    protected JsonTypeRef() {
        Type s = getClass().getGenericSuperclass();
        if (!(s instanceof ParameterizedType p) || p.getRawType() != JsonTypeRef.class) {
            throw new IllegalArgumentException(getClass() + " (expected: a direct anonymous subclass "
                    + "new JsonTypeRef<SomeType>() {})");
        }
        Type t = p.getActualTypeArguments()[0];
        if (t instanceof TypeVariable<?>) {
            throw new IllegalArgumentException("type argument " + t + " is a type variable (expected: a concrete type)");
        }
        this.type = t;
    }

    private JsonTypeRef(Type type) {
        this.type = type;
    }

    /**
     * {@return a reference to {@code type}}, for types built at run time
     *
     * @param type the type: a class, or a parameterized type
     * @throws NullPointerException if {@code type} is null
     */
    public static JsonTypeRef<?> of(Type type) {
        Objects.requireNonNull(type, "type");
        return new JsonTypeRef<Object>(type) {};
    }

    /** {@return the type} */
    public final Type type() {
        return type;
    }

    @Override
    public final boolean equals(Object o) {
        return o instanceof JsonTypeRef<?> r && r.type.equals(type);
    }

    @Override
    public final int hashCode() {
        return type.hashCode();
    }

    @Override
    public String toString() {
        return "JsonTypeRef<" + type.getTypeName() + ">";
    }
}
