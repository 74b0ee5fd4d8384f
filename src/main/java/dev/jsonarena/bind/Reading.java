package dev.jsonarena.bind;

import dev.jsonarena.JsonBindException;
import dev.jsonarena.JsonCursor;
import dev.jsonarena.JsonType;
import dev.jsonarena.JsonTypeException;
import dev.jsonarena.JsonValue;
import java.lang.reflect.Type;
import java.util.Arrays;

/**
 * The state of one bind call: the cursor, the nesting depth, and per depth the frame a record's
 * components are read into before its constructor is called ({@code long} bits for primitives,
 * references for the rest). Frames are reused across records and calls; a record clears the
 * references it stored before it returns, so a frame keeps nothing alive.
 *
 * <p>Thread-safety: not thread-safe; {@link Codecs} lends one to one call at a time.
 */
final class Reading {
    /** The deepest nesting of containers a bind follows (only recursive types can reach it). */
    static final int MAX_DEPTH = 512;

    final JsonCursor cursor = new JsonCursor();
    final Codecs codecs;
    final MemberKeys keys;
    /** The document of this call, and its epoch: the key ids below are valid for it only. */
    private Object doc;
    private long epoch;
    /** Per record slot: the document and epoch its ids were resolved for, and the ids. */
    private Object[] idsDoc = new Object[8];
    private long[] idsEpoch = new long[8];
    private int[][] ids = new int[8][];
    private int depth;
    private long[][] prims = new long[8][];
    private Object[][] refs = new Object[8][];

    Reading(Codecs codecs) {
        this.codecs = codecs;
        this.keys = codecs.keys;
    }

    /** Starts a call, the cursor reset to its value. */
    void begin() {
        doc = keys.document(cursor);
        epoch = keys.epoch(cursor);
    }

    /**
     * {@return the key ids, in this call's document, of the components of {@code rc} (and its
     * discriminator last)}: resolved on the first record of that type in the document, then kept
     */
    int[] keyIds(RecordCodec rc) {
        int s = rc.slot;
        if (s >= ids.length) {
            int n = Math.max(s + 1, ids.length * 2);
            idsDoc = Arrays.copyOf(idsDoc, n);
            idsEpoch = Arrays.copyOf(idsEpoch, n);
            ids = Arrays.copyOf(ids, n);
        }
        int[] a = ids[s];
        if (idsDoc[s] == doc && idsEpoch[s] == epoch) {
            return a;
        }
        a = rc.resolve(this, a);
        ids[s] = a;
        idsDoc[s] = doc;
        idsEpoch[s] = epoch;
        return a;
    }

    /**
     * Enters a container: {@return the depth of its frame}, sized for at least {@code slots} components
     *
     * @throws JsonBindException past {@link #MAX_DEPTH}
     */
    int enter(int slots, Type target) {
        int d = depth;
        if (d == MAX_DEPTH) {
            throw fail(target, "at most " + MAX_DEPTH + " nested containers", null);
        }
        if (d == prims.length) {
            prims = Arrays.copyOf(prims, d * 2);
            refs = Arrays.copyOf(refs, d * 2);
        }
        long[] p = prims[d];
        if (p == null || p.length < slots) {
            prims[d] = new long[Math.max(slots, 8)];
            refs[d] = new Object[Math.max(slots, 8)];
        }
        depth = d + 1;
        return d;
    }

    /** Leaves the container entered last. */
    void exit() {
        depth--;
    }

    long[] prims(int d) {
        return prims[d];
    }

    Object[] refs(int d) {
        return refs[d];
    }

    /** Forgets the depth after a failed call, so that the next call starts at 0. */
    void clear() {
        depth = 0;
        for (Object[] o : refs) {
            if (o != null) {
                Arrays.fill(o, null);
            }
        }
    }

    // ---- errors: built on the error path only ----

    /** {@return the error for a value of JSON type {@code found} where {@code target} takes {@code expected}} */
    JsonBindException mismatch(Type target, String expected) {
        return fail(target, expected, null);
    }

    /** {@return the error for the value at the cursor, which {@code target} cannot take} */
    JsonBindException fail(Type target, String expected, Throwable cause) {
        long[] at = keys.position(cursor);
        return new JsonBindException(pointer(), target, found(), expected, cause, at[0], at[1], at[2]);
    }

    /** {@return the error for a member {@code name} missing from the object at the cursor} */
    JsonBindException missing(Type target, String name, String expected) {
        String p = pointer();
        long[] at = keys.position(cursor);
        return new JsonBindException(p == null ? null : p + "/" + escape(name), target, "no member", expected, null,
                at[0], at[1], at[2]);
    }

    /**
     * {@return the JSON Pointer of the value at the cursor, from its document's root}. The views
     * compute it for their type errors, so this asks one for a type the value does not have.
     */
    String pointer() {
        JsonValue v = cursor.value();
        try {
            if (v.type() == JsonType.ARRAY) {
                v.asObject();
            } else {
                v.asArray();
            }
        } catch (JsonTypeException e) {
            return e.pointer();
        }
        return null;
    }

    /** {@return the JSON type of the value at the cursor and an excerpt of a number or string} */
    String found() {
        JsonType t = cursor.type();
        return switch (t) {
            case NUMBER -> "NUMBER " + cursor.value().numberText();
            case STRING -> "STRING \"" + cursor.asString() + "\"";
            default -> t.name();
        };
    }

    /** {@return {@code name} as a JSON Pointer step: {@code ~} as {@code ~0}, {@code /} as {@code ~1}} */
    static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
