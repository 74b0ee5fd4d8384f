package dev.jsonarena;

import dev.jsonarena.tape.JsonSink;
import dev.jsonarena.tape.JsonTokens;
import dev.jsonarena.tape.KeyHash;
import dev.jsonarena.tape.Utf8;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A member name prepared for lookups that allocate nothing: its UTF-8 bytes are encoded once, and
 * its hash under a pool's seed is computed on first use with that pool and cached. Make keys once
 * (as constants) and use them for every request:
 *
 * {@snippet :
 * static final JsonKey LEVEL = JsonKey.of("level");
 * ...
 * JsonValue level = record.get(LEVEL);   // no String, no hashing, no allocation
 * }
 *
 * <p>A lookup first finds the name in the document's key table (by the seeded hash, then the
 * bytes); a name no member has is answered there. Then the object's members are compared by key
 * id, never by bytes.
 *
 * <p>Keys are equal when their names are equal.
 *
 * <p>Thread-safety: immutable and thread-safe. The cached hash is an immutable (seed, hash) pair
 * published through a plain field: a race at worst computes it twice. A key used with documents
 * of alternating pools recomputes (and allocates) its cache on each switch.
 */
public final class JsonKey {
    private final String name;
    /** UTF-8 bytes of the name, followed by 8 zero bytes (the hash reads whole words). */
    private final byte[] padded;
    final int length;
    final MemorySegment segment;
    /** The name as a JSON string, quotes and escapes included: what a generator writes for it. */
    final byte[] json;
    /**
     * {@code ,"name":}: what a compact generator writes for it after an earlier member (from index
     * 1, without the comma, for the first); {@link #memberLength} bytes, then zeros to at least
     * {@code 1 +} {@link JsonSink#PADDED} (what {@link JsonSink#putPadded} reads).
     */
    final byte[] member;
    final int memberLength;
    private Seeded cached;

    private record Seeded(long seed, long hash) {}

    private JsonKey(String name, byte[] utf8) {
        this.name = name;
        this.length = utf8.length;
        this.padded = Arrays.copyOf(utf8, utf8.length + 8);
        this.segment = MemorySegment.ofArray(padded);
        JsonSink sink = JsonSink.growing();
        JsonTokens.string(utf8, 0, utf8.length, false, sink);
        this.json = sink.toBytes();
        this.memberLength = json.length + 2;
        this.member = new byte[Math.max(memberLength, 1 + JsonSink.PADDED)];
        member[0] = ',';
        System.arraycopy(json, 0, member, 1, json.length);
        member[json.length + 1] = ':';
    }

    /**
     * {@return a key for {@code name}}
     *
     * @param name the member name
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if {@code name} holds an unpaired surrogate (no JSON
     *     document can have such a member name, since the parser rejects them)
     */
    public static JsonKey of(String name) {
        Objects.requireNonNull(name, "name");
        if (Utf8.encodedLength(name) < 0) {
            throw new IllegalArgumentException("name: \"" + name + "\" has an unpaired surrogate (expected: "
                    + "well-formed UTF-16)");
        }
        return new JsonKey(name, name.getBytes(StandardCharsets.UTF_8));
    }

    /** {@return the name} */
    public String name() {
        return name;
    }

    /** {@return the length of the name in UTF-8 bytes} */
    public int utf8Length() {
        return length;
    }

    /** {@return the name's hash under {@code seed}, cached for the last seed used} */
    long hash(long seed) {
        Seeded c = cached;
        if (c != null && c.seed == seed) {
            return c.hash;
        }
        long h = KeyHash.hash(segment, 0, length, seed);
        cached = new Seeded(seed, h);
        return h;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonKey k && k.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    /** {@return the name} */
    @Override
    public String toString() {
        return name;
    }
}
