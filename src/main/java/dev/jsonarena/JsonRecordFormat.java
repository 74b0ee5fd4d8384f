package dev.jsonarena;

/**
 * How a {@link JsonRecordReader} finds the records of a stream: lines, JSON text sequences,
 * concatenated texts, or the elements of one array.
 *
 * <p>Thread-safety: an enum; immutable.
 */
public enum JsonRecordFormat {
    /**
     * JSON Lines / NDJSON: one JSON text per line, lines ended by {@code '\n'} (a {@code '\r'}
     * before it is whitespace). Blank lines are skipped; the last line needs no {@code '\n'}. A
     * record may not span lines, so a bad record never swallows the next one.
     */
    LINES,
    /**
     * JSON text sequences (RFC 7464): each record starts with the record separator {@code 0x1E}
     * and may span lines; empty sequences are skipped.
     */
    SEQUENCE,
    /**
     * JSON texts one after another, separated by whitespace or by nothing where the grammar allows
     * it ({@code {}{}}). Nothing marks where a bad text ends, so a bad record always ends the
     * reading: the error is thrown even when the reader has an error handler.
     */
    CONCATENATED,
    /**
     * The elements of one JSON array, {@code [record, record, ...]}: a request body that sends
     * its records as an array, read an element at a time with memory bounded as for the other
     * formats, however long the array is. Each element is a record of its own, limited, numbered
     * and bound as a JSON text alone would be (its depth counts from the element); the array's
     * punctuation ({@code [}, the commas, {@code ]}, and nothing but whitespace after it) is
     * checked as it is read, and an error in it is reported as the record that would come next
     * (a {@link JsonRecordException} whose cause is a {@link JsonParseException} at the offending
     * byte). As for concatenated texts, nothing marks where a bad element ends, so a bad record
     * ends the reading. An empty input is an error ({@code []} is an empty array: no records); a
     * byte order mark before the {@code [} is skipped if the limits allow one.
     */
    ARRAY
}
