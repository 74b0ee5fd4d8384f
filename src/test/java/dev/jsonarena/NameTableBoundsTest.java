package dev.jsonarena;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parser's table of member names grows with the distinct names of a document, on the heap. A
 * body made of distinct names (a flood) must be refused by {@link JsonLimit#DISTINCT_KEYS} or by the
 * arena's budget before that table exhausts the heap, and its cost per name must stay small; a
 * document with more names than the table predicts must still read every member right. However
 * many names a document has, the table never allocates one large heap array.
 */
class NameTableBoundsTest extends ArenaFixture {

    /** {@code {"k0000000":0,"k0000001":1,...}}: {@code names} distinct names of 8 bytes. */
    static byte[] flood(int names) {
        StringBuilder sb = new StringBuilder(names * 14 + 2).append('{');
        for (int i = 0; i < names; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append("\"k").append(String.format("%07d", i)).append("\":").append(i % 10);
        }
        return sb.append('}').toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aFloodOfDistinctNamesIsRefusedByTheDefaultLimitAtTheFirstNameOverIt() {
        int max = (int) JsonLimit.DISTINCT_KEYS.defaultValue();
        byte[] json = flood(max + 1);
        JsonLimitException e = assertThrows(JsonLimitException.class, () -> arena.parse(json));
        assertEquals(JsonLimit.DISTINCT_KEYS, e.limit());
        assertEquals(max, e.limitValue());
        assertEquals(1 + 13L * max, e.offset(), e.getMessage()); // the opening quote of name max + 1
        assertTrue(e.getMessage().contains("maxDistinctKeys"), e.getMessage());
        assertEquals(max, arena.parse(flood(max)).asObject().size());
    }

    @Test
    void aNameCountsOnceHoweverOftenAndHoweverSpelledItAppears() {
        JsonLimits three = JsonLimits.builder().maxDistinctKeys(3).build();
        String under = "[{\"a\":1,\"b\":2},{\"a\":3,\"\\u0062\":4,\"c\":{\"c\":5}}]";
        assertEquals(5, arena.parse(under.getBytes(StandardCharsets.UTF_8), three).asArray().get(1).asObject()
                .get("c").asObject().get("c").asInt());
        String over = "[{\"a\":1,\"b\":2},{\"a\":3,\"c\":{\"d\":5}}]";
        JsonLimitException e = assertThrows(JsonLimitException.class,
                () -> arena.parse(over.getBytes(StandardCharsets.UTF_8), three));
        assertEquals(JsonLimit.DISTINCT_KEYS, e.limit());
        assertEquals(over.indexOf("\"d\""), e.offset());
        assertEquals(1, e.line());
        assertEquals(over.indexOf("\"d\"") + 1, e.column());
    }

    @Test
    void theNameTableCountsAgainstTheArenasBudget() {
        int names = 200_000;
        byte[] json = flood(names);
        JsonLimits unlimited = JsonLimits.builder().maxDistinctKeys(names).build();
        long arenaOnly;
        try (JsonArena free = pool.openArena()) {
            free.parse(json, unlimited);
            arenaOnly = free.bytesReserved();
        }
        // the arena's own blocks fit in this budget; with the table's 20+ bytes per name they do not
        long budget = arenaOnly + 8L * names;
        try (JsonArena tight = pool.openArena(budget)) {
            JsonBudgetExceededException e = assertThrows(JsonBudgetExceededException.class,
                    () -> tight.parse(json, unlimited));
            assertTrue(e.duringParse(), e.getMessage());
            assertTrue(e.offset() > 0 && e.offset() < json.length, e.getMessage());
            // nothing of the refused parse stays counted: the same arena parses a small document
            assertEquals(1, tight.parse(flood(1)).asObject().size());
        }
        try (JsonArena roomy = pool.openArena(arenaOnly + 64L * names)) {
            assertEquals(names, roomy.parse(json, unlimited).asObject().size());
        }
    }

    @Test
    void aFloodAllocatesFewHeapBytesPerName() {
        int names = (int) JsonLimit.DISTINCT_KEYS.defaultValue();
        byte[] json = flood(names);
        arena.parse(json); // the first parse's table is dropped afterwards: each parse below grows its own
        arena.reset();
        long before = DecoderSupport.allocatedBytes();
        arena.parse(json);
        long perName = (DecoderSupport.allocatedBytes() - before) / names;
        // ids: 20 bytes each, slots: 4 bytes, 2 to 4 per name; doubling allocates each about twice.
        // Measured 72 when the class runs alone, 104 in the whole suite (the table before the bound:
        // about 190)
        assertTrue(perName <= 128, "heap bytes allocated per distinct name: " + perName);
    }

    @Test
    void membersPastThePredictedNamesReadTheirOwnNamesAndValues() {
        int names = 3 * 4096;
        StringBuilder sb = new StringBuilder("[");
        for (int r = 0; r < 3; r++) { // the same record shape three times: predictions are tried on every name
            sb.append(r == 0 ? "" : ",").append("{");
            for (int i = 0; i < names; i++) {
                sb.append(i == 0 ? "" : ",").append("\"n").append(i).append("\":").append(r * names + i);
            }
            sb.append("}");
        }
        JsonArray records = arena.parse(sb.append("]").toString().getBytes(StandardCharsets.US_ASCII)).asArray();
        for (int r = 0; r < 3; r++) {
            JsonObject o = records.get(r).asObject();
            assertEquals(names, o.size());
            int i = 0;
            for (JsonObject.Member m : o) {
                assertEquals("n" + i, m.key());
                assertEquals(r * names + i, m.value().asInt());
                i++;
            }
            assertEquals(r * names + names - 1, o.get("n" + (names - 1)).asInt());
        }
    }

    /**
     * A document of more names than the parser's flat table holds (32,768) moves them to its
     * chunked table mid-parse: every member still reads its own name and value, lookups by name
     * find names from both sides of the move, and a duplicate past it is found under each policy.
     */
    @Test
    void namesPastTheFlatTableReadRightAndTheirDuplicatesAreFound() {
        int names = 40_000;
        JsonLimits unlimited = JsonLimits.builder().maxDistinctKeys(names).build();
        StringBuilder sb = new StringBuilder("[");
        for (int r = 0; r < 2; r++) {
            sb.append(r == 0 ? "{" : ",{");
            for (int i = 0; i < names; i++) {
                sb.append(i == 0 ? "" : ",").append("\"n").append(i).append("\":").append(r * names + i);
            }
            sb.append("}");
        }
        String twoRecords = sb.append("]").toString();
        JsonArray records = arena.parse(twoRecords.getBytes(StandardCharsets.US_ASCII), unlimited).asArray();
        for (int r = 0; r < 2; r++) {
            JsonObject o = records.get(r).asObject();
            int i = 0;
            for (JsonObject.Member m : o) {
                assertEquals("n" + i, m.key());
                assertEquals(r * names + i, m.value().asInt());
                i++;
            }
            assertEquals(names, i);
            for (int k : new int[] {0, 4095, 4096, 32_767, 32_768, 32_769, names - 1}) {
                assertEquals(r * names + k, o.get("n" + k).asInt());
                assertEquals(r * names + k, o.get(JsonKey.of("n" + k)).asInt());
            }
            assertNull(o.get("n" + names));
        }
        String withDuplicate = twoRecords.substring(0, twoRecords.length() - 2) + ",\"n39000\":-1}]";
        byte[] json = withDuplicate.getBytes(StandardCharsets.US_ASCII);
        JsonParseException e = assertThrows(JsonParseException.class, () -> arena.parse(json, unlimited));
        assertTrue(e.getMessage().contains("\"n39000\""), e.getMessage());
        assertEquals(json.length - 2, e.offset());
        JsonLimits first = JsonLimits.builder().maxDistinctKeys(names).duplicateKeyPolicy(DuplicateKeyPolicy.FIRST_WINS).build();
        JsonLimits last = JsonLimits.builder().maxDistinctKeys(names).duplicateKeyPolicy(DuplicateKeyPolicy.LAST_WINS).build();
        assertEquals(names + 39_000, arena.parse(json, first).asArray().get(1).asObject().get("n39000").asInt());
        assertEquals(-1, arena.parse(json, last).asArray().get(1).asObject().get("n39000").asInt());
        assertEquals(names, arena.parse(json, last).asArray().get(1).asObject().size());
    }

    /**
     * The heap objects of at least {@link #LARGE_ARRAY_BYTES} a parse of 300,000 distinct names
     * allocates, as the JVM's Flight Recorder sees them (every allocation outside a thread-local
     * buffer is an event): none. A G1 heap of 1 MiB regions treats an array of 512 KiB or more as
     * humongous, placed in whole free regions; a name table that doubled flat arrays (4 MiB of
     * hashes at this size) could find none in a small heap without a full collection.
     */
    @Test
    void aDocumentOfManyNamesMakesTheTableAllocateNoLargeHeapArray(@TempDir Path dir) throws Exception {
        int names = 300_000;
        byte[] json = flood(names);
        JsonLimits unlimited = JsonLimits.builder().maxDistinctKeys(names).build();
        arena.parse(json, unlimited); // classes loaded, the parser's kept state allocated
        arena.reset();
        Path file = dir.resolve("parse.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ObjectAllocationOutsideTLAB").withStackTrace();
            recording.start();
            JsonObject o = arena.parse(json, unlimited).asObject();
            assertEquals(names, o.size());
            assertEquals((names - 1) % 10, o.get("k" + String.format("%07d", names - 1)).asInt());
            recording.stop();
            recording.dump(file);
        }
        List<String> large = new ArrayList<>();
        long thread = Thread.currentThread().threadId();
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            if (e.getEventType().getName().equals("jdk.ObjectAllocationOutsideTLAB") && e.getThread("eventThread") != null && e.getThread("eventThread").getJavaThreadId() == thread
                    && e.getLong("allocationSize") >= LARGE_ARRAY_BYTES) {
                large.add(e.getClass("objectClass").getName() + " of " + e.getLong("allocationSize") + " B at "
                        + (e.getStackTrace() == null ? "?" : e.getStackTrace().getFrames().subList(0,
                        Math.min(3, e.getStackTrace().getFrames().size())).stream()
                        .map(f -> f.getMethod().getType().getName() + "." + f.getMethod().getName()).toList()));
            }
        }
        assertEquals(List.of(), large);
    }

    /** Half of the smallest G1 region: an array this large or larger is humongous in some heap. */
    static final long LARGE_ARRAY_BYTES = 512 * 1024;
}
