package dev.jsonarena.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jsonarena.testing.Property.Gen;
import dev.jsonarena.testing.Property.Settings;
import dev.jsonarena.testing.ReferenceJson.JArray;
import dev.jsonarena.testing.ReferenceJson.JNumber;
import dev.jsonarena.testing.ReferenceJson.JObject;
import dev.jsonarena.testing.ReferenceJson.JString;
import dev.jsonarena.testing.ReferenceJson.JValue;
import dev.jsonarena.testing.ReferenceJson.Rejected;
import dev.jsonarena.testing.ReferenceJson.TooDeep;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Proves the test-support oracle: the reference parser, the generators and the property runner. */
class ReferenceJsonTest {

    private static final int MIN_CORPUS_FILES = 50;

    /* ---------------------------------------------------------------- conformance corpus */

    @TestFactory
    Stream<DynamicTest> acceptsEveryValidConformanceFile() {
        return corpus("valid").stream().map(file -> DynamicTest.dynamicTest(name(file), () -> {
            byte[] json = Files.readAllBytes(file);
            JValue v = ReferenceJson.parse(json);
            assertTrue(ReferenceJson.sameByText(v, ReferenceJson.parse(ReferenceJson.write(v))),
                    "write then parse changes the value of " + name(file));
        }));
    }

    @TestFactory
    Stream<DynamicTest> rejectsEveryInvalidConformanceFile() {
        return corpus("invalid").stream().map(file -> DynamicTest.dynamicTest(name(file), () -> {
            byte[] json = Files.readAllBytes(file);
            Rejected e = assertThrows(Rejected.class, () -> ReferenceJson.parse(json),
                    () -> name(file) + " was accepted");
            assertFalse(e instanceof TooDeep, e.getMessage());
            assertTrue(e.offset() >= 0 && e.offset() <= json.length,
                    "offset=" + e.offset() + " length=" + json.length);
            assertTrue(e.getMessage().contains("at offset " + e.offset()), e.getMessage());
        }));
    }

    /** {@return the files of conformance/{kind}, sorted; fails if there are too few} */
    static List<Path> corpus(String kind) {
        URL url = ReferenceJsonTest.class.getResource("/conformance/" + kind);
        if (url == null) {
            throw new AssertionError("classpath resource /conformance/" + kind + " is missing");
        }
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            List<Path> list = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            if (list.size() < MIN_CORPUS_FILES) {
                throw new AssertionError("conformance/" + kind + ": " + list.size()
                        + " files (expected: >= " + MIN_CORPUS_FILES + ")");
            }
            return list;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private static String name(Path file) {
        return file.getParent().getFileName() + "/" + file.getFileName();
    }

    /* ---------------------------------------------------------------- parser specifics */

    @Test
    void decodesEscapesAndKeepsNumberText() {
        JValue v = ReferenceJson.parse("[\"a\\u00e9\\n\\/\\uD83D\\uDE00\", -0.0E+01, 1e400]");
        JArray a = assertInstanceOf(JArray.class, v);
        assertEquals(new JString("a\u00e9\n/\uD83D\uDE00"), a.elements().get(0));
        assertEquals(new JNumber("-0.0E+01"), a.elements().get(1));
        assertEquals(new JNumber("1e400"), a.elements().get(2));
    }

    @Test
    void keepsDuplicateKeysInDocumentOrder() {
        JObject o = assertInstanceOf(JObject.class,
                ReferenceJson.parse("{\"a\":1,\"b\":2,\"a\":3}"));
        assertEquals(List.of("a", "b", "a"),
                o.members().stream().map(Map.Entry::getKey).toList());
        assertEquals(List.of(new JNumber("1"), new JNumber("3")), o.all("a"));
        assertTrue(o.hasDuplicateKeys());
    }

    @Test
    void rejectsByteOrderMarkUnlessAllowed() {
        byte[] json = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '[', ']'};
        Rejected e = assertThrows(Rejected.class, () -> ReferenceJson.parse(json));
        assertEquals(0, e.offset());
        assertEquals(new JArray(List.of()),
                ReferenceJson.parse(json, true, ReferenceJson.DEFAULT_MAX_DEPTH));
    }

    @Test
    void reportsOffsetLineAndColumnOfTheFirstError() {
        Rejected e = assertThrows(Rejected.class, () -> ReferenceJson.parse("[1,\n 2,\n ]"));
        assertEquals(9, e.offset());
        assertTrue(e.getMessage().contains("line 3, column 2"), e.getMessage());
        Rejected utf8 = assertThrows(Rejected.class,
                () -> ReferenceJson.parse(new byte[] {'"', 'a', (byte) 0xC0, (byte) 0xAF, '"'}));
        assertEquals(2, utf8.offset());
    }

    @Test
    void parsesNestingUpToMaxDepthAndReportsTooDeepBeyondIt() {
        int max = ReferenceJson.DEFAULT_MAX_DEPTH;
        ReferenceJson.parse("[".repeat(max) + "]".repeat(max));
        TooDeep e = assertThrows(TooDeep.class,
                () -> ReferenceJson.parse("[".repeat(max + 1) + "]".repeat(max + 1)));
        assertEquals(max, e.offset());
        // far deeper than any stack: still TooDeep, never StackOverflowError
        assertThrows(TooDeep.class, () -> ReferenceJson.parse("[{\"a\":".repeat(500_000)));
        assertThrows(TooDeep.class, () -> ReferenceJson.parse("[[[".getBytes(StandardCharsets.UTF_8), false, 2));
    }

    @Test
    void writesCompactJsonWithMinimalEscapes() {
        JValue v = new JObject(List.of(
                Map.entry("k\"\\", new JString("\u0001\b\f\n\r\t/\u007f\u00e9\uD83D\uDE00")),
                Map.entry("n", new JArray(List.of(new JNumber("-0"), ReferenceJson.TRUE,
                        ReferenceJson.FALSE, ReferenceJson.NULL)))));
        assertEquals("{\"k\\\"\\\\\":\"\\u0001\\b\\f\\n\\r\\t/\u007f\u00e9\uD83D\uDE00\","
                + "\"n\":[-0,true,false,null]}", ReferenceJson.write(v));
        assertThrows(IllegalArgumentException.class,
                () -> ReferenceJson.write(new JString("a\uD800")));
        assertThrows(IllegalArgumentException.class, () -> new JNumber("01"));
    }

    @Test
    void comparesNumbersByTextOrByValue() {
        JValue a = ReferenceJson.parse("[1.0, -0, 1e400, 1e99999999999]");
        JValue b = ReferenceJson.parse("[1, 0, 10E399, 1e99999999999]");
        assertFalse(ReferenceJson.sameByText(a, b));
        assertTrue(ReferenceJson.sameByValue(a, b));
        assertFalse(ReferenceJson.sameByValue(a, ReferenceJson.parse("[1, 0, 1e401, 1]")));
    }

    /* ---------------------------------------------------------------- properties */

    @Test
    void parsesGeneratedDocumentsToTheirExpectedValue() {
        JsonGenerator.Options options = JsonGenerator.Options.DEFAULT.withDuplicateKeys(true);
        Property.check("generated documents parse to their value", 500, gen -> {
            JsonGenerator.Document doc = new JsonGenerator(gen, options).document();
            assertEquals(doc.expected(), ReferenceJson.parse(doc.bytes()), doc::text);
        });
    }

    @Test
    void roundTripsGeneratedValuesThroughWriteAndParse() {
        Property.check("write then parse round trip", 500, gen -> {
            JValue v = new JsonGenerator(gen).value();
            String text = ReferenceJson.write(v);
            assertTrue(ReferenceJson.sameByText(v, ReferenceJson.parse(text)), text);
        });
    }

    @Test
    void parsesDeepAndWideGeneratedDocuments() {
        JsonGenerator.Options deep = JsonGenerator.Options.DEFAULT.withDeepNesting(1000);
        JsonGenerator.Options wide = JsonGenerator.Options.DEFAULT.wide(5000);
        Property.check("deep and wide documents", 20, gen -> {
            JsonGenerator.Document d = new JsonGenerator(gen, deep).document();
            assertEquals(d.expected(), ReferenceJson.parse(d.bytes()));
            JsonGenerator.Document w = new JsonGenerator(gen, wide).document();
            assertEquals(w.expected(), ReferenceJson.parse(w.bytes()));
        });
    }

    @Test
    void mutatedDocumentsParseOrAreRejected() {
        Property.check("mutants parse or are rejected", 500, gen -> {
            byte[] valid = new JsonGenerator(gen).document().bytes();
            byte[] mutant = JsonMutator.mutate(gen, valid);
            JValue v;
            try {
                v = ReferenceJson.parse(mutant);
            } catch (Rejected e) {
                assertTrue(e.offset() >= 0 && e.offset() <= mutant.length,
                        "offset=" + e.offset() + " length=" + mutant.length);
                return;
            }
            assertEquals(v, ReferenceJson.parse(ReferenceJson.write(v)),
                    () -> HexFormat.of().formatHex(mutant));
        });
    }

    @Test
    void everyMutationKindReturnsANewArrayAndLeavesItsInputAlone() {
        Property.check("mutation kinds", 200, gen -> {
            byte[] doc = new JsonGenerator(gen).document().bytes();
            byte[] copy = doc.clone();
            for (JsonMutator.Kind kind : JsonMutator.Kind.values()) {
                byte[] out = JsonMutator.apply(kind, gen, doc);
                assertTrue(out != doc, kind.name());
                assertArrayEquals(copy, doc, kind.name());
            }
            assertEquals(1, JsonMutator.apply(JsonMutator.Kind.INSERT_RANDOM, gen, new byte[0]).length);
        });
    }

    /* ---------------------------------------------------------------- the runner itself */

    private static final Pattern REPLAY = Pattern.compile("-Djsonarena\\.seed=(0x[0-9a-f]{16})");

    @Test
    void reportsTheReplaySeedOfAFailingProperty() {
        AssertionError e = assertThrows(AssertionError.class, () -> Property.check(
                "fails on a three", 1000, Settings.fromBaseSeed(42),
                gen -> assertTrue(gen.nextInt(10) != 3, "drew a three")));
        String message = e.getMessage();
        assertTrue(message.startsWith("property 'fails on a three' failed at try "), message);
        assertTrue(message.contains("drew a three"), message);
        Matcher m = REPLAY.matcher(message);
        assertTrue(m.find(), message);
        long seed = Property.parseSeed(m.group(1));

        List<Long> tries = new ArrayList<>();
        AssertionError replayed = assertThrows(AssertionError.class, () -> Property.check(
                "fails on a three", 1000, Settings.replay(seed), gen -> {
                    tries.add(gen.seed());
                    assertTrue(gen.nextInt(10) != 3, "drew a three");
                }));
        assertEquals(List.of(seed), tries, "a replay runs exactly the failing try");
        assertTrue(replayed.getMessage().contains(m.group(1)), replayed.getMessage());
    }

    @Test
    void replayingATrySeedReproducesTheSameGeneratedValues() {
        record Try(long seed, int size, String json) {}
        List<Try> run = new ArrayList<>();
        Property.check("records its tries", 50, Settings.fromBaseSeed(0x1234abcdL), gen -> run.add(
                new Try(gen.seed(), gen.size(), new JsonGenerator(gen).document().text())));
        assertEquals(50, run.size());
        assertEquals(1, run.getFirst().size(), "the first try is the smallest");
        assertEquals(Property.MAX_SIZE, run.getLast().size(), "the last try is the largest");

        for (Try t : List.of(run.get(0), run.get(17), run.get(49))) {
            List<Try> replay = new ArrayList<>();
            Property.check("records its tries", 50, Settings.replay(t.seed()), gen -> replay.add(
                    new Try(gen.seed(), gen.size(), new JsonGenerator(gen).document().text())));
            assertEquals(List.of(t), replay);
        }
    }

    @Test
    void derivesTriesFromDefaultsOverridesAndMultiplier() {
        assertEquals(100, Settings.fromBaseSeed(1).triesFor(100));
        assertEquals(7, new Settings(null, 1, 7, 1.0).triesFor(100));
        assertEquals(250, new Settings(null, 1, 0, 2.5).triesFor(100));
        assertEquals(1, new Settings(null, 1, 0, 0.001).triesFor(100));
        assertEquals(1, Settings.replay(5).triesFor(100));
        assertEquals(0x1234abcdL, Property.parseSeed("0x1234ABCD"));
        assertEquals(-1L, Property.parseSeed("0xffffffffffffffff"));
        assertEquals(-42L, Property.parseSeed("-42"));
        assertThrows(IllegalArgumentException.class, () -> Property.parseSeed("seed"));
        assertThrows(IllegalArgumentException.class,
                () -> Property.check("x", 0, Settings.fromBaseSeed(1), gen -> {}));
    }

    @Test
    void genStaysWithinItsBounds() {
        Gen gen = new Gen(7, 50);
        for (int i = 0; i < 10_000; i++) {
            int v = gen.intBetween(-3, 3);
            assertTrue(v >= -3 && v <= 3, "intBetween: " + v);
            long l = gen.longBetween(Long.MAX_VALUE - 1, Long.MAX_VALUE);
            assertTrue(l >= Long.MAX_VALUE - 1, "longBetween: " + l);
            int s = gen.sized(10);
            assertTrue(s >= 0 && s <= 5, "sized: " + s);
        }
        assertEquals(Long.MIN_VALUE, gen.longBetween(Long.MIN_VALUE, Long.MIN_VALUE));
        assertEquals(13, gen.bytes(13).length);
        assertThrows(IllegalArgumentException.class, () -> gen.intBetween(2, 1));
        assertThrows(IllegalArgumentException.class, () -> new Gen(1, 0));
        if (gen.chance(0.0) || !gen.chance(1.0)) {
            fail("chance(0) must never and chance(1) must always hold");
        }
        assertEquals("[]", new String(new JsonGenerator(gen).encode(new JArray(List.of())),
                StandardCharsets.UTF_8).strip());
    }
}
