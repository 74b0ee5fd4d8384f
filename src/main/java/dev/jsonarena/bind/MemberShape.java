package dev.jsonarena.bind;

import java.util.Arrays;

/**
 * The member names of one record type's objects as a bind call has learned them from direct
 * input: a sequence of names, each with the component it matches (-1 for none). Objects of one
 * type usually name their members in one order, some of them optional, so a member's name is
 * looked for in the sequence from the position after the last one found (then from the start):
 * equal bytes followed by a quote are that name, whole and valid, with its component known and no
 * scan ({@link DirectInput#nameIs}).
 *
 * <p><b>Invariants.</b> The names are pairwise distinct: so names found at distinct positions are
 * distinct, and an object whose names are all found, each at a position not found before in it
 * (a bit per position), has no duplicate name.
 * Each name is plain (valid UTF-8 without quotes, backslashes or control characters), as every
 * name {@link DirectInput#name} reads is. A shape holds at most {@link #MAX_NAMES} names, each of
 * at most {@link #MAX_NAME_BYTES}.
 *
 * <p><b>Learning.</b> An object with names the shape does not have is merged in: its new names
 * are inserted where it has them, after the shape's name it had before them. So a type whose
 * objects leave out different optional members converges on all of them, in an order that finds
 * each with few comparisons, and a shape learns nothing from an object all of whose names it found.
 * Only an object read while no other object of the type is open learns ({@link #reading}): a
 * shape never changes under an object reading it.
 *
 * <p>Thread-safety: not thread-safe; a {@link Reading} holds one per record type it has read.
 */
final class MemberShape {
    /** The most names a shape holds (a bit each in a {@code long}): names past them are read without it. */
    static final int MAX_NAMES = 64;
    /** The longest name a shape learns, in bytes: a bind state keeps the names, so a long one is read without it. */
    static final int MAX_NAME_BYTES = 256;

    /**
     * Objects of this shape's type being read now, nested in one another (a recursive type):
     * only the outermost learns, so that a shape never changes under an object still reading it
     * (its found positions would no longer name the same names). Back to 0 after each call,
     * {@linkplain Reading#clear failed} ones included.
     */
    int reading;
    private byte[][] names = new byte[0][];
    private int[] components = new int[0];
    /** Per name, its head and mask for {@link DirectInput#nameIs(byte[], long, long)}. */
    private long[] heads = new long[0];
    private long[] masks = new long[0];

    /**
     * Reads the member name at the input's position if it is one of this shape's, looked for from
     * position {@code from} to the end, then from the start: {@return its position}, or -1
     * (nothing read)
     */
    int find(DirectInput in, int from) {
        byte[][] n = names;
        long[] h = heads;
        long[] m = masks;
        for (int t = from; t < n.length; t++) {
            if (in.nameIs(n[t], h[t], m[t])) {
                return t;
            }
        }
        for (int t = 0; t < from && t < n.length; t++) {
            if (in.nameIs(n[t], h[t], m[t])) {
                return t;
            }
        }
        return -1;
    }

    /** {@return whether this shape holds {@link #MAX_NAMES} names}: it learns no more */
    boolean full() {
        return names.length == MAX_NAMES;
    }

    /** {@return the component the name at position {@code t} matches, or -1} */
    int component(int t) {
        return components[t];
    }

    /**
     * Merges the names of an object just read that this shape does not have into it: the entries
     * {@code [from, to)} of {@code log}, four ints each (the name's start in the input, its length,
     * its component, and the position in this shape of the last name found before it, or -1).
     * Each goes after that position, in the object's order; names are copied out of the input.
     */
    void learn(DirectInput in, int[] log, int from, int to) {
        byte[][] old = names;
        int added = 0;
        for (int e = from; e < to; e += 4) {
            if (learns(in, log, from, e)) {
                added++;
            }
        }
        int n = old.length + added;
        if (added == 0 || n > MAX_NAMES) {
            return;
        }
        byte[][] now = new byte[n][];
        int[] comps = new int[n];
        int k = 0;
        for (int i = -1; i < old.length; i++) {
            if (i >= 0) {
                now[k] = old[i];
                comps[k++] = components[i];
            }
            for (int e = from; e < to; e += 4) {
                if (log[e + 3] == i && learns(in, log, from, e)) {
                    now[k] = in.copy(log[e], log[e + 1]);
                    comps[k++] = log[e + 2];
                }
            }
        }
        long[] h = new long[n];
        long[] m = new long[n];
        for (int i = 0; i < n; i++) {
            h[i] = DirectInput.head(now[i]);
            m[i] = DirectInput.headMask(now[i]);
        }
        names = now;
        components = comps;
        heads = h;
        masks = m;
    }

    /** {@return whether entry {@code e} of {@code log} is a name to learn}: not too long, and not one an entry before it (from {@code from}) has */
    private static boolean learns(DirectInput in, int[] log, int from, int e) {
        return log[e + 1] <= MAX_NAME_BYTES && !has(in, log, from, e); // the same name twice in the object: merged once
    }

    /** {@return whether an entry of {@code log} before {@code e}, from {@code from}, has the name of entry {@code e}} */
    private static boolean has(DirectInput in, int[] log, int from, int e) {
        for (int f = from; f < e; f += 4) {
            if (log[f + 1] == log[e + 1] && in.sameBytes(log[f], log[e], log[e + 1])) {
                return true;
            }
        }
        return false;
    }
}
