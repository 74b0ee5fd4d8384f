package dev.jsonarena.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Writes the small value trees {@link ShapeCorpus} builds as JSON text, minified or pretty-printed,
 * so that one tree gives both layouts.
 *
 * <p>A tree is made of {@link Map} (members in iteration order), {@link List}, {@link String}
 * (written with only the escapes RFC 8259 requires: {@code "}, {@code \}, control characters;
 * other characters raw, as UTF-8), {@link Num} (a number literal written as given, so the corpus
 * chooses its form: {@code 12}, {@code -0.5}, {@code 6.02e23}), {@link Escaped} (string content
 * already escaped, written as given between quotes, so the corpus chooses its escapes),
 * {@link Boolean} and {@code null}. Pretty layout: two spaces per level, {@code ": "} after names,
 * one member or element per line, empty containers as {@code {}} and {@code []}.
 *
 * <p>Thread-safety: stateless.
 */
final class ShapeJson {
    /** A number literal, written as it is. */
    record Num(String text) {
        static Num of(long v) {
            return new Num(Long.toString(v));
        }
    }

    /** The content of a string value already escaped as JSON, written between quotes as it is. */
    record Escaped(String json) {}

    private ShapeJson() {}

    /** {@return {@code value} as UTF-8 JSON text, pretty-printed if {@code pretty}} */
    static byte[] write(Object value, boolean pretty) {
        StringBuilder sb = new StringBuilder(1024);
        write(sb, value, pretty, 0);
        if (pretty) {
            sb.append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@return the UTF-8 length of {@code value} written minified} */
    static int size(Object value) {
        return write(value, false).length;
    }

    private static void write(StringBuilder sb, Object v, boolean pretty, int depth) {
        switch (v) {
            case null -> sb.append("null");
            case Boolean b -> sb.append(b);
            case Num n -> sb.append(n.text());
            case Escaped e -> sb.append('"').append(e.json()).append('"');
            case String s -> string(sb, s);
            case Map<?, ?> m -> {
                if (m.isEmpty()) {
                    sb.append("{}");
                    return;
                }
                sb.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (!first) {
                        sb.append(',');
                    }
                    first = false;
                    newline(sb, pretty, depth + 1);
                    string(sb, (String) e.getKey());
                    sb.append(pretty ? ": " : ":");
                    write(sb, e.getValue(), pretty, depth + 1);
                }
                newline(sb, pretty, depth);
                sb.append('}');
            }
            case List<?> l -> {
                if (l.isEmpty()) {
                    sb.append("[]");
                    return;
                }
                sb.append('[');
                for (int i = 0; i < l.size(); i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    newline(sb, pretty, depth + 1);
                    write(sb, l.get(i), pretty, depth + 1);
                }
                newline(sb, pretty, depth);
                sb.append(']');
            }
            default -> throw new IllegalArgumentException("value of " + v.getClass() + " (expected: Map, List, String,"
                    + " Num, Escaped, Boolean or null)");
        }
    }

    private static void newline(StringBuilder sb, boolean pretty, int depth) {
        if (pretty) {
            sb.append('\n');
            sb.repeat(' ', 2 * depth);
        }
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
