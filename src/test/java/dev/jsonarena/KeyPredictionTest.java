package dev.jsonarena;

import static dev.jsonarena.DecoderSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.jsonarena.testing.Property;
import dev.jsonarena.testing.ReferenceJson;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The parser predicts each member name to be the one that followed the previous name last time,
 * and accepts a prediction by comparing the input with the name's first occurrence in the same
 * input. A wrong acceptance would give a member another member's name, so records are built from
 * names that differ from each other in the ways a comparison can get wrong: a prefix, one byte more
 * or less, the last byte of a word, the closing quote's position, an escape spelling the same name,
 * non-ASCII bytes, names ending within 8 bytes of the input's end. Each document is compared with
 * the reference parser's reading of it.
 */
class KeyPredictionTest extends ArenaFixture {
    private static final String[] NAMES = {
        "id", "id_str", "i", "idx", "ie", "\\u0069d", "i\\u0064", "a", "ab", "abcdefg", "abcdefgh", "abcdefghi",
        "abcdefgX", "abcdefghijklmno", "abcdefghijklmnop", "abcdefghijklmnopq", "abcdefghijklmnoX",
        "caf\u00e9", "cafe", "caf\\u00e9", "\u65e5\u672c", "\u65e5\u672c\u8a9e", "", " ", "\\\"", "\\\\", "user",
        "user ", "screen_name", "screen_nam", "screen_names"};

    private static String record(Property.Gen gen, List<String> shape) {
        StringBuilder sb = new StringBuilder("{");
        List<String> names = new ArrayList<>(shape);
        if (gen.chance(0.3)) { // a record that departs from the usual shape
            names.set(gen.nextInt(names.size()), NAMES[gen.nextInt(NAMES.length)]);
        }
        if (gen.chance(0.2)) {
            names.remove(gen.nextInt(names.size()));
        }
        List<String> seen = new ArrayList<>();
        for (String name : names) {
            String decoded = ((ReferenceJson.JString) ReferenceJson.parse("\"" + name + "\"")).value();
            if (seen.contains(decoded)) {
                continue; // duplicate names are rejected by default, and tested elsewhere
            }
            seen.add(decoded);
            if (sb.length() > 1) {
                sb.append(gen.nextBoolean() ? "," : " ,\n  ");
            }
            sb.append('"').append(name).append('"').append(gen.nextBoolean() ? ":" : " : ");
            sb.append(gen.nextBoolean() ? Integer.toString(gen.nextInt(1000)) : "\"" + NAMES[gen.nextInt(NAMES.length)] + "\"");
        }
        return sb.append('}').toString();
    }

    @Test
    void predictedNamesAreAcceptedOnlyWhenTheInputSpellsThemExactly() {
        Property.check("key prediction vs reference", 3_000, gen -> {
            List<String> shape = new ArrayList<>();
            int members = gen.intBetween(1, 8);
            for (int i = 0; i < members; i++) {
                shape.add(NAMES[gen.nextInt(NAMES.length)]);
            }
            StringBuilder doc = new StringBuilder("[");
            int records = gen.intBetween(1, 12);
            for (int r = 0; r < records; r++) {
                doc.append(r == 0 ? "" : ",").append(record(gen, shape));
            }
            String json = doc.append(']').toString();
            arena.reset();
            assertEquals(ReferenceJson.parse(json), toReference(arena.parse(utf8(json))), json);
        });
    }

    @Test
    void aNameEndingNearTheEndOfInputIsReadWhole() {
        for (String json : new String[] {"[{\"ab\":1},{\"ab\":2}]", "[{\"ab\":1},{\"abc\":2}]", "[{\"abc\":1},{\"ab\":2}]",
                "[{\"a\":1},{\"a\":{}}]", "[{\"abcdefgh\":1},{\"abcdefgh\":2}]"}) {
            arena.reset();
            assertEquals(ReferenceJson.parse(json), toReference(arena.parse(utf8(json))), json);
        }
    }
}
