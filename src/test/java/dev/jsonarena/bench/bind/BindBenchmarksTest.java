package dev.jsonarena.bench.bind;

import static org.junit.jupiter.api.Assertions.*;

import dev.jsonarena.JsonArena;
import dev.jsonarena.JsonCodecs;
import dev.jsonarena.JsonTypeRef;
import dev.jsonarena.bench.Corpus;
import dev.jsonarena.testing.ReferenceJson;
import dev.jsonarena.testing.SharedCorpus;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The binding benchmarks compare like with like: every {@link BinderType} binds each
 * {@link BindInput} to records that jsonarena writes identically (so the same values; a missing
 * list, empty for jsonarena and null for the others, is written alike), what each writes of them
 * is the same JSON (fastjson2 leaves null members out: its output binds back to the same records), and a record of every model type is bound with its members
 * (not left at null by a name mismatch).
 */
class BindBenchmarksTest {
    @Test
    void everyBinderBindsAndWritesTheSameRecords() throws Exception {
        List<String> names = new ArrayList<>(List.of("log", "ndjson"));
        if (Corpus.available()) {
            names.addAll(List.of("twitter", "citm"));
        }
        for (String name : names) {
            BindInput in = BindInput.of(name);
            String expected = null;
            Object first = null;
            for (BinderType t : BinderType.values()) {
                Binder b = t.create();
                Object bound = b.bind(in);
                // a missing list is empty for jsonarena, null for the others: written alike here
                String json = JsonCodecs.defaults().toJson(bound).replace(":[]", ":null");
                if (expected == null) {
                    expected = json;
                    first = bound;
                }
                assertEquals(java(expected), java(json), name + " bound by " + t); // fastjson2 maps: another order
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                b.write(first, out);
                if (t == BinderType.FASTJSON2) { // leaves null members out: it must bind back to the same records
                    try (JsonArena arena = JsonArena.open()) {
                        Object back = in.lines() == null ? arena.parse(out.toByteArray(), in.type())
                                : JsonCodecs.defaults().bind(arena.parse(out.toByteArray()),
                                        JsonTypeRef.of(Types.listOf(in.type())));
                        assertEquals(java(expected), java(JsonCodecs.defaults().toJson(back).replace(":[]", ":null")),
                                name + " written by " + t);
                    }
                } else {
                    String written = new String(out.toByteArray(), StandardCharsets.UTF_8).replace(":[]", ":null");
                    assertTrue(ReferenceJson.sameValue(ReferenceJson.parse(expected), ReferenceJson.parse(written)),
                            name + " written by " + t);
                }
            }
            assertFalse(expected.contains("\"statuses\":[]"), expected.substring(0, Math.min(200, expected.length())));
        }
        SharedCorpus.assumeBenchmarkFiles();
    }

    /**
     * The one-call parse reads each benchmark input directly: the arena takes no memory for it (a
     * parsed document would take some), and the records equal those bound from the document.
     */
    @Test
    void everyInputIsBoundDirectlyToWhatTheDocumentBinds() {
        List<String> names = new ArrayList<>(List.of("log", "ndjson"));
        if (Corpus.available()) {
            names.addAll(List.of("twitter", "citm"));
        }
        for (String name : names) {
            BindInput in = BindInput.of(name);
            int[] lines = in.lines() != null ? in.lines() : new int[] {0, in.bytes().length};
            for (int i = 0; i < lines.length; i += 2) {
                try (JsonArena fresh = JsonArena.open(); JsonArena arena = JsonArena.open()) {
                    Object direct = fresh.parse(in.bytes(), lines[i], lines[i + 1] - lines[i], in.type());
                    assertEquals(0, fresh.bytesReserved(), name + " line " + i / 2 + " took arena memory");
                    Object parsed = JsonCodecs.defaults().bind(arena.parse(in.bytes(), lines[i], lines[i + 1] - lines[i]),
                            in.type());
                    assertEquals(JsonCodecs.defaults().toJson(parsed), JsonCodecs.defaults().toJson(direct), name);
                }
            }
        }
    }

    /** {@return {@code json} as {@link dev.jsonarena.JsonValue#toJava()} reads it: maps compare without order} */
    private static Object java(String json) {
        try (JsonArena arena = JsonArena.open()) {
            return arena.parse(json.getBytes(StandardCharsets.UTF_8)).toJava();
        }
    }

    /** {@code List<element>} as a type. */
    private static final class Types {
        static java.lang.reflect.Type listOf(Class<?> element) {
            return new java.lang.reflect.ParameterizedType() {
                @Override
                public java.lang.reflect.Type[] getActualTypeArguments() {
                    return new java.lang.reflect.Type[] {element};
                }

                @Override
                public java.lang.reflect.Type getRawType() {
                    return List.class;
                }

                @Override
                public java.lang.reflect.Type getOwnerType() {
                    return null;
                }
            };
        }
    }
}
