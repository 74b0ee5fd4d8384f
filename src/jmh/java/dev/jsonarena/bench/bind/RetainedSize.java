package dev.jsonarena.bench.bind;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An estimate of the heap the objects returned by a bind own: the records, strings, boxes, lists,
 * maps and arrays reachable from the result, each counted once, under HotSpot's default layout of
 * a heap below 32 GiB (12-byte object headers, 16-byte array headers, 4-byte compressed references,
 * objects aligned to 8 bytes). A {@code String} is its object and its {@code byte[]} (one byte a
 * character if all are Latin-1, else two); an {@code ArrayList} its object and an array of exactly
 * its size (as the binders allocate it; none when empty); a {@code LinkedHashMap} its object, a
 * table of the power of two {@code newLinkedHashMap(size)} chooses, and one 40-byte entry per
 * mapping. Shared constants are not counted: {@code Boolean}s, enum constants, and boxes of
 * -128..127, which {@code valueOf} takes from its cache. The benchmarks'
 * {@code gc.alloc.rate.norm} divided by this is the heap a binder allocates per byte it returns.
 *
 * <p>Run: {@code java -cp target/benchmarks.jar dev.jsonarena.bench.bind.RetainedSize} prints the
 * estimate for jsonarena's result of each {@link BindInput}.
 */
public final class RetainedSize {
    private final IdentityHashMap<Object, Boolean> seen = new IdentityHashMap<>();

    private RetainedSize() {}

    /** {@return the estimated bytes of the objects reachable from {@code root}} */
    public static long of(Object root) {
        return new RetainedSize().size(root);
    }

    private static long align(long n) {
        return (n + 7) & ~7L;
    }

    private long size(Object o) {
        if (o == null || seen.put(o, Boolean.TRUE) != null) {
            return 0;
        }
        Class<?> c = o.getClass();
        if (o instanceof Boolean || o instanceof Enum<?> || isCachedBox(o)) {
            return 0; // shared constants, not allocated by a bind
        }
        if (o instanceof String s) {
            boolean latin1 = s.chars().allMatch(ch -> ch < 256);
            return 24 + align(16 + (long) s.length() * (latin1 ? 1 : 2));
        }
        if (c.isArray()) {
            int n = Array.getLength(o);
            Class<?> e = c.getComponentType();
            long total = align(16 + (long) n * elementSize(e));
            if (!e.isPrimitive()) {
                for (int i = 0; i < n; i++) {
                    total += size(Array.get(o, i));
                }
            }
            return total;
        }
        if (o instanceof ArrayList<?> l) {
            long total = shallow(c) + (l.isEmpty() ? 0 : align(16 + 4L * l.size())); // empty: a shared array
            for (Object e : l) {
                total += size(e);
            }
            return total;
        }
        if (o instanceof LinkedHashMap<?, ?> m) {
            int table = m.isEmpty() ? 0 : tableSize(m.size());
            long total = shallow(c) + (table == 0 ? 0 : align(16 + 4L * table)) + 40L * m.size();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                total += size(e.getKey()) + size(e.getValue());
            }
            return total;
        }
        if (o instanceof Collection<?> || o instanceof Map<?, ?>) {
            throw new IllegalArgumentException(c + " (expected: ArrayList or LinkedHashMap, as jsonarena binds)");
        }
        long total = shallow(c);
        if (c.isRecord()) {
            for (RecordComponent rc : c.getRecordComponents()) {
                if (!rc.getType().isPrimitive()) {
                    try {
                        total += size(rc.getAccessor().invoke(o));
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return total; // boxes and other leaves
    }

    /** {@return whether {@code o} is a box that {@code valueOf} takes from its cache (-128..127)} */
    private static boolean isCachedBox(Object o) {
        return (o instanceof Integer || o instanceof Long || o instanceof Short || o instanceof Byte)
                        && ((Number) o).longValue() >= -128 && ((Number) o).longValue() <= 127
                || o instanceof Character ch && ch <= 127;
    }

    private static int tableSize(int mappings) {
        int cap = (int) Math.ceil(mappings / 0.75);
        return Integer.highestOneBit(Math.max(1, cap - 1)) << 1;
    }

    private static long shallow(Class<?> c) {
        long bytes = 12;
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers())) {
                    bytes += elementSize(f.getType());
                }
            }
        }
        return align(bytes);
    }

    private static int elementSize(Class<?> t) {
        if (t == long.class || t == double.class) {
            return 8;
        }
        if (t == int.class || t == float.class) {
            return 4;
        }
        if (t == short.class || t == char.class) {
            return 2;
        }
        if (t == byte.class || t == boolean.class) {
            return 1;
        }
        return 4;
    }

    /**
     * Prints the estimate for each input.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        Binder b = BinderType.JSONARENA.create();
        System.out.println("| input | bytes in | records | returned objects (estimated B) |");
        System.out.println("|---|---:|---:|---:|");
        for (String name : BindInput.NAMES) {
            BindInput in = BindInput.of(name);
            Object result = b.bind(in);
            System.out.println("| " + name + " | " + in.bytes().length + " | " + in.records() + " | " + of(result) + " |");
        }
        List<Object> keep = new ArrayList<>();
        keep.add(b);
    }
}
