package dev.jsonarena.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Cuts one value out of a JSON document, byte for byte as it appears there (its layout, escapes and
 * number forms kept), found by a path of member names and array indexes: how {@link ShapeCorpus}
 * takes single records (one tweet, one GitHub event) from the shared corpus files.
 *
 * <p>The scanner only skips values: it trusts that the document is valid JSON (the corpus files
 * are), and fails with {@link IllegalArgumentException} when a step of the path is not there.
 *
 * <p>Thread-safety: stateless.
 */
final class RecordCut {
    private RecordCut() {}

    /**
     * {@return the bytes of the value at {@code path} in {@code json}}
     *
     * @param path member names ({@link String}) and array indexes ({@link Integer}), from the root
     * @throws IllegalArgumentException if a step names a member or element that is not there
     */
    static byte[] value(byte[] json, Object... path) {
        int p = ws(json, 0);
        for (Object step : path) {
            p = step instanceof Integer i ? element(json, p, i) : member(json, p, (String) step);
        }
        return Arrays.copyOfRange(json, p, skip(json, p));
    }

    /** {@return the bytes of line {@code index} (from 0) of {@code text}, without its line break} */
    static byte[] line(byte[] text, int index) {
        int start = 0;
        for (int i = 0; i < index; i++) {
            start = indexOf(text, (byte) '\n', start) + 1;
            if (start == 0) {
                throw new IllegalArgumentException("line " + index + ": the text has only " + i + " lines");
            }
        }
        int end = indexOf(text, (byte) '\n', start);
        return Arrays.copyOfRange(text, start, end < 0 ? text.length : end);
    }

    private static int indexOf(byte[] b, byte v, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == v) {
                return i;
            }
        }
        return -1;
    }

    private static int member(byte[] json, int p, String name) {
        if (json[p] != '{') {
            throw new IllegalArgumentException("member \"" + name + "\": the value at byte " + p + " is no object");
        }
        byte[] want = ('"' + name + '"').getBytes(StandardCharsets.UTF_8);
        p = ws(json, p + 1);
        while (json[p] != '}') {
            int keyEnd = skip(json, p);
            boolean match = Arrays.equals(json, p, keyEnd, want, 0, want.length);
            p = ws(json, ws(json, keyEnd) + 1); // past the colon
            if (match) {
                return p;
            }
            p = next(json, skip(json, p));
        }
        throw new IllegalArgumentException("member \"" + name + "\": not in the object");
    }

    private static int element(byte[] json, int p, int index) {
        if (json[p] != '[') {
            throw new IllegalArgumentException("element " + index + ": the value at byte " + p + " is no array");
        }
        p = ws(json, p + 1);
        for (int i = 0; json[p] != ']'; i++) {
            if (i == index) {
                return p;
            }
            p = next(json, skip(json, p));
        }
        throw new IllegalArgumentException("element " + index + ": not in the array");
    }

    /** {@return the position after the comma that follows, or at the closing bracket} */
    private static int next(byte[] json, int p) {
        p = ws(json, p);
        return json[p] == ',' ? ws(json, p + 1) : p;
    }

    private static int ws(byte[] json, int p) {
        while (p < json.length && (json[p] == ' ' || json[p] == '\n' || json[p] == '\r' || json[p] == '\t')) {
            p++;
        }
        return p;
    }

    /** {@return the position after the value that starts at {@code p}} */
    private static int skip(byte[] json, int p) {
        byte c = json[p];
        if (c == '"') {
            for (p++; json[p] != '"'; p++) {
                if (json[p] == '\\') {
                    p++;
                }
            }
            return p + 1;
        }
        if (c == '{' || c == '[') {
            int depth = 0;
            for (;; p++) {
                byte b = json[p];
                if (b == '"') {
                    p = skip(json, p) - 1;
                } else if (b == '{' || b == '[') {
                    depth++;
                } else if ((b == '}' || b == ']') && --depth == 0) {
                    return p + 1;
                }
            }
        }
        while (p < json.length && ",}] \n\r\t".indexOf(json[p]) < 0) {
            p++;
        }
        return p;
    }
}
