package dev.jsonarena;

import java.util.Objects;

/**
 * Thrown when a value is read as a type it does not have, for example {@code asLong()} on a string
 * or {@code asObject()} on an array. The document came from outside, so this is a property of the
 * input, reported under {@link JsonException} like every other one.
 *
 * <p>The exception names the value by its {@linkplain #pointer() JSON Pointer}, e.g.
 * {@code value at /records/3/level is NUMBER (expected: STRING) at line 4, column 12 (byte offset 85)}.
 * The reads of the views always give the pointer; it is found on this error path only, by a walk
 * from the document's root. The value's position in the input is given when the document was
 * parsed from an array, a buffer or a segment that is still at hand (it is found by reading that
 * input again along the pointer); for a stream, a channel or a file it is not known (-1).
 *
 * <p>Thread-safety: immutable.
 */
public final class JsonTypeException extends JsonException {
    private static final long serialVersionUID = 1L;
    private final String expected;
    private final JsonType actual;

    /**
     * Creates the exception for a value whose place is not known.
     *
     * @param expected the type or types the caller asked for, e.g. {@code "NUMBER"} or {@code "TRUE or FALSE"}
     * @param actual the type the value has
     * @throws NullPointerException if an argument is null
     */
    public JsonTypeException(String expected, JsonType actual) {
        this(expected, actual, null);
    }

    /**
     * Creates the exception.
     *
     * @param expected the type or types the caller asked for, e.g. {@code "NUMBER"} or {@code "TRUE or FALSE"}
     * @param actual the type the value has
     * @param pointer the JSON Pointer of the value from its document's root, or {@code null} if not known
     * @throws NullPointerException if {@code expected} or {@code actual} is null
     */
    public JsonTypeException(String expected, JsonType actual, String pointer) {
        this(expected, actual, pointer, -1, -1, -1);
    }

    /**
     * Creates the exception for a value whose position in the input is known.
     *
     * @param expected the type or types the caller asked for, e.g. {@code "NUMBER"} or {@code "TRUE or FALSE"}
     * @param actual the type the value has
     * @param pointer the JSON Pointer of the value from its document's root, or {@code null} if not known
     * @param offset the value's byte offset from the start of the input, or -1 if not known
     * @param line the line (from 1) of {@code offset}, or -1 if not known
     * @param column the column (from 1, in UTF-8 sequences) of {@code offset}, or -1 if not known
     * @throws NullPointerException if {@code expected} or {@code actual} is null
     * @throws IllegalArgumentException if a number is below -1, or only one of line and column is known
     */
    public JsonTypeException(String expected, JsonType actual, String pointer, long offset, long line, long column) {
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(actual, "actual");
        super("value " + (pointer == null ? "" : "at " + quotePointer(pointer) + " ") + "is " + actual
                + " (expected: " + expected + ")" + atPosition(offset, line, column), null, offset, line, column, pointer);
        this.expected = expected;
        this.actual = actual;
    }

    /** {@return the type or types the caller asked for} */
    public String expected() {
        return expected;
    }

    /** {@return the type the value has} */
    public JsonType actual() {
        return actual;
    }
}
