package dev.jsonarena;

import dev.jsonarena.tape.Document;
import dev.jsonarena.tape.Tape;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;

/**
 * A reusable position in a parsed document, for walking it without allocating: navigation moves
 * an index over the tape, and the readers convert in place. Make one cursor per thread (or per
 * request) and {@link #reset(JsonValue)} it onto each document.
 *
 * {@snippet :
 * static final JsonKey USER = JsonKey.of("user"), ID = JsonKey.of("id");
 * JsonCursor c = new JsonCursor();                   // once
 * ...
 * c.reset(root);                                     // root: an array of records
 * long sum = 0;
 * if (c.enter()) {                                   // to the first record
 *     do {
 *         if (c.find(USER)) {                        // into record.user
 *             if (c.find(ID)) {                      // into user.id
 *                 sum += c.asLong();
 *                 c.exit();
 *             }
 *             c.exit();
 *         }
 *     } while (c.next());                            // to the next record
 * }
 * }
 *
 * <p><b>One-call reads.</b> {@link #stringAt(JsonKey)}, {@link #longAt(JsonKey)},
 * {@link #intAt(JsonKey)}, {@link #doubleAt(JsonKey)} and {@link #booleanAt(JsonKey)} read a member
 * of the object the cursor is at without moving it (no {@link #find} and {@link #exit()}): an
 * absent member throws {@link JsonMissingValueException}, while their forms with a default
 * ({@link #longAt(JsonKey, long)}, ...) return the default for an absent or {@code null} member.
 * {@snippet :
 * do {                                               // at each record
 *     sum += c.longAt(ID);                           // the cursor stays at the record
 *     String level = c.stringAt(LEVEL, "info");
 * } while (c.next());
 * }
 *
 * <p>The cursor is at one value. {@link #enter()} moves to the first element or first member's
 * value of the container it is at, {@link #find(JsonKey)} to a named member's value, {@link #next()}
 * to the next element or member value of the enclosing container, and {@link #exit()} back to the
 * enclosing container. The stack of enclosing containers is an {@code int[]} kept by the cursor; it
 * grows only when a walk goes deeper than any walk before it.
 *
 * <p><b>Lifetime.</b> Every method but {@link #reset} throws {@link IllegalStateException} if the
 * cursor was never reset, or if the arena of the value it was reset to was reset or closed since.
 *
 * <p>Thread-safety: not thread-safe; one thread at a time, like the arena it reads.
 */
public final class JsonCursor {
    private Document doc;
    private long epoch;
    private int pos;
    /**
     * The tape word at {@link #pos}: read once when the cursor moves (the tape does not change while
     * {@link #epoch} holds). Every read of the value at the cursor uses it: navigation, the type
     * questions, and the value reads, which go through the same {@link Values} code as
     * {@link JsonValue}'s (given this word instead of reading it again), so the two cannot disagree.
     */
    private long word;
    /** The tape index just past the enclosing container (0 at depth 0). */
    private int end;
    /** Whether the enclosing container is an object (the cursor is at a member's value). */
    private boolean inObject;
    private int depth;
    private int[] parents = new int[16];

    /** Creates a cursor at no value; {@link #reset(JsonValue)} it before use. */
    public JsonCursor() {}

    private Document doc() {
        Document d = doc;
        if (d == null) {
            throw new IllegalStateException("cursor is at no value (expected: reset(JsonValue) first)");
        }
        d.check(epoch);
        return d;
    }

    /**
     * Ends a read that began with the epoch check: if the arena was reset or closed meanwhile (a
     * reader racing a close on another thread), what was read may be another request's, so this
     * throws instead of letting it out.
     */
    private void valid() {
        Document d = doc;
        if (d != null) {
            d.validate(epoch);
        }
    }

    /** {@return what to throw for {@code e}, thrown during a read}: the stale-view exception if the arena went away meanwhile */
    private RuntimeException torn(RuntimeException e) {
        Document d = doc;
        return d == null ? e : d.torn(epoch, e);
    }

    /**
     * Moves this cursor to {@code value}, at depth 0.
     *
     * @param value the value to start from
     * @return this cursor
     * @throws JsonMissingValueException if {@code value} is {@linkplain JsonValue#isMissing() missing}
     * @throws NullPointerException if {@code value} is null
     * @throws IllegalStateException if {@code value}'s arena was reset or closed
     */
    public JsonCursor reset(JsonValue value) {
        try {
            Objects.requireNonNull(value, "value");
            value.doc.check(value.epoch);
            int index = value.presentIndex();
            doc = value.doc;
            epoch = value.epoch;
            pos = index;
            word = value.doc.word(pos);
            end = 0;
            inObject = false;
            depth = 0;
            return this;
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return the type of the value the cursor is at}
     *
     * @throws IllegalStateException if never reset, or the arena was reset or closed
     */
    public JsonType type() {
        try {
            doc();
            return Values.type(word);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return how many containers the cursor has entered since {@link #reset}}
     *
     * @throws IllegalStateException if never reset, or the arena was reset or closed
     */
    public int depth() {
        try {
            doc();
            return depth;
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return the member or element count of the container the cursor is at}
     *
     * @throws JsonTypeException if it is not at an object or array
     * @throws IllegalStateException if never reset, or the arena was reset or closed
     */
    public int size() {
        try {
            return Tape.count(container(doc()));
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /** {@return the word at the cursor} @throws JsonTypeException if it is not an object's or an array's */
    private long container(Document d) {
        long w = word;
        int tag = Tape.tag(w);
        if (tag != Tape.OBJECT && tag != Tape.ARRAY) {
            throw Values.typeError(d, pos, "OBJECT or ARRAY");
        }
        return w;
    }

    private void push(int container) {
        if (depth == parents.length) {
            parents = Arrays.copyOf(parents, depth * 2);
        }
        parents[depth++] = container;
    }

    /**
     * Moves into the container the cursor is at: to its first element, or its first member's value.
     *
     * @return {@code true} if it moved; {@code false}, staying, if the container is empty
     * @throws JsonTypeException if it is not at an object or array
     * @throws IllegalStateException if never reset, or the arena was reset or closed
     */
    public boolean enter() {
        try {
            Document d = doc();
            long w = container(d);
            if (Tape.count(w) == 0) {
                return false;
            }
            push(pos);
            end = pos + Tape.span(w);
            inObject = Tape.tag(w) == Tape.OBJECT;
            pos += inObject ? 2 : 1;
            word = d.word(pos);
            return true;
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * Moves to the next element, or the next member's value, of the enclosing container.
     *
     * @return {@code true} if it moved; {@code false}, staying, if the cursor is at the last one
     *     or at depth 0
     * @throws IllegalStateException if never reset, or the arena was reset or closed
     */
    public boolean next() {
        try {
            Document d = doc();
            if (depth == 0) {
                return false;
            }
            int n = pos + Tape.words(word);
            if (n >= end) {
                return false;
            }
            pos = inObject ? n + 1 : n;
            word = d.word(pos);
            return true;
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * Moves back to the enclosing container.
     *
     * @throws IllegalStateException if at depth 0, never reset, or the arena was reset or closed
     */
    public void exit() {
        try {
            Document d = doc();
            if (depth == 0) {
                throw new IllegalStateException("cursor is at depth 0 (expected: exit() only after enter() or find())");
            }
            pop(d);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /** Moves back to the enclosing container (depth > 0). */
    private void pop(Document d) {
        pos = parents[--depth];
        word = d.word(pos);
        if (depth == 0) {
            end = 0;
            inObject = false;
        } else {
            int parent = parents[depth - 1];
            long pw = d.word(parent);
            end = parent + Tape.span(pw);
            inObject = Tape.tag(pw) == Tape.OBJECT;
        }
    }

    /** Moves into the object the cursor is at (its word is {@link #word}), to the member value at {@code v}. */
    private void moveInto(Document d, int v) {
        push(pos);
        end = pos + Tape.span(word);
        inObject = true;
        pos = v;
        word = d.word(v);
    }

    /**
     * Moves into the object the cursor is at, to the value of the member named {@code key}.
     *
     * @param key the name
     * @return {@code true} if it moved; {@code false}, staying, if there is no such member
     * @throws JsonTypeException if it is not at an object
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalStateException if never reset, or the arena was reset or closed
     */
    public boolean find(JsonKey key) {
        try {
            Objects.requireNonNull(key, "key");
            Document d = doc();
            Values.require(d, pos, word, Tape.OBJECT, JsonType.OBJECT);
            int v = d.member(pos, Values.keyId(d, key), epoch);
            if (v < 0) {
                return false;
            }
            moveInto(d, v);
            return true;
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * Moves into the object the cursor is at, to the value of the member named {@code name}.
     *
     * @param name the name
     * @return {@code true} if it moved; {@code false}, staying, if there is no such member
     * @throws JsonTypeException if it is not at an object
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalStateException if never reset, or the arena was reset or closed
     */
    public boolean find(String name) {
        try {
            Objects.requireNonNull(name, "name");
            Document d = doc();
            Values.require(d, pos, word, Tape.OBJECT, JsonType.OBJECT);
            int v = d.member(pos, d.keyId(name), epoch);
            if (v < 0) {
                return false;
            }
            moveInto(d, v);
            return true;
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    private int keyId(Document d) {
        if (!inObject) {
            throw new IllegalStateException("cursor is not at a member's value (expected: inside an object)");
        }
        return Tape.keyId(d.word(pos - 1));
    }

    // ---- hooks of the binders (CursorMemberKeys): key ids instead of names ----

    /** {@return the document this cursor reads} @throws IllegalStateException if never reset, or reset or closed */
    Object document() {
        return doc();
    }

    /**
     * {@return {offset, line, column} of the value at the cursor in the input, each -1 if not known}
     * (see {@link Document#position}); for error paths
     *
     * @throws IllegalStateException if never reset, or the arena was reset or closed
     */
    long[] position() {
        try {
            return Values.position(doc(), pos);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /** {@return the epoch this cursor's document was read at} */
    long epoch() {
        return epoch;
    }

    /**
     * Moves into the object the cursor is at, to its first member's value: {@return that member's
     * key id shifted left by 8, or'd with the ordinal of its value's {@link JsonType}}, or -1,
     * staying, if the object is empty. One checked read in place of {@link #enter()} and the reads
     * of the first member's key id and type.
     *
     * @throws JsonTypeException if it is not at an object
     * @throws IllegalStateException if never reset, or the arena was reset or closed
     */
    long enterMembers() {
        try {
            Document d = doc();
            long w = word;
            if (Tape.tag(w) != Tape.OBJECT) {
                throw Values.typeError(d, pos, "OBJECT");
            }
            if (Tape.count(w) == 0) {
                return -1;
            }
            int k = pos + 1;
            moveInto(d, k + 1);
            return (long) Tape.keyId(d.word(k)) << 8 | Values.type(word).ordinal();
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * Moves to the next member's value of the object entered with {@link #enterMembers()}: {@return
     * its key id and value type, as that method returns them}, or -1 after the last member, the
     * cursor then moved back to the object (as {@link #exit()} does). One checked read in place of
     * {@link #next()} and the reads of the key id and type (or of {@link #next()} and {@link #exit()}).
     *
     * @throws IllegalStateException if not at a member's value, never reset, or the arena was
     *     reset or closed
     */
    long nextMember() {
        try {
            Document d = doc();
            if (!inObject) {
                throw new IllegalStateException("cursor is not at a member's value (expected: inside an object)");
            }
            int k = pos + Tape.words(word);
            if (k < end) {
                pos = k + 1;
                word = d.word(pos);
                return (long) Tape.keyId(d.word(k)) << 8 | Values.type(word).ordinal();
            }
            pop(d);
            return -1;
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /** {@return the id of {@code key} in this cursor's document, or -1 if no member has that name} */
    int keyIdOf(JsonKey key) {
        try {
            return Values.keyId(doc(), key);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return the name of the member whose value the cursor is at}
     *
     * @throws IllegalStateException if not at a member's value, never reset, or the arena was
     *     reset or closed
     */
    public String key() {
        try {
            Document d = doc();
            return d.keyName(keyId(d), epoch);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return whether the member whose value the cursor is at is named {@code key}}; allocates
     * nothing
     *
     * @param key the name
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalStateException if not at a member's value, never reset, or the arena was
     *     reset or closed
     */
    public boolean keyEquals(JsonKey key) {
        try {
            Objects.requireNonNull(key, "key");
            Document d = doc();
            return Values.keyIs(d, keyId(d), key);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return whether the member whose value the cursor is at is named {@code name}}; allocates
     * nothing
     *
     * @param name the name
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalStateException if not at a member's value, never reset, or the arena was
     *     reset or closed
     */
    public boolean keyEquals(CharSequence name) {
        try {
            Objects.requireNonNull(name, "name");
            Document d = doc();
            return Values.keyIs(d, keyId(d), name);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return the number at the cursor as a long, exactly} (as {@link JsonValue#asLong()})
     *
     * @throws ArithmeticException if not an integer in the range of long; the message names the
     *     value and {@code long}
     * @throws JsonTypeException if it is not a number
     * @throws IllegalStateException if never reset, or the arena was reset or closed
     */
    public long asLong() {
        try {
            return Values.asLong(doc(), pos, word);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return the number at the cursor as an int, exactly} (as {@link JsonValue#asInt()})
     *
     * @throws ArithmeticException if not an integer in the range of int; the message names the
     *     value and {@code int}
     * @throws JsonTypeException if it is not a number
     * @throws IllegalStateException if never reset, or the arena was reset or closed
     */
    public int asInt() {
        try {
            return Values.asInt(doc(), pos, word);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return the number at the cursor as a correctly rounded double} (as
     * {@link JsonValue#asDouble()})
     *
     * @throws JsonTypeException if it is not a number
     * @throws IllegalStateException if never reset, or the arena was reset or closed
     */
    public double asDouble() {
        try {
            return Values.asDouble(doc(), pos, word);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return the number at the cursor as a BigDecimal, exactly} (as {@link JsonValue#asBigDecimal()}:
     * a scale from -10,000 to 10,000)
     *
     * @throws ArithmeticException if its scale is outside -10,000..10,000 (zero included); the
     *     message names the value and the bound
     * @throws JsonTypeException if it is not a number
     * @throws IllegalStateException if never reset, or the arena was reset or closed
     */
    public BigDecimal asBigDecimal() {
        try {
            return Values.asBigDecimal(doc(), pos);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return the number at the cursor as a BigInteger, exactly} (as {@link JsonValue#asBigInteger()})
     *
     * @throws ArithmeticException if the value is not an integer, or its integer form would have
     *     more than 10,000 digits
     * @throws JsonTypeException if it is not a number
     * @throws IllegalStateException if never reset, or the arena was reset or closed
     */
    public BigInteger asBigInteger() {
        try {
            return Values.asBigInteger(doc(), pos);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return the exact text of the number at the cursor, as it appears in the input} (as
     * {@link JsonValue#numberText()}; allocates the String)
     *
     * @throws JsonTypeException if it is not a number
     * @throws IllegalStateException if never reset, or the arena was reset or closed
     */
    public String numberText() {
        try {
            return Values.numberText(doc(), pos);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return the literal at the cursor as a boolean}
     *
     * @throws JsonTypeException if it is neither {@code true} nor {@code false}
     * @throws IllegalStateException if never reset, or the arena was reset or closed
     */
    public boolean asBoolean() {
        try {
            return Values.asBoolean(doc(), pos, word);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return whether the cursor is at the literal {@code null}}
     *
     * @throws IllegalStateException if never reset, or the arena was reset or closed
     */
    public boolean isNull() {
        try {
            doc();
            return Tape.tag(word) == Tape.NULL;
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return the string at the cursor} (allocates the String)
     *
     * @throws JsonTypeException if it is not a string
     * @throws IllegalStateException if never reset, or the arena was reset or closed
     */
    public String asString() {
        try {
            return Values.asString(doc(), pos, word);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return the UTF-8 length of the string at the cursor}
     *
     * @throws JsonTypeException if it is not a string
     * @throws IllegalStateException if never reset, or the arena was reset or closed
     */
    public int utf8Length() {
        try {
            return Values.utf8Length(doc(), pos, word);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return whether the string at the cursor holds exactly {@code chars}}; allocates nothing
     *
     * @param chars the characters
     * @throws JsonTypeException if it is not a string
     * @throws NullPointerException if {@code chars} is null
     * @throws IllegalStateException if never reset, or the arena was reset or closed
     */
    public boolean contentEquals(CharSequence chars) {
        try {
            return Values.contentEquals(doc(), pos, chars);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return whether the string at the cursor equals {@code key}'s name}; allocates nothing
     *
     * @param key the key
     * @throws JsonTypeException if it is not a string
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalStateException if never reset, or the arena was reset or closed
     */
    public boolean stringEquals(JsonKey key) {
        try {
            return Values.stringEquals(doc(), pos, key);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return whether the string at the cursor holds exactly {@code key}'s name}, as
     * {@link #stringEquals(JsonKey)}
     *
     * @param key the key
     * @throws JsonTypeException if it is not a string
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalStateException if never reset, or the arena was reset or closed
     * @deprecated a {@link JsonKey} is a name, not content: use {@link #stringEquals(JsonKey)}
     */
    @Deprecated(since = "0.1.0")
    public boolean contentEquals(JsonKey key) {
        return stringEquals(key);
    }

    /**
     * {@return the tape index of the value of the member named {@code key} of the object at the
     * cursor, or -1 if there is none}
     *
     * @throws JsonMissingValueException if there is none and {@code strict}
     * @throws JsonTypeException if the cursor is not at an object
     */
    private int member(Document d, JsonKey key, boolean strict) {
        Objects.requireNonNull(key, "key");
        Values.require(d, pos, word, Tape.OBJECT, JsonType.OBJECT);
        int v = d.member(pos, Values.keyId(d, key), epoch);
        if (v < 0 && strict) {
            throw Values.missing(d, pos, key);
        }
        return v;
    }

    /**
     * {@return the value of the member named {@code key} of the object the cursor is at, as a String (allocated)};
     * the cursor stays where it is
     *
     * @param key the member's name
     * @throws JsonMissingValueException if there is no such member (naming its pointer)
     * @throws JsonTypeException if the cursor is not at an object, or the member's value is of
     *     another type (naming its pointer)
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalStateException if never reset, or the arena was reset or closed
     */
    public String stringAt(JsonKey key) {
        try {
            Document d = doc();
            return Values.asString(d, member(d, key, true));
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return the value of the member named {@code key} of the object the cursor is at, as a String (allocated),
     * or {@code defaultValue} if there is no such member or its value is {@code null}}; the cursor
     * stays where it is
     *
     * @param key the member's name
     * @param defaultValue what to return for an absent or {@code null} member; may be {@code null}
     * @throws JsonTypeException if the cursor is not at an object, or the member's value is of
     *     another type (naming its pointer)
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalStateException if never reset, or the arena was reset or closed
     */
    public String stringAt(JsonKey key, String defaultValue) {
        try {
            Document d = doc();
            int v = member(d, key, false);
            return Values.absentOrNull(d, v) ? defaultValue : Values.asString(d, v);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return the value of the member named {@code key} of the object the cursor is at, as a long, exactly (as {@link #asLong()})};
     * the cursor stays where it is
     *
     * @param key the member's name
     * @throws ArithmeticException if the number is not an integer in the range of long
     * @throws JsonMissingValueException if there is no such member (naming its pointer)
     * @throws JsonTypeException if the cursor is not at an object, or the member's value is of
     *     another type (naming its pointer)
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalStateException if never reset, or the arena was reset or closed
     */
    public long longAt(JsonKey key) {
        try {
            Document d = doc();
            return Values.asLong(d, member(d, key, true));
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return the value of the member named {@code key} of the object the cursor is at, as a long, exactly (as {@link #asLong()}),
     * or {@code defaultValue} if there is no such member or its value is {@code null}}; the cursor
     * stays where it is
     *
     * @param key the member's name
     * @param defaultValue what to return for an absent or {@code null} member
     * @throws ArithmeticException if the number is not an integer in the range of long
     * @throws JsonTypeException if the cursor is not at an object, or the member's value is of
     *     another type (naming its pointer)
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalStateException if never reset, or the arena was reset or closed
     */
    public long longAt(JsonKey key, long defaultValue) {
        try {
            Document d = doc();
            int v = member(d, key, false);
            return Values.absentOrNull(d, v) ? defaultValue : Values.asLong(d, v);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return the value of the member named {@code key} of the object the cursor is at, as an int, exactly (as {@link #asInt()})};
     * the cursor stays where it is
     *
     * @param key the member's name
     * @throws ArithmeticException if the number is not an integer in the range of int
     * @throws JsonMissingValueException if there is no such member (naming its pointer)
     * @throws JsonTypeException if the cursor is not at an object, or the member's value is of
     *     another type (naming its pointer)
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalStateException if never reset, or the arena was reset or closed
     */
    public int intAt(JsonKey key) {
        try {
            Document d = doc();
            return Values.asInt(d, member(d, key, true));
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return the value of the member named {@code key} of the object the cursor is at, as an int, exactly (as {@link #asInt()}),
     * or {@code defaultValue} if there is no such member or its value is {@code null}}; the cursor
     * stays where it is
     *
     * @param key the member's name
     * @param defaultValue what to return for an absent or {@code null} member
     * @throws ArithmeticException if the number is not an integer in the range of int
     * @throws JsonTypeException if the cursor is not at an object, or the member's value is of
     *     another type (naming its pointer)
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalStateException if never reset, or the arena was reset or closed
     */
    public int intAt(JsonKey key, int defaultValue) {
        try {
            Document d = doc();
            int v = member(d, key, false);
            return Values.absentOrNull(d, v) ? defaultValue : Values.asInt(d, v);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return the value of the member named {@code key} of the object the cursor is at, as a correctly rounded double};
     * the cursor stays where it is
     *
     * @param key the member's name
     * @throws JsonMissingValueException if there is no such member (naming its pointer)
     * @throws JsonTypeException if the cursor is not at an object, or the member's value is of
     *     another type (naming its pointer)
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalStateException if never reset, or the arena was reset or closed
     */
    public double doubleAt(JsonKey key) {
        try {
            Document d = doc();
            return Values.asDouble(d, member(d, key, true));
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return the value of the member named {@code key} of the object the cursor is at, as a correctly rounded double,
     * or {@code defaultValue} if there is no such member or its value is {@code null}}; the cursor
     * stays where it is
     *
     * @param key the member's name
     * @param defaultValue what to return for an absent or {@code null} member
     * @throws JsonTypeException if the cursor is not at an object, or the member's value is of
     *     another type (naming its pointer)
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalStateException if never reset, or the arena was reset or closed
     */
    public double doubleAt(JsonKey key, double defaultValue) {
        try {
            Document d = doc();
            int v = member(d, key, false);
            return Values.absentOrNull(d, v) ? defaultValue : Values.asDouble(d, v);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return the value of the member named {@code key} of the object the cursor is at, as a boolean};
     * the cursor stays where it is
     *
     * @param key the member's name
     * @throws JsonMissingValueException if there is no such member (naming its pointer)
     * @throws JsonTypeException if the cursor is not at an object, or the member's value is of
     *     another type (naming its pointer)
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalStateException if never reset, or the arena was reset or closed
     */
    public boolean booleanAt(JsonKey key) {
        try {
            Document d = doc();
            return Values.asBoolean(d, member(d, key, true));
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return the value of the member named {@code key} of the object the cursor is at, as a boolean,
     * or {@code defaultValue} if there is no such member or its value is {@code null}}; the cursor
     * stays where it is
     *
     * @param key the member's name
     * @param defaultValue what to return for an absent or {@code null} member
     * @throws JsonTypeException if the cursor is not at an object, or the member's value is of
     *     another type (naming its pointer)
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalStateException if never reset, or the arena was reset or closed
     */
    public boolean booleanAt(JsonKey key, boolean defaultValue) {
        try {
            Document d = doc();
            int v = member(d, key, false);
            return Values.absentOrNull(d, v) ? defaultValue : Values.asBoolean(d, v);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return a view of the value at the cursor} (allocates the view)
     *
     * @throws IllegalStateException if never reset, or the arena was reset or closed
     */
    public JsonValue value() {
        try {
            doc();
            return new JsonValue(doc, epoch, pos);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }
}
