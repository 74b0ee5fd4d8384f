package dev.jsonarena.bench;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The baseline of the decoder benchmarks: a plain heap decoder, "the thing servers do today". It
 * decodes a UTF-8 JSON text into {@link HashMap} (objects), {@link ArrayList} (arrays),
 * {@link String}, {@link Long} (integer literals that fit), {@link BigDecimal} (integer literals
 * that do not), {@link Double} (literals with a fraction or an exponent), {@link Boolean} and
 * {@code null}.
 *
 * <p>It is a straightforward, reasonable hand-written recursive-descent parser over a
 * {@code byte[]}, not a deliberately slow one: ASCII strings without escapes become a
 * {@code String} in one Latin-1 copy, other strings are validated and decoded once, integers of up
 * to 18 digits are accumulated without a {@code String}, decimals go through
 * {@link Double#parseDouble}. It is also strict, like jsonarena, so both do the same validation
 * work: RFC 8259 grammar, no leading zeros, no trailing commas or garbage, control characters and
 * invalid escapes rejected, strict UTF-8 (no overlongs, surrogates or code points above U+10FFFF),
 * lone surrogate escapes rejected, no byte-order mark. Nesting deeper than {@value #MAX_DEPTH}
 * levels is rejected (it recurses). Duplicate member names: the last one wins, as
 * {@link Map#put} does.
 *
 * <p>Thread-safety: {@link #decode} is a static function; each call uses its own state.
 */
public final class HeapJsonDecoder {
    /** The deepest nesting accepted. */
    public static final int MAX_DEPTH = 1024;

    private final byte[] buf;
    private final int start;
    private final int end;
    private int pos;
    private int depth;

    private HeapJsonDecoder(byte[] buf, int offset, int length) {
        this.buf = buf;
        this.start = offset;
        this.end = offset + length;
        this.pos = offset;
    }

    /**
     * Decodes one JSON text.
     *
     * @param json the UTF-8 input
     * @return the value: a {@code Map<String, Object>}, {@code List<Object>}, {@code String},
     *     {@code Long}, {@code BigDecimal}, {@code Double}, {@code Boolean} or {@code null}
     * @throws MalformedJsonException if {@code json} is not one JSON text
     */
    public static Object decode(byte[] json) {
        return decode(json, 0, json.length);
    }

    /**
     * Decodes the JSON text in {@code json[offset, offset + length)}.
     *
     * @param json the UTF-8 input
     * @param offset where the text starts
     * @param length its length in bytes
     * @return the value, as {@link #decode(byte[])}
     * @throws MalformedJsonException if the range is not one JSON text
     * @throws IndexOutOfBoundsException if the range is not inside {@code json}
     */
    public static Object decode(byte[] json, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, json.length);
        HeapJsonDecoder d = new HeapJsonDecoder(json, offset, length);
        Object v = d.value();
        d.skipWs();
        if (d.pos != d.end) {
            throw d.error("end of input after the JSON value");
        }
        return v;
    }

    /** A JSON text the heap decoder rejects, with the byte offset of the problem. */
    public static final class MalformedJsonException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final int offset;

        MalformedJsonException(int offset, String message) {
            super(message);
            this.offset = offset;
        }

        /** {@return the offset of the offending byte from the start of the text} */
        public int offset() {
            return offset;
        }
    }

    private MalformedJsonException error(String expected) {
        return error(pos, expected);
    }

    private MalformedJsonException error(int at, String expected) {
        String found = at >= end ? "end of input" : "byte 0x" + Integer.toHexString(buf[at] & 0xFF);
        return new MalformedJsonException(at - start, "at byte " + (at - start) + ": expected " + expected
                + ", found " + found);
    }

    private void skipWs() {
        byte[] b = buf;
        int p = pos;
        while (p < end) {
            byte c = b[p];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                break;
            }
            p++;
        }
        pos = p;
    }

    private Object value() {
        skipWs();
        if (pos >= end) {
            throw error("a JSON value");
        }
        byte c = buf[pos];
        switch (c) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return string();
            case 't':
                literal("true");
                return Boolean.TRUE;
            case 'f':
                literal("false");
                return Boolean.FALSE;
            case 'n':
                literal("null");
                return null;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("a JSON value");
        }
    }

    private void literal(String text) {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            if (pos + i >= end || buf[pos + i] != text.charAt(i)) {
                throw error(pos + i, "the literal " + text);
            }
        }
        pos += n;
    }

    private Map<String, Object> object() {
        if (++depth > MAX_DEPTH) {
            throw error("at most " + MAX_DEPTH + " levels of nesting");
        }
        pos++;
        HashMap<String, Object> map = new HashMap<>();
        skipWs();
        if (pos < end && buf[pos] == '}') {
            pos++;
            depth--;
            return map;
        }
        for (;;) {
            skipWs();
            if (pos >= end || buf[pos] != '"') {
                throw error("'\"' starting an object member name");
            }
            String key = string();
            skipWs();
            if (pos >= end || buf[pos] != ':') {
                throw error("':' after an object member name");
            }
            pos++;
            map.put(key, value());
            skipWs();
            if (pos >= end) {
                throw error("',' or '}' after an object member");
            }
            byte c = buf[pos++];
            if (c == '}') {
                depth--;
                return map;
            }
            if (c != ',') {
                throw error(pos - 1, "',' or '}' after an object member");
            }
        }
    }

    private List<Object> array() {
        if (++depth > MAX_DEPTH) {
            throw error("at most " + MAX_DEPTH + " levels of nesting");
        }
        pos++;
        ArrayList<Object> list = new ArrayList<>();
        skipWs();
        if (pos < end && buf[pos] == ']') {
            pos++;
            depth--;
            return list;
        }
        for (;;) {
            list.add(value());
            skipWs();
            if (pos >= end) {
                throw error("',' or ']' after an array element");
            }
            byte c = buf[pos++];
            if (c == ']') {
                depth--;
                return list;
            }
            if (c != ',') {
                throw error(pos - 1, "',' or ']' after an array element");
            }
        }
    }

    // ---- strings ----

    /** Decodes the string whose opening quote is at {@code pos}. */
    private String string() {
        byte[] b = buf;
        int first = pos + 1;
        int p = first;
        // common case: printable ASCII without escapes, one Latin-1 copy (a negative byte is >= 0x80)
        while (p < end) {
            byte c = b[p];
            if (c == '"') {
                pos = p + 1;
                return new String(b, first, p - first, StandardCharsets.ISO_8859_1);
            }
            if (c == '\\' || c < 0x20) {
                break;
            }
            p++;
        }
        // validate UTF-8 up to the closing quote or the first escape
        for (;;) {
            if (p >= end) {
                throw error(p, "'\"' closing the string");
            }
            int c = b[p] & 0xFF;
            if (c == '"') {
                pos = p + 1;
                return new String(b, first, p - first, StandardCharsets.UTF_8);
            }
            if (c == '\\') {
                break;
            }
            if (c < 0x20) {
                throw error(p, "a string character (U+0000..U+001F must be escaped)");
            }
            p = c < 0x80 ? p + 1 : utf8End(p, c);
        }
        return escapedString(first, p);
    }

    /** The rare path: a string with escapes; {@code [first, p)} is validated and {@code p} is a backslash. */
    private String escapedString(int first, int p) {
        byte[] b = buf;
        StringBuilder sb = new StringBuilder(p - first + 16);
        sb.append(new String(b, first, p - first, StandardCharsets.UTF_8));
        for (;;) {
            if (p >= end) {
                throw error(p, "'\"' closing the string");
            }
            int c = b[p] & 0xFF;
            if (c == '"') {
                pos = p + 1;
                return sb.toString();
            }
            if (c == '\\') {
                p = escape(p, sb);
            } else if (c < 0x20) {
                throw error(p, "a string character (U+0000..U+001F must be escaped)");
            } else if (c < 0x80) {
                sb.append((char) c);
                p++;
            } else {
                int next = utf8End(p, c);
                int cp = switch (next - p) {
                    case 2 -> (c & 0x1F) << 6 | (b[p + 1] & 0x3F);
                    case 3 -> (c & 0x0F) << 12 | (b[p + 1] & 0x3F) << 6 | (b[p + 2] & 0x3F);
                    default -> (c & 0x07) << 18 | (b[p + 1] & 0x3F) << 12 | (b[p + 2] & 0x3F) << 6 | (b[p + 3] & 0x3F);
                };
                sb.appendCodePoint(cp);
                p = next;
            }
        }
    }

    /** Decodes the escape whose backslash is at {@code p} into {@code sb}; {@return the position after it} */
    private int escape(int p, StringBuilder sb) {
        int c = p + 1 < end ? buf[p + 1] & 0xFF : -1;
        switch (c) {
            case '"', '\\', '/' -> sb.append((char) c);
            case 'b' -> sb.append('\b');
            case 'f' -> sb.append('\f');
            case 'n' -> sb.append('\n');
            case 'r' -> sb.append('\r');
            case 't' -> sb.append('\t');
            case 'u' -> {
                int u = hex4(p + 2);
                if (u >= 0xD800 && u <= 0xDBFF) {
                    int q = p + 6;
                    if (q + 1 >= end || buf[q] != '\\' || buf[q + 1] != 'u') {
                        throw error(q, "a low surrogate escape after a high surrogate (lone surrogates are rejected)");
                    }
                    int low = hex4(q + 2);
                    if (low < 0xDC00 || low > 0xDFFF) {
                        throw error(q, "a low surrogate escape \\uDC00..\\uDFFF after a high surrogate");
                    }
                    sb.append((char) u).append((char) low);
                    return q + 6;
                }
                if (u >= 0xDC00 && u <= 0xDFFF) {
                    throw error(p, "an escape of a code point (lone low surrogates are rejected)");
                }
                sb.append((char) u);
                return p + 6;
            }
            default -> throw error(p + 1, "an escape character: one of \" \\ / b f n r t u");
        }
        return p + 2;
    }

    private int hex4(int p) {
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int c = p + i < end ? buf[p + i] : -1;
            int d;
            if (c >= '0' && c <= '9') {
                d = c - '0';
            } else if (c >= 'a' && c <= 'f') {
                d = c - 'a' + 10;
            } else if (c >= 'A' && c <= 'F') {
                d = c - 'A' + 10;
            } else {
                throw error(p + i, "a hex digit of a \\u escape");
            }
            v = v << 4 | d;
        }
        return v;
    }

    /**
     * Validates the UTF-8 sequence of two to four bytes whose lead byte {@code lead} is at {@code p}
     * (RFC 3629: no overlongs, surrogates or code points above U+10FFFF); {@return the position after it}
     */
    private int utf8End(int p, int lead) {
        int n;
        int lo = 0x80;
        int hi = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            n = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            n = 3;
            if (lead == 0xE0) {
                lo = 0xA0;
            } else if (lead == 0xED) {
                hi = 0x9F;
            }
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            n = 4;
            if (lead == 0xF0) {
                lo = 0x90;
            } else if (lead == 0xF4) {
                hi = 0x8F;
            }
        } else {
            throw error(p, "a UTF-8 lead byte (0x00..0x7F or 0xC2..0xF4)");
        }
        int c = p + 1 < end ? buf[p + 1] & 0xFF : -1;
        if (c < lo || c > hi) {
            throw error(p + 1, "a UTF-8 continuation byte");
        }
        for (int i = 2; i < n; i++) {
            c = p + i < end ? buf[p + i] & 0xFF : -1;
            if (c < 0x80 || c > 0xBF) {
                throw error(p + i, "a UTF-8 continuation byte");
            }
        }
        return p + n;
    }

    // ---- numbers ----

    private Object number() {
        byte[] b = buf;
        int first = pos;
        int p = pos;
        boolean negative = false;
        if (b[p] == '-') {
            negative = true;
            p++;
        }
        long value = 0;
        int digits = 0;
        int c = p < end ? b[p] : -1;
        if (c == '0') {
            p++;
            digits = 1;
            if (p < end && b[p] >= '0' && b[p] <= '9') {
                throw error(p, "'.', 'e', 'E' or the end of the number after a leading 0");
            }
        } else if (c >= '1' && c <= '9') {
            while (p < end && b[p] >= '0' && b[p] <= '9') {
                value = value * 10 + (b[p] - '0');
                digits++;
                p++;
            }
        } else {
            throw error(p, "a digit");
        }
        boolean integer = true;
        if (p < end && b[p] == '.') {
            integer = false;
            p++;
            if (p >= end || b[p] < '0' || b[p] > '9') {
                throw error(p, "a digit after the decimal point");
            }
            while (p < end && b[p] >= '0' && b[p] <= '9') {
                p++;
            }
        }
        if (p < end && (b[p] == 'e' || b[p] == 'E')) {
            integer = false;
            p++;
            if (p < end && (b[p] == '+' || b[p] == '-')) {
                p++;
            }
            if (p >= end || b[p] < '0' || b[p] > '9') {
                throw error(p, "a digit in the exponent");
            }
            while (p < end && b[p] >= '0' && b[p] <= '9') {
                p++;
            }
        }
        pos = p;
        if (integer) {
            if (digits <= 18) {
                return negative ? -value : value;
            }
            String text = new String(b, first, p - first, StandardCharsets.ISO_8859_1);
            BigDecimal big = new BigDecimal(text);
            try {
                return big.longValueExact();
            } catch (ArithmeticException e) {
                return big;
            }
        }
        return Double.parseDouble(new String(b, first, p - first, StandardCharsets.ISO_8859_1));
    }
}
