package dev.jsonarena.tape;

import dev.jsonarena.JsonLimit;
import dev.jsonarena.JsonLimitException;
import dev.jsonarena.JsonParseException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Builds the parser's exceptions: position (offset, line, column) and excerpt are computed here,
 * on the error path only, from the input that is still at hand.
 *
 * <p>Thread-safety: static functions; thread-safe.
 */
public final class Errors {
    private Errors() {}

    /**
     * Checks a whole input's length against the document limit before any of it is read, for a
     * regular file, the command-line tool, and the parser's entry points for an array or a segment;
     * a streamed input is checked as it is read ({@code InputWindow}).
     *
     * @throws JsonLimitException if {@code length} passes {@code max}; its offset is {@code max},
     *     the first byte past the limit
     */
    public static void checkDocumentBytes(long length, long max) {
        if (length > max) {
            throw new JsonLimitException(JsonLimit.DOCUMENT_BYTES, max, max);
        }
    }

    private static final int EXCERPT_BEFORE = 15;
    private static final int EXCERPT_AFTER = 15;

    /**
     * {@return a parse exception}: the input is {@code [start, end)} of {@code in}, and {@code at}
     * the absolute position of the offending byte (or {@code end} for end of input).
     */
    static JsonParseException parse(byte[] in, long start, long end, long at, String expected) {
        return parse(in, start, end, at, expected, describe(in, end, at));
    }

    /**
     * {@return a parse exception for a window of the input}: {@code in[from, end)} is what the
     * window holds, {@code at} the offending position in it, and {@code offset}, {@code line},
     * {@code column} where that is in the whole input
     */
    static JsonParseException parse(byte[] in, long from, long end, long at, String expected, String found,
                                    long offset, long line, long column) {
        return new JsonParseException(expected, found, offset, line, column, excerpt(in, from, end, at));
    }

    /**
     * {@return a parse exception for the byte at {@code at} of a window {@code in[from, end)} (or
     * its end) that is not {@code expected}}: {@code offset}, {@code line}, {@code column} are where
     * {@code at} is in the whole input
     */
    public static JsonParseException inWindow(byte[] in, long from, long end, long at, String expected, long offset,
                                              long line, long column) {
        return parse(in, from, end, at, expected, describe(in, end, at), offset, line, column);
    }

    static JsonParseException parse(byte[] in, long start, long end, long at, String expected, String found) {
        return new JsonParseException(expected, found, at - start, line(in, start, at), column(in, start, at),
                excerpt(in, start, end, at));
    }

    /** {@return the line (from 1) of position {@code at} of the input that starts at {@code start} of {@code in}} */
    static long line(byte[] in, long start, long at) {
        return line(MemorySegment.ofArray(in), start, at);
    }

    /** {@return the column (from 1, in UTF-8 sequences) of position {@code at} of the input that starts at {@code start} of {@code in}} */
    static long column(byte[] in, long start, long at) {
        return column(MemorySegment.ofArray(in), start, at);
    }

    /** {@return the line (from 1) of position {@code at} of the input that starts at {@code start} of {@code in}} */
    static long line(MemorySegment in, long start, long at) {
        long line = 1;
        for (long p = start; p < at; p++) {
            if (in.get(ValueLayout.JAVA_BYTE, p) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** {@return the column (from 1, in UTF-8 sequences) of position {@code at} of the input that starts at {@code start} of {@code in}} */
    static long column(MemorySegment in, long start, long at) {
        long lineStart = start;
        for (long p = at - 1; p >= start; p--) {
            if (in.get(ValueLayout.JAVA_BYTE, p) == '\n') {
                lineStart = p + 1;
                break;
            }
        }
        long column = 1;
        for (long p = lineStart; p < at; p++) {
            if ((in.get(ValueLayout.JAVA_BYTE, p) & 0xC0) != 0x80) {
                column++;
            }
        }
        return column;
    }

    /** {@return what the input holds at {@code at}: a quoted character and its code, or end of input} */
    static String describe(byte[] in, long end, long at) {
        if (at >= end) {
            return "end of input";
        }
        int b = in[(int) at] & 0xFF;
        if (b >= 0x20 && b < 0x7F) {
            return "'" + (char) b + "' (0x" + hex(b) + ")";
        }
        return "byte 0x" + hex(b);
    }

    static String hex(int b) {
        return b < 16 ? "0" + Integer.toHexString(b).toUpperCase() : Integer.toHexString(b).toUpperCase();
    }

    /**
     * {@return the input around {@code at} as printable ASCII}: other bytes as {@code \xNN}, the
     * offending position marked with {@code >>>}.
     */
    static String excerpt(byte[] in, long start, long end, long at) {
        long from = Math.max(start, at - EXCERPT_BEFORE);
        long to = Math.min(end, at + EXCERPT_AFTER);
        StringBuilder sb = new StringBuilder(64);
        if (from > start) {
            sb.append("...");
        }
        for (long p = from; p < to || p == at; p++) {
            if (p == at) {
                sb.append(">>>");
                if (p >= end) {
                    sb.append("<end>");
                    break;
                }
            }
            int b = in[(int) p] & 0xFF;
            switch (b) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (b >= 0x20 && b < 0x7F) {
                        sb.append((char) b);
                    } else {
                        sb.append("\\x").append(hex(b));
                    }
                }
            }
        }
        if (to < end) {
            sb.append("...");
        }
        return sb.toString();
    }

    /** {@return a limit exception at position {@code at} of the input that starts at {@code start} of {@code in}, with its line and column} */
    static JsonLimitException limit(JsonLimit limit, long value, byte[] in, long start, long at) {
        return new JsonLimitException(limit, value, at - start, line(in, start, at), column(in, start, at));
    }
}
