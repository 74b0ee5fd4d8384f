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
     * @throws IllegalArgumentException if {@code offset} is negative or {@code line} or {@code column} below 1
     */
    public JsonParseException(String expected, String found, long offset, long line, long column, String excerpt) {
        if (offset < 0 || line < 1 || column < 1) {
            throw new IllegalArgumentException("offset=" + offset + " line=" + line + " column=" + column
                    + " (expected: offset >= 0, line >= 1, column >= 1)");
        }
        super("expected " + expected + ", found " + found + " at " + position(offset, line, column) + ": " + excerpt,
                null, offset, line, column, null);
        this.expected = expected;
        this.found = found;
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

    /** {@return the byte offset of the offending input, from the start of the document}: never -1 */
    @Override
    public long offset() {
        return super.offset();
    }

    /** {@return the 1-based line of {@link #offset()}}: never -1 */
    @Override
    public long line() {
        return super.line();
    }

    /** {@return the 1-based column of {@link #offset()}, counted in UTF-8 sequences}: never -1 */
    @Override
    public long column() {
        return super.column();
    }

    /** {@return true}: a parse exception is raised by a parse */
    @Override
    public boolean duringParse() {
        return true;
    }

    /** {@return a short excerpt of the input around {@link #offset()}, escaped to printable ASCII} */
    public String excerpt() {
        return excerpt;
    }
}
