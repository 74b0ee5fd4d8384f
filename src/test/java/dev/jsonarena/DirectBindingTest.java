package dev.jsonarena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsonarena.bind.Codecs;
import dev.jsonarena.testing.JsonGenerator;
import dev.jsonarena.testing.JsonMutator;
import dev.jsonarena.testing.PoolPerClass;
import dev.jsonarena.testing.Property.Gen;
import dev.jsonarena.testing.Property;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The one-call parse of a {@code byte[]} into a type reads the bytes directly when it can, with no
 * document in the arena ({@code bind.DirectInput}); otherwise, and for every error, it parses the
 * document and binds that. These tests prove that the direct reading binds exactly what parsing and
 * binding the document binds, and binds nothing the document would not: a value read directly is
 * the value of the document's binding under the same limits and codecs, and any input the parse or
 * the binding refuses (invalid JSON, a limit passed, a duplicate name, a value the type does not
 * take) is left to them, so its error is theirs.
 */
class DirectBindingTest {
    enum Level { DEBUG, INFO, WARN, ERROR }

    record Item(String sku, int qty, double price, Level level, Optional<String> note, BigDecimal amount,
            @JsonName("n") long count) {}

    record Node(String name, List<Node> children) {}

    record Order(long id, String customer, List<Item> items, Map<String, String> tags, Set<Integer> codes,
            int[] ints, String[] names, Instant at, UUID uuid, Boolean flag, Character ch, byte b, Short s,
            float f, BigInteger big, List<List<Integer>> nested, Node tree, @JsonIgnore String skipped,
            @JsonName("renamed") String original, Map<String, List<Level>> groups, LocalDate day, Duration took,
            double[] weights, Optional<Item> first) {}

    /** The members of {@link Order} that are maps: their objects take any name. */
    private static final Set<String> MAPS = Set.of("tags", "groups");
    private static final JsonCodecs STRICT = JsonCodecs.builder().rejectUnknownMembers(true).build();
    private static final JsonCodecs LENIENT = JsonCodecs.builder().defaultMissingPrimitives(true).build();
    @RegisterExtension
    static final PoolPerClass POOL = new PoolPerClass();

    @Test
    void valuesReadDirectlyAreWhatTheDocumentBindsAndTheyAreReadDirectly() {
        Property.check("direct reading of reshaped documents", 300, g -> {
            byte[] json = reshaped(g, order(g));
            for (JsonCodecs codecs : new JsonCodecs[] {JsonCodecs.defaults(), LENIENT}) {
                Object direct = codecs.bindBytesAlways(json, JsonLimits.defaults(), Order.class);
                assertNotSame(Codecs.NOT_BOUND, direct, () -> "not read directly: " + text(json));
                assertSameBinding(bindDocument(codecs, json, JsonLimits.defaults()), direct, json);
            }
        });
    }

    @Test
    void anInputTheDocumentRefusesOrBindsOtherwiseIsNeverBoundDirectly() {
        AtomicInteger direct = new AtomicInteger();
        AtomicInteger declined = new AtomicInteger();
        Property.check("direct reading of mutated documents under random limits", 1500, g -> {
            byte[] json = reshaped(g, order(g));
            for (int i = g.nextInt(3); i > 0; i--) { // none in a third of the tries: then only the limits may refuse it
                json = g.chance(0.3) ? edit(g, json) : JsonMutator.mutate(g, json);
            }
            JsonLimits limits = g.chance(0.5) ? JsonLimits.defaults() : limits(g);
            JsonCodecs codecs = g.pick(JsonCodecs.defaults(), STRICT, LENIENT);
            Object bound = codecs.bindBytesAlways(json, limits, Order.class);
            if (bound == Codecs.NOT_BOUND) {
                declined.incrementAndGet();
                return;
            }
            direct.incrementAndGet();
            Object expected;
            try {
                expected = bindDocument(codecs, json, limits);
            } catch (JsonException e) {
                throw new AssertionError("read directly, but the document gives " + e + ": " + text(json), e);
            }
            assertSameBinding(expected, bound, json);
        });
        assertTrue(direct.get() > 100 && declined.get() > 100, "direct " + direct + ", declined " + declined);
    }

    @Test
    void theOneCallParseBindsDirectlyWithoutArenaMemoryAndLeavesErrorsToTheDocument() {
        byte[] good = "{\"sku\":\"a\",\"qty\":2,\"price\":1.5,\"level\":\"INFO\",\"amount\":3.25,\"n\":7}"
                .getBytes(StandardCharsets.UTF_8);
        try (JsonArena arena = POOL.pool().openArena()) {
            Item item = arena.parse(good, Item.class);
            assertEquals(new Item("a", 2, 1.5, Level.INFO, Optional.empty(), new BigDecimal("3.25"), 7), item);
            assertEquals(0, arena.bytesReserved(), "read directly: no document");
            JsonParseException dup = assertThrows(JsonParseException.class,
                    () -> arena.parse(bytes("{\"sku\":\"a\",\"x\":{\"k\":1,\"k\":2}}"), Item.class));
            assertTrue(dup.getMessage().contains("duplicate"), dup.getMessage());
            JsonBindException type = assertThrows(JsonBindException.class,
                    () -> arena.parse(bytes("{\"sku\":\"a\",\"qty\":1.5}"), Item.class));
            assertEquals("/qty", type.pointer());
            assertEquals(17, type.offset());
            assertThrows(JsonParseException.class, () -> arena.parse(bytes("{\"sku\":\"a\",\"qty\":1} x"), Item.class));
        }
    }

    @Test
    void aStreamedBodyThatEndsWithinTheWindowIsReadDirectlyToWhatParsingAndBindingGives() {
        AtomicInteger direct = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        Property.check("the one-call parse of a stream against parsing and binding", 600, g -> {
            try (JsonArena arena = POOL.pool().openArena()) {
                byte[] doc = reshaped(g, order(g));
                // a mutant in a quarter of the tries (more would pause the type's direct reading)
                for (int i = g.chance(0.25) ? 1 + g.nextInt(2) : 0; i > 0; i--) {
                    doc = g.chance(0.3) ? edit(g, doc) : JsonMutator.mutate(g, doc);
                }
                if (g.chance(0.05)) { // past the 64 KiB window: parsed from it as it is read
                    doc = bytes("{\"customer\":\"" + "c".repeat(70_000) + "\"," + text(doc).substring(1));
                }
                byte[] json = doc;
                Object expected;
                try {
                    expected = bindDocument(JsonCodecs.defaults(), json, JsonLimits.defaults());
                } catch (JsonException e) {
                    expected = e;
                }
                Object got;
                try {
                    got = arena.parse(new RecordReaderTest.ChunkedStream(json, g.nextLong(), g.pick(1, 5, 4096, 100_000)),
                            Order.class);
                } catch (JsonException e) {
                    got = e;
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                Object bound = got;
                if (expected instanceof JsonException e) {
                    assertEquals(e.getClass(), bound.getClass(), () -> "input " + text(json) + ": " + e.getMessage() + " / " + bound);
                    if (e instanceof JsonBindException b) {
                        assertEquals(b.pointer(), ((JsonBindException) got).pointer(), () -> "input " + text(json));
                    }
                    other.incrementAndGet();
                    return;
                }
                assertSameBinding(expected, got, json);
                (arena.bytesReserved() == 0 ? direct : other).incrementAndGet();
            }
        });
        assertTrue(direct.get() > 200 && other.get() > 30, "read directly " + direct + ", else " + other);
    }

    @Test
    void aStreamedBodyPastALimitOrTheBudgetIsRefusedAsItsDocumentIs() {
        String deep = "{\"name\":\"r\",\"children\":[".repeat(6) + "]}".repeat(6);
        JsonLimits limits = JsonLimits.builder().maxDepth(4).maxDocumentBytes(1000).build();
        try (JsonPool limited = JsonPool.builder().idleTimeout(Duration.ZERO).limits(limits).build();
                JsonArena arena = limited.openArena()) {
            JsonLimitException depth = assertThrows(JsonLimitException.class,
                    () -> arena.parse(new java.io.ByteArrayInputStream(bytes(deep)), Node.class));
            assertEquals(JsonLimit.DEPTH, depth.limit());
            JsonLimitException size = assertThrows(JsonLimitException.class, () -> arena.parse(
                    new java.io.ByteArrayInputStream(bytes("{\"name\":\"" + "n".repeat(2000) + "\"}")), Node.class));
            assertEquals(JsonLimit.DOCUMENT_BYTES, size.limit());
        }
        StringBuilder big = new StringBuilder("{\"name\":\"r\",\"children\":[");
        for (int i = 0; i < 1000; i++) {
            big.append(i == 0 ? "" : ",").append("{\"name\":\"child number ").append(i).append("\"}");
        }
        byte[] json = bytes(big.append("]}").toString());
        try (JsonArena arena = POOL.pool().openArena(16 << 10)) {
            assertThrows(JsonBudgetExceededException.class, () -> arena.parse(new java.io.ByteArrayInputStream(json), Node.class));
        }
        try (JsonArena arena = POOL.pool().openArena()) {
            assertThrows(IllegalArgumentException.class, () -> arena.parse(new java.io.InputStream() {
                @Override
                public int read() {
                    throw new AssertionError("a type that cannot be bound is refused before the body is read");
                }
            }, Thread.class));
        }
    }

    @Test
    void aLimitOnlyTheDocumentsParseWouldSeePassedIsReportedByIt() {
        String deep = "{\"name\":\"r\",\"children\":[".repeat(6) + "]}".repeat(6);
        String[][] cases = {
            {"maxDepth", "4", deep},
            {"maxStringBytes", "3", "{\"name\":\"abcd\",\"children\":[]}"},
            {"maxKeyBytes", "3", "{\"name\":\"a\",\"children\":[]}"},
            {"maxNumberChars", "3", "{\"name\":\"a\",\"children\":[],\"x\":12345}"},
            {"maxTokens", "4", "{\"name\":\"a\",\"children\":[]}"},
            {"maxDistinctKeys", "1", "{\"name\":\"a\",\"children\":[]}"},
            {"maxObjectMembers", "1", "{\"name\":\"a\",\"children\":[]}"},
            {"maxArrayElements", "1", "{\"name\":\"a\",\"children\":[{\"name\":\"b\"},{\"name\":\"c\"}]}"},
            {"maxDocumentBytes", "10", "{\"name\":\"a\",\"children\":[]}"},
        };
        for (String[] c : cases) {
            JsonLimits limits = JsonLimits.builder().set(JsonLimit.valueOf(limitName(c[0])), Long.parseLong(c[1])).build();
            try (JsonPool limited = JsonPool.builder().idleTimeout(Duration.ZERO).limits(limits).build();
                    JsonArena arena = limited.openArena()) {
                JsonLimitException e = assertThrows(JsonLimitException.class,
                        () -> arena.parse(bytes(c[2]), Node.class), c[0]);
                assertEquals(c[0], e.limit().setting(), e.getMessage());
            }
        }
    }

    @Test
    void aBudgetThatCouldRefuseTheDocumentStillRefusesIt() {
        StringBuilder big = new StringBuilder("{\"name\":\"r\",\"children\":[");
        for (int i = 0; i < 4000; i++) {
            big.append(i == 0 ? "" : ",").append("{\"name\":\"child number ").append(i).append("\"}");
        }
        byte[] json = bytes(big.append("]}").toString());
        try (JsonArena arena = POOL.pool().openArena(16 << 10)) {
            assertThrows(JsonBudgetExceededException.class, () -> arena.parse(json, Node.class));
        }
        try (JsonArena arena = POOL.pool().openArena()) {
            assertEquals(4000, arena.parse(json, Node.class).children().size());
            assertEquals(0, arena.bytesReserved());
        }
    }

    @Test
    void numbersAreReadDirectlyByTheirSignificantDigitsAndABigDecimalPastItsScaleBoundIsLeftToTheDocument() {
        try (JsonArena arena = POOL.pool().openArena()) {
            Item item = arena.parse(bytes("{\"sku\":\"a\",\"qty\":1,\"price\":0.0011570030455767136,\"amount\":-0.000000000000000000001,\"n\":1e0}"),
                    Item.class);
            assertEquals(0.0011570030455767136, item.price());
            assertEquals(new BigDecimal("-0.000000000000000000001"), item.amount());
            assertEquals(1, item.count());
            assertEquals(0, arena.bytesReserved(), "read directly");
        }
        String scale = "0." + "0".repeat(10_000) + "1";
        try (JsonPool longNumbers = JsonPool.builder().idleTimeout(Duration.ZERO)
                .limits(JsonLimits.builder().maxNumberChars(20_000).build()).build();
                JsonArena arena = longNumbers.openArena()) {
            JsonBindException e = assertThrows(JsonBindException.class,
                    () -> arena.parse(bytes("{\"sku\":\"a\",\"qty\":1,\"price\":1,\"amount\":" + scale + ",\"n\":1}"), Item.class));
            assertEquals("/amount", e.pointer());
        }
    }

    @Test
    void manyUnknownMembersAreReadDirectlyAndTheirDuplicatesFound() {
        StringBuilder wide = new StringBuilder("{\"a\":\"x\"");
        for (int i = 0; i < 20_000; i++) {
            wide.append(",\"u").append(i).append("\":{\"u").append(i).append("\":").append(i).append('}');
        }
        try (JsonArena arena = POOL.pool().openArena()) {
            assertEquals(new Pair("x", null), arena.parse(bytes(wide + "}"), Pair.class));
            assertEquals(0, arena.bytesReserved(), "read directly");
            assertThrows(JsonParseException.class, () -> arena.parse(bytes(wide + ",\"u17\":1}"), Pair.class));
        }
    }

    /**
     * The direct reading checks the names of the objects it skips by comparing them while an object
     * has few and in a table past that: duplicates are found in objects of any size, at any
     * position and nesting (names of one length drawn from a small alphabet, so that comparisons of
     * equal lengths happen), and nothing else is taken for one.
     */
    @Test
    void duplicateNamesInSkippedObjectsOfAnySizeAndNestingAreFoundAndNothingElse() {
        AtomicInteger duplicates = new AtomicInteger();
        Property.check("duplicate names in skipped objects", 600, g -> {
            StringBuilder json = new StringBuilder("{\"u\":");
            boolean[] duplicate = {false};
            skippedObject(g, json, 0, duplicate);
            json.append(",\"a\":\"x\"}");
            byte[] input = bytes(json.toString());
            boolean refused;
            try (JsonArena arena = POOL.pool().openArena()) {
                arena.parse(input);
                refused = false;
            } catch (JsonParseException e) {
                refused = true;
            }
            assertEquals(duplicate[0], refused, () -> "the generator's duplicate against the parser's: " + text(input));
            Object direct = JsonCodecs.defaults().bindBytesAlways(input, JsonLimits.defaults(), Pair.class);
            if (refused) {
                duplicates.incrementAndGet();
                assertSame(Codecs.NOT_BOUND, direct, () -> "a duplicate read directly: " + text(input));
            } else {
                assertEquals(new Pair("x", null), direct, () -> text(input));
            }
        });
        assertTrue(duplicates.get() > 50, duplicates + " inputs with a duplicate");
    }

    /** Appends an object of 0-40 members whose values are numbers, objects and arrays of objects; notes whether it put a name twice in one object. */
    private static void skippedObject(Gen g, StringBuilder json, int depth, boolean[] duplicate) {
        int n = g.chance(0.3) ? g.nextInt(41) : g.nextInt(18); // around the 8 names the reading compares before it hashes
        List<String> names = new ArrayList<>();
        json.append('{');
        for (int i = 0; i < n; i++) {
            String name;
            if (!names.isEmpty() && g.chance(0.02)) {
                name = g.pick(names);
                duplicate[0] = true;
            } else {
                do {
                    name = g.pick("ab", "ba", "aa", "bb", "abc", "cab", "bca", "abd", "x", "y") + (g.chance(0.5) ? "" : g.nextInt(10));
                } while (names.contains(name));
            }
            names.add(name);
            json.append(i == 0 ? "" : ",").append('"').append(name).append("\":");
            if (depth < 3 && g.chance(0.15)) {
                skippedObject(g, json, depth + 1, duplicate);
            } else if (depth < 3 && g.chance(0.1)) {
                json.append('[');
                for (int k = g.nextInt(3); k >= 0; k--) {
                    skippedObject(g, json, depth + 1, duplicate);
                    json.append(k == 0 ? "" : ",");
                }
                json.append(']');
            } else {
                json.append(g.nextInt(100));
            }
        }
        json.append('}');
    }

    @Test
    void aClosedArenaRefusesTheOneCallParse() {
        JsonArena arena = POOL.pool().openArena();
        arena.close();
        assertThrows(IllegalStateException.class, () -> arena.parse(bytes("{\"name\":\"a\"}"), Node.class));
    }

    record Pair(String a, Integer b) {}

    record Sparse(String a, List<String> b, Integer c, Pair p, Optional<String> o) {}

    /**
     * A record's frame is reused by the next record read at its depth, and a missing component
     * whose value is null is not stored: so an input given up on after its members were read must
     * leave no value behind for the next one.
     */
    @Test
    void aMemberMissingAfterAnInputGivenUpMidwayBindsToItsAbsentValueNotToTheEarlierOne() {
        JsonCodecs codecs = JsonCodecs.defaults();
        byte[] gaveUp = "{\"a\":\"x\",\"b\":[\"y\"],\"c\":5,\"p\":{\"a\":\"z\",\"b\":1},\"o\":\"w\",\"a\":1}"
                .getBytes(StandardCharsets.UTF_8); // a duplicate name after every member was read: the document decides
        assertSame(Codecs.NOT_BOUND, codecs.bindBytesAlways(gaveUp, JsonLimits.defaults(), Sparse.class));
        byte[] nested = "{\"p\":{}}".getBytes(StandardCharsets.UTF_8);
        assertEquals(new Sparse(null, List.of(), null, new Pair(null, null), Optional.empty()),
                codecs.bindBytesAlways(nested, JsonLimits.defaults(), Sparse.class));
        assertEquals(new Sparse(null, List.of(), null, null, Optional.empty()),
                codecs.bindBytesAlways("{}".getBytes(StandardCharsets.UTF_8), JsonLimits.defaults(), Sparse.class));
    }

    @Test
    void learnedMemberOrdersNeverHideADuplicateName() {
        try (JsonArena arena = POOL.pool().openArena()) {
            // teach the type's names (a, b, x), then give them again out of order and twice
            for (String ok : new String[] {"{\"a\":\"a\",\"b\":1,\"x\":1}", "{\"b\":1,\"x\":2,\"a\":\"b\"}"}) {
                assertEquals(1, arena.parse(bytes(ok), Pair.class).b());
            }
            for (String dup : new String[] {"{\"a\":\"a\",\"b\":1,\"x\":1,\"x\":2}", "{\"x\":1,\"a\":\"a\",\"x\":2}",
                "{\"a\":\"a\",\"y\":1,\"b\":1,\"y\":2}", "{\"b\":1,\"a\":\"a\",\"b\":2}", "{\"y\":1,\"y\":2}"}) {
                assertThrows(JsonParseException.class, () -> arena.parse(bytes(dup), Pair.class), dup);
            }
        }
    }

    @Test
    void anObjectOfTheSameTypeNestedInsideOneBeingReadLeavesItsLearnedNamesIntact() {
        JsonCodecs codecs = JsonCodecs.builder().build(); // names learned from these inputs only
        JsonLimits limits = JsonLimits.defaults();
        codecs.bindBytesAlways(bytes("{\"name\":\"a\",\"children\":[]}"), limits, Node.class);
        // the outer object finds children, then a child with a new name is read, then the outer finds name
        byte[] nested = bytes("{\"children\":[{\"q\":1,\"name\":\"b\",\"children\":[]}],\"name\":\"a\"}");
        Object direct = codecs.bindBytesAlways(nested, limits, Node.class);
        assertNotSame(Codecs.NOT_BOUND, direct, "not read directly");
        assertEquals(new Node("a", List.of(new Node("b", List.of()))), direct);
    }

    @Test
    void namesLearnedInsideAnObjectOfTheSameTypeNeverHideALaterDuplicate() {
        JsonCodecs codecs = JsonCodecs.builder().build();
        JsonLimits limits = JsonLimits.defaults();
        // an unknown name in a child and in its parent: learned once, however the reading nests
        codecs.bindBytesAlways(bytes("{\"u\":2,\"children\":[{\"u\":1,\"name\":\"b\",\"children\":[]}],\"name\":\"a\"}"),
                limits, Node.class);
        byte[] dup = bytes("{\"u\":1,\"u\":2,\"name\":\"a\",\"children\":[]}");
        assertSame(Codecs.NOT_BOUND, codecs.bindBytesAlways(dup, limits, Node.class), "a duplicate name read directly");
        try (JsonArena arena = POOL.pool().openArena()) {
            assertThrows(JsonParseException.class, () -> codecs.bind(arena.parse(dup, limits), Node.class));
        }
    }

    // ---- generation ----

    private static Order order(Gen g) {
        Map<String, String> tags = new LinkedHashMap<>();
        Map<String, List<Level>> groups = new LinkedHashMap<>();
        for (int i = g.sized(5); i > 0; i--) {
            tags.put(name(g), string(g));
            groups.put(name(g), list(g, () -> g.pick(Level.values())));
        }
        Set<Integer> codes = new LinkedHashSet<>(list(g, () -> g.intBetween(-1000, 1000)));
        int[] ints = new int[g.sized(6)];
        for (int i = 0; i < ints.length; i++) {
            ints[i] = (int) g.nextLong();
        }
        double[] weights = new double[g.sized(4)];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = number(g);
        }
        List<Item> items = list(g, () -> item(g));
        return new Order(g.nextLong(), g.chance(0.1) ? null : string(g), items, tags, codes, ints,
                list(g, () -> string(g)).toArray(String[]::new), Instant.ofEpochSecond(g.longBetween(0, 4_000_000_000L)),
                new UUID(g.nextLong(), g.nextLong()), g.chance(0.3) ? null : g.nextBoolean(),
                g.chance(0.3) ? null : (char) g.intBetween(0x20, 0xD7FF), (byte) g.nextInt(256),
                g.chance(0.3) ? null : (short) g.nextInt(65536), (float) (g.intBetween(-10_000, 10_000) / 8.0),
                g.chance(0.3) ? null : BigInteger.valueOf(g.nextLong()), list(g, () -> list(g, () -> g.nextInt(100))),
                node(g, 3), null, g.chance(0.2) ? null : string(g), groups,
                LocalDate.ofEpochDay(g.longBetween(-100_000, 100_000)), Duration.ofMillis(g.longBetween(0, 1_000_000_000)),
                weights, items.isEmpty() ? Optional.empty() : Optional.of(items.get(0)));
    }

    private static Item item(Gen g) {
        return new Item(string(g), g.intBetween(-5, 5000), number(g), g.chance(0.2) ? null : g.pick(Level.values()),
                g.nextBoolean() ? Optional.empty() : Optional.of(string(g)),
                g.chance(0.2) ? null : BigDecimal.valueOf(g.longBetween(-1_000_000_000L, 1_000_000_000L), g.intBetween(0, 6)),
                g.nextLong());
    }

    private static Node node(Gen g, int depth) {
        return new Node(name(g), depth == 0 ? new ArrayList<>() : list(g, () -> node(g, depth - 1)));
    }

    private static <T> List<T> list(Gen g, java.util.function.Supplier<T> element) {
        List<T> out = new ArrayList<>();
        for (int i = g.sized(4); i > 0; i--) {
            out.add(element.get());
        }
        return out;
    }

    /** {@return a double, written with an exponent ({@code Double.toString} beyond 1e-3..1e7) or not} */
    private static double number(Gen g) {
        return switch (g.nextInt(6)) {
            case 0 -> g.intBetween(-100_000, 100_000) / 64.0;
            case 4 -> g.nextDouble() / 100; // 0.00ddd...: 17 significant digits after leading zeros
            case 1 -> g.intBetween(-9_999_999, 9_999_999) / 1000.0;
            case 2 -> -0.0;
            case 3 -> {
                double d;
                do {
                    d = Double.longBitsToDouble(g.nextLong());
                } while (!Double.isFinite(d));
                yield d;
            }
            default -> g.intBetween(-1_000_000, 1_000_000);
        };
    }

    /** {@return a string of ASCII, escapes, 2-, 3- and 4-byte characters} */
    private static String string(Gen g) {
        StringBuilder sb = new StringBuilder();
        for (int i = g.sized(10); i > 0; i--) {
            switch (g.nextInt(5)) {
                case 0 -> sb.append((char) g.intBetween(0x20, 0x7E));
                case 1 -> sb.append(g.pick('"', '\\', '/', '\n', '\t', '\u0000', '\u001f'));
                case 2 -> sb.append(g.pick('é', '€', 'ß', '\u2028', '日', '\uFFFD'));
                case 3 -> sb.appendCodePoint(g.intBetween(0x10000, 0x10FFFF));
                default -> sb.append("level");
            }
        }
        return sb.toString();
    }

    /** {@return a member name JSON writes without escapes}: plain, with non-ASCII characters */
    private static String name(Gen g) {
        StringBuilder sb = new StringBuilder();
        for (int i = g.intBetween(1, 12); i > 0; i--) {
            sb.append(g.chance(0.1) ? (char) g.pick('é', '日', '\u20ac') : (char) g.intBetween('a', 'z'));
        }
        return sb.toString();
    }

    /**
     * {@return {@code o} written, then rewritten with each object's members in a random order,
     * unknown members (random JSON of every kind) among them, and compact or pretty}
     */
    private static byte[] reshaped(Gen g, Object o) {
        byte[] json = JsonCodecs.defaults().toJsonBytes(o, JsonFormat.COMPACT);
        try (JsonArena arena = POOL.pool().openArena()) {
            JsonValue root = arena.parse(json);
            JsonWriter w = JsonWriter.buffered(g.nextBoolean() ? JsonFormat.COMPACT : JsonFormat.PRETTY);
            rewrite(g, arena, root, w, new AtomicInteger(), true);
            return w.toByteArray();
        }
    }

    /** Rewrites {@code v}; unknown members go into records only ({@code record}), not maps. */
    private static void rewrite(Gen g, JsonArena arena, JsonValue v, JsonWriter w, AtomicInteger unknown, boolean record) {
        switch (v.type()) {
            case OBJECT -> {
                List<JsonObject.Member> members = new ArrayList<>();
                for (JsonObject.Member m : v.asObject()) {
                    members.add(m);
                }
                if (g.chance(0.5)) {
                    g.shuffle(members);
                }
                w.beginObject();
                for (JsonObject.Member m : members) {
                    if (record && g.chance(0.15)) {
                        junk(g, arena, w, unknown);
                    }
                    w.name(m.key());
                    rewrite(g, arena, m.value(), w, unknown, record && !MAPS.contains(m.key()));
                }
                if (record && g.chance(0.2)) {
                    junk(g, arena, w, unknown);
                }
                w.endObject();
            }
            case ARRAY -> {
                w.beginArray();
                for (JsonValue e : v.asArray()) {
                    rewrite(g, arena, e, w, unknown, record);
                }
                w.endArray();
            }
            default -> w.value(v);
        }
    }

    /** Writes an unknown member: a fresh name and a random JSON value, exponents, escapes and deep nesting included. */
    private static void junk(Gen g, JsonArena arena, JsonWriter w, AtomicInteger unknown) {
        JsonGenerator.Options options = JsonGenerator.Options.DEFAULT.withExtremeNumbers(g.nextBoolean());
        w.name("zz" + unknown.incrementAndGet() + (g.chance(0.2) ? "é" : ""));
        plainNames(arena.parse(new JsonGenerator(g, options).document().bytes()), w);
    }

    /**
     * Writes {@code v} with its member names replaced by plain ones ({@code k0}, {@code k1}, ...
     * per object): an escaped name sends the whole input to the parse, so the values of unknown
     * members keep every kind of value but those names.
     */
    private static void plainNames(JsonValue v, JsonWriter w) {
        switch (v.type()) {
            case OBJECT -> {
                w.beginObject();
                int i = 0;
                for (JsonObject.Member m : v.asObject()) {
                    w.name("k" + i++);
                    plainNames(m.value(), w);
                }
                w.endObject();
            }
            case ARRAY -> {
                w.beginArray();
                for (JsonValue e : v.asArray()) {
                    plainNames(e, w);
                }
                w.endArray();
            }
            default -> w.value(v);
        }
    }

    /** {@return {@code json} with one edit the mutator does not make: a member or value repeated, a BOM, an escaped name} */
    private static byte[] edit(Gen g, byte[] json) {
        String s = text(json);
        return bytes(switch (g.nextInt(5)) {
            case 0 -> s.replaceFirst("\\{\"", "{\"sku\":\"x\",\"");
            case 1 -> s.replaceFirst("\"id\":", "\"\\\\u0069d\":");
            case 2 -> "\uFEFF" + s;
            case 3 -> s.replaceFirst("\\{", "{\"zz1\":1,\"zz1\":2,");
            default -> s.replaceFirst("\\[", "[1e400,");
        });
    }

    /** {@return limits around the sizes of the generated documents, each one possibly passed} */
    private static JsonLimits limits(Gen g) {
        JsonLimits.Builder b = JsonLimits.builder();
        switch (g.nextInt(9)) {
            case 0 -> b.maxDepth(g.intBetween(1, 8));
            case 1 -> b.maxStringBytes(g.intBetween(1, 40));
            case 2 -> b.maxKeyBytes(g.intBetween(1, 12));
            case 3 -> b.maxNumberChars(g.intBetween(1, 20));
            case 4 -> b.maxTokens(g.intBetween(10, 400));
            case 5 -> b.maxDistinctKeys(g.intBetween(5, 60));
            case 6 -> b.maxObjectMembers(g.intBetween(1, 30));
            case 7 -> b.maxArrayElements(g.intBetween(1, 8));
            default -> b.maxDocumentBytes(g.intBetween(100, 4000));
        }
        if (g.nextBoolean()) {
            b.duplicateKeyPolicy(g.pick(DuplicateKeyPolicy.values()));
        }
        return b.allowByteOrderMark(g.nextBoolean()).build();
    }

    // ---- checks ----

    private static Object bindDocument(JsonCodecs codecs, byte[] json, JsonLimits limits) {
        try (JsonArena arena = POOL.pool().openArena()) {
            return codecs.bind(arena.parse(json, limits), Order.class);
        }
    }

    /** Asserts that two bindings are the same values: written alike, with the same collection classes. */
    private static void assertSameBinding(Object expected, Object actual, byte[] input) {
        JsonCodecs c = JsonCodecs.defaults();
        assertEquals(c.toJson(expected), c.toJson(actual), () -> "input " + text(input));
        if (expected instanceof Order e && actual instanceof Order a) {
            assertSame(e.tags().getClass(), a.tags().getClass());
            assertSame(e.codes().getClass(), a.codes().getClass());
            assertSame(e.items().getClass(), a.items().getClass());
        }
    }

    private static String limitName(String key) {
        for (JsonLimit l : JsonLimit.values()) {
            if (l.setting().equals(key)) {
                return l.name();
            }
        }
        throw new IllegalArgumentException(key);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
