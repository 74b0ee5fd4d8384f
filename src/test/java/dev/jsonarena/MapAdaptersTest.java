package dev.jsonarena;

import static dev.jsonarena.DecoderSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.jsonarena.testing.JsonGenerator;
import dev.jsonarena.testing.JsonGenerator.Options;
import dev.jsonarena.testing.Property;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The read-only {@link JsonObject#asMap()} and {@link JsonArray#asList()} adapters: the Map and List
 * contracts (equality and hash codes with the {@link JsonValue#toJava()} copy both ways, document
 * order, lookups), values converted on access with nested containers as further views, every
 * mutator unsupported whatever its arguments, and every access of a stale view throwing
 * {@link IllegalStateException}.
 */
class MapAdaptersTest extends ArenaFixture {
    private static final String DOC = "{\"s\":\"x\",\"i\":-3,\"d\":0.5,\"big\":1e400,\"t\":true,\"n\":null,"
            + "\"a\":[1,{\"k\":[2,3]},[]],\"o\":{\"p\":{\"q\":\"r\"}}}";

    @Test
    void aMapViewEqualsTheCopyBothWaysInDocumentOrder() {
        JsonValue v = parse(DOC);
        Map<String, Object> map = v.asObject().asMap();
        Object copy = v.toJava();
        assertEquals(copy, map);
        assertEquals(map, copy);
        assertEquals(copy.hashCode(), map.hashCode());
        assertEquals(copy.toString(), map.toString());
        assertEquals(List.of("s", "i", "d", "big", "t", "n", "a", "o"), new ArrayList<>(map.keySet()));
        assertEquals(new ArrayList<>(((Map<?, ?>) copy).values()), new ArrayList<>(map.values()));
        assertEquals(8, map.size());
        assertFalse(map.isEmpty());
        assertTrue(parse("{}").asObject().asMap().isEmpty());
        assertNotEquals(map, Map.of("s", "x"));
        Map<String, Object> changed = new LinkedHashMap<>(map);
        changed.put("i", -4L);
        assertNotEquals(changed, map);
        assertNotEquals(map, changed);
    }

    @Test
    void lookupsFollowTheMapContract() {
        Map<String, Object> map = parse(DOC).asObject().asMap();
        assertEquals("x", map.get("s"));
        assertEquals(-3L, map.get("i"));
        assertEquals(0.5, map.get("d"));
        assertEquals(new java.math.BigDecimal("1e400"), map.get("big"));
        assertEquals(Boolean.TRUE, map.get("t"));
        assertNull(map.get("n"));
        assertTrue(map.containsKey("n"));
        assertEquals("dflt", map.getOrDefault("missing", "dflt"));
        assertNull(map.getOrDefault("n", "dflt"), "a present null is returned, not the default");
        assertNull(map.get("missing"));
        assertFalse(map.containsKey("missing"));
        assertNull(map.get(42), "a key that is not a String is absent");
        assertNull(map.get(null));
        assertFalse(map.containsKey(null));
        assertFalse(map.containsKey(new StringBuilder("s")));
        assertTrue(map.containsValue("x"));
        assertTrue(map.containsValue(null));
        assertFalse(map.containsValue("nope"));
        assertTrue(map.entrySet().contains(Map.entry("i", -3L)));
        assertFalse(map.entrySet().contains(Map.entry("i", -4L)));
        assertTrue(map.keySet().contains("o"));
        Map<String, Object> seen = new LinkedHashMap<>();
        map.forEach(seen::put);
        assertEquals(map, seen);
        assertEquals(List.copyOf(map.keySet()), List.copyOf(seen.keySet()));
    }

    @Test
    void largeObjectsAreLookedUpByName() {
        StringBuilder sb = new StringBuilder("{");
        Map<String, Object> expected = new HashMap<>();
        for (int i = 0; i < 1000; i++) {
            sb.append(i == 0 ? "" : ",").append("\"key").append(i).append("\":").append(i);
            expected.put("key" + i, (long) i);
        }
        Map<String, Object> map = parse(sb.append('}').toString()).asObject().asMap();
        for (int i = 0; i < 1000; i++) {
            assertEquals((long) i, map.get("key" + i));
        }
        assertNull(map.get("key1000"));
        assertEquals(expected, map);
        assertEquals(expected.hashCode(), map.hashCode());
    }

    @Test
    void nestedContainersAreViewsNotCopies() {
        JsonValue v = parse(DOC);
        Map<String, Object> map = v.asObject().asMap();
        Object o = map.get("o");
        Object a = map.get("a");
        assertFalse(o instanceof HashMap, "a view, not a copy: " + o.getClass());
        assertFalse(a instanceof ArrayList, "a view, not a copy: " + a.getClass());
        assertEquals(Map.of("q", "r"), ((Map<?, ?>) ((Map<?, ?>) o).get("p")));
        assertEquals(List.of(2L, 3L), ((Map<?, ?>) ((List<?>) a).get(1)).get("k"));
        arena.reset();
        assertThrows(IllegalStateException.class, ((Map<?, ?>) o)::size);
        assertThrows(IllegalStateException.class, ((List<?>) a)::size);
    }

    @Test
    void aListViewFollowsTheListContract() {
        JsonValue v = parse("[1,\"two\",3.5,null,[4],{\"five\":5},1]");
        List<Object> list = v.asArray().asList();
        Object copy = v.toJava();
        assertEquals(copy, list);
        assertEquals(list, copy);
        assertEquals(copy.hashCode(), list.hashCode());
        assertEquals(copy.toString(), list.toString());
        assertInstanceOf(RandomAccess.class, list);
        assertEquals(7, list.size());
        assertEquals("two", list.get(1));
        assertEquals(List.of(4L), list.get(4));
        assertEquals(Map.of("five", 5L), list.get(5));
        assertEquals(0, list.indexOf(1L));
        assertEquals(6, list.lastIndexOf(1L));
        assertTrue(list.contains(null));
        assertEquals(List.of("two", 3.5), list.subList(1, 3));
        List<?> copyList = (List<?>) copy;
        assertEquals(copyList.subList(1, 6).subList(2, 4), list.subList(1, 6).subList(2, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> list.subList(1, 6).get(5));
        assertThrows(IndexOutOfBoundsException.class, () -> list.subList(3, 8));
        List<Object> backwards = new ArrayList<>();
        for (ListIterator<Object> it = list.listIterator(list.size()); it.hasPrevious(); ) {
            backwards.add(0, it.previous());
        }
        assertEquals(copy, backwards);
        assertThrows(IndexOutOfBoundsException.class, () -> list.get(7));
        assertThrows(IndexOutOfBoundsException.class, () -> list.get(-1));
        List<Object> iterated = new ArrayList<>();
        list.forEach(iterated::add);
        assertEquals(copy, iterated);
        assertEquals(7, list.stream().count());
        assertEquals(List.of(), parse("[]").asArray().asList());
    }

    /** Arrays whose elements are not all one tape word, long enough for the element index. */
    @Test
    void largeArraysOfContainersAreIndexed() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < 500; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"i\":").append(i).append(",\"s\":[").append(i).append("]}");
        }
        List<Object> list = parse(sb.append(']').toString()).asArray().asList();
        for (int i = 499; i >= 0; i--) {
            assertEquals(Map.of("i", (long) i, "s", List.of((long) i)), list.get(i));
        }
    }

    @Test
    void generatedDocumentsEqualTheirCopy() {
        Property.check("asMap/asList == toJava", 300, gen -> {
            JsonGenerator.Document doc = new JsonGenerator(gen, Options.DEFAULT).document();
            arena.reset();
            JsonValue v = arena.parse(doc.bytes());
            Object view = switch (v.type()) {
                case OBJECT -> v.asObject().asMap();
                case ARRAY -> v.asArray().asList();
                default -> null;
            };
            if (view != null) {
                Object copy = v.toJava();
                assertEquals(copy, view, doc.text());
                assertEquals(view, copy, doc.text());
                assertEquals(copy.hashCode(), view.hashCode(), doc.text());
            }
        });
    }

    // ---- read-only ----

    private static void assertUnsupported(String what, Executable e) {
        assertThrows(UnsupportedOperationException.class, e, what);
    }

    @Test
    void everyMapMutatorThrowsWhateverItsArguments() {
        for (String json : new String[] {"{\"a\":1,\"b\":[2]}", "{}"}) {
            Map<String, Object> map = parse(json).asObject().asMap();
            assertUnsupported("put", () -> map.put("a", 2L));
            assertUnsupported("put new", () -> map.put("z", 2L));
            assertUnsupported("remove absent", () -> map.remove("absent"));
            assertUnsupported("remove", () -> map.remove("a"));
            assertUnsupported("putAll empty", () -> map.putAll(Map.of()));
            assertUnsupported("clear", map::clear);
            assertUnsupported("putIfAbsent", () -> map.putIfAbsent("a", 1L));
            assertUnsupported("remove(k, v)", () -> map.remove("absent", 1L));
            assertUnsupported("replace(k, v, v)", () -> map.replace("absent", 1L, 2L));
            assertUnsupported("replace(k, v)", () -> map.replace("absent", 1L));
            assertUnsupported("computeIfAbsent", () -> map.computeIfAbsent("a", k -> 1L));
            assertUnsupported("computeIfPresent absent", () -> map.computeIfPresent("absent", (k, x) -> 1L));
            assertUnsupported("compute", () -> map.compute("a", (k, x) -> null));
            assertUnsupported("merge", () -> map.merge("a", 1L, (x, y) -> null));
            assertUnsupported("replaceAll", () -> map.replaceAll((k, x) -> x));
            assertUnsupported("entrySet.clear", () -> map.entrySet().clear());
            assertUnsupported("entrySet.removeIf", () -> map.entrySet().removeIf(e -> false));
            assertUnsupported("keySet.remove", () -> map.keySet().remove("absent"));
            assertUnsupported("keySet.retainAll", () -> map.keySet().retainAll(Set.of()));
            assertUnsupported("values.clear", () -> map.values().clear());
            assertUnsupported("values.add", () -> map.values().add(1L));
            if (!map.isEmpty()) {
                Iterator<Map.Entry<String, Object>> it = map.entrySet().iterator();
                Map.Entry<String, Object> first = it.next();
                assertUnsupported("entry.setValue", () -> first.setValue(0L));
                assertUnsupported("iterator.remove", it::remove);
                Iterator<String> keys = map.keySet().iterator();
                keys.next();
                assertUnsupported("keySet iterator.remove", keys::remove);
            }
            assertEquals(parse(json).toJava(), map, "unchanged");
        }
    }

    @Test
    void everyListMutatorThrowsWhateverItsArguments() {
        for (String json : new String[] {"[1,[2],{\"c\":3}]", "[]"}) {
            List<Object> list = parse(json).asArray().asList();
            assertUnsupported("add", () -> list.add(1L));
            assertUnsupported("add(i, x)", () -> list.add(0, 1L));
            assertUnsupported("addAll empty", () -> list.addAll(List.of()));
            assertUnsupported("addAll(i, empty)", () -> list.addAll(0, List.of()));
            assertUnsupported("set", () -> list.set(0, 1L));
            assertUnsupported("remove(i)", () -> list.remove(0));
            assertUnsupported("remove absent", () -> list.remove("absent"));
            assertUnsupported("removeAll empty", () -> list.removeAll(List.of()));
            assertUnsupported("retainAll", () -> list.retainAll(List.of()));
            assertUnsupported("removeIf", () -> list.removeIf(x -> false));
            assertUnsupported("replaceAll", () -> list.replaceAll(x -> x));
            assertUnsupported("sort", () -> list.sort(null));
            assertUnsupported("clear", list::clear);
            assertUnsupported("addFirst", () -> list.addFirst(1L));
            assertUnsupported("removeFirst", list::removeFirst);
            assertUnsupported("removeLast", list::removeLast);
            assertUnsupported("subList.clear", () -> list.subList(0, 0).clear());
            assertUnsupported("subList.add", () -> list.subList(0, 0).add(1L));
            ListIterator<Object> it = list.listIterator();
            assertUnsupported("listIterator.add", () -> it.add(1L));
            if (!list.isEmpty()) {
                it.next();
                assertUnsupported("listIterator.set", () -> it.set(1L));
                assertUnsupported("listIterator.remove", it::remove);
                Iterator<Object> plain = list.iterator();
                plain.next();
                assertUnsupported("iterator.remove", plain::remove);
            }
            assertEquals(parse(json).toJava(), list, "unchanged");
        }
    }

    // ---- lifetime ----

    private static void assertStale(String what, Executable e) {
        assertThrows(IllegalStateException.class, e, what);
    }

    @Test
    void everyAccessOfAStaleMapThrows() {
        Map<String, Object> map = parse(DOC).asObject().asMap();
        Set<Map.Entry<String, Object>> entries = map.entrySet();
        Set<String> keys = map.keySet();
        Collection<Object> values = map.values();
        Iterator<Map.Entry<String, Object>> it = map.entrySet().iterator();
        it.next();
        arena.reset();
        parse(DOC); // the memory now holds another document
        assertStale("size", map::size);
        assertStale("isEmpty", map::isEmpty);
        assertStale("get", () -> map.get("s"));
        assertStale("get non-String", () -> map.get(1));
        assertStale("containsKey", () -> map.containsKey("s"));
        assertStale("containsValue", () -> map.containsValue("x"));
        assertStale("getOrDefault", () -> map.getOrDefault("s", 1));
        assertStale("forEach", () -> map.forEach((k, v) -> {}));
        assertStale("entrySet", map::entrySet);
        assertStale("keySet", map::keySet);
        assertStale("values", map::values);
        assertStale("equals", () -> map.equals(Map.of()));
        assertStale("equals self", () -> map.equals(map));
        assertStale("hashCode", map::hashCode);
        assertStale("toString", map::toString);
        assertStale("entries.size", entries::size);
        assertStale("entries.iterator", () -> entries.iterator().hasNext());
        assertStale("entries.contains", () -> entries.contains(Map.entry("s", "x")));
        assertStale("keys.contains", () -> keys.contains("s"));
        assertStale("keys.iterator", () -> keys.iterator().next());
        assertStale("values.iterator", () -> values.iterator().next());
        assertStale("iterator.hasNext", it::hasNext);
        assertStale("iterator.next", it::next);
    }

    @Test
    void everyAccessOfAStaleListThrows() {
        List<Object> list = parse("[1,[2],{\"c\":3}]").asArray().asList();
        Iterator<Object> it = list.iterator();
        List<Object> sub = list.subList(0, 2);
        arena.close();
        assertStale("size", list::size);
        assertStale("isEmpty", list::isEmpty);
        assertStale("get", () -> list.get(0));
        assertStale("contains", () -> list.contains(1L));
        assertStale("indexOf", () -> list.indexOf(1L));
        assertStale("iterator", list::iterator);
        assertStale("listIterator", () -> list.listIterator(0));
        assertStale("subList", () -> list.subList(0, 1));
        assertStale("forEach", () -> list.forEach((Consumer<Object>) x -> {}));
        assertStale("stream", () -> list.stream().count());
        assertStale("toArray", list::toArray);
        assertStale("equals", () -> list.equals(List.of()));
        assertStale("hashCode", list::hashCode);
        assertStale("toString", list::toString);
        assertStale("iterator.hasNext", it::hasNext);
        assertStale("iterator.next", it::next);
        assertStale("subList.get", () -> sub.get(0));
    }

    @Test
    void takingAnAdapterOfAStaleViewThrows() {
        JsonObject o = parse("{\"a\":[1]}").asObject();
        JsonArray a = o.get("a").asArray();
        arena.reset();
        assertStale("asMap", o::asMap);
        assertStale("asList", a::asList);
    }
}
