package dev.jsonarena;

import java.lang.reflect.Type;
import java.util.Objects;

/**
 * Thrown when a value cannot be bound to the Java type asked for: a value of another JSON type, a
 * number that the type cannot hold exactly, a string that is no valid {@code UUID} or date, a
 * missing member for a primitive, {@code null} for a primitive, an unknown member when those are
 * rejected, an unknown enum constant or discriminator value.
 *
 * <p>It names the value by its {@linkplain #pointer() JSON Pointer} from the document's root, the
 * {@linkplain #targetType() target type} and {@linkplain #found() what was found}, e.g.
 * {@code cannot bind /items/2/qty to int: found NUMBER 1.5 (expected: an integer in the range of int)}.
 * {@link #offset()}, {@link #line()} and {@link #column()} give the value's place in the input when
 * the document was parsed from an array, a buffer or a segment still at hand (the tape keeps no
 * positions, so the input is read again along the pointer, on this error path only); for a
 * stream, a channel or a file they are -1. For a missing member, the pointer is the place the
 * member would have, and the position that of the object without it.
 *
 * <p>Thread-safety: immutable.
 */
public final class JsonBindException extends JsonException {
    private static final long serialVersionUID = 1L;
    /** The longest excerpt of a found value a message quotes. */
    private static final int FOUND_CHARS = 40;

    private final transient Type targetType;
    private final String found;

    /**
     * Creates the exception.
     *
     * @param pointer the JSON Pointer of the value from its document's root, or {@code null} if not known
     * @param targetType the Java type the value was bound to
     * @param found what was there, e.g. {@code NUMBER 1.5}, {@code NULL} or {@code no member}
     * @param expected what the type takes, e.g. {@code an integer in the range of int}
     * @param cause the underlying failure (a date parser's), or {@code null}
     * @throws NullPointerException if {@code targetType}, {@code found} or {@code expected} is null
     */
    public JsonBindException(String pointer, Type targetType, String found, String expected, Throwable cause) {
        this(pointer, targetType, found, expected, cause, -1, -1, -1);
    }

    /**
     * Creates the exception for a value whose position in the input is known.
     *
     * @param pointer the JSON Pointer of the value from its document's root, or {@code null} if not known
     * @param targetType the Java type the value was bound to
     * @param found what was there, e.g. {@code NUMBER 1.5}, {@code NULL} or {@code no member}
     * @param expected what the type takes, e.g. {@code an integer in the range of int}
     * @param cause the underlying failure (a date parser's), or {@code null}
     * @param offset the value's byte offset from the start of the input, or -1 if not known
     * @param line the line (from 1) of {@code offset}, or -1 if not known
     * @param column the column (from 1, in UTF-8 sequences) of {@code offset}, or -1 if not known
     * @throws NullPointerException if {@code targetType}, {@code found} or {@code expected} is null
     * @throws IllegalArgumentException if a number is below -1, or only one of line and column is known
     */
    public JsonBindException(String pointer, Type targetType, String found, String expected, Throwable cause,
                             long offset, long line, long column) {
        Objects.requireNonNull(targetType, "targetType");
        Objects.requireNonNull(found, "found");
        Objects.requireNonNull(expected, "expected");
        super("cannot bind " + (pointer == null ? "value" : quotePointer(pointer)) + " to " + targetType.getTypeName()
                + ": found " + excerpt(found, FOUND_CHARS) + " (expected: " + expected + ")"
                + atPosition(offset, line, column), cause, offset, line, column, pointer);
        this.targetType = targetType;
        this.found = found;
    }

    /** {@return the Java type the value was bound to} (null after deserialisation) */
    public Type targetType() {
        return targetType;
    }

    /** {@return what was found: the JSON type and a short excerpt of the value, or {@code no member}} */
    public String found() {
        return found;
    }
}
