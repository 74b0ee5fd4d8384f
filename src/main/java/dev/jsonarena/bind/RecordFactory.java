package dev.jsonarena.bind;

import dev.jsonarena.JsonDiscriminator;
import dev.jsonarena.JsonIgnore;
import dev.jsonarena.JsonKey;
import dev.jsonarena.JsonName;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the binders of records and sealed interfaces: the one place that reflects. For a record it
 * looks up the canonical constructor and the accessors once, as method handles, resolves each
 * component's generic type against the record's type arguments, and reads the annotations
 * ({@link JsonName}, {@link JsonIgnore}, a {@link JsonDiscriminator} on a sealed interface the
 * record implements).
 *
 * <p>Access: records are reached through {@link MethodHandles#privateLookupIn} (every package on
 * the class path is open), else through the public lookup (a public record in an exported
 * package).
 *
 * <p>Thread-safety: called by {@link Codecs} under its build lock.
 */
final class RecordFactory {
    /**
     * Whether records are built by a method-handle tree ({@link FrameConstructor}, the default) or
     * a generated class ({@link GeneratedConstructor}, falling back to the tree where a class cannot
     * be defined): system property {@value #CONSTRUCTOR_PROPERTY}, {@code methodhandle} or
     * {@code classfile}. Measured equal within noise on the binding benchmarks
     * ({@code docs/binding.md}), so the default is the one that defines no class.
     */
    static final String CONSTRUCTOR_PROPERTY = "jsonarena.bind.constructor";
    private static final boolean GENERATED = "classfile".equals(System.getProperty(CONSTRUCTOR_PROPERTY));
    private static final MethodHandle BOOLEAN_BITS;
    private static final MethodHandle FLOAT_BITS;
    private static final MethodHandle DOUBLE_BITS;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            BOOLEAN_BITS = l.findStatic(RecordFactory.class, "bits", MethodType.methodType(long.class, boolean.class));
            FLOAT_BITS = l.findStatic(RecordFactory.class, "bits", MethodType.methodType(long.class, float.class));
            DOUBLE_BITS = l.findStatic(Double.class, "doubleToRawLongBits", MethodType.methodType(long.class, double.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private RecordFactory() {}

    static RecordCodec record(Codecs codecs, Type type, Class<?> raw) {
        RecordCodec codec = new RecordCodec(raw, codecs.nextSlot());
        codecs.building(type, codec);
        Map<TypeVariable<?>, Type> bindings = new HashMap<>();
        if (type instanceof ParameterizedType p) {
            TypeVariable<?>[] vars = raw.getTypeParameters();
            Type[] args = p.getActualTypeArguments();
            for (int i = 0; i < vars.length; i++) {
                bindings.put(vars[i], args[i]);
            }
        }
        MethodHandles.Lookup lookup = lookup(raw);
        RecordComponent[] rcs = raw.getRecordComponents();
        Class<?>[] params = new Class<?>[rcs.length];
        RecordCodec.Component[] components = new RecordCodec.Component[rcs.length];
        Primitive[] kinds = new Primitive[rcs.length];
        Set<String> names = new HashSet<>();
        try {
            for (int i = 0; i < rcs.length; i++) {
                RecordComponent rc = rcs[i];
                params[i] = rc.getType();
                JsonName named = rc.getAnnotation(JsonName.class);
                String name = named == null ? rc.getName() : named.value();
                boolean ignored = rc.isAnnotationPresent(JsonIgnore.class);
                if (!ignored && !names.add(name)) {
                    throw new IllegalArgumentException(raw.getName() + ": two components are named \"" + name
                            + "\" (expected: distinct member names)");
                }
                Primitive kind = Primitive.of(rc.getType());
                kinds[i] = kind;
                MethodHandle get = lookup.unreflect(rc.getAccessor());
                Codec c = null;
                if (kind == null) {
                    get = get.asType(MethodType.methodType(Object.class, Object.class));
                    c = codecs.build(Types.resolve(rc.getGenericType(), bindings));
                } else {
                    get = bitsGetter(get.asType(MethodType.methodType(kind.type, Object.class)), kind);
                }
                components[i] = new RecordCodec.Component(name, kind, c, ignored, get);
            }
            MethodHandle ctor = lookup.findConstructor(raw, MethodType.methodType(void.class, params));
            Class<?> sealed = discriminated(raw);
            JsonKey dKey = null;
            String dValue = null;
            if (sealed != null) {
                dKey = JsonKey.of(sealed.getAnnotation(JsonDiscriminator.class).value());
                dValue = discriminatorValue(raw);
                if (names.contains(dKey.name())) {
                    throw new IllegalArgumentException(raw.getName() + ": a component is named \"" + dKey.name()
                            + "\", the discriminator of " + sealed.getName() + " (expected: distinct member names)");
                }
            }
            MethodHandle frame = GENERATED ? GeneratedConstructor.of(lookup, raw, params, kinds) : null;
            if (frame == null) {
                frame = FrameConstructor.of(ctor, kinds);
            }
            codec.init(components, GeneratedWriter.of(lookup, raw, rcs, components), frame, codecs.rejectUnknown,
                    codecs.defaultPrimitives, dKey, dValue);
            return codec;
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(raw.getName() + " is not accessible to dev.jsonarena (expected: a "
                    + "public record, or its package open to dev.jsonarena)", e);
        }
    }

    static SealedCodec sealed(Codecs codecs, Class<?> raw) {
        JsonKey key = JsonKey.of(raw.getAnnotation(JsonDiscriminator.class).value());
        SealedCodec codec = new SealedCodec(raw, key);
        codecs.building(raw, codec);
        List<Class<?>> records = new ArrayList<>();
        collect(raw, records);
        JsonKey[] names = new JsonKey[records.size()];
        RecordCodec[] codecsOf = new RecordCodec[records.size()];
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.length; i++) {
            Class<?> r = records.get(i);
            String name = discriminatorValue(r);
            if (!seen.add(name)) {
                throw new IllegalArgumentException(raw.getName() + ": two records are named \"" + name
                        + "\" (expected: distinct discriminator values)");
            }
            names[i] = JsonKey.of(name);
            codecsOf[i] = (RecordCodec) codecs.build(r);
        }
        codec.init(names, codecsOf);
        return codec;
    }

    /** Adds the records permitted by {@code sealed}, through permitted sealed interfaces too. */
    private static void collect(Class<?> sealed, List<Class<?>> out) {
        for (Class<?> p : sealed.getPermittedSubclasses()) {
            if (p.isRecord()) {
                out.add(p);
            } else if (p.isInterface() && p.isSealed()) {
                collect(p, out);
            } else {
                throw new IllegalArgumentException(sealed.getName() + " permits " + p.getName()
                        + " (expected: records, or sealed interfaces of records)");
            }
        }
    }

    /** {@return the sealed interface with a discriminator that {@code raw} implements, directly or not, or null} */
    private static Class<?> discriminated(Class<?> raw) {
        for (Class<?> i : raw.getInterfaces()) {
            if (i.isSealed() && i.isAnnotationPresent(JsonDiscriminator.class)) {
                return i;
            }
            Class<?> up = discriminated(i);
            if (up != null) {
                return up;
            }
        }
        return null;
    }

    private static String discriminatorValue(Class<?> record) {
        JsonName n = record.getAnnotation(JsonName.class);
        return n == null ? record.getSimpleName() : n.value();
    }

    private static MethodHandle bitsGetter(MethodHandle get, Primitive kind) {
        return switch (kind) {
            case BOOLEAN -> MethodHandles.filterReturnValue(get, BOOLEAN_BITS);
            case FLOAT -> MethodHandles.filterReturnValue(get, FLOAT_BITS);
            case DOUBLE -> MethodHandles.filterReturnValue(get, DOUBLE_BITS);
            default -> get.asType(MethodType.methodType(long.class, Object.class));
        };
    }

    private static MethodHandles.Lookup lookup(Class<?> raw) {
        Module self = RecordFactory.class.getModule();
        if (self.isNamed() && !self.canRead(raw.getModule())) {
            self.addReads(raw.getModule());
        }
        try {
            return MethodHandles.privateLookupIn(raw, MethodHandles.lookup());
        } catch (IllegalAccessException e) {
            return MethodHandles.publicLookup();
        }
    }

    private static long bits(boolean b) {
        return b ? 1 : 0;
    }

    private static long bits(float f) {
        return Float.floatToRawIntBits(f);
    }
}
