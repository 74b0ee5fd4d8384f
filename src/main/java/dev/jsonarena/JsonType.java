package dev.jsonarena;

/**
 * The type of a JSON value, as RFC 8259 defines them; {@code true} and {@code false} are two types
 * so that a switch over a value needs no second test.
 *
 * <p>Thread-safety: an enum; immutable.
 */
public enum JsonType {
    /** An object: {@code {"name": value, ...}}. */
    OBJECT,
    /** An array: {@code [value, ...]}. */
    ARRAY,
    /** A string: {@code "text"}. */
    STRING,
    /** A number, kept exactly as written: {@code -12.5e3}. */
    NUMBER,
    /** The literal {@code true}. */
    TRUE,
    /** The literal {@code false}. */
    FALSE,
    /** The literal {@code null}. */
    NULL
}
