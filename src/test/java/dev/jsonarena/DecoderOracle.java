package dev.jsonarena;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsonarena.tape.Document;
import dev.jsonarena.tape.Tape;
import dev.jsonarena.tape.TapeNumbers;
import dev.jsonarena.testing.ReferenceJson;
import dev.jsonarena.testing.ReferenceJson.JArray;
import dev.jsonarena.testing.ReferenceJson.JNumber;
import dev.jsonarena.testing.ReferenceJson.JObject;
import dev.jsonarena.testing.ReferenceJson.JString;
import dev.jsonarena.testing.ReferenceJson.JValue;
import dev.jsonarena.testing.ReferenceJson.Rejected;
import dev.jsonarena.testing.ReferenceJson.TooDeep;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What must hold when the decoder reads any input, shared by {@link DecoderPropertyTest} and
 * {@link DecoderFuzzTest}. {@link #check} runs one input through all of it:
 * <ul>
 *   <li>the parse returns a value or throws a {@link JsonException}; anything else (an
 *       {@link IndexOutOfBoundsException}, a {@link StackOverflowError}, ...) is a failure;</li>
 *   <li>it agrees with {@link ReferenceJson} on accept and reject, with the duplicate-key policy
 *       applied to the reference tree, and on the value (numbers by exact text, strings by
 *       content, members in order); a {@link JsonLimitException} names a limit the document
 *       really passes ({@link LimitScanner}) and an accepted document passes none;</li>
 *   <li>the same input in native memory gives the same result;</li>
 *   <li>an accepted document writes back ({@link JsonValue#toJson()}) to JSON no longer than the
 *       input that parses, under the same limits, to an identical tape;</li>
 *   <li>a failed parse leaves nothing: the arena's bump position is where it was, a value parsed
 *       into the arena before is intact, and the next parse works;</li>
 *   <li>after the arena is closed its views throw {@link IllegalStateException}, and the pool has
 *       no bytes in use and no open arena.</li>
 * </ul>
 *
 * <p>Thread-safety: static functions; each call needs its own pool, or a pool no other thread uses
 * at the same time (the accounting checks read the pool's totals).
 */
final class DecoderOracle {
    private DecoderOracle() {}

    /** How the decoder ended; counted by the callers to show both sides of a property ran. */
    enum Outcome { ACCEPTED, REJECTED_PARSE, REJECTED_LIMIT, REJECTED_MEMORY }

    /** A document parsed into the arena before the input under test; it must survive its failure. */
    static final String EARLIER = "{\"earlier\":[1,\"two\",3.5e1,null,true,{\"k\":false}],\"x\":-0.25}";
    private static final byte[] EARLIER_BYTES = EARLIER.getBytes(StandardCharsets.UTF_8);

    /** The reference parser's verdict on an input. */
    record Reference(JValue value, Rejected error) {
        boolean accepted() {
            return value != null;
        }
    }

    /** {@return the reference parser's verdict on {@code input}, nesting up to 1024 levels} */
    static Reference reference(byte[] input, boolean allowBom) {
        try {
            return new Reference(ReferenceJson.parse(input, allowBom, ReferenceJson.DEFAULT_MAX_DEPTH), null);
        } catch (Rejected e) {
            return new Reference(null, e);
        }
    }

    /**
     * Runs {@code input} through every check in the class javadoc.
     *
     * @param pool a pool used by this thread only, without cap
     * @param limits the limits of the parse; depth at most 1023 (the reference parser's depth)
     * @param budget the arena's budget, or 0 for none
     * @return how the decoder ended
     */
    static Outcome check(JsonPool pool, byte[] input, JsonLimits limits, long budget) {
        if (limits.maxDepth() >= ReferenceJson.DEFAULT_MAX_DEPTH) {
            throw new IllegalArgumentException("limits.maxDepth: " + limits.maxDepth() + " (expected: < "
                    + ReferenceJson.DEFAULT_MAX_DEPTH + ", the reference parser's)");
        }
        Reference ref = reference(input, limits.allowByteOrderMark());
        Outcome outcome;
        JsonValue kept;
        try (JsonArena arena = budget > 0 ? pool.openArena(budget) : pool.openArena()) {
            JsonValue earlier = parseEarlier(arena);
            Mark before = Mark.of(arena, pool);
            Object result = parseCatching(() -> arena.parse(input, limits));
            if (result instanceof JsonValue v) {
                outcome = Outcome.ACCEPTED;
                checkAccepted(pool, input, limits, ref, v);
                if (budget == 0) {
                    checkNativeAgrees(arena, input, limits, result);
                }
                kept = v;
            } else {
                JsonException e = (JsonException) result;
                before.assertRolledBack(Mark.of(arena, pool), e);
                outcome = checkRejected(input, limits, budget, ref, e);
                if (budget == 0) {
                    checkNativeAgrees(arena, input, limits, result);
                    before.assertRolledBack(Mark.of(arena, pool), e);
                }
                if (earlier != null) {
                    Object next = parseCatching(() -> arena.parse(EARLIER_BYTES, JsonLimits.defaults()));
                    if (next instanceof JsonValue n) {
                        assertEquals(EARLIER, n.toJson(), "a parse after the failure");
                    } else if (!(next instanceof JsonBudgetExceededException && budget > 0)) {
                        // a budget may be too small for a second copy, or used up by blocks the
                        // failed parse took and the rollback kept for reuse
                        throw new AssertionError("a parse after the failure failed: " + next, (Throwable) next);
                    }
                }
                kept = earlier;
            }
            if (earlier != null) {
                assertEquals(EARLIER, earlier.toJson(), "a value parsed before the input is intact");
            }
        }
        if (kept != null) {
            assertThrows(IllegalStateException.class, kept::type, "a view of a closed arena");
        }
        assertPoolIdle(pool);
        return outcome;
    }

    /** Asserts the pool's accounting is back to zero: no bytes in use, no arena open. */
    static void assertPoolIdle(JsonPool pool) {
        JsonPoolStats s = pool.stats();
        assertEquals(0, s.inUseBytes(), () -> "pool bytes in use after every arena closed: " + s);
        assertEquals(0, s.openArenas(), () -> "open arenas after every arena closed: " + s);
    }

    private static JsonValue parseEarlier(JsonArena arena) {
        try {
            return arena.parse(EARLIER_BYTES, JsonLimits.defaults());
        } catch (JsonBudgetExceededException e) {
            return null; // a budget too small even for it: the input's parse still runs
        }
    }

    /** A parse that may fail. */
    interface Parse {
        JsonValue run() throws Exception;
    }

    /**
     * {@return the parse's value or its {@link JsonException}}
     *
     * @throws AssertionError if it throws anything else, Errors included
     */
    static Object parseCatching(Parse parse) {
        try {
            return parse.run();
        } catch (JsonException e) {
            return e;
        } catch (Throwable t) {
            throw new AssertionError("the parse threw " + t + " (expected: a value or a JsonException)", t);
        }
    }

    // ---- accepted ----

    private static void checkAccepted(JsonPool pool, byte[] input, JsonLimits limits, Reference ref, JsonValue v) {
        if (!ref.accepted()) {
            throw new AssertionError("accepted what the reference rejects: " + ref.error().getMessage()
                    + "; decoded " + v.toJson());
        }
        DuplicateKeyPolicy policy = limits.duplicateKeyPolicy();
        assertFalse(policy == DuplicateKeyPolicy.REJECT && hasDuplicateKeys(ref.value()),
                "accepted duplicate keys under REJECT");
        for (JsonLimit l : JsonLimit.values()) {
            long m = LimitScanner.measure(ref.value(), input, l);
            assertTrue(m <= limits.get(l), () -> "accepted a document whose " + l + " is " + m + " (limit "
                    + limits.get(l) + ")");
        }
        JValue expected = applyPolicy(ref.value(), policy);
        assertMatches(expected, v);
        byte[] written = v.toJson().getBytes(StandardCharsets.UTF_8);
        assertEquals(ReferenceJson.write(expected), v.toJson(), "compact JSON is the reference's compact JSON");
        assertTrue(written.length <= input.length, "written back no longer than the input");
        try (JsonArena second = pool.openArena()) {
            JsonValue again = second.parse(written, limits);
            assertTapeEqual(v, again);
        }
    }

    // ---- rejected ----

    private static Outcome checkRejected(byte[] input, JsonLimits limits, long budget, Reference ref, JsonException e) {
        switch (e) {
            case JsonParseException pe -> {
                assertTrue(input.length <= limits.maxDocumentBytes(), () -> "a parse error before the length check: " + pe);
                assertPosition(pe, input);
                if (ref.accepted()) {
                    assertTrue(limits.duplicateKeyPolicy() == DuplicateKeyPolicy.REJECT && hasDuplicateKeys(ref.value()),
                            () -> "rejected what the reference accepts: " + pe.getMessage());
                    assertTrue(pe.getMessage().contains("duplicateKeyPolicy"), pe.getMessage());
                }
                if (ref.error() instanceof TooDeep && !pe.getMessage().contains("duplicateKeyPolicy")) {
                    throw new AssertionError("a parse error where the reference hit its depth (decoder depth "
                            + limits.maxDepth() + "): " + pe.getMessage());
                }
                return Outcome.REJECTED_PARSE;
            }
            case JsonLimitException le -> {
                JsonLimit l = le.limit();
                assertEquals(limits.get(l), le.limitValue(), le.getMessage());
                assertTrue(le.offset() >= 0 && le.offset() <= input.length, le.getMessage());
                assertTrue(le.getMessage().contains(l.setting()), le.getMessage());
                if (input.length > limits.maxDocumentBytes()) { // checked before anything is read
                    assertEquals(JsonLimit.DOCUMENT_BYTES, l, le.getMessage());
                    assertEquals(limits.maxDocumentBytes(), le.offset(), le.getMessage());
                } else if (l != JsonLimit.DOCUMENT_BYTES) { // the parser's limits know their line and column
                    assertLineAndColumn(le, input);
                }
                if (input.length <= limits.maxDocumentBytes() && ref.accepted()) {
                    long m = LimitScanner.measure(ref.value(), input, l);
                    assertTrue(m > le.limitValue(), () -> "limit " + l + " reported but the document's is " + m
                            + ": " + le.getMessage());
                    if (!startsWithBom(input)) {
                        long at = firstViolation(input, limits);
                        assertEquals(at, le.offset(), () -> "offset of the first limit passed: " + le.getMessage());
                    }
                }
                return Outcome.REJECTED_LIMIT;
            }
            case JsonBudgetExceededException be -> {
                assertTrue(budget > 0, () -> "budget exceeded without a budget: " + be);
                assertTrue(be.duringParse(), be.getMessage());
                assertLineAndColumn(be, input);
                return Outcome.REJECTED_MEMORY;
            }
            default -> throw new AssertionError("unexpected exception type " + e.getClass().getName(), e);
        }
    }

    /** {@return the earliest offset at which {@code input} passes any of {@code limits}} */
    private static long firstViolation(byte[] input, JsonLimits limits) {
        long first = Long.MAX_VALUE;
        for (JsonLimit l : JsonLimit.values()) {
            if (l == JsonLimit.DOCUMENT_BYTES) {
                continue; // within it: the caller checked
            }
            long at = LimitScanner.firstViolation(input, l, limits.get(l));
            if (at >= 0) {
                first = Math.min(first, at);
            }
        }
        return first;
    }

    private static boolean startsWithBom(byte[] input) {
        return input.length >= 3 && (input[0] & 0xFF) == 0xEF && (input[1] & 0xFF) == 0xBB && (input[2] & 0xFF) == 0xBF;
    }

    /** Asserts a parse error's offset is in the input and its line and column count to it. */
    static void assertPosition(JsonParseException e, byte[] input) {
        assertLineAndColumn(e, input);
        assertNotNull(e.expected());
        assertNotNull(e.excerpt());
    }

    /** Asserts an exception's offset is in the input and its line and column count to it. */
    static void assertLineAndColumn(JsonException e, byte[] input) {
        long at = e.offset();
        assertTrue(at >= 0 && at <= input.length, e.getMessage());
        long line = 1;
        int lineStart = 0;
        for (int i = 0; i < at; i++) {
            if (input[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        long column = 1;
        for (int i = lineStart; i < at; i++) {
            if ((input[i] & 0xC0) != 0x80) {
                column++;
            }
        }
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(column, e.column(), e.getMessage());
    }

    // ---- native input ----

    /** Parses {@code input} again from native memory of exactly its size; the result must be the same. */
    private static void checkNativeAgrees(JsonArena arena, byte[] input, JsonLimits limits, Object heapResult) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment seg = a.allocate(Math.max(1, input.length)).asSlice(0, input.length);
            MemorySegment.copy(input, 0, seg, ValueLayout.JAVA_BYTE, 0, input.length);
            Object nativeResult = parseCatching(() -> arena.parse(seg, limits));
            assertSameResult(heapResult, nativeResult, "native input");
        }
    }

    /** Asserts two parses of the same bytes ended alike: identical tapes, or the same exception and message. */
    static void assertSameResult(Object expected, Object actual, String what) {
        if (expected instanceof JsonValue v) {
            if (!(actual instanceof JsonValue w)) {
                throw new AssertionError(what + ": failed with " + actual + " where the plain parse gave " + v.toJson(),
                        (Throwable) actual);
            }
            assertTapeEqual(v, w);
        } else {
            if (!(actual instanceof JsonException f)) {
                throw new AssertionError(what + ": gave " + ((JsonValue) actual).toJson() + " where the plain parse failed: "
                        + expected);
            }
            assertEquals(expected.getClass(), f.getClass(), what);
            assertEquals(((JsonException) expected).getMessage(), f.getMessage(), what);
        }
    }

    // ---- structure ----

    /** {@return whether any object in {@code v} names a key twice} */
    static boolean hasDuplicateKeys(JValue v) {
        return switch (v) {
            case JObject o -> o.hasDuplicateKeys() || o.members().stream().anyMatch(m -> hasDuplicateKeys(m.getValue()));
            case JArray a -> a.elements().stream().anyMatch(DecoderOracle::hasDuplicateKeys);
            default -> false;
        };
    }

    /**
     * {@return {@code v} as the decoder must return it under {@code policy}}: unchanged for
     * {@code REJECT}; for {@code FIRST_WINS} each key keeps its first member, at that position; for
     * {@code LAST_WINS} its last member, at that position
     */
    static JValue applyPolicy(JValue v, DuplicateKeyPolicy policy) {
        return switch (v) {
            case JObject o -> {
                List<Map.Entry<String, JValue>> ms = o.members();
                Map<String, Integer> keep = new LinkedHashMap<>();
                for (int i = 0; i < ms.size(); i++) {
                    String k = ms.get(i).getKey();
                    if (policy != DuplicateKeyPolicy.FIRST_WINS || !keep.containsKey(k)) {
                        keep.put(k, i);
                    }
                }
                List<Map.Entry<String, JValue>> out = new ArrayList<>();
                for (int i = 0; i < ms.size(); i++) {
                    Map.Entry<String, JValue> m = ms.get(i);
                    if (policy == DuplicateKeyPolicy.REJECT || keep.get(m.getKey()) == i) {
                        out.add(new AbstractMap.SimpleImmutableEntry<>(m.getKey(), applyPolicy(m.getValue(), policy)));
                    }
                }
                yield new JObject(out);
            }
            case JArray a -> new JArray(a.elements().stream().map(e -> applyPolicy(e, policy)).toList());
            default -> v;
        };
    }

    /**
     * Asserts {@code actual} holds {@code expected} (an object without duplicate keys), read through
     * every reader of the API: types, iteration, {@code get} by index, name and {@link JsonKey},
     * string readers, every number conversion against {@link BigDecimal} and
     * {@link Double#parseDouble}, and a {@link JsonCursor} walk.
     */
    static void assertMatches(JValue expected, JsonValue actual) {
        matches(expected, actual, "");
        assertEquals(expected, viaCursor(new JsonCursor().reset(actual)), "a cursor walk");
    }

    private static void matches(JValue expected, JsonValue actual, String path) {
        switch (expected) {
            case JObject o -> {
                assertEquals(JsonType.OBJECT, actual.type(), path);
                JsonObject obj = actual.asObject();
                assertEquals(o.members().size(), obj.size(), path);
                int i = 0;
                for (JsonObject.Member m : obj) {
                    Map.Entry<String, JValue> e = o.members().get(i++);
                    String key = e.getKey();
                    String at = path + "/" + key;
                    assertEquals(key, m.key(), at);
                    assertTrue(m.keyEquals(key), at);
                    JsonValue value = m.value();
                    assertEquals(value.index, obj.get(key).index, () -> "get(String) " + at);
                    assertEquals(value.index, obj.get(JsonKey.of(key)).index, () -> "get(JsonKey) " + at);
                    assertTrue(obj.has(key), at);
                    matches(e.getValue(), value, at);
                }
                assertEquals(o.members().size(), i, path);
                String absent = "\u0000absent";
                if (o.all(absent).isEmpty()) {
                    assertNull(obj.get(absent), path);
                    assertNull(obj.get(JsonKey.of(absent)), path);
                }
            }
            case JArray a -> {
                assertEquals(JsonType.ARRAY, actual.type(), path);
                JsonArray arr = actual.asArray();
                assertEquals(a.elements().size(), arr.size(), path);
                int i = 0;
                for (JsonValue e : arr) {
                    String at = path + "/" + i;
                    assertEquals(e.index, arr.get(i).index, () -> "get(int) " + at);
                    matches(a.elements().get(i++), e, at);
                }
                assertEquals(a.elements().size(), i, path);
            }
            case JString s -> {
                assertEquals(JsonType.STRING, actual.type(), path);
                byte[] utf8 = s.value().getBytes(StandardCharsets.UTF_8);
                assertEquals(s.value(), actual.asString(), path);
                assertEquals(utf8.length, actual.utf8Length(), path);
                assertTrue(actual.contentEquals(s.value()), path);
                assertArrayEquals(utf8, actual.utf8Bytes(), path);
            }
            case JNumber n -> {
                assertEquals(JsonType.NUMBER, actual.type(), path);
                assertNumber(n.text(), actual, path);
            }
            default -> {
                JsonType type = expected == ReferenceJson.TRUE ? JsonType.TRUE
                        : expected == ReferenceJson.FALSE ? JsonType.FALSE : JsonType.NULL;
                assertEquals(type, actual.type(), path);
                assertEquals(type == JsonType.NULL, actual.isNull(), path);
                if (type != JsonType.NULL) {
                    assertEquals(type == JsonType.TRUE, actual.asBoolean(), path);
                }
            }
        }
    }

    /** Asserts every number reader of {@code v} against the exact value of {@code text}. */
    static void assertNumber(String text, JsonValue v, String path) {
        String at = path + " = " + text;
        assertEquals(text, v.numberText(), at);
        assertEquals(Double.doubleToRawLongBits(Double.parseDouble(text)), Double.doubleToRawLongBits(v.asDouble()),
                () -> at + ": asDouble " + v.asDouble());
        BigDecimal exact;
        try {
            exact = new BigDecimal(text);
        } catch (NumberFormatException e) {
            exact = null; // an exponent beyond int
        }
        boolean zero = isZero(text);
        if (exact == null || Math.abs((long) exact.scale()) > Values.MAX_DECIMAL_SCALE) {
            assertThrows(ArithmeticException.class, v::asBigDecimal, at);
        } else {
            assertEquals(exact, v.asBigDecimal(), at);
        }
        expect(zero ? Long.valueOf(0) : exact == null ? null : integral(exact, 19, BigDecimal::longValueExact),
                v::asLong, at + " asLong");
        expect(zero ? Integer.valueOf(0) : exact == null ? null : integral(exact, 10, BigDecimal::intValueExact),
                v::asInt, at + " asInt");
        expect(zero ? BigInteger.ZERO : exact == null ? null : bigInteger(exact), v::asBigInteger, at + " asBigInteger");
    }

    /**
     * {@return whether the JSON number {@code text} is zero}, by the JDK rather than by the
     * library's own scan: the significand (the text before any exponent) as a BigDecimal has
     * signum 0. The significand has no exponent, so BigDecimal reads any length of it.
     */
    private static boolean isZero(String text) {
        int e = Math.max(text.indexOf('e'), text.indexOf('E'));
        return new BigDecimal(e < 0 ? text : text.substring(0, e)).signum() == 0;
    }

    private static <T> T integral(BigDecimal d, int maxDigits, java.util.function.Function<BigDecimal, T> exact) {
        if (d.precision() - d.scale() > maxDigits) {
            return null; // at least 10^maxDigits: out of range, and too big to compute cheaply
        }
        try {
            return exact.apply(d);
        } catch (ArithmeticException e) {
            return null;
        }
    }

    private static BigInteger bigInteger(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        if (s.scale() > 0 || s.precision() - (long) s.scale() > dev.jsonarena.tape.Numbers.MAX_BIG_INTEGER_DIGITS) {
            return null;
        }
        return s.toBigIntegerExact();
    }

    /** Asserts the two reads return equal values, or both throw {@link ArithmeticException} with one message. */
    private static void sameOutcome(java.util.function.Supplier<Object> expected, java.util.function.Supplier<Object> actual,
                                    String what) {
        Object value;
        try {
            value = expected.get();
        } catch (ArithmeticException e) {
            assertEquals(e.getMessage(), assertThrows(ArithmeticException.class, actual::get, what).getMessage(), what);
            return;
        }
        assertEquals(value, actual.get(), what);
    }

    /** Asserts {@code read} returns {@code expected}, or throws {@link ArithmeticException} if it is null. */
    private static void expect(Object expected, java.util.function.Supplier<Object> read, String what) {
        if (expected == null) {
            assertThrows(ArithmeticException.class, read::get, what);
        } else {
            assertEquals(expected, read.get(), what);
        }
    }

    /** {@return the value at the cursor as a reference tree, read by navigation only} */
    private static JValue viaCursor(JsonCursor c) {
        return switch (c.type()) {
            case OBJECT -> {
                List<Map.Entry<String, JValue>> members = new ArrayList<>();
                if (c.enter()) {
                    do {
                        members.add(new AbstractMap.SimpleImmutableEntry<>(c.key(), viaCursor(c)));
                    } while (c.next());
                    c.exit();
                }
                yield new JObject(members);
            }
            case ARRAY -> {
                List<JValue> elements = new ArrayList<>();
                if (c.enter()) {
                    do {
                        elements.add(viaCursor(c));
                    } while (c.next());
                    c.exit();
                }
                yield new JArray(elements);
            }
            case STRING -> new JString(c.asString());
            case NUMBER -> {
                JsonValue v = c.value();
                String at = "cursor at the number " + v.numberText();
                assertEquals(v.numberText(), c.numberText(), at);
                assertEquals(Double.doubleToRawLongBits(v.asDouble()), Double.doubleToRawLongBits(c.asDouble()), at);
                sameOutcome(v::asLong, c::asLong, at + " asLong");
                sameOutcome(v::asInt, c::asInt, at + " asInt");
                sameOutcome(v::asBigInteger, c::asBigInteger, at + " asBigInteger");
                sameOutcome(v::asBigDecimal, c::asBigDecimal, at + " asBigDecimal");
                yield new JNumber(c.numberText());
            }
            case TRUE -> ReferenceJson.TRUE;
            case FALSE -> ReferenceJson.FALSE;
            case NULL -> ReferenceJson.NULL;
        };
    }

    /**
     * Asserts two parsed values have the same tape, word for word: tags, counts and spans of
     * containers, member names, string bytes and number texts and forms. Only where strings and
     * names sit in the string area may differ.
     */
    static void assertTapeEqual(JsonValue a, JsonValue b) {
        Document x = a.doc;
        Document y = b.doc;
        x.check(a.epoch);
        y.check(b.epoch);
        int end = x.next(a.index);
        assertEquals(end - a.index, y.next(b.index) - b.index, "words of the value");
        for (int i = a.index, j = b.index; i < end; i++, j++) {
            long wx = x.word(i);
            long wy = y.word(j);
            int tag = Tape.tag(wx);
            int at = i;
            assertEquals(tag, Tape.tag(wy), () -> "tag of word " + at);
            switch (tag) {
                case Tape.OBJECT, Tape.ARRAY -> {
                    assertEquals(Tape.count(wx), Tape.count(wy), () -> "count of word " + at);
                    assertEquals(Tape.span(wx), Tape.span(wy), () -> "span of word " + at);
                }
                case Tape.KEY -> assertEquals(x.keyName(Tape.keyId(wx)), y.keyName(Tape.keyId(wy)), () -> "key of word " + at);
                case Tape.STRING -> assertEquals(hex(x, i), hex(y, j), () -> "string of word " + at);
                case Tape.INT, Tape.DEC, Tape.NUMBER -> {
                    assertEquals(TapeNumbers.numberText(x, i), TapeNumbers.numberText(y, j), () -> "number of word " + at);
                    assertEquals(Tape.words(wx), Tape.words(wy), () -> "number form of word " + at);
                    if (tag == Tape.DEC) {
                        i++;
                        j++;
                        assertEquals(x.word(i), y.word(j), () -> "significand of word " + at);
                    }
                }
                default -> assertEquals(wx, wy, () -> "literal word " + at);
            }
        }
    }

    private static String hex(Document d, int index) {
        byte[] bytes = new byte[d.textLength(index)];
        MemorySegment.copy(d.segment(), ValueLayout.JAVA_BYTE, d.textOffset(index), bytes, 0, bytes.length);
        return HexFormat.of().formatHex(bytes);
    }

    /** An arena's bump position and bytes held, and the pool's bytes in use. */
    record Mark(int block, long cursor, long reserved, long inUse) {
        static Mark of(JsonArena arena, JsonPool pool) {
            return new Mark(arena.memory().markBlock(), arena.memory().markCursor(), arena.bytesReserved(),
                    pool.stats().inUseBytes());
        }

        /** Asserts {@code after} is this position again; blocks taken meanwhile may be kept, and are in use. */
        void assertRolledBack(Mark after, JsonException cause) {
            String what = "after " + cause;
            assertEquals(block, after.block, () -> "block " + what);
            assertEquals(cursor, after.cursor, () -> "cursor " + what);
            assertTrue(after.reserved >= reserved && after.inUse - inUse == after.reserved - reserved,
                    () -> "blocks only kept: " + this + " -> " + after + " " + what);
        }
    }
}
