package dev.jsonarena;

/**
 * The base of every exception jsonarena throws for bad input, exhausted limits or exhausted
 * memory. Programming errors (a {@code null} argument, a closed arena) are reported with the
 * standard {@link NullPointerException}, {@link IllegalArgumentException} and
 * {@link IllegalStateException} instead.
 *
 * <p><b>Where.</b> Every subtype answers, through this base type, where in a document it happened,
 * as far as that is known:
 *
 * <table class="striped">
 * <caption>What each exception knows of its place</caption>
 * <thead><tr><th>exception</th><th>{@link #offset()}</th><th>{@link #line()}, {@link #column()}</th>
 *     <th>{@link #pointer()}</th></tr></thead>
 * <tbody>
 * <tr><td>{@link JsonParseException}</td><td>yes</td><td>yes</td><td>no</td></tr>
 * <tr><td>{@link JsonLimitException}</td><td>yes</td><td>yes, except for the byte-count limits
 *     ({@code maxDocumentBytes}, {@code maxRecordBytes}), which may be found before the bytes
 *     are read</td><td>no</td></tr>
 * <tr><td>{@link JsonBudgetExceededException}, {@link JsonPoolExhaustedException}</td><td colspan="2">yes
 *     if raised while parsing ({@link #duringParse()}): where the parse had got to; no otherwise</td>
 *     <td>no</td></tr>
 * <tr><td>{@link JsonTypeException}, {@link JsonBindException}</td><td colspan="2">when the
 *     document was parsed from an array, a buffer or a segment that is still at hand: the value's
 *     place, found by reading that input again along the pointer; no for a stream, a channel or a
 *     file</td><td>yes</td></tr>
 * <tr><td>{@link JsonMissingValueException}</td><td colspan="2">as above, of the value the step
 *     was taken from</td><td>yes: the first step that found nothing</td></tr>
 * <tr><td>{@link JsonRecordException}</td><td colspan="2">its cause's, in the stream; if the cause
 *     has none, the record's start offset (and no line)</td><td>its cause's</td></tr>
 * </tbody>
 * </table>
 *
 * <p>A position that is not known is {@code -1} (offset, line, column) or {@code null} (pointer).
 * Offsets count bytes from the start of the input, lines from 1 (a line ends at LF), columns from 1
 * in UTF-8 sequences (characters, not bytes). A pointer is a JSON Pointer (RFC 6901) from the
 * document's root, {@code ""} being the root itself. Messages are one line; they name the place,
 * the value and the expectation, and quote input only as a short excerpt escaped to printable
 * ASCII.
 *
 * <p>Thread-safety: immutable.
 */
public class JsonException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** The longest pointer a message quotes whole; longer ones are shortened in the middle. */
    private static final int MESSAGE_POINTER_CHARS = 80;

    private final long offset;
    private final long line;
    private final long column;
    private final String pointer;

    /**
     * Creates an exception with a message and no known place.
     *
     * @param message what went wrong, naming the thing, the value and the expectation
     */
    public JsonException(String message) {
        this(message, null, -1, -1, -1, null);
    }

    /**
     * Creates an exception with a message and a cause, and no known place.
     *
     * @param message what went wrong
     * @param cause the underlying failure
     */
    public JsonException(String message, Throwable cause) {
        this(message, cause, -1, -1, -1, null);
    }

    /**
     * Creates an exception with a message, a cause and a place.
     *
     * @param message what went wrong, naming the place, the value and the expectation
     * @param cause the underlying failure, or {@code null}
     * @param offset the byte offset from the start of the input, or -1 if not known
     * @param line the line (from 1) of {@code offset}, or -1 if not known
     * @param column the column (from 1, in UTF-8 sequences) of {@code offset}, or -1 if not known
     * @param pointer the JSON Pointer of the value concerned, or {@code null} if none
     * @throws IllegalArgumentException if a number is below -1, or only one of line and column is known
     */
    protected JsonException(String message, Throwable cause, long offset, long line, long column, String pointer) {
        super(message, cause);
        if (offset < -1 || line < -1 || column < -1 || line == 0 || column == 0 || (line < 0) != (column < 0)) {
            throw new IllegalArgumentException("offset=" + offset + " line=" + line + " column=" + column
                    + " (expected: offset >= -1; line and column both >= 1, or both -1)");
        }
        this.offset = offset;
        this.line = line;
        this.column = column;
        this.pointer = pointer;
    }

    /**
     * {@return the byte offset, from the start of the input, of the place this exception concerns,
     * or -1 if not known}
     */
    public long offset() {
        return offset;
    }

    /** {@return the line (from 1) of {@link #offset()}, or -1 if not known} */
    public long line() {
        return line;
    }

    /** {@return the column (from 1, counted in UTF-8 sequences) of {@link #offset()}, or -1 if not known} */
    public long column() {
        return column;
    }

    /**
     * {@return the JSON Pointer (RFC 6901) from the document's root of the value this exception
     * concerns, or {@code null} if it concerns no value of a parsed document}; the pointer is exact
     * (member names unabbreviated, {@code ~} and {@code /} escaped as {@code ~0} and {@code ~1})
     */
    public String pointer() {
        return pointer;
    }

    /**
     * {@return whether this exception was raised while parsing input}: true for parse and limit
     * exceptions, and for memory exceptions raised by a parse (those then give the position the
     * parse had reached)
     */
    public boolean duringParse() {
        return false;
    }

    /** {@return " at " and the {@link #position position}, or "" when nothing is known: the end of a message about a value found after its parse} */
    static String atPosition(long offset, long line, long column) {
        return offset >= 0 ? " at " + position(offset, line, column) : "";
    }

    /** {@return "line L, column C (byte offset O)", "byte offset O", or "" when nothing is known} */
    static String position(long offset, long line, long column) {
        if (line > 0) {
            return "line " + line + ", column " + column + " (byte offset " + offset + ")";
        }
        return offset >= 0 ? "byte offset " + offset : "";
    }

    /**
     * {@return {@code pointer} for a message}: the root as {@code "" (the root)}, other characters
     * than printable ASCII escaped as {@code \\uXXXX}, and a long pointer shortened to its first and
     * last characters
     */
    static String quotePointer(String pointer) {
        if (pointer.isEmpty()) {
            return "\"\" (the root)";
        }
        return excerpt(pointer, MESSAGE_POINTER_CHARS);
    }

    /**
     * {@return {@code text} escaped to printable ASCII (a backslash doubled, a quote escaped, other
     * characters outside 0x20..0x7E as {@code \\uXXXX}); if longer than {@code max} characters,
     * only its first third and last two thirds of {@code max}, joined by "..."}
     */
    static String excerpt(String text, int max) {
        if (text.length() > max) {
            int head = max / 3;
            int tail = max - head;
            return escape(text.substring(0, head)) + "..." + escape(text.substring(text.length() - tail));
        }
        return escape(text);
    }

    private static String escape(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean plain = c >= 0x20 && c < 0x7F && c != '\\' && c != '"';
            if (!plain && sb == null) {
                sb = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (sb != null) {
                if (plain) {
                    sb.append(c);
                } else if (c == '\\' || c == '"') {
                    sb.append('\\').append(c);
                } else {
                    sb.append(String.format("\\u%04X", (int) c));
                }
            }
        }
        return sb == null ? s : sb.toString();
    }
}
