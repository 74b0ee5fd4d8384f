package dev.jsonarena;

import static dev.jsonarena.DecoderSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.jsonarena.testing.Property;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Member lookup by name scans small objects, resumes the scan of a large object where the last
 * lookup in it stopped (wrapping around), and builds an index for a large object once the scans
 * in it have stepped over four times its size. Whatever the path, a lookup must find exactly the
 * member a map of the same members finds: lookups in document order, in reverse, at random, of
 * absent names, and alternating between objects, through views, cursors and JsonKey.
 */
class MemberLookupTest extends ArenaFixture {

    private static Map<String, Integer> members(Property.Gen gen) {
        Map<String, Integer> m = new LinkedHashMap<>();
        int n = gen.chance(0.3) ? gen.intBetween(0, 16) : gen.intBetween(17, 80);
        while (m.size() < n) {
            m.put("k" + gen.nextInt(200), m.size());
        }
        return m;
    }

    private static String json(Map<String, Integer> m, Property.Gen gen) {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, Integer> e : m.entrySet()) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append('"').append(e.getKey()).append("\":");
            // values of different sizes, so members span different numbers of tape words
            sb.append(gen.chance(0.3) ? "[" + e.getValue() + ",{\"x\":[1,2]}]" : e.getValue().toString());
        }
        return sb.append('}').toString();
    }

    private static int valueOf(JsonValue v) {
        return v.type() == JsonType.ARRAY ? v.asArray().get(0).asInt() : v.asInt();
    }

    @Test
    void lookupsFindWhatAMapFindsInAnyOrder() {
        Property.check("member lookups vs map", 2_000, gen -> {
            int objects = gen.intBetween(1, 3);
            List<Map<String, Integer>> models = new ArrayList<>();
            StringBuilder doc = new StringBuilder("[");
            for (int i = 0; i < objects; i++) {
                Map<String, Integer> m = members(gen);
                models.add(m);
                doc.append(i == 0 ? "" : ",").append(json(m, gen));
            }
            arena.reset();
            JsonArray root = arena.parse(utf8(doc.append(']').toString())).asArray();
            JsonCursor cursor = new JsonCursor();
            int lookups = gen.intBetween(1, 300);
            int order = gen.nextInt(3);
            int[] seq = new int[objects];
            for (int l = 0; l < lookups; l++) {
                int o = gen.nextInt(objects);
                Map<String, Integer> model = models.get(o);
                List<String> names = new ArrayList<>(model.keySet());
                String name;
                if (names.isEmpty() || gen.chance(0.1)) {
                    name = "k" + gen.nextInt(220); // often absent
                } else if (order == 0) {
                    name = names.get(seq[o]++ % names.size()); // document order, wrapping
                } else if (order == 1) {
                    name = names.get(names.size() - 1 - seq[o]++ % names.size()); // reverse
                } else {
                    name = names.get(gen.nextInt(names.size()));
                }
                Integer expected = model.get(name);
                JsonObject obj = root.get(o).asObject();
                JsonValue byString = obj.get(name);
                JsonValue byKey = obj.get(JsonKey.of(name));
                cursor.reset(root.get(o));
                boolean found = cursor.find(JsonKey.of(name));
                if (expected == null) {
                    assertNull(byString, name);
                    assertNull(byKey, name);
                    assertFalse(found, name);
                } else {
                    assertEquals(expected, valueOf(byString), name);
                    assertEquals(expected, valueOf(byKey), name);
                    assertTrue(found, name);
                    assertEquals(name, cursor.key());
                }
            }
        });
    }
}
