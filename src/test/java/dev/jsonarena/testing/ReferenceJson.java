package dev.jsonarena.testing;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A strict RFC 8259 reference parser and writer, written for obviousness rather than speed, that
 * tests use as the oracle for jsonarena's decoder.
 *
 * <p>{@link #parse(byte[])} accepts exactly the JSON texts of RFC 8259 encoded in UTF-8
 * (RFC 3629), with these documented choices:
 * <ul>
 *   <li>the whole input must be well-formed UTF-8: overlong forms, UTF-8-encoded surrogates
 *       ({@code ED A0..BF ..}), code points above U+10FFFF and truncated sequences are rejected
 *       wherever they appear;</li>
 *   <li>a leading byte order mark is rejected unless {@code allowBom} is set;</li>
 *   <li>a {@code \}{@code u} escape of a lone surrogate (a high one not followed by an escaped low
 *       one, or a low one on its own) is rejected, since it has no UTF-8 form;</li>
 *   <li>duplicate keys are valid syntax: a {@link JObject} keeps every member in order, so the
 *       caller applies a duplicate-key policy;</li>
 *   <li>numbers keep their exact text ({@link JNumber}); range is not this parser's concern;</li>
 *   <li>nesting deeper than {@code maxDepth} throws {@link TooDeep}, a {@link Rejected} that
 *       reports a limit, not a syntax error.</li>
 * </ul>
 *
 * <p>Thread-safety: all methods are stateless and thread-safe; the value types are immutable.
 */
public final class ReferenceJson {

    /**
     * Nesting depth accepted by {@link #parse(byte[])}; {@code []} has depth 1, {@code [[]]} 2.
     * Parsing at this depth needs under 512 KiB of thread stack, even interpreted.
     */
    public static final int DEFAULT_MAX_DEPTH = 1024;

    /** A JSON value: the neutral tree that {@link #parse} returns. */
    public sealed interface JValue permits JObject, JArray, JString, JNumber, JTrue, JFalse, JNull {}

    /** An object: its members in document order, duplicates included. */
    public record JObject(List<Map.Entry<String, JValue>> members) implements JValue {
        public JObject {
            members = List.copyOf(members);
            for (Map.Entry<String, JValue> m : members) {
                Objects.requireNonNull(m.getKey(), "member key");
                Objects.requireNonNull(m.getValue(), "member value");
            }
        }

        /** {@return the values of every member named {@code key}, in document order} */
        public List<JValue> all(String key) {
            List<JValue> out = new ArrayList<>();
            for (Map.Entry<String, JValue> m : members) {
                if (m.getKey().equals(key)) {
                    out.add(m.getValue());
                }
            }
            return out;
        }

        /** {@return whether two members share a key} */
        public boolean hasDuplicateKeys() {
            return members.stream().map(Map.Entry::getKey).distinct().count() != members.size();
        }
    }

    /** An array: its elements in document order. */
    public record JArray(List<JValue> elements) implements JValue {
        public JArray {
            elements = List.copyOf(elements);
        }
    }

    /** A string, decoded (escapes resolved); never contains a lone surrogate when parsed. */
    public record JString(String value) implements JValue {
        public JString {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * A number as its exact source text, e.g. {@code -0}, {@code 1E+400}.
     *
     * @param text matches the RFC 8259 {@code number} production
     */
    public record JNumber(String text) implements JValue {
        public JNumber {
            byte[] b = text.getBytes(StandardCharsets.UTF_8);
            Parser p = new Parser(b, Integer.MAX_VALUE);
            boolean ok = b.length > 0 && (b[0] == '-' || isDigit(b[0]));
            if (ok) {
                try {
                    p.number();
                    ok = p.pos == b.length;
                } catch (Rejected e) {
                    ok = false;
                }
            }
            if (!ok) {
                throw new IllegalArgumentException(
                        "text: '" + text + "' (expected: an RFC 8259 number)");
            }
        }

        /**
         * {@return the value as a BigDecimal}
         *
         * @throws NumberFormatException if the exponent does not fit an int
         */
        public BigDecimal toBigDecimal() {
            return new BigDecimal(text);
        }
    }

    /** The literal {@code true}. */
    public record JTrue() implements JValue {}

    /** The literal {@code false}. */
    public record JFalse() implements JValue {}

    /** The literal {@code null}. */
    public record JNull() implements JValue {}

    /** The {@code true} literal. */
    public static final JTrue TRUE = new JTrue();
    /** The {@code false} literal. */
    public static final JFalse FALSE = new JFalse();
    /** The {@code null} literal. */
    public static final JNull NULL = new JNull();

    /** Thrown when the input is not a JSON text; carries the byte offset of the first error. */
    public static class Rejected extends RuntimeException {
        private final int offset;

        Rejected(String reason, byte[] input, int offset) {
            super(reason + " at offset " + offset + " (" + lineAndColumn(input, offset) + ")");
            this.offset = offset;
        }

        /** {@return the byte offset of the first error in the input} */
        public int offset() {
            return offset;
        }
    }

    /** Thrown when nesting exceeds the depth limit: a limit of this parser, not invalid JSON. */
    public static final class TooDeep extends Rejected {
        TooDeep(int maxDepth, byte[] input, int offset) {
            super("too deep: depth " + (maxDepth + 1) + " exceeds maxDepth " + maxDepth,
                    input, offset);
        }
    }

    private ReferenceJson() {}

    /**
     * {@return the value of {@code json}}: a BOM is rejected and nesting is limited to
     * {@link #DEFAULT_MAX_DEPTH}
     *
     * @throws Rejected if {@code json} is not a JSON text ({@link TooDeep} if too deeply nested)
     */
    public static JValue parse(byte[] json) {
        return parse(json, false, DEFAULT_MAX_DEPTH);
    }

    /**
     * {@return the value of {@code json} encoded as UTF-8}
     *
     * @throws Rejected if it is not a JSON text
     */
    public static JValue parse(String json) {
        return parse(json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@return the value of {@code json}}
     *
     * @param allowBom whether a leading UTF-8 byte order mark ({@code EF BB BF}) is skipped
     * @param maxDepth the deepest nesting accepted; {@code >= 0}; the calling thread needs about
     *                 0.5 KiB of stack per level
     * @throws Rejected                 if {@code json} is not a JSON text
     * @throws TooDeep                  if it nests deeper than {@code maxDepth}
     * @throws IllegalArgumentException if {@code maxDepth < 0}
     */
    public static JValue parse(byte[] json, boolean allowBom, int maxDepth) {
        if (maxDepth < 0) {
            throw new IllegalArgumentException("maxDepth: " + maxDepth + " (expected: >= 0)");
        }
        Parser p = new Parser(json, maxDepth);
        p.validateUtf8();
        if (json.length >= 3 && (json[0] & 0xFF) == 0xEF && (json[1] & 0xFF) == 0xBB
                && (json[2] & 0xFF) == 0xBF) {
            if (!allowBom) {
                throw p.reject("byte order mark");
            }
            p.pos = 3;
        }
        p.skipWhitespace();
        if (p.pos == json.length) {
            throw p.reject("empty document (expected: a value)");
        }
        JValue v = p.value();
        p.skipWhitespace();
        if (p.pos != json.length) {
            throw p.reject("trailing data " + describe(json[p.pos]) + " after the value");
        }
        return v;
    }

    /** {@return whether {@link #parse(byte[])} accepts {@code json}} */
    public static boolean isValid(byte[] json) {
        try {
            parse(json);
            return true;
        } catch (Rejected e) {
            return false;
        }
    }

    /* ---------------------------------------------------------------- writing */

    /**
     * {@return {@code v} as compact JSON}: no whitespace; strings escape {@code "} and {@code \}
     * and control characters (short escapes where RFC 8259 has one, else {@code \}{@code u00XX});
     * everything else, {@code /} and non-ASCII included, is written as is
     *
     * @throws IllegalArgumentException if a string holds a lone surrogate (it has no JSON form
     *                                  that {@link #parse} accepts)
     */
    public static String write(JValue v) {
        StringBuilder out = new StringBuilder();
        write(v, out);
        return out.toString();
    }

    /** {@return {@link #write(JValue)} encoded as UTF-8} */
    public static byte[] writeBytes(JValue v) {
        return write(v).getBytes(StandardCharsets.UTF_8);
    }

    private static void write(JValue v, StringBuilder out) {
        switch (v) {
            case JObject o -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<String, JValue> m : o.members()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    writeString(m.getKey(), false, out);
                    out.append(':');
                    write(m.getValue(), out);
                }
                out.append('}');
            }
            case JArray a -> {
                out.append('[');
                for (int i = 0; i < a.elements().size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(a.elements().get(i), out);
                }
                out.append(']');
            }
            case JString s -> writeString(s.value(), false, out);
            case JNumber n -> out.append(n.text());
            case JTrue _ -> out.append("true");
            case JFalse _ -> out.append("false");
            case JNull _ -> out.append("null");
        }
    }

    /**
     * {@return {@code s} as a JSON string by the escaping rule, a char at a time}: the two-char
     * escapes, {@code \}{@code u00XX} for the other control characters, everything else as it is, and a lone
     * surrogate as U+FFFD (the generator's rule for what UTF-8 cannot hold)
     */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2);
        writeString(s, true, out);
        return out.toString();
    }

    /** Writes {@code s} quoted; a lone surrogate becomes U+FFFD if {@code replaceLone}, else is refused. */
    private static void writeString(String s, boolean replaceLone, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c) && replaceLone) {
                        out.append('\uFFFD');
                    } else if (Character.isSurrogate(c)) {
                        throw new IllegalArgumentException(String.format(
                                "string: lone surrogate U+%04X at index %d (expected: none)",
                                (int) c, i));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /* ---------------------------------------------------------------- equality */

    /**
     * {@return whether {@code a} and {@code b} are the same tree, numbers compared by exact text}
     * Member order matters and duplicates count; this is {@code a.equals(b)}, spelled out.
     */
    public static boolean sameByText(JValue a, JValue b) {
        return same(a, b, false);
    }

    /**
     * {@return whether {@code a} and {@code b} are the same tree, numbers compared by value}:
     * {@code 1.0}, {@code 1}, {@code 10E-1} and {@code -0}/{@code 0} compare equal. Numbers whose
     * exponent does not fit a BigDecimal are compared by text. Member order matters.
     */
    public static boolean sameByValue(JValue a, JValue b) {
        return same(a, b, true);
    }

    private static boolean same(JValue a, JValue b, boolean byValue) {
        return switch (a) {
            case JObject x when b instanceof JObject y -> {
                if (x.members().size() != y.members().size()) {
                    yield false;
                }
                for (int i = 0; i < x.members().size(); i++) {
                    Map.Entry<String, JValue> mx = x.members().get(i);
                    Map.Entry<String, JValue> my = y.members().get(i);
                    if (!mx.getKey().equals(my.getKey())
                            || !same(mx.getValue(), my.getValue(), byValue)) {
                        yield false;
                    }
                }
                yield true;
            }
            case JArray x when b instanceof JArray y -> {
                if (x.elements().size() != y.elements().size()) {
                    yield false;
                }
                for (int i = 0; i < x.elements().size(); i++) {
                    if (!same(x.elements().get(i), y.elements().get(i), byValue)) {
                        yield false;
                    }
                }
                yield true;
            }
            case JNumber x when b instanceof JNumber y -> byValue ? sameNumber(x, y) : x.equals(y);
            default -> a.equals(b);
        };
    }

    private static boolean sameNumber(JNumber x, JNumber y) {
        try {
            return x.toBigDecimal().compareTo(y.toBigDecimal()) == 0;
        } catch (NumberFormatException | ArithmeticException e) {
            return x.text().equals(y.text());
        }
    }

    /* ---------------------------------------------------------------- parsing */

    /*
     * Implementation notes: recursive descent over the bytes, one method per grammar rule of
     * RFC 8259 section 2-7. The input is first checked to be well-formed UTF-8 as a whole
     * (RFC 3629 section 4 table), so the rules only ever see valid code points. Recursion is
     * bounded by maxDepth, so a deep input ends in TooDeep, never in StackOverflowError, as long
     * as the thread stack fits maxDepth levels: measured at up to 0.5 KiB per level with -Xint
     * (DEFAULT_MAX_DEPTH fits in 512 KiB; the JVM default is 1 MiB, surefire here runs -Xss4m).
     * write and the equality helpers recurse too, with smaller frames.
     */
    private static final class Parser {
        final byte[] in;
        final int maxDepth;
        int pos;
        int depth;

        Parser(byte[] in, int maxDepth) {
            this.in = in;
            this.maxDepth = maxDepth;
        }

        Rejected reject(String reason) {
            return new Rejected(reason, in, pos);
        }

        Rejected rejectAt(String reason, int offset) {
            return new Rejected(reason, in, offset);
        }

        void validateUtf8() {
            for (int i = 0; i < in.length; ) {
                i += utf8Length(i);
            }
        }

        /** {@return the length of the well-formed UTF-8 sequence at {@code i}} */
        int utf8Length(int i) {
            int b0 = in[i] & 0xFF;
            if (b0 < 0x80) {
                return 1;
            }
            int len;
            int lo = 0x80;
            int hi = 0xBF;
            if (b0 >= 0xC2 && b0 <= 0xDF) {
                len = 2;
            } else if (b0 >= 0xE0 && b0 <= 0xEF) {
                len = 3;
                if (b0 == 0xE0) {
                    lo = 0xA0; // below is an overlong 3-byte form
                } else if (b0 == 0xED) {
                    hi = 0x9F; // above is a UTF-8-encoded surrogate
                }
            } else if (b0 >= 0xF0 && b0 <= 0xF4) {
                len = 4;
                if (b0 == 0xF0) {
                    lo = 0x90; // below is an overlong 4-byte form
                } else if (b0 == 0xF4) {
                    hi = 0x8F; // above is beyond U+10FFFF
                }
            } else {
                throw rejectAt("invalid UTF-8 lead byte " + describe(in[i]), i);
            }
            for (int k = 1; k < len; k++) {
                if (i + k >= in.length) {
                    throw rejectAt("truncated UTF-8 sequence", i);
                }
                int b = in[i + k] & 0xFF;
                int min = k == 1 ? lo : 0x80;
                int max = k == 1 ? hi : 0xBF;
                if (b < min || b > max) {
                    throw rejectAt("invalid UTF-8 sequence (byte " + describe(in[i + k])
                            + " after lead " + describe(in[i]) + ")", i);
                }
            }
            return len;
        }

        void skipWhitespace() {
            while (pos < in.length) {
                byte b = in[pos];
                if (b == ' ' || b == '\t' || b == '\n' || b == '\r') {
                    pos++;
                } else {
                    return;
                }
            }
        }

        JValue value() {
            if (pos >= in.length) {
                throw reject("unexpected end of input (expected: a value)");
            }
            byte b = in[pos];
            return switch (b) {
                case '{' -> object();
                case '[' -> array();
                case '"' -> new JString(string());
                case 't' -> literal("true", TRUE);
                case 'f' -> literal("false", FALSE);
                case 'n' -> literal("null", NULL);
                default -> {
                    if (b == '-' || isDigit(b)) {
                        int start = pos;
                        number();
                        yield new JNumber(new String(in, start, pos - start, StandardCharsets.US_ASCII));
                    }
                    throw reject("unexpected " + describe(b) + " (expected: a value)");
                }
            };
        }

        JValue literal(String word, JValue v) {
            for (int i = 0; i < word.length(); i++) {
                if (pos + i >= in.length || in[pos + i] != word.charAt(i)) {
                    throw reject("invalid literal (expected: " + word + ")");
                }
            }
            pos += word.length();
            return v;
        }

        void enter() {
            if (depth == maxDepth) {
                throw new TooDeep(maxDepth, in, pos);
            }
            depth++;
        }

        JObject object() {
            enter();
            pos++; // '{'
            List<Map.Entry<String, JValue>> members = new ArrayList<>();
            skipWhitespace();
            if (pos < in.length && in[pos] == '}') {
                pos++;
                depth--;
                return new JObject(members);
            }
            while (true) {
                skipWhitespace();
                if (pos >= in.length || in[pos] != '"') {
                    throw reject(pos >= in.length ? "unterminated object"
                            : "unexpected " + describe(in[pos]) + " (expected: a string key)");
                }
                String key = string();
                skipWhitespace();
                expect(':', "':' after the key");
                skipWhitespace();
                members.add(Map.entry(key, value()));
                skipWhitespace();
                if (pos >= in.length) {
                    throw reject("unterminated object");
                }
                if (in[pos] == ',') {
                    pos++;
                } else if (in[pos] == '}') {
                    pos++;
                    depth--;
                    return new JObject(members);
                } else {
                    throw reject("unexpected " + describe(in[pos]) + " (expected: ',' or '}')");
                }
            }
        }

        JArray array() {
            enter();
            pos++; // '['
            List<JValue> elements = new ArrayList<>();
            skipWhitespace();
            if (pos < in.length && in[pos] == ']') {
                pos++;
                depth--;
                return new JArray(elements);
            }
            while (true) {
                skipWhitespace();
                elements.add(value());
                skipWhitespace();
                if (pos >= in.length) {
                    throw reject("unterminated array");
                }
                if (in[pos] == ',') {
                    pos++;
                } else if (in[pos] == ']') {
                    pos++;
                    depth--;
                    return new JArray(elements);
                } else {
                    throw reject("unexpected " + describe(in[pos]) + " (expected: ',' or ']')");
                }
            }
        }

        void expect(char c, String what) {
            if (pos >= in.length) {
                throw reject("unexpected end of input (expected: " + what + ")");
            }
            if (in[pos] != c) {
                throw reject("unexpected " + describe(in[pos]) + " (expected: " + what + ")");
            }
            pos++;
        }

        /** number = [ minus ] int [ frac ] [ exp ]; leaves pos after the number. */
        void number() {
            if (in[pos] == '-') {
                pos++;
            }
            if (pos >= in.length || !isDigit(in[pos])) {
                throw reject("number: expected a digit");
            }
            if (in[pos] == '0') {
                pos++;
                if (pos < in.length && isDigit(in[pos])) {
                    throw reject("number: leading zero");
                }
            } else {
                digits();
            }
            if (pos < in.length && in[pos] == '.') {
                pos++;
                if (pos >= in.length || !isDigit(in[pos])) {
                    throw reject("number: expected a digit after '.'");
                }
                digits();
            }
            if (pos < in.length && (in[pos] == 'e' || in[pos] == 'E')) {
                pos++;
                if (pos < in.length && (in[pos] == '+' || in[pos] == '-')) {
                    pos++;
                }
                if (pos >= in.length || !isDigit(in[pos])) {
                    throw reject("number: expected a digit in the exponent");
                }
                digits();
            }
        }

        void digits() {
            while (pos < in.length && isDigit(in[pos])) {
                pos++;
            }
        }

        /** string = quotation-mark *char quotation-mark; returns the decoded content. */
        String string() {
            int open = pos;
            pos++; // '"'
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (pos >= in.length) {
                    throw rejectAt("unterminated string", open);
                }
                int b = in[pos] & 0xFF;
                if (b == '"') {
                    pos++;
                    return sb.toString();
                } else if (b == '\\') {
                    escape(sb);
                } else if (b < 0x20) {
                    throw reject("control character " + describe(in[pos]) + " in string");
                } else if (b < 0x80) {
                    sb.append((char) b);
                    pos++;
                } else {
                    int len = utf8Length(pos);
                    sb.append(new String(in, pos, len, StandardCharsets.UTF_8));
                    pos += len;
                }
            }
        }

        void escape(StringBuilder sb) {
            int start = pos;
            pos++; // '\'
            if (pos >= in.length) {
                throw rejectAt("unterminated escape", start);
            }
            byte e = in[pos++];
            switch (e) {
                case '"' -> sb.append('"');
                case '\\' -> sb.append('\\');
                case '/' -> sb.append('/');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    char c = hex4(start);
                    if (Character.isLowSurrogate(c)) {
                        throw rejectAt("lone low surrogate escape", start);
                    }
                    if (Character.isHighSurrogate(c)) {
                        int second = pos;
                        if (pos + 1 >= in.length || in[pos] != '\\' || in[pos + 1] != 'u') {
                            throw rejectAt("lone high surrogate escape", start);
                        }
                        pos += 2;
                        char low = hex4(second);
                        if (!Character.isLowSurrogate(low)) {
                            throw rejectAt("lone high surrogate escape", start);
                        }
                        sb.append(c).append(low);
                    } else {
                        sb.append(c);
                    }
                }
                default -> throw rejectAt("invalid escape " + describe(e), start);
            }
        }

        /** Reads the 4 hex digits after {@code \}{@code u}; {@code start} is the backslash. */
        char hex4(int start) {
            int v = 0;
            for (int i = 0; i < 4; i++) {
                int d = pos < in.length ? Character.digit(in[pos], 16) : -1;
                if (d < 0) {
                    throw rejectAt("\\u escape needs 4 hex digits", start);
                }
                v = v << 4 | d;
                pos++;
            }
            return (char) v;
        }
    }

    /* ---------------------------------------------------------------- helpers */

    static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    static String describe(byte b) {
        int u = b & 0xFF;
        return u >= 0x21 && u < 0x7F ? "'" + (char) u + "'" : String.format("0x%02X", u);
    }

    static String lineAndColumn(byte[] in, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < Math.min(offset, in.length); i++) {
            if (in[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return "line " + line + ", column " + (offset - lineStart + 1);
    }

    /** {@return whether the trees are equal, numbers compared by value (a BigDecimal may respell 89e-35 as 8.9E-34)} */
    public static boolean sameValue(JValue a, JValue b) {
        if (a instanceof JNumber x && b instanceof JNumber y) {
            return x.toBigDecimal().compareTo(y.toBigDecimal()) == 0;
        }
        if (a instanceof JObject x && b instanceof JObject y) {
            if (x.members().size() != y.members().size()) {
                return false;
            }
            for (int i = 0; i < x.members().size(); i++) {
                if (!x.members().get(i).getKey().equals(y.members().get(i).getKey())
                        || !sameValue(x.members().get(i).getValue(), y.members().get(i).getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof JArray x && b instanceof JArray y) {
            if (x.elements().size() != y.elements().size()) {
                return false;
            }
            for (int i = 0; i < x.elements().size(); i++) {
                if (!sameValue(x.elements().get(i), y.elements().get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }
}
