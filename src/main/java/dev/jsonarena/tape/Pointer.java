package dev.jsonarena.tape;

import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates a JSON Pointer (RFC 6901) against a {@link Document}, and finds the pointer of a value
 * for error messages ({@link #of}).
 *
 * <p>{@code ""} is the value itself; otherwise the pointer is a sequence of {@code /}-prefixed
 * reference tokens in which {@code ~1} stands for {@code /} and {@code ~0} for {@code ~}. A token
 * selects the member of that name of an object, or the element of an array when it is {@code 0} or
 * a decimal without leading zeros that is in range; {@code -} (the element after the last) and any
 * token applied to a scalar select nothing.
 *
 * <p>Thread-safety: static functions; a document is read by one thread at a time.
 */
public final class Pointer {
    private Pointer() {}

    /**
     * {@return the tape index the pointer selects from {@code index}, or -1 if it selects nothing},
     * read for a view of arena epoch {@code epoch}
     *
     * @throws IllegalArgumentException if {@code pointer} is not a JSON Pointer: it is neither empty
     *     nor starts with {@code /}, or has a {@code ~} not followed by {@code 0} or {@code 1}
     */
    public static int resolve(Document doc, int index, String pointer, long epoch) {
        if (pointer.isEmpty()) {
            return index;
        }
        if (pointer.charAt(0) != '/') {
            throw new IllegalArgumentException("jsonPointer: \"" + pointer + "\" (expected: empty or starting with '/')");
        }
        int pos = 1;
        int cur = index;
        StringBuilder token = new StringBuilder();
        for (;;) {
            token.setLength(0);
            int n = pointer.length();
            while (pos < n && pointer.charAt(pos) != '/') {
                char c = pointer.charAt(pos++);
                if (c == '~') {
                    char d = pos < n ? pointer.charAt(pos++) : 0;
                    if (d == '0') {
                        token.append('~');
                    } else if (d == '1') {
                        token.append('/');
                    } else {
                        throw new IllegalArgumentException("jsonPointer: \"" + pointer + "\" has '~' at " + (pos - 2)
                                + " (expected: '~0' or '~1')");
                    }
                } else {
                    token.append(c);
                }
            }
            if (cur >= 0) {
                cur = step(doc, cur, token, epoch);
            }
            if (pos >= n) {
                return cur;
            }
            pos++; // the '/'
        }
    }

    private static int step(Document doc, int cur, CharSequence token, long epoch) {
        long w = doc.word(cur);
        int tag = Tape.tag(w);
        if (tag == Tape.OBJECT) {
            return doc.member(cur, doc.keyId(token), epoch);
        }
        if (tag != Tape.ARRAY) {
            return -1;
        }
        int n = token.length();
        if (n == 0 || n > 10 || (n > 1 && token.charAt(0) == '0')) {
            return -1;
        }
        long k = 0;
        for (int i = 0; i < n; i++) {
            char c = token.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            k = k * 10 + (c - '0');
        }
        if (k >= Tape.count(w)) {
            return -1;
        }
        return doc.element(cur, (int) k, epoch);
    }

    /**
     * {@return the JSON Pointer from the root of {@code doc} (tape index 0) to the value at tape
     * index {@code index}}: the {@linkplain #steps steps} to it, escaped and joined. For error
     * messages only; {@code null} if {@code index} is not the index of a value.
     */
    public static String of(Document doc, int index) {
        List<Object> steps = steps(doc, index);
        if (steps == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (Object step : steps) {
            sb.append('/');
            if (step instanceof String name) {
                appendEscaped(sb, name);
            } else {
                sb.append(step);
            }
        }
        return sb.toString();
    }

    /**
     * {@return the steps from the root of {@code doc} (tape index 0) down to the value at tape index
     * {@code index}}: a member name ({@link String}) for each object and an element index
     * ({@link Integer}) for each array on the way. Found by a walk down from the root that skips
     * every sibling subtree by its span, so it costs the members and elements before the path's
     * steps, not the document. For error paths only; {@code null} if {@code index} is not the
     * index of a value.
     */
    static List<Object> steps(Document doc, int index) {
        List<Object> steps = new ArrayList<>();
        int cur = 0;
        while (cur != index) {
            long w = doc.word(cur);
            int tag = Tape.tag(w);
            if ((tag != Tape.OBJECT && tag != Tape.ARRAY) || index < cur || index >= cur + Tape.span(w)) {
                return null;
            }
            int j = cur + 1;
            int count = Tape.count(w);
            int found = -1;
            for (int k = 0; k < count; k++) {
                int value = tag == Tape.OBJECT ? j + 1 : j;
                int next = value + Tape.words(doc.word(value));
                if (index >= value && index < next) {
                    steps.add(tag == Tape.OBJECT ? doc.keyName(Tape.keyId(doc.word(j))) : Integer.valueOf(k));
                    found = value;
                    break;
                }
                j = next;
            }
            if (found < 0) {
                return null; // a KEY word
            }
            cur = found;
        }
        return steps;
    }

    /** {@return {@code pointer} with one more step, {@code token} escaped ({@code ~} as {@code ~0}, {@code /} as {@code ~1})} */
    public static String append(String pointer, String token) {
        StringBuilder sb = new StringBuilder(pointer.length() + token.length() + 4).append(pointer).append('/');
        appendEscaped(sb, token);
        return sb.toString();
    }

    private static void appendEscaped(StringBuilder sb, String token) {
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == '~') {
                sb.append("~0");
            } else if (c == '/') {
                sb.append("~1");
            } else {
                sb.append(c);
            }
        }
    }
}
