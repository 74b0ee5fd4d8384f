package dev.jsonarena.bind;

import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_double;
import static java.lang.constant.ConstantDescs.CD_float;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;
import static java.lang.constant.ConstantDescs.CD_void;
import static java.lang.constant.ConstantDescs.INIT_NAME;
import static java.lang.constant.ConstantDescs.MTD_void;

import java.lang.classfile.ClassFile;
import java.lang.classfile.CodeBuilder;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.AccessFlag;
import java.util.function.BiFunction;

/**
 * The other way to call a record's canonical constructor from a frame (see
 * {@link FrameConstructor}): a hidden class generated with {@code java.lang.classfile}, a nestmate of
 * the record, whose one method reads each component from the frame and calls the constructor
 * directly:
 *
 * <pre>
 * final class Order$JsonArenaFrame implements BiFunction&lt;long[], Object[], Object&gt; {
 *     public Object apply(Object p, Object r) {
 *         long[] prims = (long[]) p; Object[] refs = (Object[]) r;
 *         return new Order((String) refs[0], (int) prims[1], Double.longBitsToDouble(prims[2]));
 *     }
 * }
 * </pre>
 *
 * Returned as a method handle of the same type as {@link FrameConstructor#of}'s, bound to the one
 * instance, so {@link RecordCodec} calls either the same way.
 *
 * <p>Thread-safety: static functions; the classes made are immutable.
 */
final class GeneratedConstructor {
    private static final ClassDesc CD_BI_FUNCTION = ClassDesc.of(BiFunction.class.getName());
    private static final ClassDesc CD_LONGS = CD_long.arrayType();
    private static final ClassDesc CD_OBJECTS = CD_Object.arrayType();
    private static final MethodHandle APPLY;

    static {
        try {
            APPLY = MethodHandles.publicLookup().findVirtual(BiFunction.class, "apply",
                    MethodType.methodType(Object.class, Object.class, Object.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private GeneratedConstructor() {}

    /**
     * {@return the constructor of {@code raw} as {@code (long[], Object[])Object}, or null if this
     * lookup cannot define a class in the record's package or reach a component's type}
     *
     * @param lookup a lookup with full privilege in {@code raw}
     * @param raw the record class
     * @param params the canonical constructor's parameter types
     * @param kinds per component, its primitive kind, or null for a reference
     */
    static MethodHandle of(MethodHandles.Lookup lookup, Class<?> raw, Class<?>[] params, Primitive[] kinds) {
        if (lookup.lookupClass() != raw || !lookup.hasFullPrivilegeAccess()) {
            return null;
        }
        try {
            for (Class<?> p : params) {
                Class<?> element = p;
                while (element.isArray()) {
                    element = element.componentType();
                }
                lookup.accessClass(element);
            }
            ClassDesc self = ClassDesc.of((raw.getPackageName().isEmpty() ? "" : raw.getPackageName() + ".")
                    + "JsonArenaFrame");
            ClassDesc record = raw.describeConstable().orElseThrow();
            ClassDesc[] paramDescs = new ClassDesc[params.length];
            for (int i = 0; i < params.length; i++) {
                paramDescs[i] = params[i].describeConstable().orElseThrow();
            }
            byte[] bytes = ClassFile.of().build(self, cb -> {
                cb.withFlags(AccessFlag.FINAL, AccessFlag.SYNTHETIC);
                cb.withInterfaceSymbols(CD_BI_FUNCTION);
                cb.withMethodBody(INIT_NAME, MTD_void, ClassFile.ACC_PUBLIC,
                        b -> b.aload(0).invokespecial(CD_Object, INIT_NAME, MTD_void).return_());
                cb.withMethodBody("apply", MethodTypeDesc.of(CD_Object, CD_Object, CD_Object), ClassFile.ACC_PUBLIC, b -> {
                    b.aload(1).checkcast(CD_LONGS).astore(3);
                    b.aload(2).checkcast(CD_OBJECTS).astore(4);
                    b.new_(record).dup();
                    for (int i = 0; i < kinds.length; i++) {
                        load(b, i, kinds[i], paramDescs[i]);
                    }
                    b.invokespecial(record, INIT_NAME, MethodTypeDesc.of(CD_void, paramDescs));
                    b.areturn();
                });
            });
            MethodHandles.Lookup hidden = lookup.defineHiddenClass(bytes, true, MethodHandles.Lookup.ClassOption.NESTMATE);
            Object instance;
            try {
                instance = hidden.findConstructor(hidden.lookupClass(), MethodType.methodType(void.class)).invoke();
            } catch (Throwable e) {
                return null;
            }
            return APPLY.bindTo(instance).asType(MethodType.methodType(Object.class, long[].class, Object[].class));
        } catch (ReflectiveOperationException | IllegalArgumentException | UnsupportedOperationException e) {
            return null;
        }
    }

    /** Pushes component {@code i} read from the frame (locals 3: prims, 4: refs). */
    private static void load(CodeBuilder b, int i, Primitive kind, ClassDesc type) {
        if (kind == null) {
            b.aload(4).loadConstant(i).aaload().checkcast(type);
            return;
        }
        b.aload(3).loadConstant(i).laload();
        switch (kind) {
            case LONG -> { }
            case INT, BOOLEAN -> b.l2i();
            case BYTE -> b.l2i().i2b();
            case SHORT -> b.l2i().i2s();
            case CHAR -> b.l2i().i2c();
            case FLOAT -> b.l2i().invokestatic(ClassDesc.of("java.lang.Float"), "intBitsToFloat",
                    MethodTypeDesc.of(CD_float, CD_int));
            case DOUBLE -> b.invokestatic(ClassDesc.of("java.lang.Double"), "longBitsToDouble",
                    MethodTypeDesc.of(CD_double, CD_long));
        }
    }
}
