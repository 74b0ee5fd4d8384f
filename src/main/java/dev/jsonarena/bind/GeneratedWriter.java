package dev.jsonarena.bind;

import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_String;
import static java.lang.constant.ConstantDescs.CD_boolean;
import static java.lang.constant.ConstantDescs.CD_char;
import static java.lang.constant.ConstantDescs.CD_double;
import static java.lang.constant.ConstantDescs.CD_float;
import static java.lang.constant.ConstantDescs.CD_long;
import static java.lang.constant.ConstantDescs.CD_void;
import static java.lang.constant.ConstantDescs.INIT_NAME;
import static java.lang.constant.ConstantDescs.MTD_void;

import dev.jsonarena.JsonKey;
import dev.jsonarena.JsonWriter;
import java.lang.classfile.ClassFile;
import java.lang.classfile.CodeBuilder;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.AccessFlag;
import java.lang.reflect.RecordComponent;
import java.util.function.BiConsumer;

/**
 * The members of a record written by a hidden class generated with {@code java.lang.classfile}, a
 * nestmate of the record, which calls each accessor directly and writes its value: a primitive
 * through the generator's own method, anything else through the component's {@link Codec} (a
 * {@link BiConsumer}), each from a call site of its own, so the JIT sees one codec class at each
 * and can inline it (one shared loop over method handles, as {@link RecordCodec} has without it,
 * sees all of them):
 *
 * <pre>
 * final class JsonArenaWriter implements BiConsumer {
 *     final JsonKey[] k; final BiConsumer[] c;
 *     public void accept(Object w, Object v) {
 *         Order o = (Order) v;
 *         ((JsonWriter) w).name(k[0]); c[0].accept(w, o.id());     // a reference component
 *         ((JsonWriter) w).name(k[1]); ((JsonWriter) w).value((long) o.count());
 *     }
 * }
 * </pre>
 *
 * The object's brackets and a sealed type's discriminator are written by {@link RecordCodec}.
 *
 * <p>Thread-safety: static functions; the classes made are immutable.
 */
final class GeneratedWriter {
    private static final ClassDesc CD_BI_CONSUMER = ClassDesc.of(BiConsumer.class.getName());
    private static final ClassDesc CD_WRITER = ClassDesc.of(JsonWriter.class.getName());
    private static final ClassDesc CD_KEY = ClassDesc.of(JsonKey.class.getName());
    private static final ClassDesc CD_KEYS = CD_KEY.arrayType();
    private static final ClassDesc CD_CODECS = CD_BI_CONSUMER.arrayType();
    private static final MethodTypeDesc MTD_ACCEPT = MethodTypeDesc.of(CD_void, CD_Object, CD_Object);

    private GeneratedWriter() {}

    /**
     * {@return a writer of {@code raw}'s members, or null if this lookup cannot define a class in the
     * record's package or reach the generator's types from it}
     *
     * @param lookup a lookup with full privilege in {@code raw}
     * @param raw the record class
     * @param rcs its components
     * @param components their binders, in the same order
     */
    @SuppressWarnings("unchecked")
    static BiConsumer<JsonWriter, Object> of(MethodHandles.Lookup lookup, Class<?> raw, RecordComponent[] rcs,
                                             RecordCodec.Component[] components) {
        if (lookup.lookupClass() != raw || !lookup.hasFullPrivilegeAccess()) {
            return null;
        }
        try {
            lookup.accessClass(JsonWriter.class);
            lookup.accessClass(JsonKey.class);
            ClassDesc self = ClassDesc.of((raw.getPackageName().isEmpty() ? "" : raw.getPackageName() + ".")
                    + "JsonArenaWriter");
            ClassDesc record = raw.describeConstable().orElseThrow();
            JsonKey[] keys = new JsonKey[components.length];
            BiConsumer<?, ?>[] codecs = new BiConsumer<?, ?>[components.length];
            for (int i = 0; i < components.length; i++) {
                keys[i] = components[i].key;
                codecs[i] = components[i].codec;
            }
            byte[] bytes = ClassFile.of().build(self, cb -> {
                cb.withFlags(AccessFlag.FINAL, AccessFlag.SYNTHETIC);
                cb.withInterfaceSymbols(CD_BI_CONSUMER);
                cb.withField("k", CD_KEYS, ClassFile.ACC_PRIVATE | ClassFile.ACC_FINAL);
                cb.withField("c", CD_CODECS, ClassFile.ACC_PRIVATE | ClassFile.ACC_FINAL);
                cb.withMethodBody(INIT_NAME, MethodTypeDesc.of(CD_void, CD_KEYS, CD_CODECS), ClassFile.ACC_PUBLIC, b -> b
                        .aload(0).invokespecial(CD_Object, INIT_NAME, MTD_void)
                        .aload(0).aload(1).putfield(self, "k", CD_KEYS)
                        .aload(0).aload(2).putfield(self, "c", CD_CODECS)
                        .return_());
                cb.withMethodBody("accept", MTD_ACCEPT, ClassFile.ACC_PUBLIC, b -> {
                    b.aload(1).checkcast(CD_WRITER).astore(3);
                    b.aload(2).checkcast(record).astore(4);
                    b.aload(0).getfield(self, "k", CD_KEYS).astore(5);
                    b.aload(0).getfield(self, "c", CD_CODECS).astore(6);
                    for (int i = 0; i < components.length; i++) {
                        if (!components[i].ignored) {
                            member(b, i, components[i].primitive, rcs[i], record);
                        }
                    }
                    b.return_();
                });
            });
            MethodHandles.Lookup hidden = lookup.defineHiddenClass(bytes, true, MethodHandles.Lookup.ClassOption.NESTMATE);
            try {
                return (BiConsumer<JsonWriter, Object>) hidden.findConstructor(hidden.lookupClass(),
                        MethodType.methodType(void.class, JsonKey[].class, BiConsumer[].class)).invoke(keys, codecs);
            } catch (Throwable e) {
                return null;
            }
        } catch (ReflectiveOperationException | IllegalArgumentException | UnsupportedOperationException e) {
            return null;
        }
    }

    /** Writes component {@code i}'s name, then its value (locals 3: writer, 4: record, 5: keys, 6: codecs). */
    private static void member(CodeBuilder b, int i, Primitive kind, RecordComponent rc, ClassDesc record) {
        ClassDesc type = rc.getType().describeConstable().orElseThrow();
        MethodTypeDesc getter = MethodTypeDesc.of(type);
        b.aload(3).aload(5).loadConstant(i).aaload()
                .invokevirtual(CD_WRITER, "name", MethodTypeDesc.of(CD_WRITER, CD_KEY)).pop();
        if (kind == null) {
            b.aload(6).loadConstant(i).aaload().aload(3)
                    .aload(4).invokevirtual(record, rc.getAccessor().getName(), getter)
                    .invokeinterface(CD_BI_CONSUMER, "accept", MTD_ACCEPT);
            return;
        }
        b.aload(3).aload(4).invokevirtual(record, rc.getAccessor().getName(), getter);
        ClassDesc arg = switch (kind) {
            case BOOLEAN -> CD_boolean;
            case BYTE, SHORT, INT -> {
                b.i2l();
                yield CD_long;
            }
            case LONG -> CD_long;
            case CHAR -> {
                b.invokestatic(CD_String, "valueOf", MethodTypeDesc.of(CD_String, CD_char));
                yield ClassDesc.of(CharSequence.class.getName());
            }
            case FLOAT -> CD_float;
            case DOUBLE -> CD_double;
        };
        b.invokevirtual(CD_WRITER, "value", MethodTypeDesc.of(CD_WRITER, arg)).pop();
    }
}
