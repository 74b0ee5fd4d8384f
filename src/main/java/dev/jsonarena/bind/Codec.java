package dev.jsonarena.bind;

import dev.jsonarena.JsonType;
import dev.jsonarena.JsonWriter;
import java.lang.reflect.Type;
import java.util.HashSet;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The binder of one Java type: reads a value at a cursor into an object of the type (and, if it
 * {@linkplain #readsBytes() can}, the same value straight from input bytes), and writes such an
 * object through a generator. Built once per type by {@link Codecs} and shared.
 *
 * <p>As a {@link BiConsumer} it writes a value or {@code null} ({@link #writeValue}): the type a
 * {@link GeneratedWriter} class, defined outside this package, can call it through.
 *
 * <p>Thread-safety: immutable once {@link Codecs} has published it, but for two counters of a
 * heuristic ({@link #directMisses}, {@link #directPause}); all per-call state is in the
 * {@link Reading}.
 */
abstract class Codec implements BiConsumer<JsonWriter, Object> {
    /** The Java type this codec binds. */
    final Type type;

    Codec(Type type) {
        this.type = type;
    }

    /** {@return the value at the cursor of {@code r}}, {@link #nullValue()} for a JSON {@code null} */
    Object readValue(Reading r) {
        JsonType t = r.cursor.type();
        return t == JsonType.NULL ? nullValue() : read(r, t);
    }

    /** {@return the value at the cursor of {@code r}, whose JSON type the caller read: {@code t}} */
    Object readValue(Reading r, JsonType t) {
        return t == JsonType.NULL ? nullValue() : read(r, t);
    }

    /**
     * {@return the value at the cursor of {@code r}, of JSON type {@code t}} (not {@code NULL});
     * the cursor is back at that value on return
     *
     * @throws dev.jsonarena.JsonBindException if the value does not fit
     */
    abstract Object read(Reading r, JsonType t);

    /**
     * {@return the value at the position of the direct input of {@code r}}, {@link #nullValue()}
     * for a JSON {@code null}; the input is past the value on return
     *
     * @throws DirectInput.GiveUp if the value does not fit, or is not read directly
     */
    final Object readBytes(Reading r) {
        DirectInput in = r.in;
        int c = in.peek();
        if (c == 'n') {
            in.nullLiteral();
            return nullValue();
        }
        return readBytes(r, c);
    }

    /**
     * {@return the value at the position of the direct input of {@code r}, whose first byte is
     * {@code c}} (not the {@code n} of {@code null}); the input is past the value on return.
     * Only a binder whose {@link #readsBytes(Set)} is true is asked.
     *
     * @throws DirectInput.GiveUp if the value does not fit, or is not read directly
     */
    Object readBytes(Reading r, int c) {
        throw DirectInput.GIVE_UP;
    }

    /** Whether {@link #readsBytes(Set)} holds: 0 not known yet, 1 yes, 2 no. */
    private byte readsBytes;
    /**
     * The direct readings of this type given up in a row, and the inputs still to pass to the
     * document without one ({@link Codecs#bindBytes}). Counters of a heuristic: updated without
     * synchronization, as a lost update only moves when the direct reading is tried.
     */
    int directMisses;
    int directPause;

    /** {@return whether this binder, and every binder it reaches, reads direct input}, computed once */
    final boolean readsBytes() {
        byte b = readsBytes;
        if (b == 0) {
            readsBytes = b = readsBytes(new HashSet<>()) ? (byte) 1 : (byte) 2;
        }
        return b == 1;
    }

    /**
     * {@return whether this binder reads direct input ({@link #readBytes(Reading, int)}), and so do
     * the binders it reaches}; a binder in {@code visiting} counts as reading it (its answer is
     * being decided), which lets recursive types answer
     */
    boolean readsBytes(Set<Codec> visiting) {
        return false;
    }

    /** {@return what a JSON {@code null} binds to}: {@code null}, or {@code Optional.empty()} */
    Object nullValue() {
        return null;
    }

    /** {@return what a missing member binds to}: {@code null}, or an empty container */
    Object absentValue() {
        return null;
    }

    /**
     * {@return whether {@link #absentValue()} is {@code null}}: a record leaves such a missing
     * component as its frame has it (null) without a call; a binder that overrides
     * {@link #absentValue()} overrides this too
     */
    boolean absentIsNull() {
        return true;
    }

    /** Writes {@code value}, which is not null, as one JSON value. */
    abstract void write(JsonWriter w, Object value);

    /**
     * Writes {@code value}, or {@code null}.
     *
     * @throws ClassCastException naming both types if {@code value} is not of this codec's type (an
     *     element of a heap-polluted collection, map or optional); one thrown deeper, or by user code
     *     such as an accessor, passes unchanged
     */
    final void writeValue(JsonWriter w, Object value) {
        if (value == null) {
            w.nullValue();
            return;
        }
        try {
            write(w, value);
        } catch (ClassCastException e) {
            Class<?> declared = Types.raw(type);
            if (declared.isPrimitive() || declared.isInstance(value)) {
                throw e;
            }
            ClassCastException mismatch = new ClassCastException("a " + value.getClass().getName() + " where "
                    + type.getTypeName() + " is declared (a collection, map or optional holding another type)");
            mismatch.initCause(e);
            throw mismatch;
        }
    }

    /** {@link #writeValue}. */
    @Override
    public final void accept(JsonWriter w, Object value) {
        writeValue(w, value);
    }
}
