package dev.jsonarena;

/**
 * How {@link JsonValue} writes JSON text. Both formats write members in document order, numbers
 * exactly as they were read (the same characters: {@code 1.50}, {@code -0}, {@code 1E+2} stay as
 * they are), strings with only {@code "}, {@code \} and the control characters U+0000..U+001F
 * escaped ({@code \" \\ \b \f \n \r \t}, otherwise {@code \}{@code u00XX} in lower case) and every
 * other character as UTF-8. So parsing the output gives the same document again, and writing that
 * gives the same bytes.
 *
 * <p>Thread-safety: immutable.
 */
public enum JsonFormat {
    /** No whitespace at all: {@code {"a":[1,2],"b":{}}}. */
    COMPACT,
    /**
     * The layout of JavaScript's {@code JSON.stringify(value, null, 2)}: each member or element on
     * its own line, indented by two spaces per level; {@code ": "} between a member's name and its
     * value; a closing bracket on its own line at its container's indentation; empty containers as
     * {@code {}} and {@code []}; lines end with {@code \n}; no newline after the last bracket.
     * <pre>
     * {
     *   "a": [
     *     1,
     *     2
     *   ],
     *   "b": {}
     * }</pre>
     */
    PRETTY
}
