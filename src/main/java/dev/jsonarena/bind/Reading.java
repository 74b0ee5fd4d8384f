package dev.jsonarena.bind;

import dev.jsonarena.JsonBindException;
import dev.jsonarena.JsonCursor;
import dev.jsonarena.JsonType;
import dev.jsonarena.JsonTypeException;
import dev.jsonarena.JsonValue;
import java.lang.reflect.Type;
import java.util.Arrays;

/**
 * The state of one bind call: the cursor (or, for a bind of input bytes, the {@link DirectInput}),
 * the nesting depth, and per depth the frame a record's components are read into before its
 * constructor is called ({@code long} bits for primitives, references for the rest; a list read
 * from bytes collects its elements there). Frames are reused across records and calls; a record or
 * a container clears the references it stored before it returns (and {@link #clear} all of them
 * after a failed call), so a frame keeps nothing alive and a record finds its references null: a
 * missing component whose value is null needs no store.
 * For the direct reading it also keeps each record type's learned member names
 * ({@link MemberShape}) and a log of the members not found in them.
 *
 * <p>Thread-safety: not thread-safe; {@link Codecs} lends one to one call at a time.
 */
final class Reading {
    /** The deepest nesting of containers a bind follows (only recursive types can reach it). */
    static final int MAX_DEPTH = 512;

    final JsonCursor cursor = new JsonCursor();
    /** The input of a call that reads bytes directly ({@link Codecs#bindBytes}). */
    final DirectInput in = new DirectInput();
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
    /** Per record slot, the member names learned from direct input. */
    private MemberShape[] shapes = new MemberShape[8];
    /**
     * The members of the objects being read from direct input that their type's shape does not
     * have: per member, its name's start and length in the input, its component (-1: none), and
     * the shape position of the last member found before it (-1: none).
     */
    private int[] log = new int[64];
    private int logTop;
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

    /** {@return the member names learned for the record in {@code slot}} */
    MemberShape shape(int slot) {
        if (slot >= shapes.length) {
            shapes = Arrays.copyOf(shapes, Math.max(slot + 1, shapes.length * 2));
        }
        MemberShape s = shapes[slot];
        if (s == null) {
            shapes[slot] = s = new MemberShape();
        }
        return s;
    }

    /** {@return the end of the member log}: an object's entries start there */
    int logMark() {
        return logTop;
    }

    /** Appends a member to the log (see {@link #log()}). */
    void log(int start, int length, int component, int position) {
        int t = logTop;
        if (t + 4 > log.length) {
            log = Arrays.copyOf(log, log.length * 2);
        }
        log[t] = start;
        log[t + 1] = length;
        log[t + 2] = component;
        log[t + 3] = position;
        logTop = t + 4;
    }

    /** {@return the member log}: entries from a {@link #logMark()} to the end are an object's */
    int[] log() {
        return log;
    }

    /** Drops the log's entries from {@code mark} on. */
    void logReset(int mark) {
        logTop = mark;
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
        if (p == null || p.length < slots || refs[d].length < slots) {
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

    /**
     * The most values a container read from direct input collects in its frame before it makes
     * its own object: up to this many it makes the object once, of the exact size; past it the
     * object takes the rest as they come, so frames stay small.
     */
    static final int COLLECTED = 4096;

    /** {@return the references of frame {@code d}, grown to twice their length}, the first ones kept */
    Object[] growRefs(int d) {
        return refs[d] = Arrays.copyOf(refs[d], refs[d].length * 2);
    }

    /** {@return the bits of frame {@code d}, grown to twice their length}, the first ones kept */
    long[] growPrims(int d) {
        return prims[d] = Arrays.copyOf(prims[d], prims[d].length * 2);
    }

    long[] prims(int d) {
        return prims[d];
    }

    Object[] refs(int d) {
        return refs[d];
    }

    /** Forgets the depth (and the direct input) after a failed call, so that the next call starts at 0. */
    void clear() {
        in.clear();
        depth = 0;
        logTop = 0;
        for (MemberShape s : shapes) {
            if (s != null) {
                s.reading = 0;
            }
        }
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
