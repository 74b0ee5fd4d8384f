package dev.jsonarena.testing;

import dev.jsonarena.testing.Property.Gen;
import dev.jsonarena.testing.ReferenceJson.JArray;
import dev.jsonarena.testing.ReferenceJson.JNumber;
import dev.jsonarena.testing.ReferenceJson.JObject;
import dev.jsonarena.testing.ReferenceJson.JString;
import dev.jsonarena.testing.ReferenceJson.JValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Random valid JSON for property tests: a random {@link JValue} tree, then a random but valid
 * spelling of it (insignificant whitespace, optional escapes, hex case), so that every
 * {@link Document} carries both the bytes and the value {@link ReferenceJson#parse} must return.
 *
 * {@snippet :
 * Property.check("decoder agrees with the reference", 500, gen -> {
 *     JsonGenerator.Document doc = new JsonGenerator(gen).document();
 *     // decode doc.bytes() and compare with doc.expected()
 * });
 * }
 *
 * <p>Sizes scale with {@link Gen#size()}: the first tries of a property build scalars and tiny
 * containers, the last ones up to {@link Options#maxDepth()} levels and
 * {@link Options#nodeBudget()} nodes. What is generated:
 * <ul>
 *   <li>strings of ASCII, control characters, 2-, 3- and 4-byte UTF-8 characters and boundary
 *       code points (U+0080, U+07FF, U+0800, U+D7FF, U+E000, U+FFFF, U+10000, U+10FFFF, U+2028,
 *       U+FEFF), written raw or escaped with every escape RFC 8259 has: {@code \" \\ \/ \b \f \n
 *       \r \t} and {@code \}{@code uXXXX} in either hex case, astral characters as escaped
 *       surrogate pairs;</li>
 *   <li>numbers: ordinary ones built from the grammar (sign, int, frac, exp with {@code e}/{@code
 *       E} and {@code +}/{@code -}, exponent digits with leading zeros), and extreme ones: zeros
 *       and negative zeros, {@code Long.MIN_VALUE}/{@code MAX_VALUE} and their neighbours,
 *       integers far beyond 64 bits, {@code 1e308}, {@code 1e309}, {@code 4.9e-324},
 *       {@code 1e-400}, long fractions;</li>
 *   <li>objects with distinct keys, or with repeated keys if {@link Options#duplicateKeys()};</li>
 *   <li>optionally a chain of {@link Options#deepNesting()} containers, or wide containers via
 *       {@link Options#wide(int)}.</li>
 * </ul>
 *
 * <p>Thread-safety: not thread-safe, like the {@link Gen} it draws from.
 */
public final class JsonGenerator {

    /**
     * What to generate.
     *
     * @param maxDepth        deepest nesting of random trees at the largest size; {@code >= 0}
     * @param maxWidth        most elements or members per container at the largest size
     * @param nodeBudget      most containers' children per tree at the largest size
     * @param maxStringLength most code points per string at the largest size
     * @param deepNesting     if {@code > 0}, {@link #document()} and {@link #value()} return a
     *                        chain of exactly this many nested containers (see {@link #deep(int)})
     * @param unicode         whether strings hold non-ASCII characters
     * @param optionalEscapes whether characters that may be written raw are sometimes escaped
     * @param extremeNumbers  whether numbers include the extreme cases
     * @param duplicateKeys   whether objects may repeat a key
     * @param whitespace      whether insignificant whitespace is inserted between tokens
     */
    public record Options(int maxDepth, int maxWidth, int nodeBudget, int maxStringLength,
                          int deepNesting, boolean unicode, boolean optionalEscapes,
                          boolean extremeNumbers, boolean duplicateKeys, boolean whitespace) {

        /** Moderate trees, everything enabled except duplicate keys and deep nesting. */
        public static final Options DEFAULT =
                new Options(6, 12, 300, 24, 0, true, true, true, false, true);

        public Options {
            if (maxDepth < 0 || maxWidth < 0 || nodeBudget < 0 || maxStringLength < 0
                    || deepNesting < 0) {
                throw new IllegalArgumentException("options: " + "maxDepth=" + maxDepth
                        + " maxWidth=" + maxWidth + " nodeBudget=" + nodeBudget
                        + " maxStringLength=" + maxStringLength + " deepNesting=" + deepNesting
                        + " (expected: all >= 0)");
            }
        }

        /** {@return these options generating a chain of exactly {@code levels} containers} */
        public Options withDeepNesting(int levels) {
            return new Options(maxDepth, maxWidth, nodeBudget, maxStringLength, levels, unicode,
                    optionalEscapes, extremeNumbers, duplicateKeys, whitespace);
        }

        /** {@return these options with flat containers of up to {@code width} children} */
        public Options wide(int width) {
            return new Options(2, width, 2 * width, maxStringLength, deepNesting, unicode,
                    optionalEscapes, extremeNumbers, duplicateKeys, whitespace);
        }

        /** {@return these options with objects that may repeat keys} */
        public Options withDuplicateKeys(boolean enabled) {
            return new Options(maxDepth, maxWidth, nodeBudget, maxStringLength, deepNesting,
                    unicode, optionalEscapes, extremeNumbers, enabled, whitespace);
        }

        /** {@return these options with or without insignificant whitespace} */
        public Options withWhitespace(boolean enabled) {
            return new Options(maxDepth, maxWidth, nodeBudget, maxStringLength, deepNesting,
                    unicode, optionalEscapes, extremeNumbers, duplicateKeys, enabled);
        }

        /** {@return these options with or without non-ASCII characters and optional escapes} */
        public Options withUnicodeAndEscapes(boolean enabled) {
            return new Options(maxDepth, maxWidth, nodeBudget, maxStringLength, deepNesting,
                    enabled, enabled, extremeNumbers, duplicateKeys, whitespace);
        }

        /** {@return these options with or without extreme numbers} */
        public Options withExtremeNumbers(boolean enabled) {
            return new Options(maxDepth, maxWidth, nodeBudget, maxStringLength, deepNesting,
                    unicode, optionalEscapes, enabled, duplicateKeys, whitespace);
        }
    }

    /**
     * A generated JSON text and the value it denotes.
     *
     * @param bytes    valid UTF-8 JSON
     * @param expected what {@link ReferenceJson#parse(byte[])} returns for {@code bytes}
     */
    public record Document(byte[] bytes, JValue expected) {
        /** {@return the bytes decoded as UTF-8} */
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "Document[" + text() + "]";
        }
    }

    private static final String[] EXTREME_NUMBERS = {
        "0", "-0", "0.0", "-0.0", "0e0", "-0E-0", "0e+00", "0.000000000000000000000",
        "9223372036854775807", "9223372036854775806", "9223372036854775808",
        "-9223372036854775808", "-9223372036854775807", "-9223372036854775809",
        "18446744073709551615", "18446744073709551616", "2147483647", "2147483648",
        "-2147483648", "-2147483649", "9007199254740992", "9007199254740993",
        "1e308", "1E308", "1e+308", "-1e308", "1.7976931348623157e308", "1.7976931348623158E+308",
        "1e309", "-1e309", "1e400", "4.9e-324", "5e-324", "4.9E-324", "2.4703282292062327e-324",
        "2.2250738585072014e-308", "2.2250738585072011e-308", "1e-400", "-1e-400", "1e-07",
        "0.1", "0.30000000000000004", "1e0", "1E-0", "123456789e-5", "1e10000", "-1e-10000",
    };

    private static final int[] BOUNDARY_CODE_POINTS = {
        0x80, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFD, 0xFFFE, 0xFFFF, 0x10000, 0x10FFFF,
        0x2028, 0x2029, 0xFEFF, 0x1F600, 0xFFFFF,
    };

    private final Gen gen;
    private final Options options;
    private int budget;

    /** Creates a generator with {@link Options#DEFAULT}. */
    public JsonGenerator(Gen gen) {
        this(gen, Options.DEFAULT);
    }

    /** Creates a generator drawing from {@code gen}. */
    public JsonGenerator(Gen gen, Options options) {
        this.gen = Objects.requireNonNull(gen, "gen");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** {@return a random document: {@link #value()} spelled by {@link #encode(JValue)}} */
    public Document document() {
        JValue v = value();
        return new Document(encode(v), v);
    }

    /**
     * {@return a random value}: the {@link #deep(int)} chain if {@link Options#deepNesting()} is
     * set, else a tree sized by {@link Gen#size()}
     */
    public JValue value() {
        if (options.deepNesting() > 0) {
            return deep(options.deepNesting());
        }
        budget = scaled(options.nodeBudget());
        return value(0, scaled(options.maxDepth()));
    }

    /**
     * {@return a chain of exactly {@code levels} nested containers}, each a random array or
     * object that may also hold scalar siblings, around a scalar
     *
     * @throws IllegalArgumentException if {@code levels < 0}
     */
    public JValue deep(int levels) {
        if (levels < 0) {
            throw new IllegalArgumentException("levels: " + levels + " (expected: >= 0)");
        }
        JValue v = scalar();
        for (int i = 0; i < levels; i++) {
            boolean siblings = gen.chance(0.1);
            if (gen.nextBoolean()) {
                List<JValue> elements = new ArrayList<>();
                if (siblings) {
                    elements.add(scalar());
                }
                elements.add(v);
                if (siblings) {
                    elements.add(scalar());
                }
                v = new JArray(elements);
            } else {
                List<Map.Entry<String, JValue>> members = new ArrayList<>();
                String key = string();
                if (siblings) {
                    members.add(Map.entry(key + "0", scalar()));
                }
                members.add(Map.entry(key, v));
                v = new JObject(members);
            }
        }
        return v;
    }

    /** {@return a random string value (decoded text), never holding a lone surrogate} */
    public String string() {
        int n = gen.sized(options.maxStringLength());
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.appendCodePoint(codePoint());
        }
        return sb.toString();
    }

    /** {@return random text of a valid RFC 8259 number} */
    public String numberText() {
        if (options.extremeNumbers() && gen.chance(0.3)) {
            return switch (gen.nextInt(4)) {
                case 0 -> (gen.nextBoolean() ? "-" : "") + (1 + gen.nextInt(9))
                        + digits(20 + gen.sized(400)); // far beyond 64 bits
                case 1 -> (gen.nextBoolean() ? "-" : "") + gen.nextInt(10) + "."
                        + digits(1 + gen.sized(80)) + (gen.nextBoolean() ? "e-" + gen.nextInt(400) : "");
                default -> gen.pick(EXTREME_NUMBERS);
            };
        }
        StringBuilder sb = new StringBuilder();
        if (gen.chance(0.3)) {
            sb.append('-');
        }
        if (gen.chance(0.2)) {
            sb.append('0');
        } else {
            sb.append(1 + gen.nextInt(9)).append(digits(gen.nextInt(1 + Math.min(18, gen.size()))));
        }
        if (gen.chance(0.3)) {
            sb.append('.').append(digits(1 + gen.nextInt(1 + Math.min(17, gen.size()))));
        }
        if (gen.chance(0.25)) {
            sb.append(gen.nextBoolean() ? 'e' : 'E').append(gen.pick("", "+", "-"));
            sb.append(digits(1 + gen.nextInt(3)));
        }
        return sb.toString();
    }

    /**
     * {@return {@code v} spelled as valid UTF-8 JSON}, randomly: whitespace between tokens (if
     * enabled), optional escapes (if enabled), either hex case in {@code \}{@code u} escapes
     *
     * @throws IllegalArgumentException if a string in {@code v} holds a lone surrogate
     */
    public byte[] encode(JValue v) {
        StringBuilder out = new StringBuilder();
        ws(out);
        encode(v, out);
        ws(out);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /* ---------------------------------------------------------------- trees */

    private int scaled(int max) {
        return (int) Math.max(1, Math.min(max, (long) max * gen.size() / Property.MAX_SIZE));
    }

    private JValue value(int depth, int maxDepth) {
        if (depth < maxDepth && budget > 0 && gen.chance(depth == 0 ? 0.7 : 0.35)) {
            int width = Math.min(budget, gen.nextInt(1 + scaled(options.maxWidth())));
            budget -= width;
            if (gen.nextBoolean()) {
                List<JValue> elements = new ArrayList<>(width);
                for (int i = 0; i < width; i++) {
                    elements.add(value(depth + 1, maxDepth));
                }
                return new JArray(elements);
            }
            List<Map.Entry<String, JValue>> members = new ArrayList<>(width);
            Set<String> keys = new HashSet<>();
            for (int i = 0; i < width; i++) {
                String key;
                if (options.duplicateKeys() && !members.isEmpty() && gen.chance(0.2)) {
                    key = gen.pick(members).getKey();
                } else {
                    key = string();
                    while (!keys.add(key)) {
                        key = key + (char) ('a' + gen.nextInt(26));
                    }
                }
                members.add(Map.entry(key, value(depth + 1, maxDepth)));
            }
            return new JObject(members);
        }
        return scalar();
    }

    private JValue scalar() {
        return switch (gen.nextInt(8)) {
            case 0, 1, 2 -> new JString(string());
            case 3, 4, 5 -> new JNumber(numberText());
            case 6 -> gen.nextBoolean() ? ReferenceJson.TRUE : ReferenceJson.FALSE;
            default -> ReferenceJson.NULL;
        };
    }

    private int codePoint() {
        int kind = gen.nextInt(options.unicode() ? 16 : 10);
        return switch (kind) {
            case 0, 1, 2, 3, 4, 5, 6 -> gen.intBetween(0x20, 0x7E);
            case 7 -> gen.pick((int) '"', (int) '\\', (int) '/');
            case 8 -> gen.chance(0.9) ? gen.intBetween(0x00, 0x1F) : 0x7F;
            case 9 -> gen.pick((int) '\b', (int) '\f', (int) '\n', (int) '\r', (int) '\t');
            case 10 -> gen.intBetween(0x80, 0x7FF);
            case 11, 12 -> {
                int c = gen.intBetween(0x800, 0xFFFF - 0x800); // skip the surrogate block
                yield c >= 0xD800 ? c + 0x800 : c;
            }
            case 13, 14 -> gen.intBetween(0x10000, 0x10FFFF);
            default -> BOUNDARY_CODE_POINTS[gen.nextInt(BOUNDARY_CODE_POINTS.length)];
        };
    }

    private String digits(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('0' + gen.nextInt(10)));
        }
        return sb.toString();
    }

    /* ---------------------------------------------------------------- spelling */

    private void ws(StringBuilder out) {
        if (options.whitespace() && gen.chance(0.3)) {
            int n = 1 + gen.nextInt(3);
            for (int i = 0; i < n; i++) {
                out.append(gen.pick(' ', '\t', '\r', '\n'));
            }
        }
    }

    private void encode(JValue v, StringBuilder out) {
        switch (v) {
            case JObject o -> {
                out.append('{');
                ws(out);
                for (int i = 0; i < o.members().size(); i++) {
                    if (i > 0) {
                        out.append(',');
                        ws(out);
                    }
                    encodeString(o.members().get(i).getKey(), out);
                    ws(out);
                    out.append(':');
                    ws(out);
                    encode(o.members().get(i).getValue(), out);
                    ws(out);
                }
                out.append('}');
            }
            case JArray a -> {
                out.append('[');
                ws(out);
                for (int i = 0; i < a.elements().size(); i++) {
                    if (i > 0) {
                        out.append(',');
                        ws(out);
                    }
                    encode(a.elements().get(i), out);
                    ws(out);
                }
                out.append(']');
            }
            case JString s -> encodeString(s.value(), out);
            default -> out.append(ReferenceJson.write(v));
        }
    }

    private void encodeString(String s, StringBuilder out) {
        out.append('"');
        boolean optional = options.optionalEscapes();
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            if (Character.isSurrogate(s.charAt(i)) && c < 0x10000) {
                throw new IllegalArgumentException(String.format(
                        "string: lone surrogate U+%04X at index %d (expected: none)", c, i));
            }
            i += Character.charCount(c);
            switch (c) {
                case '"' -> out.append(optional && gen.chance(0.3) ? unicodeEscape(c) : "\\\"");
                case '\\' -> out.append(optional && gen.chance(0.3) ? unicodeEscape(c) : "\\\\");
                case '/' -> out.append(optional ? gen.pick("/", "\\/", unicodeEscape(c)) : "/");
                case '\b' -> out.append(optional && gen.chance(0.3) ? unicodeEscape(c) : "\\b");
                case '\f' -> out.append(optional && gen.chance(0.3) ? unicodeEscape(c) : "\\f");
                case '\n' -> out.append(optional && gen.chance(0.3) ? unicodeEscape(c) : "\\n");
                case '\r' -> out.append(optional && gen.chance(0.3) ? unicodeEscape(c) : "\\r");
                case '\t' -> out.append(optional && gen.chance(0.3) ? unicodeEscape(c) : "\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(unicodeEscape(c));
                    } else if (optional && gen.chance(c < 0x80 ? 0.05 : 0.3)) {
                        if (c >= 0x10000) {
                            out.append(unicodeEscape(Character.highSurrogate(c)));
                            out.append(unicodeEscape(Character.lowSurrogate(c)));
                        } else {
                            out.append(unicodeEscape(c));
                        }
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private String unicodeEscape(int c) {
        String hex = String.format("%04x", c);
        StringBuilder sb = new StringBuilder("\\u");
        for (int i = 0; i < 4; i++) {
            char h = hex.charAt(i);
            sb.append(gen.nextBoolean() ? Character.toUpperCase(h) : h);
        }
        return sb.toString();
    }
}
