package dev.jsonarena;

import java.util.Objects;

/**
 * Thrown when a value is read that the document does not have: a strict read of a
 * {@linkplain JsonValue#isMissing() missing value} ({@code root.path("user").path("name").asString()}
 * where there is no {@code user}), or a strict one-call read of a member that is absent
 * ({@link JsonCursor#longAt(JsonKey)}).
 *
 * <p>{@link #pointer()} is the place of the first step that found nothing, e.g. {@code /user} for
 * {@code root.path("user").path("name")} without a {@code user}; the message also says what was
 * there instead, e.g. {@code no value at /user (expected: a member "user" of the object at "" (the root))}.
 * Its position, when known (see {@link JsonTypeException}), is that of the value the step was
 * taken from: the object without the member, the array without the element.
 *
 * <p>Thread-safety: immutable.
 */
public final class JsonMissingValueException extends JsonException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param pointer the JSON Pointer, from the document's root, of the first step that found nothing
     * @param expected what that step looked for, e.g. {@code a member "user" of the object at /data}
     * @throws NullPointerException if an argument is null
     */
    public JsonMissingValueException(String pointer, String expected) {
        this(pointer, expected, -1, -1, -1);
    }

    /**
     * Creates the exception with the input position of the value the step was taken from.
     *
     * @param pointer the JSON Pointer, from the document's root, of the first step that found nothing
     * @param expected what that step looked for, e.g. {@code a member "user" of the object at /data}
     * @param offset the byte offset of the value the step was taken from (the object without the
     *     member, the array without the element, or the value of another type), or -1 if not known
     * @param line the line (from 1) of {@code offset}, or -1 if not known
     * @param column the column (from 1, in UTF-8 sequences) of {@code offset}, or -1 if not known
     * @throws NullPointerException if {@code pointer} or {@code expected} is null
     * @throws IllegalArgumentException if a number is below -1, or only one of line and column is known
     */
    public JsonMissingValueException(String pointer, String expected, long offset, long line, long column) {
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(expected, "expected");
        super("no value at " + quotePointer(pointer) + " (expected: " + expected + ")" + atPosition(offset, line, column),
                null, offset, line, column, pointer);
    }
}
