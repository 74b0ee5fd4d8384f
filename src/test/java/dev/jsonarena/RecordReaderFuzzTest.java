package dev.jsonarena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.jsonarena.testing.ChunkedStream;
import dev.jsonarena.testing.PoolPerClass;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Jazzer target of {@link JsonRecordReader} over raw bytes: the input after a
 * {@value #HEADER}-byte header of tight limits is read as JSON Lines, as a JSON text sequence and as
 * concatenated texts, each from the {@code byte[]} and from a stream returning small chunks, with
 * bad records skipped and reported. Only a {@link JsonRecordException} may escape (and only for
 * concatenated texts, which never skip); no {@link IOException} ever comes from these inputs; every
 * delivered record re-parses to itself; both inputs give the same records and errors; for lines and
 * sequences {@code recordsRead + recordsSkipped} is the number of delimited pieces holding anything
 * but whitespace, and the whole input is consumed.
 *
 * <p>In the default {@code mvn test} this runs in Jazzer's regression mode, once per input committed
 * under {@code src/test/resources/dev/jsonarena/RecordReaderFuzzTestInputs/recordsOfAnyBytes/}. To
 * fuzz it for ten minutes:
 * <pre>
 * JAZZER_FUZZ=1 mvn -o test -Dtest=RecordReaderFuzzTest -Djazzer.max_duration=10m
 * </pre>
 */
class RecordReaderFuzzTest {
    /** Bytes of the header: {@link DecoderFuzzTest#tightLimits} reads 8, the 9th sets maxRecordBytes. */
    static final int HEADER = DecoderFuzzTest.HEADER + 1;

    @RegisterExtension
    static final PoolPerClass POOL = new PoolPerClass();

    /** One record as read: its JSON, or where and why it failed. */
    record Item(String json, long record, long line, long offset, Class<?> cause, long causeOffset) {
        static Item of(JsonRecordException e) {
            JsonException c = e.getCause();
            long at = c instanceof JsonParseException p ? p.offset() : c instanceof JsonLimitException l ? l.offset() : -1;
            return new Item(null, e.record(), e.line(), e.offset(), c.getClass(), at);
        }
    }

    /** What one reading gave, in order; {@code thrown} is the last item if the reading ended with it. */
    record Result(List<Item> items, boolean thrown, long read, long skipped, long bytes) {}

    // no control characters here: Jazzer writes entries raw into a line-based dictionary file
    @DictionaryEntries({"\ufeff", "{}", "[]", "\"", "\\u", "true", "false", "null",
        "\":", "\",\"", "1e5", "-0", "\u00e9", "\ud83d\ude00", "[{", "},{", "]"})
    @FuzzTest(maxDuration = "30s")
    void recordsOfAnyBytes(byte[] input) {
        byte[] header = Arrays.copyOf(input, HEADER); // zeros past a short input
        byte[] body = input.length < HEADER ? input : Arrays.copyOfRange(input, HEADER, input.length);
        JsonLimits limits = DecoderFuzzTest.tightLimits(header).toBuilder()
                .maxRecordBytes(1 + 4L * (header[HEADER - 1] & 0xFF))
                .build();
        JsonLimits again = limits.toBuilder().maxDocumentBytes(JsonLimit.DOCUMENT_BYTES.maximum()).build();
        try (JsonArena arena = POOL.pool().openArena(); JsonArena check = POOL.pool().openArena()) {
            for (JsonRecordFormat format : JsonRecordFormat.values()) {
                Result array = read(arena, check, again, format, limits, body, -1);
                Result stream = read(arena, check, again, format, limits, body, 1 + input.length % 17);
                assertEquals(array, stream, format + ": the byte[] and a chunked stream read alike");
                if (!RecordReaderTest.delimited(format)) {
                    assertEquals(0, array.skipped(), format + ": records without a delimiter never skip");
                } else {
                    assertTrue(!array.thrown(), format + ": nothing is thrown when bad records are skipped");
                    assertEquals(nonBlankPieces(body, format), array.read() + array.skipped(), format + ": records counted");
                    assertEquals(body.length, array.bytes(), format + ": the whole input is consumed");
                }
                long last = 0;
                for (Item item : array.items()) {
                    assertEquals(++last, item.record(), format + ": every record delivered or reported once, in order");
                }
            }
        }
        assertEquals(0, POOL.pool().stats().inUseBytes(), "every arena's memory is back in the pool");
    }

    /**
     * Reads {@code body} from the array ({@code chunk < 0}) or from a stream of chunks of at most
     * {@code chunk} bytes, checking each record's round trip in {@code check}.
     */
    static Result read(JsonArena arena, JsonArena check, JsonLimits again, JsonRecordFormat format, JsonLimits limits,
                       byte[] body, int chunk) {
        arena.reset();
        List<Item> items = new ArrayList<>();
        boolean thrown = false;
        JsonRecordReader.Builder b = JsonRecordReader.builder().format(format).limits(limits)
                .onError(e -> items.add(Item.of(e)));
        JsonRecordReader reader = chunk < 0 ? b.open(arena, body) : b.open(arena, chunked(body, chunk));
        try (reader) {
            for (JsonValue v; (v = reader.next()) != null; ) {
                String json = v.toJson();
                check.reset();
                assertEquals(json, check.parse(json.getBytes(StandardCharsets.UTF_8), again).toJson(), "round trip");
                items.add(new Item(json, reader.recordsRead() + reader.recordsSkipped(), 0, 0, null, 0));
            }
        } catch (JsonRecordException e) {
            if (RecordReaderTest.delimited(format)) {
                throw new AssertionError(format + ": a bad record escaped although a handler was given", e);
            }
            items.add(Item.of(e));
            thrown = true;
        } catch (IOException e) {
            throw new AssertionError("no I/O can fail here", e);
        }
        // after a thrown error the position is where the failed parse left the window: not compared
        return new Result(items, thrown, reader.recordsRead(), reader.recordsSkipped(), thrown ? -1 : reader.bytesRead());
    }

    static InputStream chunked(byte[] body, int chunk) {
        return ChunkedStream.of(body, chunk);
    }

    /** {@return the delimited pieces of {@code b} holding a byte other than whitespace} */
    static long nonBlankPieces(byte[] b, JsonRecordFormat format) {
        byte delimiter = format == JsonRecordFormat.LINES ? (byte) '\n' : 0x1E;
        long n = 0;
        boolean blank = true;
        for (byte c : b) {
            if (c == delimiter) {
                n += blank ? 0 : 1;
                blank = true;
            } else if (!RecordReaderTest.isLeadingSpace(c, format)) {
                blank = false;
            }
        }
        return n + (blank ? 0 : 1);
    }
}
