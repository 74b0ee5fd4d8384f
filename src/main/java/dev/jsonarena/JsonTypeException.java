package dev.jsonarena;

import java.util.Objects;

/**
 * Thrown when a value is read as a type it does not have, for example {@code asLong()} on a string
 * or {@code asObject()} on an array. The document came from outside, so this is a property of the
 * input, reported under {@link JsonException} like every other one.
 *
 * <p>Thread-safety: immutable.
 */
public final class JsonTypeException extends JsonException {
    private static final long serialVersionUID = 1L;
    private final String expected;
    private final JsonType actual;

    /**
     * Creates the exception.
     *
     * @param expected the type or types the caller asked for, e.g. {@code "NUMBER"} or {@code "TRUE or FALSE"}
     * @param actual the type the value has
     * @throws NullPointerException if an argument is null
     */
    public JsonTypeException(String expected, JsonType actual) {
        super("value is " + Objects.requireNonNull(actual, "actual") + " (expected: "
                + Objects.requireNonNull(expected, "expected") + ")");
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
