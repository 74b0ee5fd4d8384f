package dev.jsonarena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A record reader's arena holds what one record needs, however far into the input the record is:
 * the parse of a record sizes its memory from the record, not from the bytes of the input read
 * before it, nor from the input's size.
 */
class RecordReaderMemoryTest {
    /** Records of 24 to about 2100 bytes; the largest record's region, key table and blocks fit in this. */
    private static final long ARENA_BOUND = 256 << 10;

    @ParameterizedTest(name = "from a {0}")
    @ValueSource(strings = {"stream", "file", "byte[]"})
    void arenaStaysAtOneRecordsSizeThroughAMegabyteOfLines(String from, @TempDir Path dir) throws IOException {
        byte[] input = lines(1 << 20);
        Path file = Files.write(dir.resolve("records.ndjson"), input);
        try (JsonPool pool = JsonPool.builder().maxReservedBytes(64L << 20).idleTimeout(Duration.ZERO).build()) {
            long records = 0;
            long largest = 0;
            try (JsonArena arena = pool.openArena();
                 JsonRecordReader reader = switch (from) {
                     case "stream" -> JsonRecordReader.builder().open(arena, new ByteArrayInputStream(input));
                     case "file" -> JsonRecordReader.builder().open(arena, file);
                     default -> JsonRecordReader.builder().open(arena, input);
                 }) {
                for (JsonValue record : reader) {
                    assertEquals(records, record.asObject().get("i").asLong());
                    records++;
                    largest = Math.max(largest, arena.bytesReserved());
                }
                assertEquals(input.length, reader.bytesRead());
            }
            assertTrue(records > 1000, "records: " + records);
            assertTrue(largest <= ARENA_BOUND, "arena reserved up to " + largest + " bytes reading " + records
                    + " records from a " + from + " (expected: <= " + ARENA_BOUND + ")");
            assertEquals(0, pool.stats().inUseBytes());
        }
    }

    /** {@return JSON Lines of about {@code size} bytes: records with varied message lengths} */
    private static byte[] lines(int size) {
        SplittableRandom random = new SplittableRandom(7);
        StringBuilder sb = new StringBuilder(size + 4096);
        for (int i = 0; sb.length() < size; i++) {
            sb.append("{\"i\":").append(i).append(",\"level\":\"INFO\",\"msg\":\"");
            sb.repeat('m', random.nextInt(2048));
            sb.append("\"}\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
