package dev.jsonarena.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsonarena.testing.ReferenceJson;
import dev.jsonarena.testing.SharedCorpus;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.jsonarena.JsonFormat;
import dev.jsonarena.JsonWriter;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link WriterBenchmark} writes the same document with every implementation: what Jackson writes
 * from the events (numbers as {@code long} or {@code double}, so canada.json's 17-digit decimals
 * come back as their shortest double) equals what jsonarena writes, number by number.
 */
class WriterBenchmarkTest {
    @Test
    void everyImplementationWritesTheInputDocument() throws Exception {
        List<String> files = new ArrayList<>(List.of("reply"));
        if (Corpus.available()) {
            files.addAll(List.of("twitter.json", "citm_catalog.json", "canada.json", "github_events.json"));
        }
        for (String file : files) {
            byte[] jackson = null;
            for (String names : List.of("occurrence", "shared")) {
                for (WriterBenchmark.Impl impl : List.of(WriterBenchmark.Impl.JACKSON, WriterBenchmark.Impl.JSONARENA,
                        WriterBenchmark.Impl.JSONARENA_KEYS)) {
                    WriterBenchmark b = new WriterBenchmark();
                    b.file = file;
                    b.impl = impl;
                    b.names = names;
                    b.setUp();
                    b.write();
                    Field f = WriterBenchmark.class.getDeclaredField("out");
                    f.setAccessible(true);
                    byte[] written = ((ByteArrayOutputStream) f.get(b)).toByteArray();
                    if (jackson == null) {
                        jackson = written;
                    }
                    assertTrue(ReferenceJson.sameValue(ReferenceJson.parse(jackson), ReferenceJson.parse(written)),
                            file + " " + impl + " " + names);
                }
            }
        }
        SharedCorpus.assumeBenchmarkFiles(); // absent: only the generated reply was checked
    }

    /**
     * What {@link WriterCpuTime} replays for every shape (escapes, surrogate pairs, numbers of every
     * kind, deep nesting, names of every length) is written as the same value by both generators,
     * with names as a {@code String} each and as keys, compact and pretty.
     */
    @Test
    void everyShapeIsWrittenAsTheSameValueByBothGenerators() throws Exception {
        JsonFactory factory = new JsonFactory();
        int checked = 0;
        for (String name : ShapeCorpus.NAMES) {
            if (ShapeCorpus.fromSharedCorpus(name) && !Corpus.available()) {
                continue;
            }
            WriterEvents events = WriterEvents.of(ShapeCorpus.bytes(name));
            ByteArrayOutputStream jackson = new ByteArrayOutputStream();
            try (JsonGenerator g = factory.createGenerator(jackson)) {
                events.replay(g);
            }
            ReferenceJson.JValue expected = ReferenceJson.parse(jackson.toByteArray());
            for (WriterEvents e : List.of(events, events.withSharedNames())) {
                for (boolean keys : new boolean[] {false, true}) {
                    for (JsonFormat format : JsonFormat.values()) {
                        ByteArrayOutputStream out = new ByteArrayOutputStream();
                        try (JsonWriter w = JsonWriter.of(out, format)) {
                            e.replay(w, keys);
                        }
                        assertTrue(ReferenceJson.sameValue(expected, ReferenceJson.parse(out.toByteArray())),
                                name + ": keys " + keys + ", " + format);
                    }
                }
            }
            checked++;
        }
        assertTrue(checked >= 30, checked + " shapes checked");
    }
}
