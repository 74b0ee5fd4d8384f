package dev.jsonarena;

import static dev.jsonarena.DecoderSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the conformance corpus ({@code src/test/resources/conformance}): every valid file parses,
 * from heap and from native input, to the reference parser's value with numbers compared by exact
 * text, and writes back to JSON that parses to the same value; every invalid file fails with a
 * {@link JsonParseException} carrying a position inside the input, never another exception,
 * and leaves the arena's accounting as it was.
 */
class ParserConformanceTest {

    @TestFactory
    List<DynamicTest> everyValidFileParsesToTheReferenceValue() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        List<Path> files = files(CONFORMANCE.resolve("valid"));
        assertTrue(files.size() > 50, "conformance corpus present: " + files.size());
        for (Path f : files) {
            tests.add(DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
                byte[] json = Files.readAllBytes(f);
                try (JsonPool pool = pool(); JsonArena arena = pool.openArena(); Arena a = Arena.ofConfined()) {
                    JsonValue heap = arena.parse(json);
                    assertSameAsReference(json, heap);
                    JsonValue off = arena.parse(nativeCopy(a, json));
                    assertSameAsReference(json, off);
                    byte[] written = utf8(heap.toJson());
                    assertSameAsReference(json, arena.parse(written));
                }
            }));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> everyInvalidFileFailsWithAPositionAndLeavesNothing() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        List<Path> files = files(CONFORMANCE.resolve("invalid"));
        assertTrue(files.size() > 50, "conformance corpus present: " + files.size());
        for (Path f : files) {
            tests.add(DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
                byte[] json = Files.readAllBytes(f);
                try (JsonPool pool = pool(); Arena a = Arena.ofConfined()) {
                    try (JsonArena arena = pool.openArena()) {
                        arena.parse(utf8("[1]")); // the arena holds a block before the failure
                        JsonParseException e = assertFailsLeavingNothing(JsonParseException.class, arena, pool,
                                () -> arena.parse(json));
                        assertTrue(e.offset() >= 0 && e.offset() <= json.length, e.getMessage());
                        assertTrue(e.line() >= 1 && e.column() >= 1, e.getMessage());
                        assertFailsLeavingNothing(JsonParseException.class, arena, pool,
                                () -> arena.parse(nativeCopy(a, json)));
                    }
                    assertEquals(0, pool.stats().inUseBytes());
                }
            }));
        }
        return tests;
    }
}
