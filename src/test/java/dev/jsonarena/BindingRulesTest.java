package dev.jsonarena;

import static dev.jsonarena.DecoderSupport.utf8;
import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The binding rules of {@link JsonCodecs}, one test each: unknown and missing members, nulls,
 * exact names and numbers, the error's content, views kept as views, annotations, sealed
 * hierarchies, limits and the nesting bound.
 */
class BindingRulesTest extends ArenaFixture {
    private static final JsonCodecs CODECS = JsonCodecs.defaults();
    private static final JsonCodecs STRICT = JsonCodecs.builder().rejectUnknownMembers(true).build();
    private static final JsonCodecs LENIENT = JsonCodecs.builder().defaultMissingPrimitives(true).build();

    record Item(String sku, int qty) {}

    record Order(long id, List<Item> items, Optional<String> note) {}

    record Refs(String s, Integer boxed, List<String> list, Set<Long> set, Map<String, Item> map, int[] ints,
            Optional<Item> opt, UUID uuid) {}

    record Prims(int i, boolean b, double d) {}

    record Raw(String kind, JsonValue payload) {}

    record Renamed(@JsonName("order_id") long id, @JsonIgnore String secret, String name) {}

    record Node(String name, List<Node> children) {}

    enum Color { RED, GREEN }

    record Paint(Color color) {}

    @JsonDiscriminator("type")
    sealed interface Event permits Click, Key {}

    record Click(int x, int y) implements Event {}

    @JsonName("key")
    record Key(char c) implements Event {}

    private <T> T bind(String json, Class<T> type) {
        return CODECS.bind(parse(json), type);
    }

    private JsonBindException bindFails(JsonCodecs codecs, String json, Class<?> type) {
        return assertThrows(JsonBindException.class, () -> codecs.bind(parse(json), type));
    }

    @Test
    void bindsARecordFromItsComponentNames() {
        Order o = bind("{\"id\":7,\"items\":[{\"sku\":\"pen\",\"qty\":2}],\"note\":\"gift\"}", Order.class);
        assertEquals(new Order(7, List.of(new Item("pen", 2)), Optional.of("gift")), o);
    }

    @Test
    void membersMayComeInAnyOrder() {
        assertEquals(new Item("pen", 2), bind("{\"qty\":2,\"sku\":\"pen\"}", Item.class));
    }

    @Test
    void unknownMembersAreIgnoredByDefault() {
        assertEquals(new Item("pen", 2), bind("{\"sku\":\"pen\",\"colour\":{\"a\":[1]},\"qty\":2}", Item.class));
    }

    @Test
    void unknownMembersAreRejectedWhenAsked() {
        JsonBindException e = bindFails(STRICT, "{\"id\":1,\"items\":[{\"sku\":\"a\",\"qty\":1,\"colour\":1}]}",
                Order.class);
        assertEquals("/items/0/colour", e.pointer());
        assertEquals(Item.class, e.targetType());
        assertTrue(e.getMessage().contains("no member \"colour\""), e.getMessage());
    }

    @Test
    void missingReferenceMembersGiveNullEmptyOrOptionalEmpty() {
        Refs r = bind("{}", Refs.class);
        assertNull(r.s());
        assertNull(r.boxed());
        assertNull(r.uuid());
        assertEquals(List.of(), r.list());
        assertEquals(Set.of(), r.set());
        assertEquals(Map.of(), r.map());
        assertEquals(0, r.ints().length);
        assertEquals(Optional.empty(), r.opt());
    }

    @Test
    void nullMembersGiveNullAndOptionalEmpty() {
        Refs r = bind("{\"s\":null,\"boxed\":null,\"list\":null,\"set\":null,\"map\":null,\"ints\":null,\"opt\":null,"
                + "\"uuid\":null}", Refs.class);
        assertEquals(new Refs(null, null, null, null, null, null, Optional.empty(), null), r);
    }

    @Test
    void aMissingPrimitiveIsAnError() {
        JsonBindException e = bindFails(CODECS, "{\"a\":{\"i\":1,\"b\":true}}", Prims.class);
        assertEquals("/i", e.pointer(), "the record is at the root");
        e = assertThrows(JsonBindException.class, () -> CODECS.bind(parse("{\"p\":{\"i\":1,\"b\":true}}").path("p"), Prims.class));
        assertEquals("/p/d", e.pointer());
        assertEquals("no member", e.found());
        assertEquals(double.class, e.targetType());
    }

    @Test
    void aMissingPrimitiveGivesZeroWhenDefaultsAreAllowed() {
        assertEquals(new Prims(0, false, 0), LENIENT.bind(parse("{}"), Prims.class));
    }

    @Test
    void nullIntoAPrimitiveIsAnErrorEvenWhenDefaultsAreAllowed() {
        JsonBindException e = bindFails(LENIENT, "{\"i\":null}", Prims.class);
        assertEquals("/i", e.pointer());
        assertEquals("NULL", e.found());
        assertEquals(int.class, e.targetType());
    }

    @Test
    void namesAreMatchedCaseSensitively() {
        assertEquals(new Item(null, 3), LENIENT.bind(parse("{\"SKU\":\"pen\",\"qty\":3}"), Item.class));
        assertEquals("/SKU", bindFails(STRICT, "{\"SKU\":\"pen\",\"qty\":3}", Item.class).pointer());
    }

    @Test
    void integersAreBoundExactly() {
        assertEquals("/qty", bindFails(CODECS, "{\"qty\":1.5}", Item.class).pointer());
        JsonBindException e = bindFails(CODECS, "{\"qty\":3000000000}", Item.class);
        assertEquals("NUMBER 3000000000", e.found());
        assertTrue(e.getMessage().contains("an integer in the range of int"), e.getMessage());
        assertThrows(JsonBindException.class, () -> CODECS.bind(parse("128"), byte.class));
        assertEquals((byte) -128, CODECS.bind(parse("-128"), byte.class));
        assertThrows(JsonBindException.class, () -> CODECS.bind(parse("1e30"), long.class));
        assertThrows(JsonBindException.class, () -> CODECS.bind(parse("0.5"), BigInteger.class));
        assertEquals(new BigInteger("123456789012345678901234567890"),
                CODECS.bind(parse("123456789012345678901234567890"), BigInteger.class));
    }

    @Test
    void floatingPointNumbersOutOfRangeAreErrors() {
        assertEquals("NUMBER 1e400", bindFails(CODECS, "{\"d\":1e400}", Prims.class).found());
        assertThrows(JsonBindException.class, () -> CODECS.bind(parse("1e39"), float.class));
        assertEquals(3.4e38f, CODECS.bind(parse("3.4e38"), float.class));
    }

    @Test
    void aValueOfAnotherJsonTypeIsAnError() {
        JsonBindException e = bindFails(CODECS, "{\"sku\":12,\"qty\":1}", Item.class);
        assertEquals("/sku", e.pointer());
        assertEquals("NUMBER 12", e.found());
        assertEquals(String.class, e.targetType());
        assertEquals("", bindFails(CODECS, "[1]", Item.class).pointer());
        assertEquals("/qty", bindFails(CODECS, "{\"qty\":\"2\"}", Item.class).pointer());
    }

    @Test
    void theErrorIsAJsonExceptionWithPointerTargetAndFound() {
        JsonBindException e = bindFails(CODECS, "{\"id\":1,\"items\":[{\"sku\":\"a\",\"qty\":1},{\"sku\":\"b\",\"qty\":true}]}",
                Order.class);
        assertInstanceOf(JsonException.class, e);
        assertEquals("/items/1/qty", e.pointer());
        assertEquals(int.class, e.targetType());
        assertEquals("TRUE", e.found());
        assertEquals(54, e.offset(), "the offset of the true in the bound input");
        assertEquals("cannot bind /items/1/qty to int: found TRUE (expected: an integer in the range of int)"
                + " at line 1, column 55 (byte offset 54)", e.getMessage());
    }

    @Test
    void theErrorGivesTheValuesPlaceInAnInputStillAtHandAndNoneInAStream() throws IOException {
        String json = "{\"id\": 1,\n \"items\": [\n  {\"sku\": \"a\", \"qty\": 1},\n  {\"sku\": \"b\", \"qty\": \"2\"}]}";
        JsonBindException e = assertThrows(JsonBindException.class, () -> arena.parse(utf8(json), Order.class));
        assertEquals("/items/1/qty", e.pointer());
        assertEquals(json.indexOf("\"2\""), e.offset());
        assertEquals(4, e.line());
        assertEquals(23, e.column());
        assertTrue(e.getMessage().endsWith(" at line 4, column 23 (byte offset " + e.offset() + ")"), e.getMessage());

        String missing = "[{\"sku\": \"a\", \"qty\": 1},\n {\"sku\": \"b\"}]";
        arena.reset();
        e = assertThrows(JsonBindException.class, () -> arena.parse(utf8(missing), new JsonTypeRef<List<Item>>() {}));
        assertEquals("/1/qty", e.pointer());
        assertEquals(missing.lastIndexOf('{'), e.offset(), "a missing member is placed at the object without it");

        arena.reset();
        e = assertThrows(JsonBindException.class, () -> arena.parse(new ByteArrayInputStream(utf8(json)), Order.class));
        assertEquals("/items/1/qty", e.pointer());
        assertEquals(-1, e.offset(), "a stream's bytes are gone");
        assertEquals(-1, e.line());
    }

    @Test
    void pointersEscapeTildeAndSlash() {
        JsonBindException e = assertThrows(JsonBindException.class,
                () -> CODECS.bind(parse("{\"a/b\":{\"m~n\":{\"qty\":1}}}").path("a/b").path("m~n"), Prims.class));
        assertEquals("/a~1b/m~0n/i", e.pointer());
    }

    @Test
    void badTextValuesAreErrorsWithTheParserAsCause() {
        record T(UUID id, Instant at, Duration took) {}
        JsonBindException e = bindFails(CODECS, "{\"id\":\"not-a-uuid\"}", T.class);
        assertEquals("/id", e.pointer());
        assertNotNull(e.getCause());
        assertEquals("/at", bindFails(CODECS, "{\"at\":\"yesterday\"}", T.class).pointer());
        assertEquals("/took", bindFails(CODECS, "{\"took\":\"PT\"}", T.class).pointer());
    }

    @Test
    void enumsBindByExactName() {
        assertEquals(new Paint(Color.GREEN), bind("{\"color\":\"GREEN\"}", Paint.class));
        JsonBindException e = bindFails(CODECS, "{\"color\":\"green\"}", Paint.class);
        assertEquals("STRING \"green\"", e.found());
        assertTrue(e.getMessage().contains("one of RED, GREEN"), e.getMessage());
    }

    @Test
    void aCharIsAStringOfOneCodeUnit() {
        assertEquals(new Key('é'), CODECS.bind(parse("{\"type\":\"key\",\"c\":\"é\"}"), Event.class));
        assertThrows(JsonBindException.class, () -> CODECS.bind(parse("{\"type\":\"key\",\"c\":\"ab\"}"), Event.class));
    }

    @Test
    void aJsonValueComponentStaysAViewOfTheArena() {
        JsonValue root = parse("{\"kind\":\"k\",\"payload\":{\"deep\":[1,2,3]}}");
        Raw raw = CODECS.bind(root, Raw.class);
        assertEquals(3, raw.payload().path("deep").asArray().size());
        assertEquals("{\"deep\":[1,2,3]}", raw.payload().toJson());
        arena.reset();
        assertThrows(IllegalStateException.class, () -> raw.payload().type());
        assertTrue(CODECS.bind(parse("{\"payload\":null}"), Raw.class).payload().isNull(), "a JSON null is a view of null");
        assertNull(CODECS.bind(parse("{}"), Raw.class).payload(), "a missing member is Java null");
    }

    @Test
    void jsonNameRenamesAndJsonIgnoreLeavesOut() {
        Renamed r = bind("{\"order_id\":5,\"id\":9,\"secret\":\"s\",\"name\":\"n\"}", Renamed.class);
        assertEquals(new Renamed(5, null, "n"), r);
        assertEquals("{\"order_id\":5,\"name\":\"n\"}", CODECS.toJson(new Renamed(5, "hidden", "n")));
        assertEquals("/secret", bindFails(STRICT, "{\"order_id\":5,\"secret\":\"s\"}", Renamed.class).pointer());
    }

    @Test
    void sealedInterfacesBindByTheirDiscriminator() {
        assertEquals(new Click(1, 2), CODECS.bind(parse("{\"x\":1,\"type\":\"Click\",\"y\":2}"), Event.class));
        assertEquals(new Click(1, 2), STRICT.bind(parse("{\"type\":\"Click\",\"x\":1,\"y\":2}"), Event.class));
        assertEquals("{\"type\":\"key\",\"c\":\"q\"}", CODECS.toJson(new Key('q')));
        JsonBindException missing = bindFails(CODECS, "{\"x\":1}", Event.class);
        assertEquals("/type", missing.pointer());
        JsonBindException unknown = bindFails(CODECS, "{\"type\":\"Scroll\"}", Event.class);
        assertEquals("/type", unknown.pointer());
        assertTrue(unknown.getMessage().contains("one of \"Click\", \"key\""), unknown.getMessage());
    }

    @Test
    void bindsStraightFromInput() throws Exception {
        byte[] json = "{\"sku\":\"pen\",\"qty\":2}".getBytes(StandardCharsets.UTF_8);
        assertEquals(new Item("pen", 2), arena.parse(json, Item.class));
        assertEquals(new Item("pen", 2), arena.parse(new ByteArrayInputStream(json), Item.class));
        assertEquals(List.of(new Item("b", 3)), arena.parse(new ByteArrayInputStream(
                "[{\"sku\":\"b\",\"qty\":3}]".getBytes(StandardCharsets.UTF_8)), new JsonTypeRef<List<Item>>() {}));
        assertEquals(List.of(new Item("a", 1)), arena.parse("[{\"sku\":\"a\",\"qty\":1}]".getBytes(StandardCharsets.UTF_8),
                new JsonTypeRef<List<Item>>() {}));
        assertNull(arena.parse("null".getBytes(StandardCharsets.UTF_8), Item.class));
    }

    @Test
    void parseLimitsStillApplyBeforeBinding() {
        try (JsonPool p = JsonPool.builder().limits(JsonLimits.builder().maxDepth(2).build()).build();
                JsonArena a = p.openArena()) {
            assertThrows(JsonLimitException.class,
                    () -> a.parse("{\"items\":[{\"sku\":\"a\"}]}".getBytes(StandardCharsets.UTF_8), Order.class));
        }
    }

    @Test
    void nestingDeeperThanTheBinderBoundIsAnErrorNotAStackOverflow() {
        int depth = 3000;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            sb.append("{\"name\":\"n\",\"children\":[");
        }
        for (int i = 0; i < depth; i++) {
            sb.append("]}");
        }
        try (JsonPool p = JsonPool.builder().limits(JsonLimits.builder().maxDepth(10_000).build()).build();
                JsonArena a = p.openArena()) {
            JsonValue root = a.parse(sb.toString().getBytes(StandardCharsets.UTF_8));
            JsonBindException e = assertThrows(JsonBindException.class, () -> CODECS.bind(root, Node.class));
            assertTrue(e.getMessage().contains("at most 512 nested containers"), e.getMessage());
        }
    }

    record Positive(int n) {
        Positive {
            if (n <= 0) {
                throw new IllegalArgumentException("n: " + n + " (expected: > 0)");
            }
        }
    }

    record Holder(List<Positive> values) {}

    @Test
    void aValueTheRecordsConstructorRefusesIsABindingError() {
        JsonBindException e = bindFails(CODECS, "{\"values\":[{\"n\":1},{\"n\":-2}]}", Holder.class);
        assertEquals("/values/1", e.pointer());
        assertEquals(Positive.class, e.targetType());
        assertInstanceOf(IllegalArgumentException.class, e.getCause());
        assertTrue(e.getMessage().contains("n: -2 (expected: > 0)"), e.getMessage());
    }

    @Test
    void aTypeThatCannotBeBoundIsAnIllegalArgument() {
        assertThrows(IllegalArgumentException.class, () -> CODECS.bind(parse("{}"), Thread.class));
        assertThrows(IllegalArgumentException.class, () -> CODECS.bind(parse("{}"), new JsonTypeRef<Map<Integer, String>>() {}));
    }

    @Test
    void writingRefusesNonFiniteDoubles() {
        assertThrows(IllegalArgumentException.class, () -> CODECS.toJson(new Prims(1, true, Double.NaN)));
    }
}
