package dev.jsonarena.tape;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Finds where a value of a parsed document is in the input it was parsed from, for errors raised
 * after the parse (type and binding errors). The tape keeps no input positions, so the path from
 * the root to the value ({@link Pointer#steps}) is followed again through the input text: in each
 * object the members are read up to the first one of the step's name (the member the tape kept,
 * under either duplicate policy), in each array the elements before the step's index are skipped.
 *
 * <p>The input is read as it is when the error is made. It was valid JSON when it was parsed; if
 * the caller has changed it since, the walk stops at the first byte that does not fit and finds no
 * position (or, if the changed bytes still fit, a position in the changed text). It reads no byte
 * outside the input and every step moves forward, so it ends in time linear in the input.
 *
 * <p>Thread-safety: static functions; thread-safe.
 */
final class InputPositions {
    /** The byte that starts each record of a JSON text sequence (RFC 7464). */
    private static final byte RECORD_SEPARATOR = 0x1E;

    private InputPositions() {}

    /**
     * {@return {offset, line, column} of the value {@code steps} lead to from the root of the JSON
     * text at {@code [from, from + length)} of {@code input}}, counted from {@code input}'s first
     * byte (a record's text in a batch of records: positions in the batch), or {@code null} if the
     * text does not hold such a value
     */
    static long[] position(MemorySegment input, long from, long length, List<Object> steps) {
        long at = offset(input.asSlice(from, length), steps);
        if (at < 0) {
            return null;
        }
        at += from;
        return new long[] {at, Errors.line(input, 0, at), Errors.column(input, 0, at)};
    }

    /** {@return the offset of the value {@code steps} lead to in {@code in}, or -1} */
    static long offset(MemorySegment in, List<Object> steps) {
        long n = in.byteSize();
        long p = 0;
        if (n >= 3 && at(in, 0) == (byte) 0xEF && at(in, 1) == (byte) 0xBB && at(in, 2) == (byte) 0xBF) {
            p = 3; // a byte order mark, which the parser skips when its limits allow one
        }
        while (p < n && (at(in, p) == RECORD_SEPARATOR || space(at(in, p)))) {
            p++; // whitespace, and the separator a record of a JSON text sequence starts with
        }
        for (Object step : steps) {
            if (p >= n) {
                return -1;
            }
            byte b = at(in, p);
            if (step instanceof String name) {
                p = b == '{' ? member(in, p + 1, n, name) : -1;
            } else {
                p = b == '[' ? element(in, p + 1, n, (Integer) step) : -1;
            }
            if (p < 0) {
                return -1;
            }
        }
        return p < n ? p : -1;
    }

    /** {@return the position of the value of the first member {@code name} of the object whose members start at {@code p}, or -1} */
    private static long member(MemorySegment in, long p, long n, String name) {
        StringBuilder sb = new StringBuilder();
        for (;;) {
            p = skipSpace(in, p, n);
            if (p >= n || at(in, p) != '"') {
                return -1;
            }
            sb.setLength(0);
            p = skipString(in, p, n, sb);
            if (p < 0) {
                return -1;
            }
            p = skipSpace(in, p, n);
            if (p >= n || at(in, p) != ':') {
                return -1;
            }
            p = skipSpace(in, p + 1, n);
            if (name.contentEquals(sb)) {
                return p;
            }
            p = skipSpace(in, skipValue(in, p, n), n);
            if (p < 0 || p >= n || at(in, p) != ',') {
                return -1;
            }
            p++;
        }
    }

    /** {@return the position of element {@code index} of the array whose elements start at {@code p}, or -1} */
    private static long element(MemorySegment in, long p, long n, int index) {
        p = skipSpace(in, p, n);
        for (int k = 0; k < index; k++) {
            p = skipSpace(in, skipValue(in, p, n), n);
            if (p < 0 || p >= n || at(in, p) != ',') {
                return -1;
            }
            p = skipSpace(in, p + 1, n);
        }
        return p;
    }

    /** {@return the position after the value that starts at {@code p}, or -1} */
    private static long skipValue(MemorySegment in, long p, long n) {
        if (p < 0 || p >= n) {
            return -1;
        }
        byte b = at(in, p);
        if (b == '"') {
            return skipString(in, p, n, null);
        }
        if (b != '{' && b != '[') {
            long q = p;
            while (q < n && !ends(at(in, q))) {
                q++;
            }
            return q > p ? q : -1;
        }
        long depth = 0;
        while (p < n) {
            b = at(in, p);
            if (b == '"') {
                p = skipString(in, p, n, null);
                if (p < 0) {
                    return -1;
                }
                continue;
            }
            if (b == '{' || b == '[') {
                depth++;
            } else if ((b == '}' || b == ']') && --depth == 0) {
                return p + 1;
            }
            p++;
        }
        return -1;
    }

    /**
     * {@return the position after the string whose quote is at {@code p}, or -1}; appends its
     * characters to {@code chars} if that is not null
     */
    private static long skipString(MemorySegment in, long p, long n, StringBuilder chars) {
        long run = ++p;
        while (p < n) {
            byte b = at(in, p);
            if (b == '"') {
                if (chars != null) {
                    appendUtf8(in, run, p, chars);
                }
                return p + 1;
            }
            if (b != '\\') {
                p++;
                continue;
            }
            if (p + 1 >= n) {
                return -1;
            }
            byte e = at(in, p + 1);
            if (chars != null) {
                appendUtf8(in, run, p, chars);
            }
            if (e == 'u') {
                if (p + 6 > n) {
                    return -1;
                }
                int c = 0;
                for (long q = p + 2; q < p + 6; q++) {
                    int d = Character.digit(at(in, q), 16);
                    if (d < 0) {
                        return -1;
                    }
                    c = c << 4 | d;
                }
                if (chars != null) {
                    chars.append((char) c);
                }
                p += 6;
            } else {
                if (chars != null) {
                    chars.append(switch (e) {
                        case 'b' -> '\b';
                        case 'f' -> '\f';
                        case 'n' -> '\n';
                        case 'r' -> '\r';
                        case 't' -> '\t';
                        default -> (char) e; // '"', '\\', '/'
                    });
                }
                p += 2;
            }
            run = p;
        }
        return -1;
    }

    private static void appendUtf8(MemorySegment in, long from, long to, StringBuilder chars) {
        if (to > from) {
            chars.append(new String(in.asSlice(from, to - from).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8));
        }
    }

    private static long skipSpace(MemorySegment in, long p, long n) {
        while (p >= 0 && p < n && space(at(in, p))) {
            p++;
        }
        return p;
    }

    private static boolean space(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    /** {@return whether {@code b} ends a number or literal} */
    private static boolean ends(byte b) {
        return b == ',' || b == '}' || b == ']' || space(b);
    }

    private static byte at(MemorySegment in, long p) {
        return in.get(ValueLayout.JAVA_BYTE, p);
    }
}
