package dev.jsonarena;

import static dev.jsonarena.DecoderSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import dev.jsonarena.testing.SharedCorpus;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The benchmark corpus ({@code ../shared/corpus}, skipped when absent, see {@link SharedCorpus}): each file parses to the
 * reference parser's value (numbers by exact text), writes back to JSON that parses to the same
 * value, and takes at most {@link SharedCorpus#MAX_ARENA_BYTES_PER_INPUT_BYTE} arena bytes per input byte.
 */
class CorpusTest {
    private static final String[] FILES = {"twitter.json", "citm_catalog.json", "canada.json", "github_events.json"};

    @TestFactory
    List<DynamicTest> corpusFilesAgreeWithTheReferenceParser() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : FILES) {
            tests.add(DynamicTest.dynamicTest(name, () -> {
                Path f = SharedCorpus.file(name);
                byte[] json = Files.readAllBytes(f);
                try (JsonPool pool = pool(); JsonArena arena = pool.openArena()) {
                    JsonValue v = arena.parse(json);
                    double perInputByte = (double) arena.bytesReserved() / json.length;
                    assertTrue(perInputByte <= SharedCorpus.MAX_ARENA_BYTES_PER_INPUT_BYTE, name + ": " + perInputByte + " arena bytes per input byte");
                    assertSameAsReference(json, v);
                    assertSameAsReference(json, arena.parse(utf8(v.toJson())));
                }
            }));
        }
        return tests;
    }

    @Test
    void ndjsonRecordsParseOneByOneIntoOneArena() throws Exception {
        Path f = SharedCorpus.file("amazon_cellphones.ndjson");
        byte[] all = Files.readAllBytes(f);
        try (JsonPool pool = pool(); JsonArena arena = pool.openArena()) {
            int records = 0;
            int start = 0;
            for (int i = 0; i <= all.length; i++) {
                if (i == all.length || all[i] == '\n') {
                    if (i > start) {
                        JsonValue v = arena.parse(all, start, i - start);
                        assertSameAsReference(new String(all, start, i - start, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8), v);
                        records++;
                        if (records % 100 == 0) {
                            arena.reset();
                        }
                    }
                    start = i + 1;
                }
            }
            assertTrue(records > 10, "records " + records);
        }
    }
}
