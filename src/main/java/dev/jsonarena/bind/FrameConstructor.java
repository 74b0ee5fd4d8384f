package dev.jsonarena.bind;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Adapts a record's canonical constructor {@code (T0, ..., Tn-1)R} into a method handle
 * {@code (long[] prims, Object[] refs)Object} that reads component {@code i} from {@code prims[i]}
 * (a primitive, as the bits {@link Primitive} reads) or {@code refs[i]} (a reference, cast to its
 * type) and calls the constructor: a tree of {@code filterArguments} over the constructor, one
 * getter per component, with {@code permuteArguments} feeding both arrays to every getter. No
 * value is boxed on the way.
 *
 * <pre>
 *   refs ──▶ (String) refs[0] ─┐
 *   prims ─▶ (int) prims[1]  ──┼──▶ new Order(String, int, double)
 *   prims ─▶ longBitsToDouble(prims[2]) ┘
 * </pre>
 *
 * <p>Thread-safety: static functions; the handles made are immutable.
 */
final class FrameConstructor {
    private static final MethodHandle REF_AT;
    private static final MethodHandle[] PRIM_AT = new MethodHandle[Primitive.values().length];

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            REF_AT = l.findStatic(FrameConstructor.class, "refAt",
                    MethodType.methodType(Object.class, Object[].class, int.class));
            for (Primitive p : Primitive.values()) {
                String name = p.name().toLowerCase(java.util.Locale.ROOT) + "At";
                PRIM_AT[p.ordinal()] = l.findStatic(FrameConstructor.class, name,
                        MethodType.methodType(p.type, long[].class, int.class));
            }
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private FrameConstructor() {}

    /**
     * {@return {@code ctor} as {@code (long[], Object[])Object}}
     *
     * @param ctor the canonical constructor
     * @param kinds per component, its primitive kind, or null for a reference
     */
    static MethodHandle of(MethodHandle ctor, Primitive[] kinds) {
        int n = kinds.length;
        MethodHandle[] getters = new MethodHandle[n];
        int[] reorder = new int[n];
        for (int i = 0; i < n; i++) {
            if (kinds[i] != null) {
                getters[i] = MethodHandles.insertArguments(PRIM_AT[kinds[i].ordinal()], 1, i);
                reorder[i] = 0;
            } else {
                getters[i] = MethodHandles.insertArguments(REF_AT, 1, i)
                        .asType(MethodType.methodType(ctor.type().parameterType(i), Object[].class));
                reorder[i] = 1;
            }
        }
        MethodHandle m = MethodHandles.filterArguments(ctor, 0, getters);
        m = MethodHandles.permuteArguments(m,
                MethodType.methodType(ctor.type().returnType(), long[].class, Object[].class), reorder);
        return m.asType(MethodType.methodType(Object.class, long[].class, Object[].class));
    }

    private static Object refAt(Object[] refs, int i) {
        return refs[i];
    }

    private static boolean booleanAt(long[] p, int i) {
        return p[i] != 0;
    }

    private static byte byteAt(long[] p, int i) {
        return (byte) p[i];
    }

    private static short shortAt(long[] p, int i) {
        return (short) p[i];
    }

    private static char charAt(long[] p, int i) {
        return (char) p[i];
    }

    private static int intAt(long[] p, int i) {
        return (int) p[i];
    }

    private static long longAt(long[] p, int i) {
        return p[i];
    }

    private static float floatAt(long[] p, int i) {
        return Float.intBitsToFloat((int) p[i]);
    }

    private static double doubleAt(long[] p, int i) {
        return Double.longBitsToDouble(p[i]);
    }
}
