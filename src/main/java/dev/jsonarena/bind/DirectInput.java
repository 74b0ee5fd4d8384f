package dev.jsonarena.bind;

import dev.jsonarena.DuplicateKeyPolicy;
import dev.jsonarena.JsonLimits;
import dev.jsonarena.tape.Latin1;
import dev.jsonarena.tape.Numbers;
import dev.jsonarena.tape.Swar;
import dev.jsonarena.tape.Utf8;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The input of a bind that reads a {@code byte[]} directly, without parsing it into an arena
 * first: a strict JSON lexer that either reads a value exactly as the parser would, or gives up.
 *
 * <p><b>Succeed or give up.</b> Whatever this class does not read as the parser would, it does not
 * read at all: it throws {@link #GIVE_UP}, and the caller binds through a parsed document instead,
 * whose parser and binders then report the error (with its offset, line, column and pointer) or
 * bind what this class declined. So this class only has to be right when it succeeds: it must
 * accept nothing the parser refuses (invalid JSON, any limit passed, a duplicate name under
 * {@link DuplicateKeyPolicy#REJECT}) and read every value to what the document's views would give.
 * It gives up on invalid input and on everything rare: escaped member names, numbers of more
 * than 19 digits, an exponent of a number bound to anything but {@code float} or {@code double},
 * nesting past {@link Reading#MAX_DEPTH} or the depth limit, a
 * document larger than the per-container limits could have to count, and any input its checks
 * cannot prove within a limit. The error path therefore reads the input twice; the good one once.
 *
 * <p><b>Limits.</b> Each limit is either checked as the lexer goes or shown unreachable before it
 * starts: the document's size, the depth (strictly below the limit), a string's and a name's bytes
 * (their raw bytes, never fewer than the decoded ones), a number's characters, the tokens (values
 * and names, counted), the distinct keys (at most the names, counted), and the members of one
 * object and elements of one array (an object of {@code n} members takes at least {@code 5n + 1}
 * bytes, an array of {@code n} elements {@code 2n + 1}: a document shorter than four times the
 * member limit and twice the element limit cannot pass them).
 *
 * <p><b>Duplicate names</b> are found per object. Names matched to a record's components are
 * checked by the record (a bit per component); the others go on a stack of the names of the
 * objects open at the moment. An object's first {@link #COMPARED_NAMES} names are compared with
 * each other (a length, then the bytes of equal lengths); from the next one on, its names are in
 * an open-addressing table (entries of an object are dropped when it closes, last in first out,
 * which leaves the table exactly as it was before they went in). A probe
 * chain longer than {@link #MAX_PROBES} grows the table, which such chains do not need by chance;
 * in a table already 64 times the names it holds, it gives up: names chosen to collide cost no
 * more than short scans before the parser's seeded table takes over.
 *
 * <p>Thread-safety: not thread-safe; each {@link Reading} owns one.
 */
final class DirectInput {
    /** Where direct reading stops: the caller binds through a parsed document instead. */
    static final class GiveUp extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private GiveUp() {
            super("the input is bound through a parsed document", null, false, false);
        }
    }

    /** The one instance: it carries no stack trace and no state. */
    static final GiveUp GIVE_UP = new GiveUp();

    /** The longest probe chain of the duplicate-name table before it grows (or gives up, in a table far larger than its names). */
    static final int MAX_PROBES = 16;
    /** The most names the duplicate-name table holds at once before giving up. */
    private static final int MAX_OPEN_NAMES = 1 << 15;
    /** The most slots of the duplicate-name table (12 bytes each): a bind state keeps at most this table. */
    private static final int MAX_SLOTS = 1 << 16;
    /** The longest decoded string whose {@code char}s go through the kept array; longer ones take an array of their own. */
    private static final int KEPT_CHARS = 1 << 16;
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] in;
    /** The next byte to read, and the end of the input. */
    private int p;
    private int end;
    private int depthBound;
    private int maxStringBytes;
    private int maxKeyBytes;
    private int maxNumberChars;
    private int maxTokens;
    private int maxKeys;
    private boolean rejectDuplicates;
    /** Whether a newline ends the input's value: a record of JSON Lines, read from a window that holds more. */
    private boolean lineRecord;
    /** The newlines in the whitespace read so far (valid JSON has no other), and the index just past the last one. */
    private int newlines;
    private int lineStart;
    private int depth;
    private int tokens;
    private int names;

    /** The largest scale of a bound {@code BigDecimal}, as {@code JsonValue.asBigDecimal} allows. */
    private static final int MAX_SCALE = 10_000;

    // the number read last: (negative ? -1 : 1) * significand / 10^fractionDigits * 10^exponent
    private boolean negative;
    private int fractionDigits;
    private long significand;
    private int exponent;

    // the string or name read last: its raw bytes, whether they hold an escape, whether all are ASCII
    private int start;
    private int length;
    private boolean escaped;
    private boolean ascii;
    private char[] chars = new char[64];

    // names of the open objects, a stack: where each starts in the input, its length, and its slot
    // in the table below (-1 for a name of an object checked by comparison)
    private int[] nameAt = new int[32];
    private int[] nameLength = new int[32];
    private int[] nameSlot = new int[32];
    private int top;
    /** Where the current object's names start in the stack, and whether they are in the table. */
    private int base;
    private boolean hashed;
    // the table: open addressing, 1 + start of the name (0: empty), its hash, the stack base of its object
    private int[] slotStart = new int[64];
    private int[] slotHash = new int[64];
    private int[] slotOwner = new int[64];

    /**
     * Starts reading {@code in[offset, offset + length)} under {@code limits}.
     *
     * @throws GiveUp if a limit could be passed without the lexer seeing it, or the input starts
     *     with a byte order mark
     */
    void begin(byte[] in, int offset, int length, JsonLimits limits) {
        begin(in, offset, length, limits, false);
    }

    /**
     * {@link #begin(byte[], int, int, JsonLimits)}; with {@code lineRecord}, a newline in the
     * whitespace between the value's tokens gives up: a JSON Lines record ends at its first one.
     */
    void begin(byte[] in, int offset, int length, JsonLimits limits, boolean lineRecord) {
        if (length > limits.maxDocumentBytes() || length > 4L * limits.maxObjectMembers()
                || length > 2L * limits.maxArrayElements()) {
            throw GIVE_UP;
        }
        if (Utf8.byteOrderMarkAt(in, offset, offset + length)) {
            throw GIVE_UP;
        }
        this.in = in;
        this.p = offset;
        this.end = offset + length;
        this.depthBound = Math.min(limits.maxDepth(), Reading.MAX_DEPTH) - 1;
        this.maxStringBytes = limits.maxStringBytes();
        this.maxKeyBytes = limits.maxKeyBytes();
        this.maxNumberChars = limits.maxNumberChars();
        this.maxTokens = limits.maxTokens();
        this.maxKeys = limits.maxDistinctKeys();
        this.rejectDuplicates = limits.duplicateKeyPolicy() == DuplicateKeyPolicy.REJECT;
        this.lineRecord = lineRecord;
        this.newlines = 0;
        this.lineStart = offset;
        this.depth = 0;
        this.tokens = 0;
        this.names = 0;
        dropNames();
    }

    /** Ends the reading: only whitespace may follow the value. @throws GiveUp otherwise, or past a counted limit */
    void finish() {
        if (peek() >= 0 || tokens > maxTokens || names > maxKeys) {
            throw GIVE_UP;
        }
        in = null;
    }

    /**
     * Ends the reading of a value that need not end the input (what follows it is the caller's to
     * check): {@return the index just past the value} @throws GiveUp past a counted limit
     */
    int finishValue() {
        if (tokens > maxTokens || names > maxKeys) {
            throw GIVE_UP;
        }
        in = null;
        return p;
    }

    /**
     * {@return the newlines read so far}, all in whitespace (a string holds none raw), so that a
     * caller that counts lines need not count them again; {@link #lineStart()} is the index just
     * past the last one
     */
    int newlines() {
        return newlines;
    }

    /** {@return the index just past the last newline read} (the input's first index if none) */
    int lineStart() {
        return lineStart;
    }

    /** Forgets the input after a reading that gave up or failed. */
    void clear() {
        in = null;
        dropNames();
    }

    /** {@return the tokens read so far} (values and names, as the parser counts them) */
    int tokens() {
        return tokens;
    }

    /** {@return whether duplicate names are errors}: then every name outside a record's components is checked */
    boolean rejectsDuplicates() {
        return rejectDuplicates;
    }

    /** {@return the next byte after whitespace, or -1 at the end}; the position is left on it */
    int peek() {
        byte[] b = in;
        int q = p;
        int e = end;
        if (q < e && b[q] > ' ') { // compact JSON: no whitespace (a byte above 0x7F is negative here)
            return b[q];
        }
        return peekPastWhitespace(b, q, e);
    }

    /** {@link #peek} from {@code q}, where whitespace may start: runs of spaces (indentation) 8 bytes at a time. */
    private int peekPastWhitespace(byte[] b, int q, int e) {
        while (q < e) {
            int c = b[q];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                p = q;
                return c & 0xFF;
            }
            if (c == '\n') {
                if (lineRecord) {
                    throw GIVE_UP;
                }
                newlines++;
                lineStart = q + 1;
            }
            q++;
            while (q + 8 <= e) {
                long notSpace = (long) LONG_LE.get(b, q) ^ Swar.SPACES; // a zero byte where a space is
                if (notSpace != 0) {
                    q += Long.numberOfTrailingZeros(notSpace) >>> 3;
                    break;
                }
                q += 8;
            }
        }
        p = q;
        return -1;
    }

    // ---- literals ----

    /** Reads {@code null}, whose first byte {@link #peek} returned. */
    void nullLiteral() {
        literal(NULL_LE);
    }

    /** Reads {@code true} or {@code false}, whose first byte {@link #peek} returned as {@code c}; {@return its value} */
    boolean booleanLiteral(int c) {
        if (c == 't') {
            literal(TRUE_LE);
            return true;
        }
        if (c != 'f') {
            throw GIVE_UP;
        }
        p++;
        literal(ALSE_LE);
        return false;
    }

    private static final int TRUE_LE = 't' | 'r' << 8 | 'u' << 16 | 'e' << 24;
    private static final int NULL_LE = 'n' | 'u' << 8 | 'l' << 16 | 'l' << 24;
    private static final int ALSE_LE = 'a' | 'l' << 8 | 's' << 16 | 'e' << 24;

    /** Reads the four bytes {@code le} (little-endian) at the position, the rest of a literal. */
    private void literal(int le) {
        int q = p;
        if (q + 4 > end || (int) INT_LE.get(in, q) != le) {
            throw GIVE_UP;
        }
        p = q + 4;
        tokens++;
    }

    // ---- numbers ----

    /**
     * Reads a number, whose first byte {@link #peek} returned as {@code c}, into
     * {@link #negative}, {@link #significand}, {@link #fractionDigits} and {@link #exponent}.
     *
     * @throws GiveUp if it is not a number, has more than 19 significant digits (leading zeros,
     *     as in {@code 0.00123}, do not count) or an exponent of more than four, or passes the limit
     */
    void number(int c) {
        byte[] b = in;
        int e = end;
        int q = p;
        boolean neg = c == '-';
        if (neg) {
            q++;
        }
        int first = q;
        long sig = 0;
        int digits = 0; // from the first digit that is not 0: then sig cannot overflow below 20
        if (q < e && b[q] == '0') {
            q++;
        } else {
            while (q < e && (c = b[q] - '0') >= 0 && c <= 9) {
                sig = sig * 10 + c;
                q++;
            }
            if (q == first) {
                throw GIVE_UP;
            }
            digits = q - first;
        }
        int fd = 0;
        if (q < e && b[q] == '.') {
            int f = ++q;
            while (q < e && (c = b[q] - '0') >= 0 && c <= 9) {
                if (sig != 0 || c != 0) {
                    digits++;
                }
                sig = sig * 10 + c;
                q++;
            }
            fd = q - f;
            if (fd == 0) {
                throw GIVE_UP;
            }
        }
        int exp = 0;
        if (q < e && (b[q] | 0x20) == 'e') {
            q++;
            boolean down = q < e && b[q] == '-';
            if (q < e && (b[q] == '-' || b[q] == '+')) {
                q++;
            }
            int f = q;
            while (q < e && (c = b[q] - '0') >= 0 && c <= 9 && q - f < 4) {
                exp = exp * 10 + c;
                q++;
            }
            if (q == f || q < e && b[q] >= '0' && b[q] <= '9') { // no digit, or more than four
                throw GIVE_UP;
            }
            exp = down ? -exp : exp;
        }
        if (digits > 19 || q - p > maxNumberChars) {
            throw GIVE_UP;
        }
        p = q;
        tokens++;
        negative = neg;
        fractionDigits = fd;
        significand = sig;
        exponent = exp;
    }

    /** {@return the number read last as a long} @throws GiveUp if it is not an integer in range, or has an exponent */
    long longValue() {
        if (exponent != 0) {
            throw GIVE_UP;
        }
        if (fractionDigits == 0) {
            long s = significand;
            if (s >= 0) {
                return negative ? -s : s;
            }
        }
        try {
            return Numbers.decLong(negative, fractionDigits, significand);
        } catch (ArithmeticException e) {
            throw GIVE_UP;
        }
    }

    /** {@return the number read last as a double}, correctly rounded */
    double doubleValue() {
        return exponent == 0 ? Numbers.decDouble(negative, fractionDigits, significand)
                : Numbers.decimalToDouble(negative, significand, exponent - fractionDigits);
    }

    /** {@return the number read last as a BigDecimal}, exactly */
    java.math.BigDecimal bigDecimalValue() {
        if (exponent != 0 || fractionDigits > MAX_SCALE) {
            throw GIVE_UP;
        }
        return Numbers.decBigDecimal(negative, fractionDigits, significand);
    }

    /** {@return the number read last as a BigInteger} @throws GiveUp if it has a fraction part or does not fit a long */
    java.math.BigInteger bigIntegerValue() {
        if (fractionDigits != 0 || significand < 0 || exponent != 0) {
            throw GIVE_UP;
        }
        return java.math.BigInteger.valueOf(negative ? -significand : significand);
    }

    // ---- strings ----

    /** Reads a string value, whose opening quote is at the position; {@return it} */
    String string() {
        scan(maxStringBytes);
        tokens++;
        return text();
    }

    /** Reads a string value, whose opening quote is at the position, without decoding it ({@link #textEquals}, {@link #text}) */
    void skipString() {
        scan(maxStringBytes);
        tokens++;
    }

    /** {@return the string or name read last, decoded} */
    String text() {
        return ascii && !escaped ? Latin1.string(in, start, length) : decode();
    }

    /** {@return whether the string or name read last is exactly the UTF-8 bytes {@code name}} */
    boolean textEquals(byte[] name) {
        if (escaped) {
            return text().equals(new String(name, StandardCharsets.UTF_8));
        }
        return length == name.length && same(in, start, name);
    }

    /** {@return whether {@code in[at, at + name.length)} equals {@code name}}; the caller has checked the range */
    private static boolean same(byte[] in, int at, byte[] name) {
        return sameFrom(in, at, name, 0);
    }

    /** {@link #same} from byte {@code i} of {@code name} on */
    private static boolean sameFrom(byte[] in, int at, byte[] name, int i) {
        int n = name.length;
        for (; i + 8 <= n; i += 8) {
            if ((long) LONG_LE.get(in, at + i) != (long) LONG_LE.get(name, i)) {
                return false;
            }
        }
        for (; i < n; i++) {
            if (in[at + i] != name[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Scans a string from its opening quote at the position to past its closing quote, validating
     * it as the parser does (escapes, UTF-8, no control characters), and notes its raw bytes.
     */
    private void scan(int maxBytes) {
        byte[] b = in;
        int e = end;
        int s = p + 1;
        int q = s;
        boolean esc = false;
        boolean asc = true;
        for (;;) {
            while (q + 8 <= e) {
                long m = Swar.stopsString((long) LONG_LE.get(b, q));
                if (m != 0) {
                    q += Long.numberOfTrailingZeros(m) >>> 3;
                    break;
                }
                q += 8;
            }
            if (q >= e) {
                throw GIVE_UP;
            }
            int c = b[q] & 0xFF;
            if (c == '"') {
                break;
            }
            if (c == '\\') {
                esc = true;
                q = escape(q);
            } else if (c >= 0x80) {
                asc = false;
                q = utf8Run(q);
            } else if (c < 0x20) {
                throw GIVE_UP;
            } else {
                q++;
            }
        }
        if (q - s > maxBytes) {
            throw GIVE_UP;
        }
        start = s;
        length = q - s;
        escaped = esc;
        ascii = asc;
        p = q + 1;
    }

    /** {@return the position past the escape at {@code q}} @throws GiveUp if it is not one the parser takes */
    private int escape(int q) {
        if (q + 1 >= end) {
            throw GIVE_UP;
        }
        switch (in[q + 1]) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
                return q + 2;
            }
            case 'u' -> {
                int cp = hex4(q + 2);
                if (cp >= 0xDC00 && cp <= 0xDFFF) {
                    throw GIVE_UP;
                }
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    if (q + 7 >= end || in[q + 6] != '\\' || in[q + 7] != 'u') {
                        throw GIVE_UP;
                    }
                    int low = hex4(q + 8);
                    if (low < 0xDC00 || low > 0xDFFF) {
                        throw GIVE_UP;
                    }
                    return q + 12;
                }
                return q + 6;
            }
            default -> throw GIVE_UP;
        }
    }

    private int hex4(int q) {
        int v = q + 4 <= end ? Swar.hex4((int) INT_LE.get(in, q)) : -1;
        if (v < 0) {
            throw GIVE_UP;
        }
        return v;
    }

    /**
     * {@return the position past the run of non-ASCII characters at {@code q}}, each validated:
     * two- and three-byte sequences (most scripts) from one 4-byte read, the others, and any
     * three-byte sequence whose second byte has a narrower range (leads E0 and ED), by {@link #utf8}
     */
    private int utf8Run(int q) {
        byte[] b = in;
        int e = end;
        int c;
        while (q < e && (c = b[q] & 0xFF) >= 0x80) {
            if (q + 4 <= e) {
                int w = (int) INT_LE.get(b, q);
                if ((w & 0xC0C0F0) == 0x8080E0 && (w & 0x0F) != 0 && (w & 0x0F) != 0x0D) {
                    q += 3;
                    continue;
                }
                if ((w & 0xC0E0) == 0x80C0 && (w & 0x1E) != 0) {
                    q += 2;
                    continue;
                }
            }
            q = utf8(q, c);
        }
        return q;
    }

    /**
     * {@return the position past the UTF-8 sequence whose lead byte {@code c} is at {@code q}}
     * @throws GiveUp unless it is well-formed (RFC 3629: no overlongs, surrogates or code points
     *     above U+10FFFF)
     */
    private int utf8(int q, int c) {
        byte[] b = in;
        int e = end;
        if (c < 0xC2 || c > 0xF4) {
            throw GIVE_UP;
        }
        if (c < 0xE0) {
            if (q + 1 >= e || !continuation(b[q + 1], 0x80, 0xBF)) {
                throw GIVE_UP;
            }
            return q + 2;
        }
        if (c < 0xF0) {
            int lo = c == 0xE0 ? 0xA0 : 0x80;
            int hi = c == 0xED ? 0x9F : 0xBF;
            if (q + 2 >= e || !continuation(b[q + 1], lo, hi) || !continuation(b[q + 2], 0x80, 0xBF)) {
                throw GIVE_UP;
            }
            return q + 3;
        }
        int lo = c == 0xF0 ? 0x90 : 0x80;
        int hi = c == 0xF4 ? 0x8F : 0xBF;
        if (q + 3 >= e || !continuation(b[q + 1], lo, hi) || !continuation(b[q + 2], 0x80, 0xBF)
                || !continuation(b[q + 3], 0x80, 0xBF)) {
            throw GIVE_UP;
        }
        return q + 4;
    }

    private static boolean continuation(byte b, int lo, int hi) {
        int v = b & 0xFF;
        return v >= lo && v <= hi;
    }

    /**
     * {@return the string read last, which has escapes or non-ASCII bytes, decoded}: into UTF-16
     * in a reused {@code char[]}, then one {@code String} of it. The JDK's own UTF-8 decoding
     * allocates twice the byte length for any non-Latin-1 text and then copies the result to its
     * size (about four times what a CJK string keeps); from chars it allocates what it keeps,
     * plus a Latin-1 attempt of one byte per char that fails.
     */
    private String decode() {
        byte[] b = in;
        char[] out = chars;
        if (out.length < length) {
            out = new char[Math.max(length, out.length * 2)];
            if (out.length <= KEPT_CHARS) { // a bind state keeps no more: a huge string's array goes with it
                chars = out;
            }
        }
        int n = 0;
        int q = start;
        int e = start + length;
        while (q < e) {
            int c = b[q];
            if (c >= 0 && c != '\\') {
                out[n++] = (char) c;
                q++;
            } else if (c == '\\') {
                int x = b[q + 1];
                switch (x) {
                    case 'b' -> out[n++] = '\b';
                    case 'f' -> out[n++] = '\f';
                    case 'n' -> out[n++] = '\n';
                    case 'r' -> out[n++] = '\r';
                    case 't' -> out[n++] = '\t';
                    case 'u' -> {
                        out[n++] = (char) hex4(q + 2); // a surrogate pair is two escapes: a char each
                        q += 4;
                    }
                    default -> out[n++] = (char) x;
                }
                q += 2;
            } else if ((c & 0xE0) == 0xC0) {
                out[n++] = (char) ((c & 0x1F) << 6 | b[q + 1] & 0x3F);
                q += 2;
            } else if ((c & 0xF0) == 0xE0) {
                out[n++] = (char) ((c & 0x0F) << 12 | (b[q + 1] & 0x3F) << 6 | b[q + 2] & 0x3F);
                q += 3;
            } else {
                int cp = (c & 0x07) << 18 | (b[q + 1] & 0x3F) << 12 | (b[q + 2] & 0x3F) << 6 | b[q + 3] & 0x3F;
                out[n++] = Character.highSurrogate(cp);
                out[n++] = Character.lowSurrogate(cp);
                q += 4;
            }
        }
        return new String(out, 0, n);
    }

    // ---- containers ----

    /**
     * Enters the object whose '{' is at the position: {@return whether a member follows} (the
     * position is then at its name's quote); if not, the object is closed
     */
    boolean firstMember() {
        enter();
        int c = peek();
        return c == '"' || close(c, '}');
    }

    /** After a member's value: {@return whether another member follows} (the position is then at its name's quote); if not, the object is closed */
    boolean nextMember() {
        int c = peek();
        if (c == ',') {
            p++;
            if (peek() != '"') {
                throw GIVE_UP;
            }
            return true;
        }
        return close(c, '}');
    }

    /** Closes the container whose closing bracket {@code bracket} is {@code c}, at the position: {@return false} @throws GiveUp if it is not */
    private boolean close(int c, char bracket) {
        if (c != bracket) {
            throw GIVE_UP;
        }
        p++;
        depth--;
        return false;
    }

    /** Reads the member name at the position and the colon after it: {@return the name's length in bytes} */
    int name() {
        scan(maxKeyBytes);
        if (escaped) {
            throw GIVE_UP;
        }
        colon();
        return length;
    }

    /**
     * Reads the member name at the position and its colon if the name is exactly {@code name}:
     * {@return whether it was} (if not, nothing is read). {@code name} must be plain: valid UTF-8
     * without a quote, a backslash or a control character (as every name {@link #name} reads is),
     * so that equal bytes followed by a quote are that name, whole and valid, with no scan.
     */
    boolean nameIs(byte[] name) {
        int q = p + 1;
        int n = name.length;
        if (q + n >= end || in[q + n] != '"' || !same(in, q, name) || n > maxKeyBytes) {
            return false;
        }
        return nameRead(q, n);
    }

    /**
     * {@link #nameIs(byte[])} with the name's {@linkplain #head head}: the first 8 bytes of the
     * input after the quote are compared with it at once (a name of up to 7 bytes and its closing
     * quote, or a longer name's first 8 bytes).
     */
    boolean nameIs(byte[] name, long head, long mask) {
        int q = p + 1;
        if (q + 8 > end) {
            return nameIs(name);
        }
        if (((long) LONG_LE.get(in, q) & mask) != head) {
            return false;
        }
        int n = name.length;
        if (n >= 8 && (q + n >= end || in[q + n] != '"' || !sameFrom(in, q, name, 8)) || n > maxKeyBytes) {
            return false;
        }
        return nameRead(q, n);
    }

    /**
     * {@return the head of {@code name} for {@link #nameIs(byte[], long, long)}}: its bytes and a
     * closing quote, the first 8 of them as a little-endian {@code long}, zeros past them; its mask
     * ({@link #headMask}) has 0xFF in each byte the head uses
     */
    static long head(byte[] name) {
        long h = 0;
        for (int i = 0; i < 8 && i <= name.length; i++) {
            long b = i < name.length ? name[i] & 0xFF : '"';
            h |= b << (8 * i);
        }
        return h;
    }

    /** {@return the mask of the head of {@code name}} (see {@link #head}) */
    static long headMask(byte[] name) {
        int used = Math.min(8, name.length + 1);
        return used == 8 ? -1L : (1L << (8 * used)) - 1;
    }

    private boolean nameRead(int q, int n) {
        start = q;
        length = n;
        escaped = false;
        ascii = false; // not known: text() then decodes it, right for any name
        p = q + n + 1;
        colon();
        return true;
    }

    private void colon() {
        if (p < end && in[p] == ':') {
            p++;
        } else if (peek() == ':') {
            p++;
        } else {
            throw GIVE_UP;
        }
        tokens++;
        names++;
    }

    /** {@return whether the name read last is exactly {@code name}}: its UTF-8 bytes, escape-free */
    boolean nameEquals(byte[] name) {
        return length == name.length && same(in, start, name);
    }

    /** {@return where the name or string read last starts in the input} */
    int textStart() {
        return start;
    }

    /** {@return the length in bytes of the name or string read last} */
    int textLength() {
        return length;
    }

    /** {@return whether the input at {@code at} holds the bytes of {@code name}}, which fit before its end */
    boolean equalsAt(int at, byte[] name) {
        return same(in, at, name);
    }

    /** {@return whether the input's bytes {@code [a, a + n)} and {@code [b, b + n)} are equal} */
    boolean sameBytes(int a, int b, int n) {
        return java.util.Arrays.equals(in, a, a + n, in, b, b + n);
    }

    /** {@return a copy of the bytes {@code [from, from + length)} of the input} */
    byte[] copy(int from, int length) {
        return java.util.Arrays.copyOfRange(in, from, from + length);
    }

    /** Enters the array whose '[' is at the position: {@return whether it has a first element} (if not, it is closed) */
    boolean firstElement() {
        enter();
        int c = peek();
        return c != ']' || close(c, ']');
    }

    /** Moves past the element just read: {@return whether another follows} (if not, the array is closed) */
    boolean nextElement() {
        int c = peek();
        if (c == ',') {
            p++;
            return true;
        }
        return close(c, ']');
    }

    private void enter() {
        if (++depth > depthBound) {
            throw GIVE_UP;
        }
        p++;
        tokens++;
    }

    /** Reads and validates the value at the position, whose first byte {@link #peek} returned as {@code c}, binding nothing. */
    void skip(int c) {
        switch (c) {
            case '"' -> skipString();
            case '{' -> {
                long mark = openNames();
                for (boolean m = firstMember(); m; m = nextMember()) {
                    name();
                    if (rejectDuplicates) {
                        noteName();
                    }
                    skip(peek());
                }
                closeNames(mark);
            }
            case '[' -> {
                if (firstElement()) {
                    do {
                        skip(peek());
                    } while (nextElement());
                }
            }
            case 't', 'f' -> booleanLiteral(c);
            case 'n' -> nullLiteral();
            default -> skipNumber(c);
        }
    }

    /**
     * Reads and validates a number whose first byte is {@code c}, of any form the grammar allows
     * (an exponent, any number of digits), binding nothing.
     *
     * @throws GiveUp if it is not a number or passes the limit
     */
    private void skipNumber(int c) {
        byte[] b = in;
        int e = end;
        int q = c == '-' ? p + 1 : p;
        if (q < e && b[q] == '0') {
            q++;
        } else {
            q = digits(q);
        }
        if (q < e && b[q] == '.') {
            q = digits(q + 1);
        }
        if (q < e && (b[q] | 0x20) == 'e') {
            q++;
            if (q < e && (b[q] == '+' || b[q] == '-')) {
                q++;
            }
            q = digits(q);
        }
        if (q - p > maxNumberChars) {
            throw GIVE_UP;
        }
        p = q;
        tokens++;
    }

    /** {@return the position past the digits from {@code q}} @throws GiveUp if there are none */
    private int digits(int q) {
        byte[] b = in;
        int e = end;
        int from = q;
        while (q < e && b[q] >= '0' && b[q] <= '9') {
            q++;
        }
        if (q == from) {
            throw GIVE_UP;
        }
        return q;
    }

    // ---- duplicate names ----

    /**
     * The most names of one object compared with each other; from the next one on, the object's
     * names go into the table. Most objects have a few names, which a handful of length
     * comparisons check for less than hashing one of them costs.
     */
    static final int COMPARED_NAMES = 8;

    /** Opens the names of a new object: {@return the mark that {@link #closeNames} takes back} */
    long openNames() {
        long mark = (long) base << 1 | (hashed ? 1 : 0);
        base = top;
        hashed = false;
        return mark;
    }

    /** Records the name read last in the current object's names. @throws GiveUp if the object has it already */
    void noteName() {
        noteName(start, length);
    }

    /**
     * Records the name at {@code [at, at + n)}, read earlier, in the current object's names: up
     * to {@link #COMPARED_NAMES} compared with the object's others, then in the table.
     *
     * @throws GiveUp if the object has it already
     */
    void noteName(int at, int n) {
        start = at;
        length = n;
        if (top == MAX_OPEN_NAMES) {
            throw GIVE_UP;
        }
        if (top == nameAt.length) {
            nameAt = java.util.Arrays.copyOf(nameAt, top * 2);
            nameLength = java.util.Arrays.copyOf(nameLength, top * 2);
            nameSlot = java.util.Arrays.copyOf(nameSlot, top * 2);
        }
        int slot = -1;
        if (!hashed) {
            for (int i = base; i < top; i++) {
                if (nameLength[i] == n && sameBytes(nameAt[i], at, n)) {
                    throw GIVE_UP;
                }
            }
            if (top - base == COMPARED_NAMES) { // the object's names so far go into the table, then this one
                hashed = true;
                for (int i = base; i < top; i++) {
                    start = nameAt[i];
                    length = nameLength[i];
                    nameSlot[i] = insert();
                }
                start = at;
                length = n;
                slot = insert();
            }
        } else {
            slot = insert();
        }
        nameAt[top] = at;
        nameLength[top] = n;
        nameSlot[top++] = slot;
    }

    /** Puts the name read last in the table, for the current object: {@return its slot} @throws GiveUp if the object has it already */
    private int insert() {
        if (2 * (top + 1) > slotStart.length) {
            grow();
        }
        int h = hash(in, start, length) ^ base * 0x9E37_79B9; // one name in several open objects: apart
        int s = probe(h);
        while (s < 0) { // a long chain: by chance in a small table (grown), or names made to collide (given up)
            if (slotStart.length >= 64 * (top + 1) || slotStart.length == MAX_SLOTS) {
                throw GIVE_UP;
            }
            grow();
            s = probe(h);
        }
        slotStart[s] = start + 1;
        slotHash[s] = h;
        slotOwner[s] = base;
        return s;
    }

    /**
     * {@return the empty slot for the name read last, of hash {@code h}, or -1 if the chain to it
     * is longer than {@link #MAX_PROBES}}. Two objects open at once whose names are in the table
     * have distinct stack bases (an object enclosing another noted the other's member name, or
     * has no names), so the base tells the current object's entries apart.
     *
     * @throws GiveUp if the current object has the name already
     */
    private int probe(int h) {
        int mask = slotStart.length - 1;
        int s = h & mask;
        for (int probes = 0; slotStart[s] != 0; probes++) {
            if (slotOwner[s] == base && slotHash[s] == h && sameName(slotStart[s] - 1)) {
                throw GIVE_UP;
            }
            if (probes == MAX_PROBES) {
                return -1;
            }
            s = (s + 1) & mask;
        }
        return s;
    }

    /** Drops the current object's names, last first, and returns to the enclosing object, whose mark {@link #openNames} gave. */
    void closeNames(long mark) {
        popNames(base);
        base = (int) (mark >>> 1);
        hashed = (mark & 1) != 0;
    }

    /** Drops every name noted: a reading starts with none. */
    private void dropNames() {
        popNames(0);
        base = 0;
        hashed = false;
    }

    /** Drops the names of the stack from {@code to} on, last first (which leaves the table exactly as before they went in). */
    private void popNames(int to) {
        while (top > to) {
            int slot = nameSlot[--top];
            if (slot >= 0) {
                slotStart[slot] = 0;
            }
        }
    }

    /** {@return whether the name at {@code at}, noted earlier, equals the name read last} */
    private boolean sameName(int at) {
        byte[] b = in;
        int n = length;
        if (at + n >= end || b[at + n] != '"') {
            return false;
        }
        return sameBytes(at, start, n);
    }

    private void grow() {
        int n = slotStart.length * 2;
        int[] oldStart = slotStart;
        int[] oldHash = slotHash;
        int[] oldOwner = slotOwner;
        slotStart = new int[n];
        slotHash = new int[n];
        slotOwner = new int[n];
        for (int i = 0; i < top; i++) { // in the order they went in, so that dropping them last first stays exact
            int o = nameSlot[i];
            if (o < 0) {
                continue;
            }
            int s = oldHash[o] & (n - 1);
            while (slotStart[s] != 0) {
                s = (s + 1) & (n - 1);
            }
            slotStart[s] = oldStart[o];
            slotHash[s] = oldHash[o];
            slotOwner[s] = oldOwner[o];
            nameSlot[i] = s;
        }
    }

    private static int hash(byte[] b, int at, int n) {
        long h = n;
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            h = (h ^ (long) LONG_LE.get(b, at + i)) * 0x9E37_79B9_7F4A_7C15L;
        }
        for (; i < n; i++) {
            h = (h ^ b[at + i]) * 0x9E37_79B9_7F4A_7C15L;
        }
        h = (h ^ h >>> 33) * 0xFF51_AFD7_ED55_8CCDL; // a multiply carries differences upwards only: fold the high bits down
        return (int) (h ^ h >>> 33);
    }
}
