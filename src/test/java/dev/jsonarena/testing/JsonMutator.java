package dev.jsonarena.testing;

import dev.jsonarena.testing.Property.Gen;
import java.util.Arrays;
import java.util.Objects;

/**
 * Random byte-level mutations of a (usually valid) JSON document, to probe the error paths of a
 * decoder: the result may be valid or invalid, and a decoder must either accept it with the same
 * value as {@link ReferenceJson} or reject it, never fail in another way.
 *
 * {@snippet :
 * Property.check("mutants parse or are rejected", 500, gen -> {
 *     byte[] mutant = JsonMutator.mutate(gen, new JsonGenerator(gen).document().bytes());
 *     // decode mutant: expect a value or a parse error with an offset
 * });
 * }
 *
 * <p>Thread-safety: stateless; thread-safe as long as each thread uses its own {@link Gen}.
 */
public final class JsonMutator {

    /** A kind of mutation; every kind returns a new array and never modifies its input. */
    public enum Kind {
        /** Flips one bit of one byte. */
        FLIP_BIT,
        /** Replaces one byte with one of {@link #INTERESTING}. */
        REPLACE_INTERESTING,
        /** Replaces one byte with a random byte. */
        REPLACE_RANDOM,
        /** Cuts the document at a random offset (possibly to empty). */
        TRUNCATE,
        /** Inserts 1 to 4 random bytes at a random offset. */
        INSERT_RANDOM,
        /** Inserts one of {@link #INTERESTING} at a random offset. */
        INSERT_INTERESTING,
        /** Copies a random slice to a random offset. */
        DUPLICATE_SLICE,
        /** Removes a random slice. */
        DELETE_SLICE,
    }

    /**
     * Bytes that matter to a JSON decoder: structure, quotes and escapes, NUL and the last control
     * character, a lone continuation byte, an overlong lead ({@code C0}), the lead of the UTF-8
     * surrogate range ({@code ED}), the last valid 4-byte lead ({@code F4}), an invalid byte
     * ({@code FF}), digits and the number characters {@code e - . + E}, and whitespace.
     */
    public static final byte[] INTERESTING = {
        '"', '\\', '{', '[', ']', '}', ',', ':', 0x00, 0x1F, (byte) 0x80, (byte) 0xC0,
        (byte) 0xED, (byte) 0xF4, (byte) 0xFF, '0', '1', '9', 'e', 'E', '-', '+', '.', 'u', '/',
        ' ', '\t', '\n', '\r',
    };

    private static final Kind[] KINDS = Kind.values();

    private JsonMutator() {}

    /** {@return {@code doc} after 1 to 3 random mutations}; {@code doc} is not modified */
    public static byte[] mutate(Gen gen, byte[] doc) {
        Objects.requireNonNull(gen, "gen");
        byte[] out = doc.clone();
        int n = 1 + gen.nextInt(3);
        for (int i = 0; i < n; i++) {
            out = apply(gen.pick(KINDS), gen, out);
        }
        return out;
    }

    /**
     * {@return {@code doc} after one mutation of {@code kind}}; {@code doc} is not modified. On an
     * empty document every kind except {@link Kind#TRUNCATE} inserts a byte instead.
     */
    public static byte[] apply(Kind kind, Gen gen, byte[] doc) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(gen, "gen");
        int len = doc.length;
        if (len == 0) {
            return kind == Kind.TRUNCATE ? new byte[0] : new byte[] {interesting(gen)};
        }
        return switch (kind) {
            case FLIP_BIT -> {
                byte[] out = doc.clone();
                out[gen.nextInt(len)] ^= (byte) (1 << gen.nextInt(8));
                yield out;
            }
            case REPLACE_INTERESTING -> {
                byte[] out = doc.clone();
                out[gen.nextInt(len)] = interesting(gen);
                yield out;
            }
            case REPLACE_RANDOM -> {
                byte[] out = doc.clone();
                out[gen.nextInt(len)] = (byte) gen.nextInt(256);
                yield out;
            }
            case TRUNCATE -> Arrays.copyOf(doc, gen.nextInt(len));
            case INSERT_RANDOM -> insert(doc, gen.nextInt(len + 1), gen.bytes(1 + gen.nextInt(4)));
            case INSERT_INTERESTING -> insert(doc, gen.nextInt(len + 1), new byte[] {interesting(gen)});
            case DUPLICATE_SLICE -> {
                int from = gen.nextInt(len);
                int to = from + 1 + gen.nextInt(Math.min(64, len - from));
                yield insert(doc, gen.nextInt(len + 1), Arrays.copyOfRange(doc, from, to));
            }
            case DELETE_SLICE -> {
                int from = gen.nextInt(len);
                int to = from + 1 + gen.nextInt(Math.min(64, len - from));
                byte[] out = new byte[len - (to - from)];
                System.arraycopy(doc, 0, out, 0, from);
                System.arraycopy(doc, to, out, from, len - to);
                yield out;
            }
        };
    }

    private static byte interesting(Gen gen) {
        return gen.pickByte(INTERESTING);
    }

    private static byte[] insert(byte[] doc, int at, byte[] bytes) {
        byte[] out = new byte[doc.length + bytes.length];
        System.arraycopy(doc, 0, out, 0, at);
        System.arraycopy(bytes, 0, out, at, bytes.length);
        System.arraycopy(doc, at, out, at + bytes.length, doc.length - at);
        return out;
    }
}
