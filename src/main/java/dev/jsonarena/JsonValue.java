package dev.jsonarena;

import dev.jsonarena.tape.Document;
import dev.jsonarena.tape.JsonText;
import dev.jsonarena.tape.Pointer;
import dev.jsonarena.tape.Tape;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;

/**
 * A JSON value of a parsed document: a flyweight (document, arena epoch, tape index) over arena
 * memory, so reading a document creates no heap node per value.
 *
 * {@snippet :
 * try (JsonArena arena = JsonArena.open()) {
 *     JsonValue root = arena.parse(body);
 *     long id = root.asObject().get("id").asLong();
 *     JsonValue city = root.at("/user/address/city");     // null when absent
 *     String name = root.path("user").path("name").asString("anon");   // "anon" when absent or null
 * }
 * }
 *
 * <p><b>Lifetime.</b> A value is valid while its arena is open and not reset; afterwards every
 * method throws {@link IllegalStateException}, even once the memory belongs to another request.
 *
 * <p><b>Types.</b> Reading a value as a type it does not have throws {@link JsonTypeException},
 * which names the value's JSON Pointer. Numbers are exact: see {@link #asLong()},
 * {@link #asDouble()}, {@link #asBigInteger()}, {@link #asBigDecimal()}.
 *
 * <p><b>Missing values.</b> {@link #path(String)}, {@link #path(JsonKey)} and {@link #path(int)}
 * never return {@code null}: a step that finds nothing (an absent member, an index out of range, a
 * step into a value of another type) returns a <em>missing</em> value ({@link #isMissing()}), and
 * every further {@code path} step from it returns it again, so chained reads need no null checks.
 * A missing value remembers the first step that found nothing: its strict reads
 * ({@link #type()}, {@code as...()}, {@link #toJson()}, the string reads) throw
 * {@link JsonMissingValueException} with that step's pointer. The reads with a default
 * ({@link #asString(String)}, {@link #asLong(long)}, {@link #asInt(int)}, {@link #asDouble(double)},
 * {@link #asBoolean(boolean)}) return the default for a missing value <em>and for {@code null}</em>,
 * and throw {@link JsonTypeException} for a value of another type (a wrong type is bad input, not
 * an absent one). {@link #isNull()} is false for a missing value; {@link #at(String)} selects
 * nothing from it. A step that finds a value allocates only the view it returns, as
 * {@link JsonObject#get(String)} does; the first step that finds nothing allocates the missing
 * value, the later ones nothing.
 *
 * <p><b>Strings without allocation.</b> {@link #contentEquals(CharSequence)},
 * {@link #stringEquals(JsonKey)}, {@link #utf8Length()}, {@link #copyUtf8To(byte[], int)},
 * {@link #copyUtf8To(MemorySegment, long)} and {@link #writeUtf8To(OutputStream)} read a string's
 * UTF-8 bytes in place. No method hands out a segment of the arena's memory itself: such a segment
 * would outlive the arena and, after the memory is reused, read another request's data.
 *
 * <p>Two views are equal only if they are the same object; compare values with
 * {@link #toJson()} or by reading them.
 *
 * <p>Thread-safety: not thread-safe, like its arena: use the views of one arena from one thread at
 * a time (reads may build indexes in the arena). A read that races a close or reset of the arena
 * on another thread (a misuse) returns this value's own data or throws
 * {@link IllegalStateException}: every read checks the arena again after reading.
 */
public final class JsonValue {
    final Document doc;
    final long epoch;
    /** The value's tape index; for a missing value, that of the last value on its path the document has. */
    final int index;
    /**
     * For a missing value, the step from {@link #index} that found nothing: a member name
     * ({@link String} or {@link JsonKey}) or an element index ({@link Integer}); {@code null} for a
     * value the document has.
     */
    private final Object missingStep;

    JsonValue(Document doc, long epoch, int index) {
        this.doc = doc;
        this.epoch = epoch;
        this.index = index;
        this.missingStep = null;
    }

    private JsonValue(Document doc, long epoch, int from, Object missingStep) {
        this.doc = doc;
        this.epoch = epoch;
        this.index = from;
        this.missingStep = missingStep;
    }

    /** {@return the document, for a strict read} @throws JsonMissingValueException if this value is missing */
    private Document doc() {
        doc.check(epoch);
        if (missingStep != null) {
            throw missing();
        }
        return doc;
    }

    /** {@return the document, for a read that answers for a missing value too} */
    private Document live() {
        doc.check(epoch);
        return doc;
    }

    private JsonMissingValueException missing() {
        return Values.missing(doc, index, missingStep);
    }

    /**
     * {@return this value's tape index, for the package's readers of values (the cursor, the
     * writer)}; the caller has checked the epoch
     *
     * @throws JsonMissingValueException if this value is missing
     */
    int presentIndex() {
        if (missingStep != null) {
            throw missing();
        }
        return index;
    }

    /** {@return the value of the member of the value at {@code from} with key id {@code id} (named {@code step}), or a missing value} */
    static JsonValue member(Document d, long epoch, int from, int id, Object step) {
        int v = d.tag(from) == Tape.OBJECT ? d.member(from, id, epoch) : -1;
        return v >= 0 ? new JsonValue(d, epoch, v) : new JsonValue(d, epoch, from, step);
    }

    /** {@return element {@code i} of the value at {@code from}, or a missing value} */
    static JsonValue element(Document d, long epoch, int from, int i) {
        long w = d.word(from);
        if (Tape.tag(w) == Tape.ARRAY && i >= 0 && i < Tape.count(w)) {
            return new JsonValue(d, epoch, d.element(from, i, epoch));
        }
        return new JsonValue(d, epoch, from, i);
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
     * {@return the type of this value}
     *
     * @throws JsonMissingValueException if this value is missing
     * @throws IllegalStateException if the arena was reset or closed
     */
    public JsonType type() {
        try {
            return Values.type(doc().word(index));
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return this value as an object}
     *
     * @throws JsonTypeException if it is not an object
     * @throws JsonMissingValueException if this value is missing
     * @throws IllegalStateException if the arena was reset or closed
     */
    public JsonObject asObject() {
        try {
            Values.require(doc(), index, Tape.OBJECT, JsonType.OBJECT);
            return new JsonObject(doc, epoch, index);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return this value as an array}
     *
     * @throws JsonTypeException if it is not an array
     * @throws JsonMissingValueException if this value is missing
     * @throws IllegalStateException if the arena was reset or closed
     */
    public JsonArray asArray() {
        try {
            Values.require(doc(), index, Tape.ARRAY, JsonType.ARRAY);
            return new JsonArray(doc, epoch, index);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return this string as a Java string} (escapes resolved)
     *
     * @throws JsonTypeException if it is not a string
     * @throws JsonMissingValueException if this value is missing
     * @throws IllegalStateException if the arena was reset or closed
     */
    public String asString() {
        try {
            return Values.asString(doc(), index);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return this number as a long, exactly}: any number whose value is an integer in range
     * converts, whatever its notation ({@code 1.0}, {@code 1e2}, {@code -0} give 1, 100, 0)
     *
     * @throws ArithmeticException if the value is not an integer or is out of the range of long;
     *     the message names the value (an excerpt if long) and {@code long}
     * @throws JsonTypeException if it is not a number
     * @throws JsonMissingValueException if this value is missing
     * @throws IllegalStateException if the arena was reset or closed
     */
    public long asLong() {
        try {
            return Values.asLong(doc(), index);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return this number as an int, exactly} (as {@link #asLong()}, within int)
     *
     * @throws ArithmeticException if the value is not an integer or is out of the range of int,
     *     also when it is outside long ({@code 9223372036854775808}, {@code 1e999999999}); the
     *     message names the value (an excerpt if long) and {@code int}
     * @throws JsonTypeException if it is not a number
     * @throws JsonMissingValueException if this value is missing
     * @throws IllegalStateException if the arena was reset or closed
     */
    public int asInt() {
        try {
            return Values.asInt(doc(), index);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return this number as the double {@link Double#parseDouble} gives for its text}: correctly
     * rounded; a magnitude beyond double's range gives an infinity, one below it a zero
     *
     * @throws JsonTypeException if it is not a number
     * @throws JsonMissingValueException if this value is missing
     * @throws IllegalStateException if the arena was reset or closed
     */
    public double asDouble() {
        try {
            return Values.asDouble(doc(), index);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return this number as a BigInteger, exactly}
     *
     * @throws ArithmeticException if the value is not an integer, or its integer form would have
     *     more than 10,000 digits (a guard against exponent bombs such as {@code 1e1000000000})
     * @throws JsonTypeException if it is not a number
     * @throws JsonMissingValueException if this value is missing
     * @throws IllegalStateException if the arena was reset or closed
     */
    public BigInteger asBigInteger() {
        try {
            return Values.asBigInteger(doc(), index);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return this number as a BigDecimal, exactly} (scale as written: {@code 1.50} has scale 2)
     *
     * <p>The scale must lie from -10,000 to 10,000: {@code 1e10000} and {@code 1e-10000} convert,
     * {@code 1e10001}, {@code 1e-10001} and {@code 0e999999999} do not. This is a guard against
     * exponent bombs, like the digit bound of {@link #asBigInteger()}: {@code 1e999999999} is 11
     * bytes of input, but as a BigDecimal its {@code toPlainString()}, {@code toBigInteger()} or
     * its sum with {@code 1} needs a billion digits. Such a number is still read exactly by
     * {@link #numberText()} and, rounded, by {@link #asDouble()}. The bound also refuses a
     * literal with more than 10,000 digits after its point, which only a
     * {@link JsonLimits#maxNumberChars()} above 10,000 lets through.
     *
     * @throws ArithmeticException if its scale is outside -10,000..10,000; the message names the
     *     value (an excerpt if long) and the bound
     * @throws JsonTypeException if it is not a number
     * @throws JsonMissingValueException if this value is missing
     * @throws IllegalStateException if the arena was reset or closed
     */
    public BigDecimal asBigDecimal() {
        try {
            return Values.asBigDecimal(doc(), index);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return this number's text exactly as it was in the input}
     *
     * @throws JsonTypeException if it is not a number
     * @throws JsonMissingValueException if this value is missing
     * @throws IllegalStateException if the arena was reset or closed
     */
    public String numberText() {
        try {
            return Values.numberText(doc(), index);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return this literal as a boolean}
     *
     * @throws JsonTypeException if it is neither {@code true} nor {@code false}
     * @throws JsonMissingValueException if this value is missing
     * @throws IllegalStateException if the arena was reset or closed
     */
    public boolean asBoolean() {
        try {
            return Values.asBoolean(doc(), index);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return whether this value is the literal {@code null}}: false for a missing value
     *
     * @throws IllegalStateException if the arena was reset or closed
     */
    public boolean isNull() {
        try {
            Document d = live();
            return missingStep == null && d.tag(index) == Tape.NULL;
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return whether this value is missing}: a {@code path} step found nothing (see the class
     * description); false for every value the document has, {@code null} included
     *
     * @throws IllegalStateException if the arena was reset or closed
     */
    public boolean isMissing() {
        try {
            live();
            return missingStep != null;
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return the value of this object's member named {@code name}, or a missing value} if this
     * is not an object, has no such member, or is missing itself (then this value is returned)
     *
     * @param name the member's name
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalStateException if the arena was reset or closed
     */
    public JsonValue path(String name) {
        try {
            Objects.requireNonNull(name, "name");
            Document d = live();
            return missingStep != null ? this : member(d, epoch, index, d.keyId(name), name);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return the value of this object's member named {@code key}, or a missing value} if this is
     * not an object, has no such member, or is missing itself (then this value is returned)
     *
     * @param key the member's name
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalStateException if the arena was reset or closed
     */
    public JsonValue path(JsonKey key) {
        try {
            Objects.requireNonNull(key, "key");
            Document d = live();
            return missingStep != null ? this : member(d, epoch, index, Values.keyId(d, key), key);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return element {@code i} of this array, or a missing value} if this is not an array,
     * {@code i} is not in {@code [0, size)}, or this is missing itself (then this value is
     * returned)
     *
     * @param i the 0-based position
     * @throws IllegalStateException if the arena was reset or closed
     */
    public JsonValue path(int i) {
        try {
            Document d = live();
            return missingStep != null ? this : element(d, epoch, index, i);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return this string as a Java string, or {@code defaultValue} if this value is missing or
     * {@code null}}
     *
     * @param defaultValue what to return for a missing or {@code null} value; may be {@code null}
     * @throws JsonTypeException if this value is present, not {@code null} and not a string
     * @throws IllegalStateException if the arena was reset or closed
     */
    public String asString(String defaultValue) {
        try {
            Document d = live();
            return missingStep != null || d.tag(index) == Tape.NULL ? defaultValue : Values.asString(d, index);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return this number as a long, exactly (as {@link #asLong()}), or {@code defaultValue} if
     * this value is missing or {@code null}}
     *
     * @param defaultValue what to return for a missing or {@code null} value
     * @throws ArithmeticException if the number is not an integer in the range of long
     * @throws JsonTypeException if this value is present, not {@code null} and not a number
     * @throws IllegalStateException if the arena was reset or closed
     */
    public long asLong(long defaultValue) {
        try {
            Document d = live();
            return missingStep != null || d.tag(index) == Tape.NULL ? defaultValue : Values.asLong(d, index);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return this number as an int, exactly (as {@link #asInt()}), or {@code defaultValue} if
     * this value is missing or {@code null}}
     *
     * @param defaultValue what to return for a missing or {@code null} value
     * @throws ArithmeticException if the number is not an integer in the range of int
     * @throws JsonTypeException if this value is present, not {@code null} and not a number
     * @throws IllegalStateException if the arena was reset or closed
     */
    public int asInt(int defaultValue) {
        try {
            Document d = live();
            return missingStep != null || d.tag(index) == Tape.NULL ? defaultValue : Values.asInt(d, index);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return this number as a double (as {@link #asDouble()}), or {@code defaultValue} if this
     * value is missing or {@code null}}
     *
     * @param defaultValue what to return for a missing or {@code null} value
     * @throws JsonTypeException if this value is present, not {@code null} and not a number
     * @throws IllegalStateException if the arena was reset or closed
     */
    public double asDouble(double defaultValue) {
        try {
            Document d = live();
            return missingStep != null || d.tag(index) == Tape.NULL ? defaultValue : Values.asDouble(d, index);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return this literal as a boolean, or {@code defaultValue} if this value is missing or
     * {@code null}}
     *
     * @param defaultValue what to return for a missing or {@code null} value
     * @throws JsonTypeException if this value is present and neither {@code true}, {@code false}
     *     nor {@code null}
     * @throws IllegalStateException if the arena was reset or closed
     */
    public boolean asBoolean(boolean defaultValue) {
        try {
            Document d = live();
            return missingStep != null || d.tag(index) == Tape.NULL ? defaultValue : Values.asBoolean(d, index);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * Evaluates a JSON Pointer (RFC 6901) from this value: {@code ""} is this value, {@code /a/0}
     * the first element of member {@code a}; {@code ~1} and {@code ~0} stand for {@code /} and
     * {@code ~}. An array index is {@code 0} or a decimal without leading zeros; {@code -} selects
     * nothing.
     *
     * @param jsonPointer the pointer
     * @return the value selected, or {@code null} if the pointer selects nothing (a missing member,
     *     an index out of range, or a step into a scalar) or this value is missing
     * @throws IllegalArgumentException if {@code jsonPointer} is not a JSON Pointer
     * @throws NullPointerException if {@code jsonPointer} is null
     * @throws IllegalStateException if the arena was reset or closed
     */
    public JsonValue at(String jsonPointer) {
        try {
            Objects.requireNonNull(jsonPointer, "jsonPointer");
            Document d = live();
            if (missingStep != null) {
                return null;
            }
            int i = Pointer.resolve(d, index, jsonPointer, epoch);
            return i < 0 ? null : new JsonValue(doc, epoch, i);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return this value as compact JSON}: no whitespace, members in document order, numbers
     * exactly as read; parsing it gives an equal value
     *
     * @throws JsonMissingValueException if this value is missing
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
     * {@return this value as JSON text in {@code format}}; parsing it gives the same document
     *
     * @param format {@link JsonFormat#COMPACT} or {@link JsonFormat#PRETTY}
     * @throws NullPointerException if {@code format} is null
     * @throws JsonMissingValueException if this value is missing
     * @throws IllegalStateException if the arena was reset or closed
     */
    public String toJson(JsonFormat format) {
        try {
            Objects.requireNonNull(format, "format");
            return JsonText.toJson(doc(), index, format == JsonFormat.PRETTY);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return this value as JSON text in {@code format}, encoded in UTF-8}
     *
     * @param format {@link JsonFormat#COMPACT} or {@link JsonFormat#PRETTY}
     * @throws NullPointerException if {@code format} is null
     * @throws JsonMissingValueException if this value is missing
     * @throws IllegalStateException if the arena was reset or closed
     */
    public byte[] toJsonBytes(JsonFormat format) {
        try {
            Objects.requireNonNull(format, "format");
            return JsonText.toBytes(doc(), index, format == JsonFormat.PRETTY);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * Writes this value as JSON text in {@code format}, encoded in UTF-8, to {@code out}. The text
     * streams through a buffer of 8 KiB that the calling thread reuses, whatever the size of the
     * value (no {@code String} of it is built); the stream must not keep the array it is given,
     * as {@link OutputStream} requires. {@code out} is neither flushed nor closed. If it fails,
     * part of the text may have been written.
     *
     * @param out the stream
     * @param format {@link JsonFormat#COMPACT} or {@link JsonFormat#PRETTY}
     * @throws IOException if {@code out} fails
     * @throws NullPointerException if an argument is null
     * @throws JsonMissingValueException if this value is missing
     * @throws IllegalStateException if the arena was reset or closed
     */
    public void writeTo(OutputStream out, JsonFormat format) throws IOException {
        try {
            Objects.requireNonNull(out, "out");
            Objects.requireNonNull(format, "format");
            JsonText.write(doc(), epoch, index, format == JsonFormat.PRETTY, out);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * Appends this value as JSON text in {@code format} to {@code out} (a {@link StringBuilder},
     * a {@link java.io.Writer}, ...), in pieces of at most 8 Ki characters; no {@code String} of
     * the whole value is built. {@code out} is neither flushed nor closed. If it fails, part of
     * the text may have been appended. (Named apart from {@link #writeTo(OutputStream, JsonFormat)}
     * because a {@link java.io.PrintStream} is both.)
     *
     * @param out where the characters go
     * @param format {@link JsonFormat#COMPACT} or {@link JsonFormat#PRETTY}
     * @throws IOException if {@code out} fails
     * @throws NullPointerException if an argument is null
     * @throws JsonMissingValueException if this value is missing
     * @throws IllegalStateException if the arena was reset or closed
     */
    public void appendTo(Appendable out, JsonFormat format) throws IOException {
        try {
            Objects.requireNonNull(out, "out");
            Objects.requireNonNull(format, "format");
            JsonText.write(doc(), epoch, index, format == JsonFormat.PRETTY, out);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return a deep copy of this value as plain Java objects}, for code that expects them; it
     * stays valid after the arena is closed. An object becomes a {@link java.util.LinkedHashMap}
     * (members in document order), an array an {@link java.util.ArrayList}, a string a
     * {@link String}, {@code true}/{@code false} a {@link Boolean}, {@code null} {@code null}.
     * A number becomes:
     * <ul>
     *   <li>an integer literal (no fraction, no exponent): a {@link Long} if it is in the range of
     *       {@code long} ({@code -0} gives {@code 0L}), else a {@link BigInteger};</li>
     *   <li>any other literal: a {@link Double} if that loses nothing, that is if
     *       {@link Double#toString(double)} of {@link #asDouble()} is a decimal with the same value
     *       as the literal ({@code 0.1}, {@code 1.50}, {@code 1e2}, {@code -0.0} give
     *       {@code 0.1}, {@code 1.5}, {@code 100.0}, {@code -0.0}); else a {@link BigDecimal} of
     *       the literal's exact value and scale ({@code 0.10000000000000000001}, {@code 1e400},
     *       {@code 1e-400}). That BigDecimal's scale must lie from -10,000 to 10,000, as for
     *       {@link #asBigDecimal()}: {@code 1e10000} converts, {@code 1e10001} and
     *       {@code 1e-999999999} throw (a zero of any exponent is a {@link Double} zero, and a
     *       value that is exactly a double is that {@link Double} whatever its literal's scale).</li>
     * </ul>
     * The copy is made iteratively: no {@link StackOverflowError} at any depth.
     *
     * @throws ArithmeticException if a number would become a {@link BigDecimal} whose scale is
     *     outside -10,000..10,000; the message names the value and the bound
     * @throws JsonMissingValueException if this value is missing
     * @throws IllegalStateException if the arena was reset or closed
     */
    public Object toJava() {
        try {
            return JavaValues.toJava(doc(), index);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return the length of this string in UTF-8 bytes}
     *
     * @throws JsonTypeException if it is not a string
     * @throws JsonMissingValueException if this value is missing
     * @throws IllegalStateException if the arena was reset or closed
     */
    public int utf8Length() {
        try {
            return Values.utf8Length(doc(), index);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return whether this string holds exactly {@code chars}}, compared in place without
     * allocating
     *
     * @param chars the characters to compare with
     * @throws JsonTypeException if this is not a string
     * @throws NullPointerException if {@code chars} is null
     * @throws JsonMissingValueException if this value is missing
     * @throws IllegalStateException if the arena was reset or closed
     */
    public boolean contentEquals(CharSequence chars) {
        try {
            Objects.requireNonNull(chars, "chars");
            return Values.contentEquals(doc(), index, chars);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return whether this string equals {@code key}'s name}, compared byte for byte without
     * allocating
     *
     * @param key the name to compare with
     * @throws JsonTypeException if this is not a string
     * @throws JsonMissingValueException if this value is missing
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalStateException if the arena was reset or closed
     */
    public boolean stringEquals(JsonKey key) {
        try {
            Objects.requireNonNull(key, "key");
            return Values.stringEquals(doc(), index, key);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return whether this string holds exactly {@code key}'s name}, as {@link #stringEquals(JsonKey)}
     *
     * @param key the key to compare with
     * @throws JsonTypeException if this is not a string
     * @throws JsonMissingValueException if this value is missing
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalStateException if the arena was reset or closed
     * @deprecated a {@link JsonKey} is a name, not content: use {@link #stringEquals(JsonKey)}
     */
    @Deprecated(since = "0.1.0")
    public boolean contentEquals(JsonKey key) {
        return stringEquals(key);
    }

    /**
     * Copies this string's UTF-8 bytes into {@code dst} at {@code offset}.
     *
     * @param dst the destination
     * @param offset where the first byte goes
     * @return the number of bytes copied, {@link #utf8Length()}
     * @throws IndexOutOfBoundsException if they do not fit
     * @throws JsonTypeException if this is not a string
     * @throws NullPointerException if {@code dst} is null
     * @throws JsonMissingValueException if this value is missing
     * @throws IllegalStateException if the arena was reset or closed
     */
    public int copyUtf8To(byte[] dst, int offset) {
        try {
            Objects.requireNonNull(dst, "dst");
            return Values.copyUtf8To(doc(), index, dst, offset);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * Copies this string's UTF-8 bytes into {@code dst} at {@code offset}.
     *
     * @param dst the destination, writable
     * @param offset where the first byte goes
     * @return the number of bytes copied, {@link #utf8Length()}
     * @throws IndexOutOfBoundsException if they do not fit
     * @throws JsonTypeException if this is not a string
     * @throws NullPointerException if {@code dst} is null
     * @throws JsonMissingValueException if this value is missing
     * @throws IllegalStateException if the arena was reset or closed
     */
    public int copyUtf8To(MemorySegment dst, long offset) {
        try {
            Objects.requireNonNull(dst, "dst");
            return Values.copyUtf8To(doc(), index, dst, offset);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * Writes this string's UTF-8 bytes to {@code out}, through a buffer the arena reuses (the
     * stream must not keep the array it is given, as {@link OutputStream} requires).
     *
     * @param out the stream
     * @throws IOException if the stream fails
     * @throws JsonTypeException if this is not a string
     * @throws NullPointerException if {@code out} is null
     * @throws JsonMissingValueException if this value is missing
     * @throws IllegalStateException if the arena was reset or closed
     */
    public void writeUtf8To(OutputStream out) throws IOException {
        try {
            Objects.requireNonNull(out, "out");
            Values.writeUtf8To(doc(), epoch, index, out);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return a heap copy of this string's UTF-8 bytes}
     *
     * @throws JsonTypeException if this is not a string
     * @throws JsonMissingValueException if this value is missing
     * @throws IllegalStateException if the arena was reset or closed
     */
    public byte[] utf8Bytes() {
        try {
            return Values.utf8Bytes(doc(), index);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return this value as compact JSON, as {@link #toJson()}}; for a missing value, a
     * description that is not JSON: {@code <missing: /user>} with the pointer of the step that
     * found nothing
     *
     * @throws IllegalStateException if the arena was reset or closed
     */
    @Override
    public String toString() {
        try {
            Document d = live();
            return missingStep != null ? "<missing: " + missing().pointer() + ">" : JsonText.toJson(d, index);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }
}
