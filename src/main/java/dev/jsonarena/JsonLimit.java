package dev.jsonarena;

import dev.jsonarena.tape.Tape;

/**
 * One of the limits a parse enforces, with its default and the largest value it may be set to.
 * See {@link JsonLimits} and {@code docs/limits.md} for why each default was chosen.
 *
 * <p>Every limit is checked while parsing, before the memory it guards is taken from the arena:
 * input just under a limit parses and input one unit over it fails with a
 * {@link JsonLimitException} naming the limit. The arena's byte budget, the one further limit, is
 * the arena's own and fails with {@link JsonBudgetExceededException}.
 *
 * <p>Thread-safety: an enum; immutable.
 */
public enum JsonLimit {
    /** Nesting depth of objects and arrays: a scalar document has depth 0, {@code []} 1, {@code [[]]} 2. */
    DEPTH("maxDepth", 512, 64_000_000),
    /** Bytes of input in one document, a byte order mark included. */
    DOCUMENT_BYTES("maxDocumentBytes", 64L << 20, 1L << 30),
    /** Tokens in one document: every value (scalar, object, array) and every member name counts one. */
    TOKENS("maxTokens", 8L << 20, 64_000_000),
    /** Members of one object, duplicates included. */
    OBJECT_MEMBERS("maxObjectMembers", 1L << 20, 64_000_000),
    /** Elements of one array. */
    ARRAY_ELEMENTS("maxArrayElements", 4L << 20, 64_000_000),
    /** Bytes of one member name, UTF-8 after escapes are resolved. */
    KEY_BYTES("maxKeyBytes", 64L << 10, Tape.MAX_FIELD28),
    /**
     * Distinct member names in one document (a name counts once however often it appears). The
     * parser's table of names grows with them; past its first few thousand names the table also
     * counts against the arena's budget.
     */
    DISTINCT_KEYS("maxDistinctKeys", 1L << 18, 64_000_000),
    /** Bytes of one string value, UTF-8 after escapes are resolved. */
    STRING_BYTES("maxStringBytes", 16L << 20, Tape.MAX_FIELD28),
    /** Characters of one number literal, sign and exponent included. */
    NUMBER_CHARS("maxNumberChars", 1000, Tape.MAX_FIELD28),
    /**
     * Bytes of one record read by a {@link JsonRecordReader} (JSON Lines or a JSON text sequence:
     * up to its delimiter; concatenated documents: up to the end of the value), which applies it
     * instead of {@link #DOCUMENT_BYTES}, since the stream it reads has no size bound of its own.
     */
    RECORD_BYTES("maxRecordBytes", 16L << 20, 1L << 30);

    private final String setting;
    private final long defaultValue;
    private final long maximum;

    JsonLimit(String setting, long defaultValue, long maximum) {
        this.setting = setting;
        this.defaultValue = defaultValue;
        this.maximum = maximum;
    }

    /** {@return the name of the {@link JsonLimits.Builder} method that sets this limit, e.g. {@code maxDepth}} */
    public String setting() {
        return setting;
    }

    /** {@return the value of this limit in {@link JsonLimits#defaults()}} */
    public long defaultValue() {
        return defaultValue;
    }

    /**
     * {@return the largest value this limit may be set to}: lengths and counts are stored in 28-bit
     * fields of the tape, and one document's tape and strings must fit in one 2 GiB region.
     */
    public long maximum() {
        return maximum;
    }
}
