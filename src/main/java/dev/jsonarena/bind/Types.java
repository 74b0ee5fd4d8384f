package dev.jsonarena.bind;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * Generic types as the binders need them: the raw class of a type, and a component's declared
 * type with the record's type variables replaced by the arguments it is bound with
 * ({@code Page<T>.items: List<T>} in {@code Page<Order>} is {@code List<Order>}).
 *
 * <p>Thread-safety: static functions; the types made are immutable.
 */
final class Types {
    private Types() {}

    /** {@return the class {@code t} erases to}; a variable or wildcard erases to its first upper bound */
    static Class<?> raw(Type t) {
        return switch (t) {
            case Class<?> c -> c;
            case ParameterizedType p -> (Class<?>) p.getRawType();
            case GenericArrayType g -> raw(g.getGenericComponentType()).arrayType();
            case TypeVariable<?> v -> raw(v.getBounds()[0]);
            case WildcardType w -> raw(w.getUpperBounds()[0]);
            default -> throw new IllegalArgumentException(t + " (expected: a class or parameterized type)");
        };
    }

    /** {@return type argument {@code i} of {@code t}, or {@code Object} for a raw type} */
    static Type argument(Type t, int i) {
        if (t instanceof ParameterizedType p) {
            Type a = p.getActualTypeArguments()[i];
            return a instanceof WildcardType w ? w.getUpperBounds()[0] : a;
        }
        return Object.class;
    }

    /** {@return {@code t} with each type variable in {@code bindings} replaced} */
    static Type resolve(Type t, Map<TypeVariable<?>, Type> bindings) {
        return switch (t) {
            case Class<?> c -> c;
            case TypeVariable<?> v -> bindings.getOrDefault(v, raw(v));
            case ParameterizedType p -> {
                Type[] args = p.getActualTypeArguments().clone();
                for (int i = 0; i < args.length; i++) {
                    args[i] = resolve(args[i], bindings);
                }
                yield new Parameterized((Class<?>) p.getRawType(), p.getOwnerType(), args);
            }
            case GenericArrayType g -> {
                Type c = resolve(g.getGenericComponentType(), bindings);
                yield c instanceof Class<?> k ? k.arrayType() : new GenericArray(c);
            }
            case WildcardType w -> resolve(w.getUpperBounds()[0], bindings);
            default -> t;
        };
    }

    /** A parameterized type equal to (and hashing as) the JDK's for the same raw type, owner and arguments. */
    record Parameterized(Class<?> raw, Type owner, Type[] args) implements ParameterizedType {
        @Override
        public Type[] getActualTypeArguments() {
            return args.clone();
        }

        @Override
        public Type getRawType() {
            return raw;
        }

        @Override
        public Type getOwnerType() {
            return owner;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ParameterizedType p && raw.equals(p.getRawType())
                    && Objects.equals(owner, p.getOwnerType()) && Arrays.equals(args, p.getActualTypeArguments());
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(args) ^ Objects.hashCode(owner) ^ raw.hashCode();
        }

        @Override
        public String toString() {
            return getTypeName();
        }

        @Override
        public String getTypeName() {
            StringBuilder sb = new StringBuilder(raw.getTypeName()).append('<');
            for (int i = 0; i < args.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(args[i].getTypeName());
            }
            return sb.append('>').toString();
        }
    }

    /** A generic array type equal to (and hashing as) the JDK's. */
    record GenericArray(Type component) implements GenericArrayType {
        @Override
        public Type getGenericComponentType() {
            return component;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof GenericArrayType g && component.equals(g.getGenericComponentType());
        }

        @Override
        public int hashCode() {
            return component.hashCode();
        }

        @Override
        public String getTypeName() {
            return component.getTypeName() + "[]";
        }
    }
}
