package dev.jsonarena;

/**
 * The base of every exception jsonarena throws for bad input, exhausted limits or exhausted
 * memory. Programming errors (a {@code null} argument, a closed arena) are reported with the
 * standard {@link NullPointerException}, {@link IllegalArgumentException} and
 * {@link IllegalStateException} instead.
 */
public class JsonException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what went wrong, naming the thing, the value and the expectation
     */
    public JsonException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and a cause.
     *
     * @param message what went wrong
     * @param cause the underlying failure
     */
    public JsonException(String message, Throwable cause) {
        super(message, cause);
    }
}
