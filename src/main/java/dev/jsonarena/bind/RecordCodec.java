package dev.jsonarena.bind;

import dev.jsonarena.JsonCursor;
import dev.jsonarena.JsonKey;
import dev.jsonarena.JsonType;
import dev.jsonarena.JsonWriter;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * The binder of a record: a JSON object whose members are the record's components, by name (the
 * component's, or its {@link dev.jsonarena.JsonName}).
 *
 * <p><b>Reading.</b> One pass over the object's members, in document order. The components' names
 * are resolved to the document's key ids on the first record of this type in a document
 * ({@link MemberKeys}, cached in the {@link Reading}); then each member's key id is compared first
 * with the id of the component after the one matched last, so members in declaration order cost
 * one integer comparison each, else looked up in a small hash table of the components' ids (an
 * unknown member costs a probe or two, never a name comparison). A matched value is read into the frame of this depth ({@link Reading}): a primitive's
 * bits or a reference; a bit per component records that it was seen. Then missing components get
 * their binder's {@linkplain Codec#absentValue() absent value} (primitives: an error, or zero with
 * the option), and the constructor handle ({@link FrameConstructor}) builds the record from the
 * frame. A member that matches no component is skipped, or an error when unknown members are
 * rejected; the discriminator member of a sealed hierarchy is known.
 *
 * <p>An exception of the constructor (a compact constructor that validates) is a
 * {@link dev.jsonarena.JsonBindException} at the object's pointer, with the exception as cause:
 * the input did not fit the type.
 *
 * <p><b>Writing.</b> The discriminator first, if any, then each component not ignored, in
 * declaration order, through its accessor handle.
 *
 * <p>Thread-safety: immutable once {@link Codecs} has published it.
 */
final class RecordCodec extends Codec {
    /** One component: its member name, binder or primitive kind, and accessor. */
    static final class Component {
        final String name;
        final JsonKey key;
        final Primitive primitive;
        final Codec codec;
        final boolean ignored;
        /** The accessor: {@code (Object)long} (a primitive's bits) or {@code (Object)Object}. */
        final MethodHandle get;
        /** Whether a missing member leaves the component null: nothing to store, as frames start null. */
        final boolean absentIsNull;
        /** Whether the binder is {@code String}'s, and the primitive of a box's binder: read from direct input without a call to the binder. */
        final boolean string;
        final Primitive box;

        Component(String name, Primitive primitive, Codec codec, boolean ignored, MethodHandle get) {
            this.name = name;
            this.key = JsonKey.of(name);
            this.primitive = primitive;
            this.codec = codec;
            this.ignored = ignored;
            this.get = get;
            this.absentIsNull = codec == null || codec.absentIsNull();
            this.string = codec instanceof TextCodec t && t.isString();
            this.box = codec instanceof BoxCodec b ? b.primitive() : null;
        }
    }

    private static final JsonType[] TYPES = JsonType.values();

    private Component[] components;
    /** The members' writer generated for the record ({@link GeneratedWriter}), or null: the accessor handles then. */
    private BiConsumer<JsonWriter, Object> writer;
    private MethodHandle constructor;
    private boolean rejectUnknown;
    private boolean defaultPrimitives;
    private JsonKey discriminatorKey;
    private String discriminatorValue;
    /** Per component, its member name in UTF-8 (null for an ignored one), and the discriminator's: for direct input. */
    private byte[][] nameBytes;
    private byte[] discriminatorBytes;
    /** This record's index in the key-id cache of a {@link Reading}. */
    final int slot;

    RecordCodec(Class<?> type, int slot) {
        super(type);
        this.slot = slot;
    }

    /**
     * {@return the key ids of the components in the document {@code r} reads}, laid out as
     * <pre>
     * [0, n)              component j's key id: -1 for a name no member of the document has, and
     *                     for an ignored component
     * [n]                 the discriminator's key id, or -1
     * [n + 1, n + 1 + t)  open-addressing table of t slots (a power of two, at least 2n): key id + 1,
     *                     0 for an empty slot; a key id's home slot is id &amp; (t - 1)
     * [n + 1 + t, ...)    per slot, the component index
     * </pre>
     * Into {@code into} if it has the size.
     */
    int[] resolve(Reading r, int[] into) {
        Component[] cs = components;
        int n = cs.length;
        int t = Integer.highestOneBit(Math.max(2, 2 * n)) * 2;
        int[] ids = into != null && into.length == n + 1 + 2 * t ? into : new int[n + 1 + 2 * t];
        java.util.Arrays.fill(ids, n + 1, n + 1 + t, 0);
        for (int j = 0; j < n; j++) {
            int id = cs[j].ignored ? -1 : r.keys.keyId(r.cursor, cs[j].key);
            ids[j] = id;
            if (id >= 0) {
                int slot = id & (t - 1);
                while (ids[n + 1 + slot] != 0) {
                    slot = (slot + 1) & (t - 1);
                }
                ids[n + 1 + slot] = id + 1;
                ids[n + 1 + t + slot] = j;
            }
        }
        ids[n] = discriminatorKey == null ? -1 : r.keys.keyId(r.cursor, discriminatorKey);
        return ids;
    }

    /** Completes this binder; called once, before {@link Codecs} publishes it. */
    void init(Component[] components, BiConsumer<JsonWriter, Object> writer, MethodHandle constructor,
            boolean rejectUnknown, boolean defaultPrimitives, JsonKey discriminatorKey, String discriminatorValue) {
        this.components = components;
        this.writer = writer;
        this.constructor = constructor;
        this.rejectUnknown = rejectUnknown;
        this.defaultPrimitives = defaultPrimitives;
        this.discriminatorKey = discriminatorKey;
        this.discriminatorValue = discriminatorValue;
        this.nameBytes = new byte[components.length][];
        for (int j = 0; j < components.length; j++) {
            nameBytes[j] = components[j].ignored ? null : plain(components[j].name);
        }
        this.discriminatorBytes = discriminatorKey == null ? null : plain(discriminatorKey.name());
    }

    /**
     * Reads the object at the direct input's position as {@link #read} reads it at a cursor. Each
     * member's name is first looked for in the names learned for this type ({@link MemberShape}),
     * from the position after the last one found: found, its component is known with no scan. A
     * name not found is scanned and compared with the component after the one matched last, then
     * with each component's name; an object with such names has them all checked for duplicates
     * (under {@link dev.jsonarena.DuplicateKeyPolicy#REJECT}) and merged into the shape. What the
     * cursor path reports as an error, this gives up on: the parsed document then reports it.
     */
    @Override
    Object readBytes(Reading r, int c) {
        if (c != '{') {
            throw DirectInput.GIVE_UP;
        }
        DirectInput in = r.in;
        Component[] cs = components;
        byte[][] names = nameBytes;
        int n = cs.length;
        int d = r.enter(n, type);
        long[] prims = r.prims(d);
        Object[] refs = r.refs(d);
        MemberShape shape = r.shape(slot);
        shape.reading++;
        int logFrom = r.logMark();
        long seen = 0;
        int k = 0;
        int s = 0;
        long found = 0;
        boolean learn = false;
        for (boolean more = in.firstMember(); more; more = in.nextMember()) {
            int t = shape.find(in, s);
            int j;
            if (t >= 0) {
                if ((found & 1L << t) != 0) {
                    throw DirectInput.GIVE_UP; // a duplicate name: the parse's policy decides
                }
                found |= 1L << t;
                j = shape.component(t);
                s = t + 1;
            } else {
                learn = true;
                int length = in.name();
                byte[] expected = n > 0 ? names[k] : null;
                j = expected != null && expected.length == length && in.nameEquals(expected) ? k : find(in, names, length);
                r.log(in.textStart(), length, j, s - 1);
            }
            if (j < 0) {
                if (rejectUnknown && (discriminatorBytes == null || !in.nameEquals(discriminatorBytes))) {
                    throw DirectInput.GIVE_UP;
                }
                in.skip(in.peek());
                continue;
            }
            if ((seen & 1L << j) != 0) {
                throw DirectInput.GIVE_UP; // a duplicate: the parse's policy decides
            }
            seen |= 1L << j;
            Component comp = cs[j];
            int vc = in.peek();
            if (comp.primitive != null) {
                prims[j] = comp.primitive.readBytes(r, vc);
            } else if (vc == 'n') {
                in.nullLiteral();
                refs[j] = comp.codec.nullValue();
            } else if (comp.string) { // the common binders, without a call through the binder
                if (vc != '"') {
                    throw DirectInput.GIVE_UP;
                }
                refs[j] = in.string();
            } else if (comp.box != null) {
                refs[j] = comp.box.box(comp.box.readBytes(r, vc));
            } else {
                refs[j] = comp.codec.readBytes(r, vc);
            }
            k = j + 1 == n ? 0 : j + 1;
        }
        boolean outermost = --shape.reading == 0;
        if (learn && outermost) {
            learn(r, in, shape, logFrom);
        } else if (learn) {
            checkNewNames(in, r, logFrom);
        }
        r.logReset(logFrom);
        if (seen != (n == 64 ? -1L : (1L << n) - 1)) {
            for (int j = 0; j < n; j++) {
                if ((seen & 1L << j) == 0) {
                    Component comp = cs[j];
                    if (comp.primitive == null) {
                        if (!comp.absentIsNull) {
                            refs[j] = comp.codec.absentValue();
                        }
                    } else if (defaultPrimitives || comp.ignored) {
                        prims[j] = 0;
                    } else {
                        throw DirectInput.GIVE_UP;
                    }
                }
            }
        }
        Object result;
        try {
            result = constructor.invokeExact(prims, refs);
        } catch (Error e) {
            throw e;
        } catch (Throwable e) { // the record's own validation refused the values: the cursor path reports it
            throw DirectInput.GIVE_UP;
        } finally {
            Arrays.fill(refs, 0, n, null);
        }
        r.exit();
        return result;
    }

    /**
     * Checks the names of an object just read that the shape does not have (its log entries from
     * {@code from}) for duplicates among them, under a policy that rejects them (they cannot equal
     * a name the shape has, and those found were found once each), and merges them into the shape.
     */
    private static void learn(Reading r, DirectInput in, MemberShape shape, int from) {
        checkNewNames(in, r, from);
        if (!shape.full()) {
            shape.learn(in, r.log(), from, r.logMark());
        }
    }

    /** The duplicate check of {@link #learn}, for an object that does not learn (nested in one of its type). */
    private static void checkNewNames(DirectInput in, Reading r, int from) {
        if (in.rejectsDuplicates()) {
            int[] log = r.log();
            int to = r.logMark();
            long mark = in.openNames();
            for (int e = from; e < to; e += 4) {
                in.noteName(log[e], log[e + 1]);
            }
            in.closeNames(mark);
        }
    }

    /**
     * {@return {@code name} in UTF-8 if it can be a member name of direct input}: valid UTF-8
     * without quotes, backslashes or control characters, which JSON writes without escapes;
     * otherwise null, as direct input never matches it (an escaped name gives up)
     */
    private static byte[] plain(String name) {
        byte[] b = name.getBytes(StandardCharsets.UTF_8);
        if (!new String(b, StandardCharsets.UTF_8).equals(name)) {
            return null; // an unpaired surrogate
        }
        for (byte x : b) {
            if (x == '"' || x == '\\' || (x >= 0 && x < 0x20)) {
                return null;
            }
        }
        return b;
    }

    /** {@return the component whose member name is the direct input's last name, of {@code length} bytes}, or -1 */
    private static int find(DirectInput in, byte[][] names, int length) {
        for (int j = 0; j < names.length; j++) {
            byte[] name = names[j];
            if (name != null && name.length == length && in.nameEquals(name)) {
                return j;
            }
        }
        return -1;
    }

    @Override
    boolean readsBytes(java.util.Set<Codec> visiting) {
        if (components.length > 64 || !visiting.add(this)) {
            return components.length <= 64;
        }
        for (Component comp : components) {
            if (!comp.ignored && comp.primitive == null && !comp.codec.readsBytes(visiting)) {
                return false;
            }
        }
        return true;
    }

    @Override
    Object read(Reading r, JsonType t) {
        if (t != JsonType.OBJECT) {
            throw r.mismatch(type, "an object");
        }
        Component[] cs = components;
        int n = cs.length;
        JsonCursor c = r.cursor;
        int d = r.enter(n, type);
        long[] prims = r.prims(d);
        Object[] refs = r.refs(d);
        long seen = 0;
        long[] seenMore = n > 64 ? new long[(n + 63) >>> 6] : null;
        int[] ids = r.keyIds(this);
        MemberKeys keys = r.keys;
        long idAndType = keys.enterMembers(c);
        int k = 0;
        for (; idAndType >= 0; idAndType = keys.nextMember(c)) {
            int id = (int) (idAndType >> 8);
            int j = n == 0 ? -1 : ids[k] == id ? k : match(ids, n, id);
            if (j < 0) {
                if (rejectUnknown && ids[n] != id) {
                    throw r.fail(type, "no member \"" + c.key() + "\" (unknown members are rejected)", null);
                }
                continue;
            }
            Component comp = cs[j];
            JsonType vt = TYPES[(int) idAndType & 0xFF];
            if (comp.primitive != null) {
                if (vt == JsonType.NULL) {
                    throw r.mismatch(comp.primitive.type, comp.primitive.expected);
                }
                prims[j] = comp.primitive.read(r, vt);
            } else {
                refs[j] = comp.codec.readValue(r, vt);
            }
            if (j < 64) {
                seen |= 1L << j;
            } else {
                seenMore[j >>> 6] |= 1L << j;
            }
            k = j + 1 == n ? 0 : j + 1;
        }
        if (n > 0 && (seen != (n >= 64 ? -1L : (1L << n) - 1) || seenMore != null)) {
            fillMissing(r, cs, prims, refs, seen, seenMore);
        }
        Object result;
        try {
            result = constructor.invokeExact(prims, refs);
        } catch (Error e) {
            throw e;
        } catch (Throwable e) { // the record's own validation refused the values
            throw r.fail(type, "an object the constructor of " + type.getTypeName() + " accepts; it threw " + e, e);
        } finally {
            Arrays.fill(refs, 0, n, null);
        }
        r.exit();
        return result;
    }

    /** {@return the index of the component whose key id is {@code id}, or -1}, from the table of {@link #resolve} */
    private static int match(int[] ids, int n, int id) {
        int t = (ids.length - n - 1) >>> 1;
        int slot = id & (t - 1);
        for (;;) {
            int k = ids[n + 1 + slot];
            if (k == id + 1) {
                return ids[n + 1 + t + slot];
            }
            if (k == 0) {
                return -1;
            }
            slot = (slot + 1) & (t - 1);
        }
    }

    private void fillMissing(Reading r, Component[] cs, long[] prims, Object[] refs, long seen, long[] seenMore) {
        for (int j = 0; j < cs.length; j++) {
            boolean was = j < 64 ? (seen & 1L << j) != 0 : (seenMore[j >>> 6] & 1L << j) != 0;
            if (was) {
                continue;
            }
            Component comp = cs[j];
            if (comp.primitive != null) {
                if (!defaultPrimitives && !comp.ignored) {
                    Arrays.fill(refs, 0, cs.length, null);
                    throw r.missing(comp.primitive.type, comp.name,
                            "a member \"" + comp.name + "\" of " + type.getTypeName() + " (missing primitives are rejected)");
                }
                prims[j] = 0;
            } else if (!comp.absentIsNull) {
                refs[j] = comp.codec.absentValue();
            }
        }
    }

    @Override
    void write(JsonWriter w, Object value) {
        w.beginObject();
        if (discriminatorKey != null) {
            w.name(discriminatorKey).value(discriminatorValue);
        }
        if (writer != null) {
            writer.accept(w, value);
            w.endObject();
            return;
        }
        try {
            for (Component comp : components) {
                if (comp.ignored) {
                    continue;
                }
                w.name(comp.key);
                if (comp.primitive != null) {
                    comp.primitive.write(w, (long) comp.get.invokeExact(value));
                } else {
                    comp.codec.writeValue(w, (Object) comp.get.invokeExact(value));
                }
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("accessor of " + type.getTypeName() + " threw " + e, e);
        }
        w.endObject();
    }

    @Override
    public String toString() {
        return "RecordCodec[" + type.getTypeName() + "]";
    }

    Type recordType() {
        return type;
    }
}
