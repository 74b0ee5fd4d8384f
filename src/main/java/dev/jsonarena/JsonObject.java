package dev.jsonarena;

import dev.jsonarena.tape.Document;
import dev.jsonarena.tape.JsonText;
import dev.jsonarena.tape.Tape;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * A JSON object of a parsed document: its members in document order, looked up by name.
 *
 * <p>{@link #size()} is O(1). {@link #get(JsonKey)} first looks the name up in the document's key
 * table (a name that no member of the document has is answered there), then compares key ids:
 * linearly for up to 16 members, through an index built in the arena on first use above that.
 * With {@link JsonKey} it allocates nothing; {@link #get(String)} hashes and compares the
 * characters in place, and allocates nothing either.
 *
 * <p><b>Reads without null checks.</b> {@link #path(String)} returns a missing value instead of
 * {@code null} for an absent member (see {@link JsonValue#isMissing()}), and the typed reads with a
 * default ({@link #getString(String, String)}, {@link #getLong(String, long)},
 * {@link #getInt(String, int)}, {@link #getDouble(String, double)},
 * {@link #getBoolean(String, boolean)}, each also by {@link JsonKey}) return the default when the
 * member is absent or {@code null}, and throw {@link JsonTypeException} naming the member's pointer
 * when it has another type: a wrong type is bad input, not an optional field left out.
 * {@snippet :
 * String level = record.getString(LEVEL, "info");    // LEVEL: a JsonKey
 * long retries = record.getLong("retries", 0);
 * }
 *
 * <p>Duplicate names: under the default {@link DuplicateKeyPolicy#REJECT} a document with them does
 * not parse; under {@code FIRST_WINS} or {@code LAST_WINS} the losing members were dropped while
 * parsing, so every name appears once.
 *
 * <p><b>Lifetime.</b> Valid while its arena is open and not reset; afterwards every method
 * throws {@link IllegalStateException}.
 *
 * <p>Thread-safety: not thread-safe, like its arena.
 */
public final class JsonObject implements Iterable<JsonObject.Member> {
    final Document doc;
    final long epoch;
    final int index;

    JsonObject(Document doc, long epoch, int index) {
        this.doc = doc;
        this.epoch = epoch;
        this.index = index;
    }

    private Document doc() {
        doc.check(epoch);
        return doc;
    }

    /**
     * Ends a read that began with the epoch check: if the arena was reset or closed meanwhile (a
     * reader racing a close on another thread), what was read may be another request's, so this
     * throws instead of letting it out.
     */
    private void valid() {
        doc.validate(epoch);
    }

    /** {@return what to throw for {@code e}, thrown during a read}: the stale-view exception if the arena went away meanwhile */
    private RuntimeException torn(RuntimeException e) {
        return doc.torn(epoch, e);
    }

    /**
     * {@return the number of members}
     *
     * @throws IllegalStateException if the arena was reset or closed
     */
    public int size() {
        try {
            return Tape.count(doc().word(index));
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return the value of the member named {@code key}, or {@code null} if there is none}
     *
     * @param key the name
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalStateException if the arena was reset or closed
     */
    public JsonValue get(JsonKey key) {
        try {
            Objects.requireNonNull(key, "key");
            Document d = doc();
            int v = d.member(index, Values.keyId(d, key), epoch);
            return v < 0 ? null : new JsonValue(d, epoch, v);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return the value of the member named {@code key}, or {@code null} if there is none}
     *
     * @param key the name
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalStateException if the arena was reset or closed
     */
    public JsonValue get(String key) {
        try {
            Objects.requireNonNull(key, "key");
            Document d = doc();
            int v = d.member(index, d.keyId(key), epoch);
            return v < 0 ? null : new JsonValue(d, epoch, v);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return whether a member is named {@code key}}; allocates nothing
     *
     * @param key the name
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalStateException if the arena was reset or closed
     */
    public boolean has(JsonKey key) {
        try {
            Objects.requireNonNull(key, "key");
            Document d = doc();
            return d.member(index, Values.keyId(d, key), epoch) >= 0;
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return whether a member is named {@code key}}; allocates nothing
     *
     * @param key the name
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalStateException if the arena was reset or closed
     */
    public boolean has(String key) {
        try {
            Objects.requireNonNull(key, "key");
            Document d = doc();
            return d.member(index, d.keyId(key), epoch) >= 0;
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return the value of the member named {@code name}, or a missing value if there is none}
     * (see {@link JsonValue#path(String)}): never {@code null}, so reads can be chained
     *
     * @param name the name
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalStateException if the arena was reset or closed
     */
    public JsonValue path(String name) {
        try {
            Objects.requireNonNull(name, "name");
            Document d = doc();
            return JsonValue.member(d, epoch, index, d.keyId(name), name);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return the value of the member named {@code key}, or a missing value if there is none}
     * (see {@link JsonValue#path(JsonKey)}): never {@code null}, so reads can be chained
     *
     * @param key the name
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalStateException if the arena was reset or closed
     */
    public JsonValue path(JsonKey key) {
        try {
            Objects.requireNonNull(key, "key");
            Document d = doc();
            return JsonValue.member(d, epoch, index, Values.keyId(d, key), key);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return the value of the member named {@code key} as a String, or {@code defaultValue}
     * if there is no such member or its value is {@code null}}; allocates nothing but the String
     *
     * @param key the name
     * @param defaultValue what to return for an absent or {@code null} member; may be {@code null}
     * @throws JsonTypeException if the member's value is of another type (naming its pointer)
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalStateException if the arena was reset or closed
     */
    public String getString(String key, String defaultValue) {
        try {
            Objects.requireNonNull(key, "key");
            Document d = doc();
            int v = d.member(index, d.keyId(key), epoch);
            return Values.absentOrNull(d, v) ? defaultValue : Values.asString(d, v);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return the value of the member named {@code key} as a String, or {@code defaultValue}
     * if there is no such member or its value is {@code null}}; allocates nothing but the String
     *
     * @param key the name
     * @param defaultValue what to return for an absent or {@code null} member; may be {@code null}
     * @throws JsonTypeException if the member's value is of another type (naming its pointer)
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalStateException if the arena was reset or closed
     */
    public String getString(JsonKey key, String defaultValue) {
        try {
            Objects.requireNonNull(key, "key");
            Document d = doc();
            int v = d.member(index, Values.keyId(d, key), epoch);
            return Values.absentOrNull(d, v) ? defaultValue : Values.asString(d, v);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return the value of the member named {@code key} as a long, exactly, or
     * {@code defaultValue} if there is no such member or its value is {@code null}}; allocates nothing
     *
     * @param key the name
     * @param defaultValue what to return for an absent or {@code null} member
     * @throws ArithmeticException if the number is not an integer in the range of long
     * @throws JsonTypeException if the member's value is of another type (naming its pointer)
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalStateException if the arena was reset or closed
     */
    public long getLong(String key, long defaultValue) {
        try {
            Objects.requireNonNull(key, "key");
            Document d = doc();
            int v = d.member(index, d.keyId(key), epoch);
            return Values.absentOrNull(d, v) ? defaultValue : Values.asLong(d, v);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return the value of the member named {@code key} as a long, exactly, or
     * {@code defaultValue} if there is no such member or its value is {@code null}}; allocates nothing
     *
     * @param key the name
     * @param defaultValue what to return for an absent or {@code null} member
     * @throws ArithmeticException if the number is not an integer in the range of long
     * @throws JsonTypeException if the member's value is of another type (naming its pointer)
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalStateException if the arena was reset or closed
     */
    public long getLong(JsonKey key, long defaultValue) {
        try {
            Objects.requireNonNull(key, "key");
            Document d = doc();
            int v = d.member(index, Values.keyId(d, key), epoch);
            return Values.absentOrNull(d, v) ? defaultValue : Values.asLong(d, v);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return the value of the member named {@code key} as an int, exactly, or
     * {@code defaultValue} if there is no such member or its value is {@code null}}; allocates nothing
     *
     * @param key the name
     * @param defaultValue what to return for an absent or {@code null} member
     * @throws ArithmeticException if the number is not an integer in the range of int
     * @throws JsonTypeException if the member's value is of another type (naming its pointer)
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalStateException if the arena was reset or closed
     */
    public int getInt(String key, int defaultValue) {
        try {
            Objects.requireNonNull(key, "key");
            Document d = doc();
            int v = d.member(index, d.keyId(key), epoch);
            return Values.absentOrNull(d, v) ? defaultValue : Values.asInt(d, v);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return the value of the member named {@code key} as an int, exactly, or
     * {@code defaultValue} if there is no such member or its value is {@code null}}; allocates nothing
     *
     * @param key the name
     * @param defaultValue what to return for an absent or {@code null} member
     * @throws ArithmeticException if the number is not an integer in the range of int
     * @throws JsonTypeException if the member's value is of another type (naming its pointer)
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalStateException if the arena was reset or closed
     */
    public int getInt(JsonKey key, int defaultValue) {
        try {
            Objects.requireNonNull(key, "key");
            Document d = doc();
            int v = d.member(index, Values.keyId(d, key), epoch);
            return Values.absentOrNull(d, v) ? defaultValue : Values.asInt(d, v);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return the value of the member named {@code key} as a correctly rounded double, or
     * {@code defaultValue} if there is no such member or its value is {@code null}}; allocates nothing
     *
     * @param key the name
     * @param defaultValue what to return for an absent or {@code null} member
     * @throws JsonTypeException if the member's value is of another type (naming its pointer)
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalStateException if the arena was reset or closed
     */
    public double getDouble(String key, double defaultValue) {
        try {
            Objects.requireNonNull(key, "key");
            Document d = doc();
            int v = d.member(index, d.keyId(key), epoch);
            return Values.absentOrNull(d, v) ? defaultValue : Values.asDouble(d, v);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return the value of the member named {@code key} as a correctly rounded double, or
     * {@code defaultValue} if there is no such member or its value is {@code null}}; allocates nothing
     *
     * @param key the name
     * @param defaultValue what to return for an absent or {@code null} member
     * @throws JsonTypeException if the member's value is of another type (naming its pointer)
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalStateException if the arena was reset or closed
     */
    public double getDouble(JsonKey key, double defaultValue) {
        try {
            Objects.requireNonNull(key, "key");
            Document d = doc();
            int v = d.member(index, Values.keyId(d, key), epoch);
            return Values.absentOrNull(d, v) ? defaultValue : Values.asDouble(d, v);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return the value of the member named {@code key} as a boolean, or {@code defaultValue}
     * if there is no such member or its value is {@code null}}; allocates nothing
     *
     * @param key the name
     * @param defaultValue what to return for an absent or {@code null} member
     * @throws JsonTypeException if the member's value is of another type (naming its pointer)
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalStateException if the arena was reset or closed
     */
    public boolean getBoolean(String key, boolean defaultValue) {
        try {
            Objects.requireNonNull(key, "key");
            Document d = doc();
            int v = d.member(index, d.keyId(key), epoch);
            return Values.absentOrNull(d, v) ? defaultValue : Values.asBoolean(d, v);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return the value of the member named {@code key} as a boolean, or {@code defaultValue}
     * if there is no such member or its value is {@code null}}; allocates nothing
     *
     * @param key the name
     * @param defaultValue what to return for an absent or {@code null} member
     * @throws JsonTypeException if the member's value is of another type (naming its pointer)
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalStateException if the arena was reset or closed
     */
    public boolean getBoolean(JsonKey key, boolean defaultValue) {
        try {
            Objects.requireNonNull(key, "key");
            Document d = doc();
            int v = d.member(index, Values.keyId(d, key), epoch);
            return Values.absentOrNull(d, v) ? defaultValue : Values.asBoolean(d, v);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return this object as a {@link JsonValue}}
     *
     * @throws IllegalStateException if the arena was reset or closed
     */
    public JsonValue asValue() {
        try {
            doc();
            return new JsonValue(doc, epoch, index);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return an iterator over the members in document order}; it allocates one {@link Member}
     * per step (use {@link JsonCursor} for a walk without allocation)
     *
     * @throws IllegalStateException if the arena was reset or closed (also from the iterator's
     *     methods, when that happens during the iteration)
     */
    @Override
    public Iterator<Member> iterator() {
        try {
            Document d = doc();
            int count = Tape.count(d.word(index));
            return new Iterator<>() {
                int left = count;
                int next = index + 1;

                @Override
                public boolean hasNext() {
                    try {
                        doc();
                        return left > 0;
                    } catch (RuntimeException e) {
                        throw torn(e);
                    } finally {
                        valid();
                    }
                }

                @Override
                public Member next() {
                    try {
                        Document dd = doc();
                        if (left == 0) {
                            throw new NoSuchElementException("no more members (object has " + count + ")");
                        }
                        Member m = new Member(dd, epoch, next);
                        next = dd.nextMember(next);
                        left--;
                        return m;
                    } catch (RuntimeException e) {
                        throw torn(e);
                    } finally {
                        valid();
                    }
                }
            };
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return a read-only {@link java.util.Map} over this object's members}, for code written
     * against maps; nothing is copied. Iteration is in document order; {@code get} and
     * {@code containsKey} look names up like {@link #get(String)} (a key that is not a
     * {@code String} is simply absent). Values are converted on each access: nested objects and
     * arrays as further read-only views ({@code asMap()}, {@link JsonArray#asList()}), scalars as
     * {@link JsonValue#toJava()} converts them. {@code equals} and {@code hashCode} follow the
     * {@link java.util.Map} contract, so the view equals {@code asValue().toJava()}. Every mutator
     * throws {@link UnsupportedOperationException}.
     *
     * <p>Like every view, the map is valid while its arena is open and not reset; afterwards its
     * methods (and those of its collections and iterators) throw {@link IllegalStateException}.
     *
     * @throws IllegalStateException if the arena was reset or closed
     */
    public Map<String, Object> asMap() {
        try {
            doc();
            return new ObjectMapView(doc, epoch, index);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return this object as compact JSON}
     *
     * @throws IllegalStateException if the arena was reset or closed
     */
    public String toJson() {
        try {
            return JsonText.toJson(doc(), index);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return this object as compact JSON, as {@link #toJson()}}
     *
     * @throws IllegalStateException if the arena was reset or closed
     */
    @Override
    public String toString() {
        return toJson();
    }

    /**
     * One member of an object: a name and a value. A flyweight like the other views, valid while
     * its arena is open and not reset; every method throws {@link IllegalStateException} after.
     *
     * <p>Thread-safety: not thread-safe, like its arena.
     */
    public static final class Member {
        private final Document doc;
        private final long epoch;
        private final int keyIndex;

        Member(Document doc, long epoch, int keyIndex) {
            this.doc = doc;
            this.epoch = epoch;
            this.keyIndex = keyIndex;
        }

        private int id() {
            doc.check(epoch);
            return Tape.keyId(doc.word(keyIndex));
        }

        private void valid() {
            doc.validate(epoch);
        }

        private RuntimeException torn(RuntimeException e) {
            return doc.torn(epoch, e);
        }

        /**
         * {@return the member's name}
         *
         * @throws IllegalStateException if the arena was reset or closed
         */
        public String key() {
            try {
                return doc.keyName(id(), epoch);
            } catch (RuntimeException e) {
                throw torn(e);
            } finally {
                valid();
            }
        }

        /**
         * {@return whether the member is named {@code key}}; allocates nothing
         *
         * @param key the name
         * @throws NullPointerException if {@code key} is null
         * @throws IllegalStateException if the arena was reset or closed
         */
        public boolean keyEquals(JsonKey key) {
            Objects.requireNonNull(key, "key");
            try {
                return Values.keyIs(doc, id(), key);
            } catch (RuntimeException e) {
                throw torn(e);
            } finally {
                valid();
            }
        }

        /**
         * {@return whether the member is named {@code name}}; allocates nothing
         *
         * @param name the name
         * @throws NullPointerException if {@code name} is null
         * @throws IllegalStateException if the arena was reset or closed
         */
        public boolean keyEquals(CharSequence name) {
            Objects.requireNonNull(name, "name");
            try {
                return Values.keyIs(doc, id(), name);
            } catch (RuntimeException e) {
                throw torn(e);
            } finally {
                valid();
            }
        }

        /**
         * {@return the member's value}
         *
         * @throws IllegalStateException if the arena was reset or closed
         */
        public JsonValue value() {
            try {
                doc.check(epoch);
                return new JsonValue(doc, epoch, keyIndex + 1);
            } catch (RuntimeException e) {
                throw torn(e);
            } finally {
                valid();
            }
        }

        /**
         * {@return {@code "name":value} as compact JSON}
         *
         * @throws IllegalStateException if the arena was reset or closed
         */
        @Override
        public String toString() {
            try {
                id();
                return JsonText.memberToJson(doc, keyIndex);
            } catch (RuntimeException e) {
                throw torn(e);
            } finally {
                valid();
            }
        }
    }
}
