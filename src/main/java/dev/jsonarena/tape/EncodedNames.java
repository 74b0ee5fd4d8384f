package dev.jsonarena.tape;

/**
 * The compact JSON text of recently written member names ({@code ,"name":}, after the comma that
 * precedes every member but an object's first, quoted, with the colon; a first member is written
 * from index 1), so that a name written again costs a lookup and a copy instead of an encoding: a
 * direct-mapped cache of {@value #SLOTS} slots indexed by the name's {@link String#hashCode()}
 * (which a {@code String} caches), each holding the name and its text. Only names of at most {@value #MAX_CHARS} ASCII chars that need no escape are
 * kept, so the cache holds at most {@value #SLOTS} short strings; a new name replaces the slot's
 * last one, its text copied into the slot's own array (allocated at the slot's first use), so the
 * cache allocates nothing in steady state even when names collide.
 *
 * <p>Servers write replies of few shapes with the same names again and again; a name that misses
 * (a colliding name, or one never seen) is encoded as any string is.
 *
 * <p>Thread-safety: not thread-safe; owned by one {@link JsonSink}.
 */
final class EncodedNames {
    static final int SLOTS = 256;
    static final int MAX_CHARS = 64;

    private final String[] names = new String[SLOTS];
    private final byte[][] texts = new byte[SLOTS][];
    private final int[] lengths = new int[SLOTS];

    /** {@return the slot of {@code name}} */
    static int slot(String name) {
        return name.hashCode() & (SLOTS - 1);
    }

    /** {@return whether slot {@code slot} holds {@code name}} */
    boolean holds(int slot, String name) {
        String cached = names[slot];
        return cached == name || name.equals(cached);
    }

    /** {@return the text cached in {@code slot}} */
    byte[] text(int slot) {
        return texts[slot];
    }

    /** {@return the length of the text cached in {@code slot}} */
    int length(int slot) {
        return lengths[slot];
    }

    /** Caches in {@code slot} the text of {@code name}: a comma, then {@code b[from, from + length)}. */
    void put(int slot, String name, byte[] b, int from, int length) {
        byte[] text = texts[slot];
        if (text == null) {
            text = texts[slot] = new byte[MAX_CHARS + 4];
            text[0] = ',';
        }
        System.arraycopy(b, from, text, 1, length);
        names[slot] = name;
        lengths[slot] = length + 1;
    }
}
