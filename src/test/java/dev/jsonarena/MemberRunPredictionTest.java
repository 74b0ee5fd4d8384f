package dev.jsonarena;

import static dev.jsonarena.DecoderSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.jsonarena.input.StreamSource;
import dev.jsonarena.testing.Property;
import dev.jsonarena.testing.ReferenceJson;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * After a member's value the parser compares the input with the bytes that followed the same
 * member name the last time at that depth parity (whitespace, ',', the next name, ':' and
 * whitespace) and, if they are equal and a value starts right after them, takes the next member's
 * name without reading it. A wrong acceptance would give a member another member's name or skip a
 * byte that is not whitespace, so the documents here repeat record shapes at one and at two
 * depths while varying, from record to record, exactly what that comparison must notice: the
 * separator and colon whitespace, one more space before the value, a name replaced by one that
 * shares a prefix or is an escaped spelling, a member left out, values of every kind. Each document
 * is compared with the reference parser's reading of it, and the member and token limits, the only
 * limits such a member counts against, must fail at the offsets an independent scan gives.
 */
class MemberRunPredictionTest extends ArenaFixture {
    private static final String[] NAMES = {
        "id", "id_str", "i", "ids", "\\u0069d", "text", "texts", "user", "screen_name", "screen_nam", "caf\u00e9",
        "caf\\u00e9", "a", "ab", "abcdefghijklmnop", "abcdefghijklmnopq", "retweeted_status", "x"};
    private static final String[] SEPARATORS = {",", ", ", ",\n  ", ",\n    ", ",\n\t", " ,", ",\r\n  "};
    private static final String[] COLONS = {":", ": ", " : ", ":  ", ":\n"};

    /** A record shape: member names, and the separator and colon each member is written with. */
    private record Shape(List<String> names, List<String> separators, List<String> colons) {
        static Shape random(Property.Gen gen) {
            int n = gen.intBetween(1, 7);
            List<String> names = new ArrayList<>();
            List<String> separators = new ArrayList<>();
            List<String> colons = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                names.add(NAMES[gen.nextInt(NAMES.length)]);
                separators.add(SEPARATORS[gen.nextInt(SEPARATORS.length)]);
                colons.add(COLONS[gen.nextInt(COLONS.length)]);
            }
            return new Shape(names, separators, colons);
        }
    }

    private static String value(Property.Gen gen, Shape shape, int nesting) {
        return switch (gen.nextInt(nesting > 0 ? 9 : 8)) {
            case 0 -> Integer.toString(gen.nextInt(100_000));
            case 1 -> "-" + gen.nextInt(100) + "." + gen.nextInt(1000);
            case 2 -> "\"" + NAMES[gen.nextInt(NAMES.length)] + "\"";
            case 3 -> "true";
            case 4 -> "false";
            case 5 -> "null";
            case 6 -> gen.nextBoolean() ? "{}" : "[]";
            case 7 -> "[" + gen.nextInt(10) + ",\"v\"]";
            default -> record(gen, shape, nesting - 1); // the same shape one level down
        };
    }

    /** A record of {@code shape}, departing from it now and then as real records do. */
    private static String record(Property.Gen gen, Shape shape, int nesting) {
        StringBuilder sb = new StringBuilder("{");
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < shape.names().size(); i++) {
            if (gen.chance(0.05)) {
                continue; // a member left out
            }
            String name = gen.chance(0.08) ? NAMES[gen.nextInt(NAMES.length)] : shape.names().get(i);
            String decoded = ((ReferenceJson.JString) ReferenceJson.parse("\"" + name + "\"")).value();
            if (seen.contains(decoded)) {
                continue; // duplicate names are rejected by default; tested below
            }
            seen.add(decoded);
            if (!seen.isEmpty() && sb.length() > 1) {
                sb.append(gen.chance(0.05) ? SEPARATORS[gen.nextInt(SEPARATORS.length)] : shape.separators().get(i));
            }
            sb.append('"').append(name).append('"');
            sb.append(gen.chance(0.05) ? COLONS[gen.nextInt(COLONS.length)] : shape.colons().get(i));
            if (gen.chance(0.05)) {
                sb.append(' '); // one more byte of whitespace than the run that is compared
            }
            sb.append(value(gen, shape, nesting));
        }
        return sb.append(gen.chance(0.5) ? "}" : "\n}").toString();
    }

    private static String document(Property.Gen gen) {
        Shape shape = Shape.random(gen);
        StringBuilder doc = new StringBuilder("[");
        int records = gen.intBetween(1, 10);
        for (int r = 0; r < records; r++) {
            doc.append(r == 0 ? "" : gen.nextBoolean() ? "," : ",\n  ").append(record(gen, shape, 2));
        }
        return doc.append(']').toString();
    }

    @Test
    void predictedMembersAreThoseTheInputSpells() {
        Property.check("member runs vs reference", 4_000, gen -> {
            String json = document(gen);
            arena.reset();
            assertEquals(ReferenceJson.parse(json), toReference(arena.parse(utf8(json))), json);
        });
    }

    @Test
    void predictedMembersAreThoseTheInputSpellsThroughARefilledWindow() {
        // small windows refill every few records: the texts and runs predictions compare with are
        // then copies kept at the window's start (or forgotten when they do not fit), and reads of
        // a few bytes at a time move every refill point around
        JsonLimits limits = JsonLimits.builder().maxNumberChars(20).build();
        int min = WindowedParseTest.minWindow(limits);
        Property.check("member runs vs reference, refilled window", 1_500, gen -> {
            StringBuilder json = new StringBuilder("[").append(document(gen));
            for (int i = gen.intBetween(2, 12); i > 0; i--) {
                json.append(",\n").append(document(gen));
            }
            String text = json.append(']').toString();
            int window = gen.intBetween(min, 4 * min);
            arena.reset();
            try {
                JsonValue parsed = arena.parse(new StreamSource(new WindowedParseTest.TrickleStream(utf8(text), gen.nextLong(),
                        gen.intBetween(1, 300), false), -1), limits, new byte[window]);
                assertEquals(ReferenceJson.parse(text), toReference(parsed), text);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    void memberAndTokenLimitsFailWhereTheyArePassedWhenMembersArePredicted() {
        Property.check("member runs under limits", 1_500, gen -> {
            String json = document(gen);
            byte[] bytes = utf8(json);
            ReferenceJson.JValue tree = ReferenceJson.parse(json);
            for (JsonLimit limit : new JsonLimit[] {JsonLimit.OBJECT_MEMBERS, JsonLimit.TOKENS}) {
                long m = LimitScanner.measure(tree, bytes, limit);
                if (m < 2) {
                    continue;
                }
                long offset = LimitScanner.firstViolation(bytes, limit, m - 1);
                arena.reset();
                assertEquals(tree, toReference(arena.parse(bytes, JsonLimits.builder().set(limit, m).build())), json);
                arena.reset();
                JsonLimitException e = assertThrows(JsonLimitException.class,
                        () -> arena.parse(bytes, JsonLimits.builder().set(limit, m - 1).build()), json);
                assertEquals(limit, e.limit(), e.getMessage());
                assertEquals(offset, e.offset(), () -> limit + " in " + json + ": " + e.getMessage());
            }
        });
    }

    @Test
    void aDuplicateNameReachedThroughAPredictedRunIsStillFound() {
        // the second record repeats the first one's runs, then names "b" again
        String json = "[{\"a\": 1, \"b\": 2, \"c\": 3}, {\"a\": 1, \"b\": 2, \"b\": 3}]";
        JsonParseException e = assertThrows(JsonParseException.class, () -> arena.parse(utf8(json)));
        assertEquals(json.lastIndexOf('}'), e.offset(), e.getMessage());
        JsonLimits lastWins = JsonLimits.builder().duplicateKeyPolicy(DuplicateKeyPolicy.LAST_WINS).build();
        arena.reset();
        assertEquals("[{\"a\":1,\"b\":2,\"c\":3},{\"a\":1,\"b\":3}]", arena.parse(utf8(json), lastWins).toJson());
    }
}
