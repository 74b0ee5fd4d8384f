package dev.jsonarena;

/**
 * Thrown when input is not one JSON text as RFC 8259 defines it (or breaks the
 * {@linkplain DuplicateKeyPolicy duplicate-key policy}): the message says what was expected, what
 * was found, where, and shows a short excerpt of the input around that place.
 *
 * <p>A failed parse leaves nothing behind in the arena: no document, and the memory it took is
 * free for the arena's next allocation.
 *
 * <p>Thread-safety: immutable.
 */
public final class JsonParseException extends JsonException {
    private static final long serialVersionUID = 1L;
    private final String expected;
    private final String found;
    private final long offset;
    private final long line;
    private final long column;
    private final String excerpt;

    /**
     * Creates the exception.
     *
     * @param expected what the grammar allowed at this place, e.g. {@code "',' or '}' after an object member"}
     * @param found what the input had instead, e.g. {@code "']' (0x5D)"} or {@code "end of input"}
     * @param offset the byte offset of the offending input, from the start of the document
     * @param line the 1-based line of {@code offset} (lines end at LF)
     * @param column the 1-based column of {@code offset}, counted in UTF-8 sequences
     * @param excerpt up to about 30 bytes of input around {@code offset}, escaped to printable ASCII
     */
    public JsonParseException(String expected, String found, long offset, long line, long column, String excerpt) {
        super("expected " + expected + ", found " + found + " at line " + line + ", column " + column
                + " (byte offset " + offset + "): " + excerpt);
        this.expected = expected;
        this.found = found;
        this.offset = offset;
        this.line = line;
        this.column = column;
        this.excerpt = excerpt;
    }

    /** {@return what the grammar allowed at {@link #offset()}} */
    public String expected() {
        return expected;
    }

    /** {@return what the input had instead} */
    public String found() {
        return found;
    }

    /** {@return the byte offset of the offending input, from the start of the document} */
    public long offset() {
        return offset;
    }

    /** {@return the 1-based line of {@link #offset()}} */
    public long line() {
        return line;
    }

    /** {@return the 1-based column of {@link #offset()}, counted in UTF-8 sequences} */
    public long column() {
        return column;
    }

    /** {@return a short excerpt of the input around {@link #offset()}, escaped to printable ASCII} */
    public String excerpt() {
        return excerpt;
    }
}
