package dev.jsonarena;

import dev.jsonarena.testing.ReferenceJson.JArray;
import dev.jsonarena.testing.ReferenceJson.JNumber;
import dev.jsonarena.testing.ReferenceJson.JObject;
import dev.jsonarena.testing.ReferenceJson.JString;
import dev.jsonarena.testing.ReferenceJson.JValue;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * An independent account of the {@link JsonLimit}s of a valid document, for the limit properties
 * and the decoder oracle: {@link #measure} gives the smallest value of a limit under which the
 * document parses (computed from the reference parser's tree), and {@link #firstViolation} gives
 * the byte offset at which a parse under a smaller value must stop (computed by a separate scan of
 * the bytes). The two cross-check each other: under {@code measure} there is no violation, under
 * {@code measure - 1} there is one.
 *
 * <p>Where a limit is passed, as {@code docs/limits.md} and {@link JsonLimitException} define it:
 * <table class="striped">
 *   <caption>The offset reported for each limit</caption>
 *   <tr><th>limit</th><th>offset</th></tr>
 *   <tr><td>DEPTH</td><td>the {@code [} or {@code {} that opens the first container one level too deep</td></tr>
 *   <tr><td>DOCUMENT_BYTES</td><td>the limit itself: the first byte over it</td></tr>
 *   <tr><td>TOKENS</td><td>the first byte of the first token (value or member name) over the limit</td></tr>
 *   <tr><td>OBJECT_MEMBERS, ARRAY_ELEMENTS</td><td>the {@code ,} before the first member or element over the limit</td></tr>
 *   <tr><td>DISTINCT_KEYS</td><td>the opening quote of the first new member name over the limit</td></tr>
 *   <tr><td>KEY_BYTES, STRING_BYTES</td><td>the first byte of the character or escape whose UTF-8 passes the limit</td></tr>
 *   <tr><td>NUMBER_CHARS</td><td>the first character of the number over the limit</td></tr>
 * </table>
 *
 * <p>Thread-safety: static functions; thread-safe.
 */
final class LimitScanner {
    private LimitScanner() {}

    /**
     * {@return the smallest value of {@code limit} under which {@code json}, whose value is
     * {@code tree}, parses}: its depth, its length, its token count, its largest object or array,
     * its longest member name, string or number (0 if it has none)
     */
    static long measure(JValue tree, byte[] json, JsonLimit limit) {
        if (limit == JsonLimit.DOCUMENT_BYTES) {
            return json.length;
        }
        if (limit == JsonLimit.DISTINCT_KEYS) {
            Set<String> names = new HashSet<>();
            collectNames(tree, names);
            return names.size();
        }
        return measure(tree, limit);
    }

    private static void collectNames(JValue v, Set<String> names) {
        if (v instanceof JObject o) {
            for (Map.Entry<String, JValue> m : o.members()) {
                names.add(m.getKey());
                collectNames(m.getValue(), names);
            }
        } else if (v instanceof JArray a) {
            for (JValue e : a.elements()) {
                collectNames(e, names);
            }
        }
    }

    private static long measure(JValue v, JsonLimit limit) {
        long own = switch (v) {
            case JObject o -> switch (limit) {
                case DEPTH, TOKENS -> 1;
                case OBJECT_MEMBERS -> o.members().size();
                default -> 0;
            };
            case JArray a -> switch (limit) {
                case DEPTH, TOKENS -> 1;
                case ARRAY_ELEMENTS -> a.elements().size();
                default -> 0;
            };
            case JString s -> limit == JsonLimit.TOKENS ? 1
                    : limit == JsonLimit.STRING_BYTES ? s.value().getBytes(StandardCharsets.UTF_8).length : 0;
            case JNumber n -> limit == JsonLimit.TOKENS ? 1 : limit == JsonLimit.NUMBER_CHARS ? n.text().length() : 0;
            default -> limit == JsonLimit.TOKENS ? 1 : 0;
        };
        long children = 0;
        if (v instanceof JObject o) {
            for (Map.Entry<String, JValue> m : o.members()) {
                long c = measure(m.getValue(), limit);
                if (limit == JsonLimit.TOKENS) {
                    children += 1 + c; // the name and the value
                } else if (limit == JsonLimit.KEY_BYTES) {
                    children = Math.max(children, Math.max(c, m.getKey().getBytes(StandardCharsets.UTF_8).length));
                } else {
                    children = Math.max(children, c);
                }
            }
        } else if (v instanceof JArray a) {
            for (JValue e : a.elements()) {
                long c = measure(e, limit);
                children = limit == JsonLimit.TOKENS ? children + c : Math.max(children, c);
            }
        }
        return switch (limit) {
            case TOKENS -> own + children;
            case DEPTH -> own + children;
            default -> Math.max(own, children);
        };
    }

    /**
     * {@return the byte offset at which a parse of {@code json} with {@code limit} set to
     * {@code value} must stop, or -1 if the document is within it}
     *
     * @param json a valid JSON text without a byte order mark
     */
    static long firstViolation(byte[] json, JsonLimit limit, long value) {
        if (limit == JsonLimit.DOCUMENT_BYTES) {
            return json.length > value ? value : -1;
        }
        return new Scan(json, limit, value).run();
    }

    /** A scan of valid JSON that counts what one limit measures and stops where it is passed. */
    private static final class Scan {
        final byte[] in;
        final JsonLimit limit;
        final long value;
        int p;
        long tokens;
        int depth;
        // per open container: object or not, members or elements so far
        final Set<String> names = new HashSet<>();
        boolean[] objects = new boolean[16];
        long[] counts = new long[16];

        Scan(byte[] in, JsonLimit limit, long value) {
            this.in = in;
            this.limit = limit;
            this.value = value;
        }

        /** Thrown to stop the scan at the offset of the violation. */
        static final class Stop extends RuntimeException {
            final int offset;

            Stop(int offset) {
                super(null, null, false, false);
                this.offset = offset;
            }
        }

        long run() {
            try {
                ws();
                scanValues();
                return -1;
            } catch (Stop s) {
                return s.offset;
            }
        }

        void ws() {
            while (p < in.length && (in[p] == ' ' || in[p] == '\t' || in[p] == '\n' || in[p] == '\r')) {
                p++;
            }
        }

        void token() {
            if (++tokens > value && limit == JsonLimit.TOKENS) {
                throw new Stop(p);
            }
        }

        /** Scans the root value iteratively, whatever its depth. */
        void scanValues() {
            for (;;) {
                token();
                byte b = in[p];
                boolean closedEmpty = false;
                if (b == '{' || b == '[') {
                    if (++depth > value && limit == JsonLimit.DEPTH) {
                        throw new Stop(p);
                    }
                    if (depth == objects.length) {
                        objects = java.util.Arrays.copyOf(objects, depth * 2);
                        counts = java.util.Arrays.copyOf(counts, depth * 2);
                    }
                    objects[depth] = b == '{';
                    counts[depth] = 0;
                    p++;
                    ws();
                    if (in[p] == '}' || in[p] == ']') {
                        closedEmpty = true;
                    } else {
                        counts[depth] = 1;
                        if (objects[depth]) {
                            member();
                        }
                        continue;
                    }
                } else if (b == '"') {
                    string(JsonLimit.STRING_BYTES);
                } else if (b == 't' || b == 'n') {
                    p += 4;
                } else if (b == 'f') {
                    p += 5;
                } else {
                    number();
                }
                for (;;) {
                    if (!closedEmpty) {
                        if (depth == 0) {
                            return;
                        }
                        ws();
                        if (in[p] == ',') {
                            long count = ++counts[depth];
                            JsonLimit which = objects[depth] ? JsonLimit.OBJECT_MEMBERS : JsonLimit.ARRAY_ELEMENTS;
                            if (count > value && limit == which) {
                                throw new Stop(p);
                            }
                            p++;
                            ws();
                            if (objects[depth]) {
                                member();
                            }
                            break;
                        }
                    }
                    closedEmpty = false;
                    p++; // the closing bracket
                    depth--;
                }
            }
        }

        /** Scans a member name, the colon and the whitespace up to the value. */
        void member() {
            token();
            int quote = p;
            string(JsonLimit.KEY_BYTES);
            String name = decode(quote + 1, p - 1);
            if (names.add(name) && names.size() > value && limit == JsonLimit.DISTINCT_KEYS) {
                throw new Stop(quote);
            }
            ws();
            p++; // ':'
            ws();
        }

        /** Scans a string from its opening quote, counting its UTF-8 bytes after escapes. */
        void string(JsonLimit which) {
            p++;
            long bytes = 0;
            for (;;) {
                int b = in[p] & 0xFF;
                if (b == '"') {
                    p++;
                    return;
                }
                int at = p;
                int out;
                if (b == '\\') {
                    if (in[p + 1] == 'u') {
                        int cp = Integer.parseInt(new String(in, p + 2, 4, StandardCharsets.US_ASCII), 16);
                        p += 6;
                        if (Character.isHighSurrogate((char) cp)) {
                            p += 6; // the low surrogate escape
                            out = 4;
                        } else {
                            out = cp < 0x80 ? 1 : cp < 0x800 ? 2 : 3;
                        }
                    } else {
                        p += 2;
                        out = 1;
                    }
                } else {
                    out = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
                    p += out;
                }
                bytes += out;
                if (bytes > value && limit == which) {
                    throw new Stop(at);
                }
            }
        }

        /** {@return the text of the string whose content is {@code in[from, to)}, escapes resolved} */
        String decode(int from, int to) {
            StringBuilder sb = new StringBuilder();
            int i = from;
            while (i < to) {
                if (in[i] != '\\') {
                    int j = i;
                    while (j < to && in[j] != '\\') {
                        j++;
                    }
                    sb.append(new String(in, i, j - i, StandardCharsets.UTF_8));
                    i = j;
                } else if (in[i + 1] == 'u') {
                    sb.append((char) Integer.parseInt(new String(in, i + 2, 4, StandardCharsets.US_ASCII), 16));
                    i += 6;
                } else {
                    byte e = in[i + 1];
                    sb.append(switch (e) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        case 'r' -> '\r';
                        case 'b' -> '\b';
                        case 'f' -> '\f';
                        default -> (char) e; // '"', '\\', '/'
                    });
                    i += 2;
                }
            }
            return sb.toString();
        }

        void number() {
            int start = p;
            while (p < in.length && "+-.eE0123456789".indexOf(in[p]) >= 0) {
                p++;
            }
            if (p - start > value && limit == JsonLimit.NUMBER_CHARS) {
                throw new Stop((int) (start + value));
            }
        }
    }
}
