package dev.jsonarena;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.jsonarena.testing.ChunkedStream;
import dev.jsonarena.testing.PoolPerClass;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Jazzer target of {@link JsonRecordReader#as(Class)} over raw bytes: the input after the
 * {@value RecordReaderFuzzTest#HEADER}-byte header of tight limits (as {@link RecordReaderFuzzTest}'s)
 * is read as JSON Lines, as a JSON text sequence and as concatenated texts into a small record type, under the default and
 * the strict codecs, from the {@code byte[]} and from a stream of small chunks, bad records skipped.
 * Nothing may escape but the errors the handler is given (no {@link IOException}, no other
 * exception); both inputs give the same values and errors; and they are what reading the records
 * as {@link JsonValue}s and binding each with {@link JsonCodecs#bind(JsonValue, Class)} gives: the
 * same values, and the same errors at the same record numbers (a record the direct reading takes
 * must be one the document path binds to the same value).
 *
 * <p>In the default {@code mvn test} this runs in Jazzer's regression mode, once per input committed
 * under {@code src/test/resources/dev/jsonarena/TypedRecordReaderFuzzTestInputs/typedRecordsOfAnyBytes/}.
 * To fuzz it for ten minutes:
 * <pre>
 * JAZZER_FUZZ=1 mvn -o test -Dtest=TypedRecordReaderFuzzTest -Djazzer.max_duration=10m
 * </pre>
 */
class TypedRecordReaderFuzzTest {
    private static final JsonCodecs STRICT = JsonCodecs.builder().rejectUnknownMembers(true).build();

    record Inner(long id, String name) {}

    record Rec(String level, int n, List<String> tags, Optional<Inner> inner, Double x, Boolean ok) {}

    @RegisterExtension
    static final PoolPerClass POOL = new PoolPerClass();

    /** One record as read: its value, or its number, its error's class and (for a binding error) pointer. */
    record Item(Object value, long record, Class<?> cause, String pointer) {
        static Item of(long record, JsonException e) {
            return new Item(null, record, e.getClass(), e instanceof JsonBindException b ? b.pointer() : null);
        }
    }

    @DictionaryEntries({"{\"level\":\"", "\"n\":", "\"tags\":[", "\"inner\":{\"id\":", "\"name\":", "\"x\":",
        "\"ok\":true", "null", "\":", "\",\"", "1e5", "-0", "1.5", "3000000000", "[{", "},{", "]"})
    @FuzzTest(maxDuration = "30s")
    void typedRecordsOfAnyBytes(byte[] input) {
        int header = RecordReaderFuzzTest.HEADER;
        byte[] head = Arrays.copyOf(input, header); // zeros past a short input
        byte[] body = input.length < header ? input : Arrays.copyOfRange(input, header, input.length);
        JsonLimits limits = DecoderFuzzTest.tightLimits(head).toBuilder()
                .maxRecordBytes(1 + 4L * (head[header - 1] & 0xFF))
                .build();
        try (JsonArena arena = POOL.pool().openArena()) {
            for (JsonRecordFormat format : JsonRecordFormat.values()) {
                for (JsonCodecs codecs : new JsonCodecs[] {JsonCodecs.defaults(), STRICT}) {
                    String where = format + (codecs == STRICT ? ", strict" : "");
                    List<Item> expected = boundValues(arena, format, limits, codecs, body);
                    List<Item> array = typed(arena, format, limits, codecs, body, -1);
                    assertEquals(expected, array, where + ": typed reading of the byte[] against binding each value");
                    assertEquals(array, typed(arena, format, limits, codecs, body, 1 + input.length % 17),
                            where + ": the byte[] and a chunked stream read alike");
                }
            }
        }
        assertEquals(0, POOL.pool().stats().inUseBytes(), "every arena's memory is back in the pool");
    }

    private static JsonRecordReader open(JsonArena arena, JsonRecordFormat format, JsonLimits limits, JsonCodecs codecs,
                                         byte[] body, int chunk, List<Item> items) {
        arena.reset();
        JsonRecordReader.Builder b = JsonRecordReader.builder().format(format).limits(limits).codecs(codecs)
                .onError(e -> items.add(Item.of(e.record(), e.getCause())));
        return chunk < 0 ? b.open(arena, body) : b.open(arena, ChunkedStream.of(body, chunk));
    }

    /** The records read with {@code as(Rec.class)} from the array ({@code chunk < 0}) or a stream of chunks. */
    private static List<Item> typed(JsonArena arena, JsonRecordFormat format, JsonLimits limits, JsonCodecs codecs,
                                    byte[] body, int chunk) {
        List<Item> items = new ArrayList<>();
        try (JsonRecordReader reader = open(arena, format, limits, codecs, body, chunk, items)) {
            for (Rec r : reader.as(Rec.class)) {
                items.add(new Item(r, reader.recordsRead() + reader.recordsSkipped(), null, null));
            }
        } catch (JsonRecordException e) { // records without a delimiter: the first bad record ends the reading
            items.add(Item.of(e.record(), e.getCause()));
        } catch (IOException e) {
            throw new AssertionError("no I/O can fail here", e);
        }
        return items;
    }

    /** The oracle: the records read as values and each bound through its document. */
    private static List<Item> boundValues(JsonArena arena, JsonRecordFormat format, JsonLimits limits, JsonCodecs codecs,
                                          byte[] body) {
        List<Item> items = new ArrayList<>();
        try (JsonRecordReader reader = open(arena, format, limits, codecs, body, -1, items)) {
            for (JsonValue v; (v = reader.next()) != null; ) {
                long record = reader.recordsRead() + reader.recordsSkipped();
                try {
                    items.add(new Item(codecs.bind(v, Rec.class), record, null, null));
                } catch (JsonBindException e) {
                    items.add(Item.of(record, e));
                    if (!RecordReaderTest.delimited(format)) {
                        break; // as the typed reading of records without a delimiter ends at its first bad record
                    }
                }
            }
        } catch (JsonRecordException e) { // records without a delimiter: the first bad record ends the reading
            items.add(Item.of(e.record(), e.getCause()));
        } catch (IOException e) {
            throw new AssertionError("no I/O can fail here", e);
        }
        return items;
    }
}
