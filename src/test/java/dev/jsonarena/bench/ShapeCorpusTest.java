package dev.jsonarena.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jsonarena.JsonArena;
import dev.jsonarena.JsonPool;
import dev.jsonarena.testing.SharedCorpus;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openjdk.jmh.annotations.Param;

/**
 * Checks that {@link ShapeBenchmark} and {@link FixedCostBenchmark} time the work they claim, with
 * correct results: the corpus has at least 30 documents of the stated sizes in every group, is the
 * same bytes in every JVM, and every implementation reads every document; jsonarena reads each to
 * the value Jackson's tree does.
 *
 * <p>Documents from the shared corpus are skipped when it is absent, or fail when it is required
 * ({@link SharedCorpus}).
 */
class ShapeCorpusTest {
    /**
     * CRC-32 of every generated document, in {@link ShapeCorpus#NAMES} order: the generator gives
     * these bytes in every JVM (no hash-ordered map, no unseeded randomness).
     */
    private static final long GENERATED_CRC = 1423350630L;

    private static final ObjectMapper JACKSON = new ObjectMapper();

    static Stream<String> documents() {
        return ShapeCorpus.NAMES.stream();
    }

    private static byte[] document(String name) {
        if (ShapeCorpus.fromSharedCorpus(name)) {
            SharedCorpus.assumeBenchmarkFiles();
            SharedCorpus.file("amazon_cellphones.ndjson");
        }
        return ShapeCorpus.bytes(name);
    }

    @Test
    void corpusHasAtLeastThirtyDocumentsCoveringEveryGroup() {
        assertTrue(ShapeCorpus.NAMES.size() >= 30, "documents: " + ShapeCorpus.NAMES.size());
        Set<ShapeCorpus.Group> groups = EnumSet.noneOf(ShapeCorpus.Group.class);
        ShapeCorpus.NAMES.forEach(n -> groups.add(ShapeCorpus.group(n)));
        assertEquals(EnumSet.allOf(ShapeCorpus.Group.class), groups);
    }

    @Test
    void benchmarkRunsEveryDocumentOfTheCorpusInOrder() throws NoSuchFieldException {
        Param p = ShapeBenchmark.class.getField("doc").getAnnotation(Param.class);
        assertEquals(ShapeCorpus.NAMES, List.of(p.value()));
    }

    @Test
    void generatedDocumentsAreTheSameBytesInEveryRun() {
        CRC32 crc = new CRC32();
        for (String name : ShapeCorpus.NAMES) {
            if (!ShapeCorpus.fromSharedCorpus(name)) {
                byte[] once = ShapeCorpus.bytes(name);
                assertArrayEquals(once, ShapeCorpus.bytes(name), name);
                crc.update(once);
            }
        }
        assertEquals(GENERATED_CRC, crc.getValue(), "CRC-32 of the generated documents");
    }

    @ParameterizedTest
    @MethodSource("documents")
    void everyDocumentButTheLargeFilesIsFrom100BTo16KiB(String name) {
        byte[] json = document(name);
        if (ShapeCorpus.group(name) == ShapeCorpus.Group.LARGE) {
            assertTrue(json.length > 100_000, name + ": " + json.length + " B");
        } else {
            assertTrue(json.length >= 100 && json.length <= 16_384, name + ": " + json.length + " B");
        }
    }

    @ParameterizedTest
    @MethodSource("documents")
    void jsonarenaReadsEveryDocumentToTheValueJacksonsTreeReads(String name) throws IOException {
        byte[] json = document(name);
        JsonNode expected = JACKSON.readTree(json);
        try (JsonPool pool = JsonPool.builder().idleTimeout(Duration.ZERO).build();
             JsonArena arena = pool.openArena()) {
            assertSameValue(expected, arena.parse(json).toJava(), name);
        }
    }

    @ParameterizedTest
    @MethodSource("documents")
    void everyBenchmarkedImplementationReadsTheRootTheHeapBaselineReads(String name) {
        document(name);
        int expected = DecoderType.heapRootSize(HeapJsonDecoder.decode(ShapeCorpus.bytes(name)));
        List<DecoderType> impls = new ArrayList<>(List.of(DecoderType.JSONARENA, DecoderType.JACKSON_STREAM));
        if (DecoderType.SIMDJSON.available()) {
            impls.add(DecoderType.SIMDJSON);
        }
        for (DecoderType impl : impls) {
            ShapeBenchmark b = new ShapeBenchmark();
            b.doc = name;
            b.impl = impl;
            b.setUp(); // checks the root size against the heap baseline's
            try {
                assertEquals(expected, b.parse(), impl + " on " + name);
                assertEquals(expected, b.parse(), impl + " on " + name + ", again");
            } finally {
                b.tearDown();
            }
        }
    }

    @Test
    void fixedCostMethodsParseWhatTheyNameAndLeaveNothingOpen() throws IOException {
        FixedCostBenchmark b = new FixedCostBenchmark();
        b.setUp();
        try {
            for (int i = 0; i < 3; i++) {
                assertEquals(0, b.openParseCloseEmpty());
                assertEquals(1, b.openParseCloseId());
                assertEquals(-1, b.openParseCloseScalar());
                assertEquals(Long.MAX_VALUE, b.openClose());
                assertEquals(0, b.reusedParseEmpty());
                assertEquals(1, b.reusedParseId());
                assertTrue(b.reset() > 0, "the kept arena holds its block across resets");
                assertTrue(b.parserAcquireRelease() >= 0);
                assertEquals(1, b.jacksonStreamId());
            }
        } finally {
            b.tearDown();
        }
    }

    /** Compares jsonarena's {@code toJava()} copy with Jackson's tree, numbers as Jackson reads them. */
    private static void assertSameValue(JsonNode expected, Object actual, String where) {
        switch (expected.getNodeType()) {
            case OBJECT -> {
                Map<?, ?> m = assertInstanceOf(Map.class, actual, where);
                assertEquals(expected.size(), m.size(), where + ": member count");
                for (Map.Entry<String, JsonNode> e : expected.properties()) {
                    assertTrue(m.containsKey(e.getKey()), where + ": member " + e.getKey());
                    assertSameValue(e.getValue(), m.get(e.getKey()), where + "." + e.getKey());
                }
            }
            case ARRAY -> {
                List<?> l = assertInstanceOf(List.class, actual, where);
                assertEquals(expected.size(), l.size(), where + ": element count");
                for (int i = 0; i < l.size(); i++) {
                    assertSameValue(expected.get(i), l.get(i), where + "[" + i + "]");
                }
            }
            case STRING -> assertEquals(expected.textValue(), actual, where);
            case BOOLEAN -> assertEquals(expected.booleanValue(), actual, where);
            case NULL -> assertNull(actual, where);
            case NUMBER -> {
                Number n = assertInstanceOf(Number.class, actual, where);
                if (expected.isIntegralNumber()) {
                    assertInstanceOf(Long.class, n, where);
                    assertEquals(expected.longValue(), n.longValue(), where);
                } else {
                    assertEquals(expected.doubleValue(), n.doubleValue(), where);
                }
            }
            default -> throw new AssertionError(where + ": node type " + expected.getNodeType());
        }
    }
}
