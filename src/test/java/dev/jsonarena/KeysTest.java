package dev.jsonarena;

import static dev.jsonarena.DecoderSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.jsonarena.tape.KeyHash;
import dev.jsonarena.testing.JsonGenerator;
import dev.jsonarena.testing.Property;
import dev.jsonarena.testing.ReferenceJson;
import dev.jsonarena.testing.ReferenceJson.JValue;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Member names: interning, lookups by {@link JsonKey} and String, the seeded hash, and the duplicate-key policies. */
class KeysTest extends ArenaFixture {

    @Test
    void eachDistinctNameIsStoredOncePerDocument() {
        String doc = "[" + "{\"alpha\":1,\"beta\":\"x\",\"gamma\":{\"alpha\":2}},".repeat(999)
                + "{\"alpha\":1,\"beta\":\"x\",\"gamma\":{\"alpha\":2}}]";
        JsonValue v = arena.parse(utf8(doc));
        assertEquals(3, v.doc.keyCount());
        // 1000 strings "x" plus the three names once
        assertEquals(1000 + "alphabetagamma".length(), v.doc.stringBytes());
        assertEquals(2, v.at("/999/gamma/alpha").asLong());
    }

    @Test
    void lookupsByKeyAndStringFindMembersOfSmallAndLargeObjects() {
        for (int members : new int[] {1, 2, 15, 16, 17, 100, 5000}) {
            StringBuilder sb = new StringBuilder("{\"elsewhere\":{\"only-here\":0},\"obj\":{");
            for (int i = 0; i < members; i++) {
                sb.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i * 3);
            }
            sb.append("}}");
            JsonObject obj = arena.parse(utf8(sb.toString())).asObject().get("obj").asObject();
            assertEquals(members, obj.size());
            for (int i = 0; i < members; i++) {
                assertEquals(i * 3, obj.get(JsonKey.of("k" + i)).asLong());
                assertEquals(i * 3, obj.get("k" + i).asLong());
                assertTrue(obj.has("k" + i));
                assertTrue(obj.has(JsonKey.of("k" + i)));
            }
            assertNull(obj.get("k" + members), "name absent from the document");
            assertNull(obj.get(JsonKey.of("only-here")), "name of another object");
            assertFalse(obj.has("only-here"));
            assertNull(obj.get(""));
            if (members > 16) {
                assertTrue(obj.doc.indexBytes() > 0, "large objects are indexed");
            }
        }
    }

    @Test
    void namesCompareAfterEscapesAndInUtf8() {
        JsonObject o = arena.parse(utf8("{\"a\\u0062\":1,\"\\u00e9t\u00e9\":2,\"\\ud83d\\ude00\":3,\"\":4,\"a\\\"b\":5}"))
                .asObject();
        assertEquals(1, o.get("ab").asLong());
        assertEquals(1, o.get(JsonKey.of("ab")).asLong());
        assertEquals(2, o.get("\u00e9t\u00e9").asLong());
        assertEquals(3, o.get(JsonKey.of("\ud83d\ude00")).asLong());
        assertEquals(3, o.get("\ud83d\ude00").asLong());
        assertEquals(4, o.get("").asLong());
        assertEquals(5, o.get("a\"b").asLong());
        assertNull(o.get("\ud83d"), "a lone surrogate matches nothing");
        assertNull(o.get("a"));
        assertNull(o.get("abc"));
        List<String> names = new ArrayList<>();
        for (JsonObject.Member m : o) {
            names.add(m.key());
            assertTrue(m.keyEquals(m.key()));
            assertTrue(m.keyEquals(JsonKey.of(m.key())));
            assertFalse(m.keyEquals(m.key() + "x"));
        }
        assertEquals(List.of("ab", "\u00e9t\u00e9", "\ud83d\ude00", "", "a\"b"), names);
    }

    @Test
    void jsonKeyRejectsNamesNoDocumentCanHave() {
        assertThrows(IllegalArgumentException.class, () -> JsonKey.of("x\ud800"));
        assertThrows(IllegalArgumentException.class, () -> JsonKey.of("\udc00x"));
        assertThrows(NullPointerException.class, () -> JsonKey.of(null));
        JsonKey k = JsonKey.of("caf\u00e9");
        assertEquals("caf\u00e9", k.name());
        assertEquals(5, k.utf8Length());
        assertEquals(k, JsonKey.of("caf\u00e9"));
        assertEquals(k.hashCode(), JsonKey.of("caf\u00e9").hashCode());
        assertNotEquals(k, JsonKey.of("cafe"));
    }

    @Test
    void hashOfBytesEqualsHashOfCharsForEveryLength() {
        Property.check("KeyHash over bytes == over chars", 2000, gen -> {
            int n = gen.intBetween(0, 40);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < n; i++) {
                int kind = gen.nextInt(4);
                sb.appendCodePoint(switch (kind) {
                    case 0 -> gen.intBetween(0, 0x7F);
                    case 1 -> gen.intBetween(0x80, 0x7FF);
                    case 2 -> gen.chance(0.5) ? gen.intBetween(0x800, 0xD7FF) : gen.intBetween(0xE000, 0xFFFF);
                    default -> gen.intBetween(0x10000, 0x10FFFF);
                });
            }
            String s = sb.toString();
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            long seed = gen.nextLong();
            long fromBytes = KeyHash.hash(MemorySegment.ofArray(Arrays.copyOf(utf8, utf8.length + 8)), 0, utf8.length, seed);
            assertEquals(fromBytes, KeyHash.hashChars(s, seed), s);
            assertEquals(fromBytes, JsonKey.of(s).hash(seed));
        });
    }

    @Test
    void seedsDifferPerPoolAndLookupsWorkAcrossPools() throws Exception {
        JsonKey key = JsonKey.of("name");
        byte[] doc = utf8("{\"name\":\"a\",\"other\":1}");
        try (JsonPool other = pool(); JsonArena a2 = other.openArena()) {
            assertNotEquals(pool.hashSeed(), other.hashSeed());
            for (int i = 0; i < 3; i++) { // the key's cached hash switches seed each time
                assertEquals("a", arena.parse(doc).asObject().get(key).asString());
                assertEquals("a", a2.parse(doc).asObject().get(key).asString());
            }
        }
    }

    /**
     * 200,000 names that all have the same {@link String#hashCode()} (concatenations of "Aa" and
     * "BB") intern in linear work: the key table's probe counter stays within a small constant per
     * name. A table keyed by String.hashCode would probe quadratically (about 2 * 10^10 slots).
     */
    @Test
    void namesCollidingUnderStringHashCodeInternInLinearProbes() {
        int n = 200_000;
        int blocks = 18; // 2^18 = 262,144 distinct names
        StringBuilder sb = new StringBuilder(n * 44).append('{');
        int expectedHash = "Aa".repeat(blocks).hashCode();
        String[] names = new String[n];
        for (int i = 0; i < n; i++) {
            StringBuilder name = new StringBuilder(2 * blocks);
            for (int b = 0; b < blocks; b++) {
                name.append((i >>> b & 1) == 0 ? "Aa" : "BB");
            }
            names[i] = name.toString();
            assertEquals(expectedHash, names[i].hashCode());
            sb.append(i == 0 ? "" : ",").append('"').append(names[i]).append("\":").append(i);
        }
        sb.append('}');
        JsonObject o = arena.parse(utf8(sb.toString())).asObject();
        assertEquals(n, o.size());
        assertEquals(n, o.doc.keyCount());
        long probes = o.doc.keyProbes();
        assertTrue(probes <= 4L * n, "probes " + probes + " for " + n + " names (expected: linear, <= 4 per name)");
        for (int i = 0; i < n; i += 997) {
            assertEquals(i, o.get(names[i]).asLong());
            assertEquals(i, o.get(JsonKey.of(names[i])).asLong());
        }
    }

    @Test
    void duplicateNamesAreRejectedByDefaultAtTheObjectsEnd() {
        JsonParseException e = assertThrows(JsonParseException.class,
                () -> arena.parse(utf8("{\"a\":1,\"b\":{\"a\":2},\"a\":3}")));
        assertEquals(24, e.offset()); // the closing brace of the object with the duplicate
        assertTrue(e.getMessage().contains("\"a\"") && e.getMessage().contains("REJECT"), e.getMessage());
        // the same name in different objects is fine
        assertEquals(3, arena.parse(utf8("{\"a\":1,\"b\":{\"a\":2},\"c\":{\"a\":3}}")).at("/c/a").asLong());
    }

    @Test
    void firstAndLastWinsDropLosingMembersWithTheirSubtrees() {
        String doc = "{\"a\":{\"x\":[1,2]},\"b\":[{\"c\":1}],\"a\":[3,{\"d\":4}],\"e\":5,\"a\":6.25}";
        JsonLimits first = JsonLimits.builder().duplicateKeyPolicy(DuplicateKeyPolicy.FIRST_WINS).build();
        JsonLimits last = JsonLimits.builder().duplicateKeyPolicy(DuplicateKeyPolicy.LAST_WINS).build();
        JsonValue f = arena.parse(utf8(doc), first);
        assertEquals("{\"a\":{\"x\":[1,2]},\"b\":[{\"c\":1}],\"e\":5}", f.toJson());
        assertEquals(3, f.asObject().size());
        JsonValue l = arena.parse(utf8(doc), last);
        assertEquals("{\"b\":[{\"c\":1}],\"e\":5,\"a\":6.25}", l.toJson());
        assertEquals(6.25, l.asObject().get("a").asDouble());
        String nested = "[{\"k\":{\"k\":1,\"k\":2},\"k\":[{\"k\":3,\"j\":0,\"k\":4}]},7]";
        assertEquals("[{\"k\":{\"k\":1}},7]", arena.parse(utf8(nested), first).toJson());
        assertEquals("[{\"k\":[{\"j\":0,\"k\":4}]},7]", arena.parse(utf8(nested), last).toJson());
    }

    @Test
    void duplicatePoliciesAgreeWithAModelOnGeneratedDocuments() {
        JsonGenerator.Options options = JsonGenerator.Options.DEFAULT.withDuplicateKeys(true);
        Property.check("duplicate-key policies vs model", 500, gen -> {
            JsonGenerator.Document d = new JsonGenerator(gen, options).document();
            arena.reset();
            for (DuplicateKeyPolicy policy : DuplicateKeyPolicy.values()) {
                JsonLimits limits = JsonLimits.builder().duplicateKeyPolicy(policy).build();
                if (policy == DuplicateKeyPolicy.REJECT && hasDuplicates(d.expected())) {
                    assertThrows(JsonParseException.class, () -> arena.parse(d.bytes(), limits));
                } else {
                    assertEquals(dedupe(d.expected(), policy), toReference(arena.parse(d.bytes(), limits)), policy.name());
                }
            }
        });
    }

    private static boolean hasDuplicates(JValue v) {
        return switch (v) {
            case ReferenceJson.JObject o -> o.hasDuplicateKeys()
                    || o.members().stream().anyMatch(m -> hasDuplicates(m.getValue()));
            case ReferenceJson.JArray a -> a.elements().stream().anyMatch(KeysTest::hasDuplicates);
            default -> false;
        };
    }

    private static JValue dedupe(JValue v, DuplicateKeyPolicy policy) {
        return switch (v) {
            case ReferenceJson.JObject o -> {
                List<Map.Entry<String, JValue>> ms = o.members();
                Map<String, Integer> keepIndex = new LinkedHashMap<>();
                for (int i = 0; i < ms.size(); i++) {
                    String k = ms.get(i).getKey();
                    if (policy == DuplicateKeyPolicy.LAST_WINS || !keepIndex.containsKey(k)) {
                        keepIndex.put(k, i);
                    }
                }
                List<Map.Entry<String, JValue>> out = new ArrayList<>();
                for (int i = 0; i < ms.size(); i++) {
                    if (keepIndex.get(ms.get(i).getKey()) == i) {
                        out.add(new AbstractMap.SimpleImmutableEntry<>(ms.get(i).getKey(), dedupe(ms.get(i).getValue(), policy)));
                    }
                }
                yield new ReferenceJson.JObject(out);
            }
            case ReferenceJson.JArray a -> new ReferenceJson.JArray(a.elements().stream().map(e -> dedupe(e, policy)).toList());
            default -> v;
        };
    }
}
