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
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(expected, "expected");
        super("no value at " + quotePointer(pointer) + " (expected: " + expected + ")", null, -1, -1, -1, pointer);
    }
}
