package dev.jsonarena.bind;

import dev.jsonarena.JsonDiscriminator;
import dev.jsonarena.JsonValue;
import dev.jsonarena.JsonWriter;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The binders of one {@link dev.jsonarena.JsonCodecs}: one {@link Codec} per Java type, built on
 * first use and cached, and the entry points that lend a {@link Reading} to a bind call.
 *
 * <p><b>Building.</b> A type's binder is built under one lock, with the binders of every type it
 * reaches (component, element and value types); they are published to the cache together once all
 * are complete, so a reader of the cache never sees a half-built binder. A record or sealed
 * interface is entered in the set being built before its components, so recursive types
 * ({@code record Node(List<Node> children)}) end. Lookups of built binders take no lock.
 *
 * <p><b>Reading state.</b> {@link Reading}s (cursor and frames) are kept for reuse in stripes, a
 * stripe per thread id modulo {@link #STRIPES} (spaced a cache line apart): a call takes its
 * stripe's if it is there, else makes its own, and gives it back after. So threads that bind at the
 * same time, up to about {@link #STRIPES} of them, each reuse their own state and allocate none per
 * call, they do not contend for one slot, and concurrent calls never share a {@code Reading}.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class Codecs {
    private final ConcurrentHashMap<Type, Codec> cache = new ConcurrentHashMap<>();
    /** Stripes of spare {@link Reading}s: the power of two from twice the processors to four times, at most 64. */
    static final int STRIPES = Math.min(64, Integer.highestOneBit(Math.max(1, Runtime.getRuntime().availableProcessors()) * 4 - 1));
    /** Flags from one stripe to the next: 16 ints, 64 bytes, so stripes do not share a cache line. */
    private static final int SPACING = 16;
    /**
     * Per stripe, its {@link Reading} (made by the first call on it) and, at {@code stripe *
     * SPACING}, whether a call has it (1) or not (0). A call takes the flag and lends the Reading;
     * it never stores the Reading back: an int store, unlike a reference store into an old array,
     * costs G1 no barrier. The Reading is written under the flag and read after taking it.
     */
    private final Reading[] spares = new Reading[STRIPES];
    private final AtomicIntegerArray taken = new AtomicIntegerArray(STRIPES * SPACING);
    /** The {@link Reading}s made: one per stripe in use, more only when calls on a stripe overlap. */
    private final AtomicLong readingsMade = new AtomicLong();
    private final Object buildLock = new Object();
    /** Binders being built by the thread holding {@link #buildLock}; published when complete. */
    private final Map<Type, Codec> building = new HashMap<>();
    final boolean rejectUnknown;
    final boolean defaultPrimitives;
    final MemberKeys keys;
    /** The next {@link RecordCodec#slot}: records number themselves for the key-id cache of {@link Reading}. */
    private int slots;

    /**
     * Creates an empty set of binders.
     *
     * @param rejectUnknown whether records reject members they have no component for
     * @param defaultPrimitives whether a missing member gives a primitive component its zero
     * @param keys the key ids of the cursor's documents
     */
    public Codecs(boolean rejectUnknown, boolean defaultPrimitives, MemberKeys keys) {
        this.rejectUnknown = rejectUnknown;
        this.defaultPrimitives = defaultPrimitives;
        this.keys = keys;
    }

    /** {@return how many {@link Reading}s bind calls have made so far} */
    long readingsMade() {
        return readingsMade.get();
    }

    /** {@return the calling thread's stripe} */
    private static int stripe() {
        return (int) Thread.currentThread().threadId() & (STRIPES - 1);
    }

    /** {@return the {@link Reading} of {@code stripe}, taken, or a new one if a call has it} (overlapping calls on one stripe) */
    private Reading take(int stripe) {
        if (taken.compareAndExchangeAcquire(stripe * SPACING, 0, 1) == 0) {
            Reading r = spares[stripe];
            if (r == null) {
                r = spares[stripe] = new Reading(this);
                readingsMade.incrementAndGet();
            }
            return r;
        }
        readingsMade.incrementAndGet();
        return new Reading(this);
    }

    /** Ends a call's use of {@code r}, taken from {@code stripe}: the stripe's own is released, another dropped. */
    private void give(int stripe, Reading r) {
        if (spares[stripe] == r) { // read under the flag this call holds; never r if it is a Reading of its own
            taken.setRelease(stripe * SPACING, 0);
        }
    }

    /** {@return whether {@link #bindBytes} passes {@code type}'s inputs to the document without trying them} */
    boolean pausesDirectReading(Type type) {
        return codec(type).directPause > 0;
    }

    /**
     * Builds the binder of {@code type} now, so that a reading that binds later fails up front.
     *
     * @throws IllegalArgumentException if the type is not bindable
     */
    public void requireBindable(Type type) {
        codec(type);
    }

    /** {@return a new record slot}; called under the build lock */
    int nextSlot() {
        return slots++;
    }

    /**
     * {@return {@code value} bound to {@code type}}
     *
     * @throws dev.jsonarena.JsonBindException if the value does not fit the type
     * @throws IllegalArgumentException if the type is not bindable
     */
    public Object bind(JsonValue value, Type type) {
        Codec codec = codec(type);
        int stripe = stripe();
        Reading r = take(stripe);
        try {
            r.cursor.reset(value);
            r.begin();
            Object result = codec.readValue(r);
            give(stripe, r);
            return result;
        } catch (RuntimeException | Error e) {
            r.clear();
            give(stripe, r);
            throw e;
        }
    }

    /** What {@link #bindBytes} returns when it did not bind: the caller parses the input and binds the document. */
    public static final Object NOT_BOUND = new Object();
    /**
     * After this many inputs in a row of one type that the direct reading gave up on, {@link #bindBytes}
     * passes the next {@link #PAUSE} of that type to the document without trying them: inputs that
     * always give up (escaped names, say) then cost about one parse each, not a direct attempt and a parse.
     */
    static final int MISSES_BEFORE_PAUSE = 16;
    static final int PAUSE = 1024;

    /**
     * {@return {@code json[offset, offset + length)} bound to {@code type}, read directly without
     * a parsed document, or {@link #NOT_BOUND}} when that reading gave up ({@link DirectInput}):
     * for any input it does not read exactly as the parser and the cursor path would, the error
     * included, and for any type one of whose binders does not read direct input. A value it
     * returns is the value the cursor path binds from the parsed document, under {@code limits}.
     * A type whose last {@link #MISSES_BEFORE_PAUSE} inputs all gave up has its next {@link #PAUSE}
     * returned as not bound at once.
     *
     * @param tokens where the tokens read are put, at index 0, when bound; may be null
     * @param pausing whether the pause applies (tests that compare every input's two readings turn it off)
     * @throws IllegalArgumentException if the type is not bindable
     * @throws Error as the record constructors it calls throw them
     */
    public Object bindBytes(byte[] json, int offset, int length, dev.jsonarena.JsonLimits limits, Type type,
            int[] tokens, boolean pausing) {
        return bindBytes(json, offset, length, limits, type, tokens, pausing, WHOLE);
    }

    /** {@link #bindBytes(byte[], int, int, dev.jsonarena.JsonLimits, Type, int[], boolean, int) Extent}: the value is the whole input, whitespace around it. */
    public static final int WHOLE = 0;
    /**
     * Extent: the value starts the input and anything may follow it; its end is put at index 1 of
     * {@code tokens}, and at 2 and 3 the newlines among its tokens and the index just past the last.
     */
    public static final int VALUE = 1;
    /** Extent: as {@link #VALUE}, and no newline may come between its tokens (a JSON Lines record). */
    public static final int LINE_VALUE = 2;

    /**
     * {@link #bindBytes(byte[], int, int, dev.jsonarena.JsonLimits, Type, int[], boolean)} of a
     * value of the given extent: {@link #WHOLE}, or {@link #VALUE} and {@link #LINE_VALUE}, which
     * bind the value that starts {@code json[offset, offset + length)} and put the index just past
     * it at index 1 of {@code tokens} (then not null, of length 4), the newlines between its tokens
     * at 2 and the index just past the last at 3 (the value's start if none): what follows it is
     * the caller's to check.
     */
    public Object bindBytes(byte[] json, int offset, int length, dev.jsonarena.JsonLimits limits, Type type,
            int[] tokens, boolean pausing, int extent) {
        Codec codec = codec(type);
        if (!codec.readsBytes()) {
            return NOT_BOUND;
        }
        if (pausing && codec.directPause > 0) {
            codec.directPause--;
            return NOT_BOUND;
        }
        int stripe = stripe();
        Reading r = take(stripe);
        try {
            DirectInput in = r.in;
            in.begin(json, offset, length, limits, extent == LINE_VALUE);
            Object result = codec.readBytes(r);
            int tokensRead = in.tokens();
            if (extent == WHOLE) {
                in.finish();
            } else {
                tokens[2] = in.newlines();
                tokens[3] = in.lineStart();
                tokens[1] = in.finishValue();
            }
            if (tokens != null) {
                tokens[0] = tokensRead;
            }
            give(stripe, r);
            if (pausing && codec.directMisses != 0) { // no write on the common path: the codec is shared by every thread
                codec.directMisses = 0;
            }
            return result;
        } catch (RuntimeException | Error e) {
            r.clear();
            give(stripe, r);
            if (e instanceof Error error) { // a record constructor's, as the document path would throw it
                throw error;
            }
            // GiveUp, or any other exception: the parsed document decides
            if (pausing && ++codec.directMisses >= MISSES_BEFORE_PAUSE) {
                codec.directMisses = 0;
                codec.directPause = PAUSE;
            }
            return NOT_BOUND;
        }
    }

    /**
     * Writes {@code value} as a value of {@code type}.
     *
     * @throws IllegalArgumentException if the type is not bindable
     */
    public void write(JsonWriter w, Object value, Type type) {
        codec(type).writeValue(w, value);
    }

    /** {@return the binder of {@code type}}, built if needed @throws IllegalArgumentException if not bindable */
    Codec codec(Type type) {
        Codec c = cache.get(type);
        if (c != null) {
            return c;
        }
        synchronized (buildLock) {
            c = cache.get(type);
            if (c != null) {
                return c;
            }
            try {
                c = build(type);
                cache.putAll(building);
                cache.put(type, c);
                return c;
            } finally {
                building.clear();
            }
        }
    }

    /** {@return the binder of {@code type}, from the cache, the set being built, or built now} */
    Codec build(Type type) {
        Codec c = cache.get(type);
        if (c == null) {
            c = building.get(type);
        }
        if (c != null) {
            return c;
        }
        c = create(type);
        building.put(type, c);
        return c;
    }

    private Codec create(Type type) {
        Class<?> raw = Types.raw(type);
        if (raw.isPrimitive()) {
            return new BoxCodec(raw, Primitive.of(raw));
        }
        for (Primitive p : Primitive.values()) {
            if (raw == boxOf(p)) {
                return new BoxCodec(raw, p);
            }
        }
        Codec text = TextCodec.of(raw);
        if (text != null) {
            return text;
        }
        if (raw == BigInteger.class || raw == BigDecimal.class) {
            return new BigNumberCodec(raw);
        }
        if (raw == JsonValue.class) {
            return new ViewCodec();
        }
        if (raw == Object.class) {
            return new DynamicCodec(this);
        }
        if (raw.isEnum()) {
            return new EnumCodec(raw);
        }
        if (raw.getSuperclass() != null && raw.getSuperclass().isEnum()) {
            return build(raw.getSuperclass()); // a constant with a body
        }
        if (raw.isArray()) {
            ArrayCodec a = new ArrayCodec(raw);
            building.put(type, a);
            if (!raw.getComponentType().isPrimitive()) {
                a.element = build(type instanceof GenericArrayType g ? g.getGenericComponentType() : raw.getComponentType());
            }
            return a;
        }
        if (raw == Optional.class) {
            OptionalCodec o = new OptionalCodec(type);
            building.put(type, o);
            o.element = build(Types.argument(type, 0));
            return o;
        }
        if (Collection.class.isAssignableFrom(raw)) {
            boolean set = !raw.isAssignableFrom(ArrayList.class);
            if (set && !raw.isAssignableFrom(LinkedHashSet.class) && !isWritableOnly(raw)) {
                throw new IllegalArgumentException(type.getTypeName()
                        + " (expected: List, Set, Collection, or a class they are assignable to)");
            }
            CollectionCodec l = new CollectionCodec(type, set);
            building.put(type, l);
            l.element = build(Types.argument(type, 0));
            return l;
        }
        if (Map.class.isAssignableFrom(raw)) {
            Type key = Types.argument(type, 0);
            if (key != String.class && key != Object.class) {
                throw new IllegalArgumentException(type.getTypeName() + " (expected: a map with String keys)");
            }
            MapCodec m = new MapCodec(type);
            building.put(type, m);
            m.value = build(Types.argument(type, 1));
            return m;
        }
        if (raw.isRecord()) {
            return RecordFactory.record(this, type, raw);
        }
        if (raw.isSealed() && raw.isInterface() && raw.isAnnotationPresent(JsonDiscriminator.class)) {
            return RecordFactory.sealed(this, raw);
        }
        throw new IllegalArgumentException(type.getTypeName() + " is not bindable (expected: a record, enum, "
                + "String, primitive or box, BigInteger, BigDecimal, List, Set, Collection, Map<String, V>, array, "
                + "Optional, Instant, LocalDate, LocalDateTime, OffsetDateTime, Duration, UUID, JsonValue, Object, "
                + "or a sealed interface marked @JsonDiscriminator)");
    }

    /** {@return whether {@code raw} is a concrete collection met only when writing (its run-time class)} */
    private static boolean isWritableOnly(Class<?> raw) {
        return !raw.isInterface();
    }

    /** Enters {@code c}, a binder whose parts are not yet built, in the set being built. */
    void building(Type type, Codec c) {
        building.put(type, c);
    }

    private static Class<?> boxOf(Primitive p) {
        return switch (p) {
            case BOOLEAN -> Boolean.class;
            case BYTE -> Byte.class;
            case SHORT -> Short.class;
            case CHAR -> Character.class;
            case INT -> Integer.class;
            case LONG -> Long.class;
            case FLOAT -> Float.class;
            case DOUBLE -> Double.class;
        };
    }
}
