package dev.jsonarena;

/**
 * How a {@link JsonRecordReader} finds the records of a stream.
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
    CONCATENATED
}
