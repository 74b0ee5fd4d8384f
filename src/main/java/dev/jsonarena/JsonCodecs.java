package dev.jsonarena;

import dev.jsonarena.bind.Codecs;
import dev.jsonarena.tape.JsonSink;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.util.Objects;

/**
 * Binds parsed JSON to Java types and writes Java values as JSON: records, enums, strings,
 * primitives and their boxes, {@code BigInteger}, {@code BigDecimal}, lists, sets, maps with string
 * keys, arrays, {@code Optional}, {@code java.time} values, {@code UUID}, sealed interfaces of
 * records ({@link JsonDiscriminator}) and {@link JsonValue} itself (kept as a view). See
 * {@code docs/binding.md} for every type and rule.
 *
 * {@snippet :
 * record Item(String sku, int qty) {}
 * record Order(long id, List<Item> items, Optional<String> note) {}
 *
 * try (JsonArena arena = JsonArena.open()) {
 *     Order order = arena.parse(body, Order.class);                    // parse and bind
 *     Item first = JsonCodecs.defaults().bind(arena.parse(body).path("items").path(0), Item.class);
 *     byte[] json = JsonCodecs.defaults().toJsonBytes(order, JsonFormat.COMPACT);
 * }
 * }
 *
 * <p><b>Rules.</b> A member the type has no component for is ignored, or rejected with
 * {@link Builder#rejectUnknownMembers(boolean)}. A missing member gives {@code null}, an empty
 * collection, map or array, or {@code Optional.empty()}; for a primitive it is an error unless
 * {@link Builder#defaultMissingPrimitives(boolean)} gives zero and {@code false}. {@code null} for a
 * primitive is always an error. Names are matched exactly. Numbers are bound exactly: {@code 1.5}
 * or {@code 3000000000} into an {@code int} is an error. Every binding error is a
 * {@link JsonBindException} naming the value's JSON Pointer, the target type and what was found.
 *
 * <p><b>Lifetime.</b> A bound value holds no view of its arena, except a {@link JsonValue}
 * component, which is valid only while that arena is open and not reset.
 *
 * <p><b>Binders.</b> The binder of a type is built on its first use, with one lookup of the
 * record's canonical constructor and accessors, and cached in this object for every later call
 * with that type; binding calls no reflection. Build one {@code JsonCodecs} per set of options and
 * keep it; {@link #defaults()} is shared. Records must be accessible to this module: public, or
 * in a package open to {@code dev.jsonarena} (every package of the class path is).
 *
 * <p>Thread-safety: thread-safe; binders are built once even when many threads ask at once.
 */
public final class JsonCodecs {
    private static final JsonCodecs DEFAULTS = builder().build();

    private final Codecs codecs;
    private final boolean rejectUnknownMembers;
    private final boolean defaultMissingPrimitives;

    private JsonCodecs(Builder b) {
        this.rejectUnknownMembers = b.rejectUnknownMembers;
        this.defaultMissingPrimitives = b.defaultMissingPrimitives;
        this.codecs = new Codecs(rejectUnknownMembers, defaultMissingPrimitives, CursorMemberKeys.INSTANCE);
    }

    /** {@return the shared codecs with the default options} (unknown members ignored, missing primitives rejected) */
    public static JsonCodecs defaults() {
        return DEFAULTS;
    }

    /** {@return a builder of codecs with the default options} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return whether unknown members are rejected} */
    public boolean rejectsUnknownMembers() {
        return rejectUnknownMembers;
    }

    /** {@return whether a missing member gives zero or {@code false} to a primitive instead of an error} */
    public boolean defaultsMissingPrimitives() {
        return defaultMissingPrimitives;
    }

    /**
     * Binds {@code value} (any value of a document, the root or a subtree) to {@code type}.
     *
     * @param <T> the type
     * @param value the value
     * @param type the class to bind to; a primitive class binds to its box
     * @return the bound value; {@code null} for a JSON {@code null} into a reference type
     * @throws JsonBindException if the value does not fit the type
     * @throws JsonMissingValueException if {@code value} is {@linkplain JsonValue#isMissing() missing}
     * @throws IllegalArgumentException if {@code type} is not bindable (see {@code docs/binding.md})
     * @throws NullPointerException if an argument is null
     * @throws IllegalStateException if {@code value}'s arena was reset or closed
     */
    @SuppressWarnings("unchecked")
    public <T> T bind(JsonValue value, Class<T> type) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(type, "type");
        return (T) codecs.bind(value, type);
    }

    /** {@return the root {@code value} bound to {@code type}}, for the arena's one-call parse */
    Object bind(JsonValue value, java.lang.reflect.Type type) {
        return codecs.bind(value, type);
    }

    /**
     * {@return {@code json[offset, offset + length)} bound to {@code type} without a parsed
     * document, or {@link Codecs#NOT_BOUND}} if the direct reading gave up (see {@link Codecs#bindBytes});
     * {@code extent} is one of {@link Codecs#WHOLE}, {@link Codecs#VALUE}, {@link Codecs#LINE_VALUE}
     */
    Object bindBytes(byte[] json, int offset, int length, JsonLimits limits, java.lang.reflect.Type type, int[] tokens,
            int extent) {
        return codecs.bindBytes(json, offset, length, limits, type, tokens, true, extent);
    }

    /** Builds the binder of {@code type} now. @throws IllegalArgumentException if it is not bindable */
    void requireBindable(java.lang.reflect.Type type) {
        codecs.requireBindable(type);
    }

    /** {@link #bindBytes} that always tries the direct reading: for tests that compare it with the document's on every input */
    Object bindBytesAlways(byte[] json, JsonLimits limits, java.lang.reflect.Type type) {
        return codecs.bindBytes(json, 0, json.length, limits, type, null, false);
    }

    /**
     * Binds {@code value} to a generic type, e.g. {@code List<Order>}.
     *
     * @param <T> the type
     * @param value the value
     * @param type the type to bind to
     * @return the bound value; {@code null} for a JSON {@code null} into a reference type
     * @throws JsonBindException if the value does not fit the type
     * @throws JsonMissingValueException if {@code value} is {@linkplain JsonValue#isMissing() missing}
     * @throws IllegalArgumentException if the type is not bindable
     * @throws NullPointerException if an argument is null
     * @throws IllegalStateException if {@code value}'s arena was reset or closed
     */
    @SuppressWarnings("unchecked")
    public <T> T bind(JsonValue value, JsonTypeRef<T> type) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(type, "type");
        return (T) codecs.bind(value, type.type());
    }

    /**
     * Writes {@code value} to {@code writer} as one JSON value, by its run-time class.
     *
     * @param value the value; {@code null} writes {@code null}
     * @param writer the generator, at a place where a value may be written
     * @throws IllegalArgumentException if the value's class is not bindable, or it holds a
     *     non-finite {@code double} or {@code float}
     * @throws IllegalStateException if {@code writer} cannot take a value here
     * @throws UncheckedIOException if the writer's target fails
     * @throws NullPointerException if {@code writer} is null
     * @throws ClassCastException if a value inside it is not of the type declared for it (a
     *     heap-polluted collection, map or {@code Optional}); the message names both types
     */
    public void write(Object value, JsonWriter writer) {
        Objects.requireNonNull(writer, "writer");
        codecs.write(writer, value, value == null ? Object.class : value.getClass());
    }

    /**
     * Writes {@code value} to {@code writer} as a value of the declared type {@code type}: its
     * generic type arguments choose the element writers, e.g. an interface's discriminator.
     *
     * @param value the value; {@code null} writes {@code null}
     * @param type the declared type of the value
     * @param writer the generator
     * @throws IllegalArgumentException if the type is not bindable, or the value holds a non-finite
     *     {@code double} or {@code float}
     * @throws ClassCastException if {@code value}, or a value inside it, is not of the type declared
     *     for it (a heap-polluted collection, map or {@code Optional}); the message names both types
     * @throws UncheckedIOException if the writer's target fails
     * @throws NullPointerException if {@code type} or {@code writer} is null
     */
    public void write(Object value, Type type, JsonWriter writer) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(writer, "writer");
        codecs.write(writer, value, type);
    }

    /**
     * Writes {@code value} as one JSON text to {@code out} in UTF-8.
     *
     * @param value the value; {@code null} writes {@code null}
     * @param out the target; flushed, not closed
     * @param format compact or pretty
     * @throws IOException if {@code out} fails
     * @throws IllegalArgumentException if the value's class is not bindable, or it holds a
     *     non-finite {@code double} or {@code float}
     * @throws NullPointerException if {@code out} or {@code format} is null
     * @throws ClassCastException if a value inside it is not of the type declared for it (a
     *     heap-polluted collection, map or {@code Optional}); the message names both types
     */
    public void write(Object value, OutputStream out, JsonFormat format) throws IOException {
        try (JsonWriter w = JsonWriter.of(Objects.requireNonNull(out, "out"), format)) {
            write(value, w);
            w.flush();
        } catch (JsonSink.Failure e) {
            throw e.getCause();
        }
    }

    /**
     * Writes {@code value} as one JSON text to {@code out}.
     *
     * @param value the value; {@code null} writes {@code null}
     * @param out the target; not closed
     * @param format compact or pretty
     * @throws IOException if {@code out} fails
     * @throws IllegalArgumentException if the value's class is not bindable, or it holds a
     *     non-finite {@code double} or {@code float}
     * @throws NullPointerException if {@code out} or {@code format} is null
     * @throws ClassCastException if a value inside it is not of the type declared for it (a
     *     heap-polluted collection, map or {@code Optional}); the message names both types
     */
    public void write(Object value, Appendable out, JsonFormat format) throws IOException {
        try (JsonWriter w = JsonWriter.of(Objects.requireNonNull(out, "out"), format)) {
            write(value, w);
        } catch (JsonSink.Failure e) {
            throw e.getCause();
        }
    }

    /**
     * {@return {@code value} as one JSON text in UTF-8}
     *
     * @param value the value; {@code null} gives {@code null}
     * @param format compact or pretty
     * @throws IllegalArgumentException if the value's class is not bindable, or it holds a
     *     non-finite {@code double} or {@code float}
     * @throws NullPointerException if {@code format} is null
     * @throws ClassCastException if a value inside it is not of the type declared for it (a
     *     heap-polluted collection, map or {@code Optional}); the message names both types
     */
    public byte[] toJsonBytes(Object value, JsonFormat format) {
        JsonWriter w = JsonWriter.buffered(format);
        write(value, w);
        return w.toByteArray();
    }

    /**
     * {@return {@code value} as one compact JSON text}
     *
     * @param value the value; {@code null} gives {@code null}
     * @throws IllegalArgumentException if the value's class is not bindable, or it holds a
     *     non-finite {@code double} or {@code float}
     * @throws ClassCastException if a value inside it is not of the type declared for it (a
     *     heap-polluted collection, map or {@code Optional}); the message names both types
     */
    public String toJson(Object value) {
        return toJson(value, JsonFormat.COMPACT);
    }

    /**
     * {@return {@code value} as one JSON text}
     *
     * @param value the value; {@code null} gives {@code null}
     * @param format compact or pretty
     * @throws IllegalArgumentException if the value's class is not bindable, or it holds a
     *     non-finite {@code double} or {@code float}
     * @throws NullPointerException if {@code format} is null
     * @throws ClassCastException if a value inside it is not of the type declared for it (a
     *     heap-polluted collection, map or {@code Optional}); the message names both types
     */
    public String toJson(Object value, JsonFormat format) {
        JsonWriter w = JsonWriter.buffered(format);
        write(value, w);
        return w.toString();
    }

    @Override
    public String toString() {
        return "JsonCodecs[rejectUnknownMembers=" + rejectUnknownMembers + ", defaultMissingPrimitives="
                + defaultMissingPrimitives + "]";
    }

    /**
     * Options of a {@link JsonCodecs}.
     *
     * <p>Thread-safety: not thread-safe; build on one thread.
     */
    public static final class Builder {
        private boolean rejectUnknownMembers;
        private boolean defaultMissingPrimitives;

        private Builder() {}

        /**
         * Sets whether a member that no record component is named for is an error; by default
         * such members are ignored.
         *
         * @param reject true to reject unknown members
         * @return this builder
         */
        public Builder rejectUnknownMembers(boolean reject) {
            this.rejectUnknownMembers = reject;
            return this;
        }

        /**
         * Sets whether a missing member gives a primitive component zero ({@code false}) instead of
         * being an error; by default it is an error. A {@code null} member is an error either way.
         *
         * @param allow true to give missing primitives their zero
         * @return this builder
         */
        public Builder defaultMissingPrimitives(boolean allow) {
            this.defaultMissingPrimitives = allow;
            return this;
        }

        /** {@return the codecs} */
        public JsonCodecs build() {
            return new JsonCodecs(this);
        }
    }
}
