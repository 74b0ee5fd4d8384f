package dev.jsonarena;

import java.util.Objects;

/**
 * The limits of one parse: how deep, how big and how many of each thing a document may be, how
 * duplicate keys are treated, and whether a byte order mark is accepted. Immutable; build one with
 * {@link #builder()} or derive one with {@link #toBuilder()}, and pass it to a parse method of
 * {@link JsonArena} or make it a pool's default with {@link JsonPool.Builder#limits(JsonLimits)}.
 *
 * {@snippet :
 * JsonLimits small = JsonLimits.builder()
 *         .maxDocumentBytes(1 << 20)    // 1 MiB requests
 *         .maxDepth(32)
 *         .build();
 * JsonValue body = arena.parse(bytes, small);
 * }
 *
 * <p>The {@linkplain #defaults() defaults} suit a server reading untrusted input; each is listed,
 * with the reason for it, on its {@link JsonLimit} constant and in {@code docs/limits.md}.
 *
 * <p>Thread-safety: immutable and thread-safe.
 */
public final class JsonLimits {
    private static final JsonLimits DEFAULTS = new Builder().build();

    private final int maxDepth;
    private final long maxDocumentBytes;
    private final int maxTokens;
    private final int maxObjectMembers;
    private final int maxArrayElements;
    private final int maxKeyBytes;
    private final int maxDistinctKeys;
    private final int maxStringBytes;
    private final int maxNumberChars;
    private final long maxRecordBytes;
    private final DuplicateKeyPolicy duplicateKeyPolicy;
    private final boolean allowByteOrderMark;

    private JsonLimits(Builder b) {
        this.maxDepth = (int) b.values[JsonLimit.DEPTH.ordinal()];
        this.maxDocumentBytes = b.values[JsonLimit.DOCUMENT_BYTES.ordinal()];
        this.maxTokens = (int) b.values[JsonLimit.TOKENS.ordinal()];
        this.maxObjectMembers = (int) b.values[JsonLimit.OBJECT_MEMBERS.ordinal()];
        this.maxArrayElements = (int) b.values[JsonLimit.ARRAY_ELEMENTS.ordinal()];
        this.maxKeyBytes = (int) b.values[JsonLimit.KEY_BYTES.ordinal()];
        this.maxDistinctKeys = (int) b.values[JsonLimit.DISTINCT_KEYS.ordinal()];
        this.maxStringBytes = (int) b.values[JsonLimit.STRING_BYTES.ordinal()];
        this.maxNumberChars = (int) b.values[JsonLimit.NUMBER_CHARS.ordinal()];
        this.maxRecordBytes = b.values[JsonLimit.RECORD_BYTES.ordinal()];
        this.duplicateKeyPolicy = b.duplicateKeyPolicy;
        this.allowByteOrderMark = b.allowByteOrderMark;
    }

    /** {@return the default limits, the value of every {@link JsonLimit#defaultValue()}} */
    public static JsonLimits defaults() {
        return DEFAULTS;
    }

    /** {@return a builder holding the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding these limits} */
    public Builder toBuilder() {
        Builder b = new Builder();
        for (JsonLimit l : JsonLimit.values()) {
            b.values[l.ordinal()] = get(l);
        }
        b.duplicateKeyPolicy = duplicateKeyPolicy;
        b.allowByteOrderMark = allowByteOrderMark;
        return b;
    }

    /**
     * {@return the configured value of {@code limit}}
     *
     * @param limit the limit
     * @throws NullPointerException if {@code limit} is null
     */
    public long get(JsonLimit limit) {
        return switch (Objects.requireNonNull(limit, "limit")) {
            case DEPTH -> maxDepth;
            case DOCUMENT_BYTES -> maxDocumentBytes;
            case TOKENS -> maxTokens;
            case OBJECT_MEMBERS -> maxObjectMembers;
            case ARRAY_ELEMENTS -> maxArrayElements;
            case KEY_BYTES -> maxKeyBytes;
            case DISTINCT_KEYS -> maxDistinctKeys;
            case STRING_BYTES -> maxStringBytes;
            case NUMBER_CHARS -> maxNumberChars;
            case RECORD_BYTES -> maxRecordBytes;
        };
    }

    /** {@return the deepest nesting of objects and arrays accepted ({@link JsonLimit#DEPTH})} */
    public int maxDepth() {
        return maxDepth;
    }

    /** {@return the most bytes of input accepted ({@link JsonLimit#DOCUMENT_BYTES})} */
    public long maxDocumentBytes() {
        return maxDocumentBytes;
    }

    /** {@return the most tokens accepted ({@link JsonLimit#TOKENS})} */
    public int maxTokens() {
        return maxTokens;
    }

    /** {@return the most members of one object ({@link JsonLimit#OBJECT_MEMBERS})} */
    public int maxObjectMembers() {
        return maxObjectMembers;
    }

    /** {@return the most elements of one array ({@link JsonLimit#ARRAY_ELEMENTS})} */
    public int maxArrayElements() {
        return maxArrayElements;
    }

    /** {@return the most UTF-8 bytes of one member name ({@link JsonLimit#KEY_BYTES})} */
    public int maxKeyBytes() {
        return maxKeyBytes;
    }

    /** {@return the most distinct member names of one document ({@link JsonLimit#DISTINCT_KEYS})} */
    public int maxDistinctKeys() {
        return maxDistinctKeys;
    }

    /** {@return the most UTF-8 bytes of one string value ({@link JsonLimit#STRING_BYTES})} */
    public int maxStringBytes() {
        return maxStringBytes;
    }

    /** {@return the most characters of one number literal ({@link JsonLimit#NUMBER_CHARS})} */
    public int maxNumberChars() {
        return maxNumberChars;
    }

    /** {@return the most bytes of one record a {@link JsonRecordReader} accepts ({@link JsonLimit#RECORD_BYTES})} */
    public long maxRecordBytes() {
        return maxRecordBytes;
    }

    /** {@return what the parser does with duplicate keys; {@link DuplicateKeyPolicy#REJECT} by default} */
    public DuplicateKeyPolicy duplicateKeyPolicy() {
        return duplicateKeyPolicy;
    }

    /** {@return whether a leading UTF-8 byte order mark (EF BB BF) is skipped; {@code false} (rejected) by default} */
    public boolean allowByteOrderMark() {
        return allowByteOrderMark;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof JsonLimits other)) {
            return false;
        }
        for (JsonLimit l : JsonLimit.values()) {
            if (get(l) != other.get(l)) {
                return false;
            }
        }
        return duplicateKeyPolicy == other.duplicateKeyPolicy && allowByteOrderMark == other.allowByteOrderMark;
    }

    @Override
    public int hashCode() {
        int h = duplicateKeyPolicy.hashCode() * 31 + Boolean.hashCode(allowByteOrderMark);
        for (JsonLimit l : JsonLimit.values()) {
            h = h * 31 + Long.hashCode(get(l));
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("JsonLimits[");
        for (JsonLimit l : JsonLimit.values()) {
            sb.append(l.setting()).append('=').append(get(l)).append(", ");
        }
        return sb.append("duplicateKeyPolicy=").append(duplicateKeyPolicy)
                .append(", allowByteOrderMark=").append(allowByteOrderMark).append(']').toString();
    }

    /** Builds {@link JsonLimits}; starts from the defaults. Not thread-safe. */
    public static final class Builder {
        private final long[] values = new long[JsonLimit.values().length];
        private DuplicateKeyPolicy duplicateKeyPolicy = DuplicateKeyPolicy.REJECT;
        private boolean allowByteOrderMark;

        private Builder() {
            for (JsonLimit l : JsonLimit.values()) {
                values[l.ordinal()] = l.defaultValue();
            }
        }

        /**
         * Sets {@code limit} to {@code value}.
         *
         * @param limit the limit
         * @param value from 1 to {@link JsonLimit#maximum()} ({@link JsonLimit#DEPTH} may be 0:
         *     scalars only)
         * @return this builder
         * @throws NullPointerException if {@code limit} is null
         * @throws IllegalArgumentException if {@code value} is out of range
         */
        public Builder set(JsonLimit limit, long value) {
            Objects.requireNonNull(limit, "limit");
            long min = limit == JsonLimit.DEPTH ? 0 : 1;
            if (value < min || value > limit.maximum()) {
                throw new IllegalArgumentException(limit.setting() + ": " + value + " (expected: " + min + ".."
                        + limit.maximum() + ")");
            }
            values[limit.ordinal()] = value;
            return this;
        }

        /**
         * Sets the deepest nesting of objects and arrays; {@code []} has depth 1.
         *
         * @param depth {@code 0..}{@link JsonLimit#DEPTH}{@code .maximum()}
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder maxDepth(int depth) {
            return set(JsonLimit.DEPTH, depth);
        }

        /**
         * Sets the most bytes of input one document may have.
         *
         * @param bytes {@code 1..}{@link JsonLimit#DOCUMENT_BYTES}{@code .maximum()} (1 GiB)
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder maxDocumentBytes(long bytes) {
            return set(JsonLimit.DOCUMENT_BYTES, bytes);
        }

        /**
         * Sets the most tokens (values and member names) one document may have.
         *
         * @param tokens {@code 1..}{@link JsonLimit#TOKENS}{@code .maximum()}
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder maxTokens(int tokens) {
            return set(JsonLimit.TOKENS, tokens);
        }

        /**
         * Sets the most members one object may have, duplicates included.
         *
         * @param members {@code 1..}{@link JsonLimit#OBJECT_MEMBERS}{@code .maximum()}
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder maxObjectMembers(int members) {
            return set(JsonLimit.OBJECT_MEMBERS, members);
        }

        /**
         * Sets the most elements one array may have.
         *
         * @param elements {@code 1..}{@link JsonLimit#ARRAY_ELEMENTS}{@code .maximum()}
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder maxArrayElements(int elements) {
            return set(JsonLimit.ARRAY_ELEMENTS, elements);
        }

        /**
         * Sets the most UTF-8 bytes (after escapes) of one member name.
         *
         * @param bytes {@code 1..}{@link JsonLimit#KEY_BYTES}{@code .maximum()}
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder maxKeyBytes(int bytes) {
            return set(JsonLimit.KEY_BYTES, bytes);
        }

        /**
         * Sets the most distinct member names one document may have.
         *
         * @param keys {@code 1..}{@link JsonLimit#DISTINCT_KEYS}{@code .maximum()}
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder maxDistinctKeys(int keys) {
            return set(JsonLimit.DISTINCT_KEYS, keys);
        }

        /**
         * Sets the most UTF-8 bytes (after escapes) of one string value.
         *
         * @param bytes {@code 1..}{@link JsonLimit#STRING_BYTES}{@code .maximum()}
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder maxStringBytes(int bytes) {
            return set(JsonLimit.STRING_BYTES, bytes);
        }

        /**
         * Sets the most characters of one number literal.
         *
         * @param chars {@code 1..}{@link JsonLimit#NUMBER_CHARS}{@code .maximum()}
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder maxNumberChars(int chars) {
            return set(JsonLimit.NUMBER_CHARS, chars);
        }

        /**
         * Sets the most bytes of one record a {@link JsonRecordReader} reads.
         *
         * @param bytes {@code 1..}{@link JsonLimit#RECORD_BYTES}{@code .maximum()} (1 GiB)
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder maxRecordBytes(long bytes) {
            return set(JsonLimit.RECORD_BYTES, bytes);
        }

        /**
         * Sets what the parser does with duplicate keys.
         *
         * @param policy the policy
         * @return this builder
         * @throws NullPointerException if {@code policy} is null
         */
        public Builder duplicateKeyPolicy(DuplicateKeyPolicy policy) {
            this.duplicateKeyPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Sets whether a leading UTF-8 byte order mark is skipped (RFC 8259 section 8.1 lets a
         * parser ignore it); when {@code false}, the default, it is a parse error.
         *
         * @param allow whether to skip it
         * @return this builder
         */
        public Builder allowByteOrderMark(boolean allow) {
            this.allowByteOrderMark = allow;
            return this;
        }

        /** {@return immutable limits with the values set so far} */
        public JsonLimits build() {
            return new JsonLimits(this);
        }
    }
}
