package dev.jsonarena;

import static dev.jsonarena.DecoderSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.jsonarena.testing.JsonGenerator;
import dev.jsonarena.testing.Property;
import dev.jsonarena.testing.ReferenceJson;
import dev.jsonarena.testing.ReferenceJson.JValue;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/** Views: types, arrays and objects, JSON Pointer, compact JSON, and the allocation-free cursor. */
class ViewsTest extends ArenaFixture {
    @Test
    void everyValueReportsItsTypeAndAReadOfAnotherTypeThrowsNamingBoth() {
        JsonValue v = parse("[{},[],\"s\",1,true,false,null]");
        JsonType[] types = {JsonType.OBJECT, JsonType.ARRAY, JsonType.STRING, JsonType.NUMBER, JsonType.TRUE,
            JsonType.FALSE, JsonType.NULL};
        JsonArray a = v.asArray();
        for (int i = 0; i < types.length; i++) {
            assertEquals(types[i], a.get(i).type());
            assertEquals(types[i] == JsonType.NULL, a.get(i).isNull());
        }
        assertTrue(a.get(4).asBoolean());
        assertFalse(a.get(5).asBoolean());
        JsonTypeException e = assertThrows(JsonTypeException.class, () -> a.get(0).asArray());
        assertEquals("ARRAY", e.expected());
        assertEquals(JsonType.OBJECT, e.actual());
        assertThrows(JsonTypeException.class, () -> a.get(1).asObject());
        assertThrows(JsonTypeException.class, () -> a.get(3).asString());
        assertThrows(JsonTypeException.class, () -> a.get(6).asBoolean());
        assertEquals("TRUE or FALSE", assertThrows(JsonTypeException.class, () -> a.get(2).asBoolean()).expected());
    }

    @Test
    void arrayGetIsDirectForOneWordElementsAndIndexedOtherwise() {
        StringBuilder flat = new StringBuilder("[");
        StringBuilder mixed = new StringBuilder("[");
        int n = 10_000;
        for (int i = 0; i < n; i++) {
            flat.append(i == 0 ? "" : ",").append(i);
            mixed.append(i == 0 ? "" : ",").append(i % 3 == 0 ? "{\"i\":" + i + "}" : i % 3 == 1 ? "[" + i + "]" : i + ".5");
        }
        JsonArray f = parse(flat.append(']').toString()).asArray();
        for (int i = 0; i < n; i++) {
            assertEquals(i, f.get(i).asLong());
        }
        assertEquals(0, f.doc.indexBytes(), "one-word elements need no index");
        JsonArray m = parse(mixed.append(']').toString()).asArray();
        for (int i = n - 1; i >= 0; i--) {
            JsonValue e = m.get(i);
            switch (i % 3) {
                case 0 -> assertEquals(i, e.asObject().get("i").asLong());
                case 1 -> assertEquals(i, e.asArray().get(0).asLong());
                default -> assertEquals(i + 0.5, e.asDouble());
            }
        }
        assertEquals(4L * n, m.doc.indexBytes(), "one index of 4 bytes per element, built once");
        assertThrows(IndexOutOfBoundsException.class, () -> m.get(n));
        assertThrows(IndexOutOfBoundsException.class, () -> m.get(-1));
        int i = 0;
        for (JsonValue e : m) {
            assertEquals(i % 3 == 0 ? JsonType.OBJECT : i % 3 == 1 ? JsonType.ARRAY : JsonType.NUMBER, e.type());
            i++;
        }
        assertEquals(n, i);
        JsonArray small = parse("[[1],{\"a\":2},3.5,\"x\"]").asArray();
        assertEquals("x", small.get(3).asString());
        assertEquals(0, small.doc.indexBytes(), "small arrays are walked");
    }

    @Test
    void iteratorsFollowDocumentOrderAndEnd() {
        JsonObject o = parse("{\"z\":1,\"a\":[2],\"m\":{\"q\":3}}").asObject();
        List<String> names = new ArrayList<>();
        for (JsonObject.Member m : o) {
            names.add(m.key());
        }
        assertEquals(List.of("z", "a", "m"), names);
        Iterator<JsonObject.Member> it = o.iterator();
        assertEquals("\"z\":1", it.next().toString());
        assertEquals("[2]", it.next().value().toJson());
        assertEquals("\"m\":{\"q\":3}", it.next().toString());
        assertFalse(it.hasNext());
        assertThrows(NoSuchElementException.class, it::next);
        Iterator<JsonValue> ai = parse("[]").asArray().iterator();
        assertFalse(ai.hasNext());
        assertThrows(NoSuchElementException.class, ai::next);
        assertEquals(0, parse("{}").asObject().size());
        assertFalse(parse("{}").asObject().iterator().hasNext());
        assertEquals("{\"z\":1,\"a\":[2],\"m\":{\"q\":3}}", o.asValue().toJson());
        assertEquals(o.toJson(), o.toString());
    }

    /** The example of RFC 6901 section 5, and the cases that select nothing or are malformed. */
    @Test
    void jsonPointerFollowsRfc6901() {
        JsonValue doc = parse("{\"foo\":[\"bar\",\"baz\"],\"\":0,\"a/b\":1,\"c%d\":2,\"e^f\":3,\"g|h\":4,\"i\\\\j\":5,"
                + "\"k\\\"l\":6,\" \":7,\"m~n\":8}");
        assertEquals(doc.toJson(), doc.at("").toJson());
        assertEquals("[\"bar\",\"baz\"]", doc.at("/foo").toJson());
        assertEquals("bar", doc.at("/foo/0").asString());
        Object[][] cases = {{"/", 0}, {"/a~1b", 1}, {"/c%d", 2}, {"/e^f", 3}, {"/g|h", 4}, {"/i\\j", 5},
            {"/k\"l", 6}, {"/ ", 7}, {"/m~0n", 8}};
        for (Object[] c : cases) {
            assertEquals((int) c[1], doc.at((String) c[0]).asInt(), (String) c[0]);
        }
        for (String absent : new String[] {"/foo/2", "/foo/-", "/foo/01", "/foo/-1", "/foo/+1", "/foo/1x", "/nope",
            "/foo/0/x", "/a~1b/c", "/foo/99999999999", "/foo/"}) {
            assertNull(doc.at(absent), absent);
        }
        for (String bad : new String[] {"foo", "/~2", "/~", "/a~"}) {
            assertThrows(IllegalArgumentException.class, () -> doc.at(bad), bad);
        }
        assertThrows(NullPointerException.class, () -> doc.at(null));
    }

    @Test
    void toJsonIsCompactAndReparsesToTheSameValue() {
        assertEquals("{\"a\":[1,2.50,-0,1E+3,\"\\u0001\\n\"],\"b\":{}}",
                parse(" { \"a\" : [ 1 , 2.50 , -0 , 1E+3 , \"\\u0001\\n\" ] , \"b\" : { } } ").toJson());
        Property.check("generated -> parse -> toJson -> parse", 1000, gen -> {
            JsonGenerator.Document d = new JsonGenerator(gen).document();
            arena.reset();
            JsonValue v = arena.parse(d.bytes());
            assertEquals(d.expected(), toReference(v));
            byte[] written = utf8(v.toJson());
            assertEquals(d.expected(), ReferenceJson.parse(written, false, Integer.MAX_VALUE));
            assertEquals(d.expected(), toReference(arena.parse(written)));
        });
    }

    @Test
    void cursorWalksEveryValueInDocumentOrder() {
        Property.check("cursor walk == tree walk", 500, gen -> {
            JsonGenerator.Document d = new JsonGenerator(gen).document();
            arena.reset();
            JsonCursor c = new JsonCursor().reset(arena.parse(d.bytes()));
            List<String> fromCursor = new ArrayList<>();
            walk(c, fromCursor);
            List<String> fromTree = new ArrayList<>();
            walk(d.expected(), fromTree);
            assertEquals(fromTree, fromCursor);
            assertEquals(0, c.depth());
        });
    }

    private static void walk(JsonCursor c, List<String> out) {
        if (c.depth() > 0 && c.value().type() != null) {
            try {
                out.add("key " + c.key());
                assertTrue(c.keyEquals(c.key()));
            } catch (IllegalStateException inArray) {
                // an element, not a member
            }
        }
        switch (c.type()) {
            case OBJECT, ARRAY -> {
                out.add(c.type() + " " + c.size());
                if (c.enter()) {
                    do {
                        walk(c, out);
                    } while (c.next());
                    c.exit();
                }
                out.add("end");
            }
            case STRING -> out.add("s " + c.asString() + " " + c.contentEquals(c.asString()));
            case NUMBER -> out.add("n " + c.value().numberText());
            case TRUE, FALSE -> out.add("b " + c.asBoolean());
            case NULL -> out.add("null " + c.isNull());
        }
    }

    private static void walk(JValue v, List<String> out) {
        switch (v) {
            case ReferenceJson.JObject o -> {
                out.add("OBJECT " + o.members().size());
                for (Map.Entry<String, JValue> m : o.members()) {
                    out.add("key " + m.getKey());
                    walk(m.getValue(), out);
                }
                out.add("end");
            }
            case ReferenceJson.JArray a -> {
                out.add("ARRAY " + a.elements().size());
                for (JValue e : a.elements()) {
                    walk(e, out);
                }
                out.add("end");
            }
            case ReferenceJson.JString s -> out.add("s " + s.value() + " true");
            case ReferenceJson.JNumber n -> out.add("n " + n.text());
            case ReferenceJson.JTrue t -> out.add("b true");
            case ReferenceJson.JFalse f -> out.add("b false");
            case ReferenceJson.JNull n -> out.add("null true");
        }
    }

    @Test
    void cursorMovesRefusedAtTheEdgesOfContainersLeaveItWhereItWas() {
        JsonCursor c = new JsonCursor();
        assertThrows(IllegalStateException.class, c::type, "never reset");
        c.reset(parse("{\"a\":[],\"b\":{\"c\":1},\"d\":\"x\"}"));
        assertFalse(c.next(), "no siblings at depth 0");
        assertThrows(IllegalStateException.class, c::exit);
        assertThrows(IllegalStateException.class, c::key);
        assertTrue(c.find("a"));
        assertEquals("a", c.key());
        assertFalse(c.enter(), "empty array");
        assertEquals(1, c.depth());
        assertTrue(c.next());
        assertTrue(c.keyEquals(JsonKey.of("b")));
        assertTrue(c.find(JsonKey.of("c")));
        assertEquals(1, c.asInt());
        assertThrows(JsonTypeException.class, c::enter);
        assertThrows(JsonTypeException.class, () -> c.find("x"));
        c.exit();
        assertFalse(c.find("zz"));
        assertEquals(JsonType.OBJECT, c.type());
        assertTrue(c.next());
        assertTrue(c.stringEquals(JsonKey.of("x")));
        assertEquals(1, c.utf8Length());
        assertFalse(c.next(), "last member");
        c.exit();
        assertEquals(0, c.depth());
        c.reset(parse("[5]"));
        assertTrue(c.enter());
        assertThrows(IllegalStateException.class, c::key, "an element has no key");
        assertEquals(5, c.asLong());
    }

    /**
     * The cursor keeps the word at its position and the bounds of the container it is in; random
     * moves (enter, next, exit, find by a present or absent name) must leave it where a model
     * built on the views says, with the same type, size, key and converted value there.
     */
    @Test
    void randomCursorMovesAgreeWithTheViews() {
        Property.check("cursor moves == view model", 500, gen -> {
            JsonGenerator.Document d = new JsonGenerator(gen).document();
            arena.reset();
            JsonValue root = arena.parse(d.bytes());
            JsonCursor c = new JsonCursor().reset(root);
            List<JsonValue> parents = new ArrayList<>();
            List<Integer> indexes = new ArrayList<>();
            JsonValue cur = root;
            int moves = gen.intBetween(1, 60);
            for (int m = 0; m < moves; m++) {
                int depth = parents.size();
                switch (gen.nextInt(4)) {
                    case 0 -> { // enter
                        boolean container = cur.type() == JsonType.OBJECT || cur.type() == JsonType.ARRAY;
                        if (!container) {
                            assertThrows(JsonTypeException.class, c::enter);
                        } else {
                            boolean moved = size(cur) > 0;
                            assertEquals(moved, c.enter(), "enter");
                            if (moved) {
                                parents.add(cur);
                                indexes.add(0);
                                cur = child(cur, 0);
                            }
                        }
                    }
                    case 1 -> { // next
                        boolean moved = depth > 0 && indexes.get(depth - 1) + 1 < size(parents.get(depth - 1));
                        assertEquals(moved, c.next(), "next");
                        if (moved) {
                            int i = indexes.get(depth - 1) + 1;
                            indexes.set(depth - 1, i);
                            cur = child(parents.get(depth - 1), i);
                        }
                    }
                    case 2 -> { // exit
                        if (depth == 0) {
                            assertThrows(IllegalStateException.class, c::exit);
                        } else {
                            c.exit();
                            cur = parents.remove(depth - 1);
                            indexes.remove(depth - 1);
                        }
                    }
                    default -> { // find
                        if (cur.type() != JsonType.OBJECT) {
                            assertThrows(JsonTypeException.class, () -> c.find("x"));
                        } else {
                            List<String> names = new ArrayList<>();
                            for (JsonObject.Member member : cur.asObject()) {
                                names.add(member.key());
                            }
                            boolean present = !names.isEmpty() && gen.nextInt(4) != 0;
                            String name = present ? names.get(gen.nextInt(names.size())) : "\u0000absent";
                            boolean moved = gen.nextBoolean() ? c.find(JsonKey.of(name)) : c.find(name);
                            assertEquals(present, moved, "find " + name);
                            if (moved) {
                                parents.add(cur);
                                indexes.add(names.indexOf(name));
                                cur = cur.asObject().get(name);
                            }
                        }
                    }
                }
                assertSameValue(cur, c, parents.isEmpty() ? null : parents.get(parents.size() - 1),
                        indexes.isEmpty() ? -1 : indexes.get(indexes.size() - 1));
            }
        });
    }

    private static int size(JsonValue v) {
        return v.type() == JsonType.OBJECT ? v.asObject().size() : v.asArray().size();
    }

    private static JsonValue child(JsonValue container, int i) {
        return container.type() == JsonType.ARRAY ? container.asArray().get(i) : member(container, i).value();
    }

    /** {@return member {@code i} of {@code object}, in document order} */
    private static JsonObject.Member member(JsonValue object, int i) {
        Iterator<JsonObject.Member> it = object.asObject().iterator();
        for (int k = 0; k < i; k++) {
            it.next();
        }
        return it.next();
    }

    private static void assertSameValue(JsonValue expected, JsonCursor c, JsonValue parent, int index) {
        assertEquals(expected.type(), c.type());
        assertEquals(expected.toJson(), c.value().toJson());
        if (parent != null && parent.type() == JsonType.OBJECT) {
            assertEquals(member(parent, index).key(), c.key());
        } else {
            assertThrows(IllegalStateException.class, c::key);
        }
        switch (expected.type()) {
            case OBJECT, ARRAY -> assertEquals(size(expected), c.size());
            case STRING -> {
                assertEquals(expected.asString(), c.asString());
                assertEquals(expected.utf8Length(), c.utf8Length());
            }
            case NUMBER -> {
                assertEquals(Double.doubleToRawLongBits(expected.asDouble()), Double.doubleToRawLongBits(c.asDouble()));
                Object viewLong;
                try {
                    viewLong = expected.asLong();
                } catch (ArithmeticException e) {
                    viewLong = e.getClass();
                }
                Object cursorLong;
                try {
                    cursorLong = c.asLong();
                } catch (ArithmeticException e) {
                    cursorLong = e.getClass();
                }
                assertEquals(viewLong, cursorLong);
            }
            case TRUE, FALSE -> assertEquals(expected.asBoolean(), c.asBoolean());
            case NULL -> assertTrue(c.isNull());
        }
        if (expected.type() != JsonType.STRING) {
            assertThrows(JsonTypeException.class, c::asString);
        }
        if (expected.type() != JsonType.NUMBER) {
            assertThrows(JsonTypeException.class, c::asDouble);
            assertThrows(JsonTypeException.class, c::asLong);
        }
    }

    /** JsonKey lookups and cursor walks allocate nothing once compiled. */
    @Test
    void keyLookupsAndCursorWalksAllocateNothing() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < 200; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"id\":").append(i).append(",\"name\":\"n").append(i)
                    .append("\",\"tags\":[1,2,3],\"level\":").append(i % 5).append(",\"pad\":{\"x\":1.5}}");
        }
        JsonValue root = parse(sb.append(']').toString());
        JsonKey level = JsonKey.of("level");
        JsonKey name = JsonKey.of("name");
        JsonCursor c = new JsonCursor();
        long[] sink = new long[1];
        Runnable work = () -> {
            c.reset(root);
            long sum = 0;
            if (c.enter()) {
                do {
                    if (c.find(level)) {
                        sum += c.asLong();
                        c.exit();
                    }
                    if (c.find(name) && c.contentEquals("n7")) {
                        sum += 1000;
                    }
                    if (c.depth() == 2) {
                        c.exit();
                    }
                } while (c.next());
                c.exit();
            }
            sink[0] += sum;
        };
        for (int i = 0; i < 20_000; i++) {
            work.run();
        }
        long before = allocatedBytes();
        for (int i = 0; i < 2_000; i++) {
            work.run();
        }
        long allocated = allocatedBytes() - before;
        assertEquals(2_000L * (400 + 1000) + 20_000L * 1400, sink[0]);
        assertTrue(allocated < 4096, "allocated " + allocated + " bytes in 2000 walks of 200 records");
    }
}
