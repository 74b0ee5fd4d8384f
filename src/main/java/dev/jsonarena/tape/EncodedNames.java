package dev.jsonarena.tape;

import java.util.Arrays;

/**
 * The compact JSON text of recently written member names ({@code ,"name":}, after the comma that
 * precedes every member but an object's first, quoted, with the colon; a first member is written
 * from index 1), so that a name written again costs a lookup and a copy instead of an encoding.
 *
 * <p>Layout: a two-way set-associative cache of {@value #SETS} sets, the set chosen by the low
 * bits of the name's {@link String#hashCode()} (which a {@code String} caches). Entry
 * {@code 2 * set} is the set's newer name, {@code 2 * set + 1} its older one; each entry holds the
 * name, its hash (compared before the name's chars), its text in an array of its own
 * ({@value #MAX_CHARS} + 4 bytes, allocated at the entry's first use) and the text's length:
 * <pre>
 *   entry     0          1          ...   128        129        ...   2 * SETS - 1
 *             set 0                      set 64 (2112 &amp; 255)
 *   names   [ newer    | older    | ... | "BB"     | "Aa"     | ... ]   String
 *   hashes  [          |          | ... | 2112     | 2112     | ... ]   int, the name's hashCode()
 *   texts   [          |          | ... | ,"BB":   | ,"Aa":   | ... ]   byte[MAX_CHARS + 4]
 *   lengths [          |          | ... | 6        | 6        | ... ]   int
 * </pre>
 * A name that misses becomes its set's newer entry and the newer one the older (whose name is
 * forgotten; its array is reused), so two names whose hashes share their low bits, which a
 * direct-mapped cache would make evict each other on every alternation, are both kept. Only names
 * of at most {@value #MAX_CHARS} ASCII chars that need no escape are kept, so the cache holds at
 * most {@code 2 * SETS} short strings and allocates nothing in steady state.
 *
 * <p>Servers write replies of few shapes with the same names again and again; a name that misses
 * (one never seen, or a third one of its set) is encoded as any string is.
 *
 * <p>Thread-safety: not thread-safe; owned by one {@link JsonSink}.
 */
final class EncodedNames {
    static final int SETS = 256;
    static final int MAX_CHARS = 64;

    private final String[] names = new String[2 * SETS];
    private final byte[][] texts = new byte[2 * SETS][];
    private final int[] lengths = new int[2 * SETS];
    private final int[] hashes = new int[2 * SETS];

    /** {@return the entry holding {@code name}, or -1} */
    int find(String name) {
        int h = name.hashCode();
        int e = (h & (SETS - 1)) << 1;
        String cached = names[e];
        if (cached == name || hashes[e] == h && name.equals(cached)) {
            return e;
        }
        cached = names[e + 1];
        return cached == name || hashes[e + 1] == h && name.equals(cached) ? e + 1 : -1;
    }

    /**
     * Writes the text cached in {@code entry} to {@code out}, from its comma if {@code comma},
     * else from its quote (the entry's array has the room {@link JsonSink#putPadded} reads).
     */
    void write(int entry, boolean comma, JsonSink out) {
        int from = comma ? 0 : 1;
        out.putPadded(texts[entry], from, lengths[entry] - from);
    }

    /**
     * Caches the text of {@code name}, which {@link #find} did not find: a comma, then
     * {@code b[from, from + length)}, as its set's newer entry.
     */
    void put(String name, byte[] b, int from, int length) {
        int h = name.hashCode();
        int e = (h & (SETS - 1)) << 1;
        byte[] text = texts[e + 1]; // the older entry's array, reused for the new name
        if (text == null) {
            text = new byte[MAX_CHARS + 4];
            text[0] = ',';
        }
        names[e + 1] = names[e];
        texts[e + 1] = texts[e];
        lengths[e + 1] = lengths[e];
        hashes[e + 1] = hashes[e];
        System.arraycopy(b, from, text, 1, length);
        Arrays.fill(text, 1 + length, text.length, (byte) 0); // the older name's bytes: putPadded copies past the end
        names[e] = name;
        texts[e] = text;
        lengths[e] = length + 1;
        hashes[e] = h;
    }
}
