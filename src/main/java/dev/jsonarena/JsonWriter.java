package dev.jsonarena;

import dev.jsonarena.tape.JsonSink;
import dev.jsonarena.tape.JsonText;
import dev.jsonarena.tape.JsonTokens;
import dev.jsonarena.tape.Utf8;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;

/**
 * Writes new JSON, one token at a time, to an {@link OutputStream}, an {@link Appendable} or a
 * growable buffer, compact or pretty ({@link JsonFormat}).
 *
 * {@snippet :
 * try (JsonWriter w = JsonWriter.of(exchange.getResponseBody())) {
 *     w.beginObject()
 *      .name("records").value(count)
 *      .name("levels").beginObject();
 *     levels.forEach((level, n) -> w.name(level).value(n));
 *     w.endObject()
 *      .endObject();
 * }
 * }
 *
 * <p><b>Structure.</b> The writer checks its own structure and throws
 * {@link IllegalStateException} for a name outside an object, a value in an object without a
 * name, a name without a value, an end that closes nothing or the other kind of container, a
 * second root value, and, at {@link #close()}, containers left open.
 *
 * <p><b>Text.</b> Strings are escaped as the parser's own writer escapes them: {@code "} and
 * {@code \}, control characters (short forms where JSON has them, else {@code \}{@code u00XX}),
 * everything else as UTF-8; a lone surrogate of a Java string is written as U+FFFD (UTF-8 cannot
 * hold it); with {@link #htmlSafe(boolean)}, {@code </} is written {@code <\/}. A {@code double}
 * is written as the shortest decimal that reads back to the same {@code double}, a {@code float}
 * as the shortest that reads back to the same {@code float}, each spelt exactly as
 * {@link Double#toString(double)} and {@link Float#toString(float)} spell it ({@code 100.0},
 * {@code 1.0E7}, {@code 4.9E-324}) but without making a String; a
 * {@code BigDecimal} exactly as its {@code toString()} (a subclass's instance as the
 * {@code BigDecimal} its own text reads back as, or refused); NaN and infinities are refused with
 * {@link IllegalArgumentException} (JSON has no such numbers). {@link #value(JsonValue)} copies a
 * parsed value from its arena.
 *
 * <p><b>Output.</b> Streamed targets are written through an 8 KiB buffer, flushed to the target
 * when full and at {@link #flush()} and {@link #close()}; {@link #close()} does not close the
 * target. An {@link IOException} of the target is thrown as {@link UncheckedIOException} by the
 * token methods (and as itself by {@code flush} and {@code close}). In steady state writing
 * allocates nothing per token (a {@code BigDecimal} or {@code BigInteger} its string).
 *
 * <p><b>The target's contract.</b> The array an {@link OutputStream} target is given, and the
 * characters an {@link Appendable} is given, are the writer's buffer, reused by the thread's
 * later writers: the target copies what it keeps and does not hold on to them after the call
 * returns (as {@code OutputStream} implementations do). Outside the range it is given, the array
 * holds nothing of another writer's document: each writer wipes its text from the buffer when it
 * closes. A target's code must not call back into
 * the writer that is writing to it: any such call (a token, {@code flush}, {@code close}) throws
 * {@link IllegalStateException} in the target. The same holds for a {@link CharSequence} given to
 * {@link #value(CharSequence)} that is not a {@code String}: its {@code length()} and
 * {@code charAt} are user code, called a piece at a time before the piece is written, and a call
 * back into the writer from them is refused; so is one from the {@code toString()} of a subclass
 * of {@code BigDecimal} or {@code BigInteger}. After an exception thrown out of the target or such
 * a sequence, or out of a {@link #value(JsonValue)} whose arena went away, the document is
 * incomplete: close the writer and discard what the target received.
 *
 * <p>Thread-safety: not thread-safe; one thread writes a document.
 */
public final class JsonWriter implements Closeable, Flushable {
    private static final byte OBJECT = 1;
    private static final byte ARRAY = 2;
    /** The bit of an {@link #outer} entry that keeps {@link #first}. */
    private static final byte OUTER_FIRST = 4;

    private final JsonSink out;
    private final boolean streaming;
    private final boolean pretty;
    private boolean htmlSafe;
    /** The innermost open container's kind ({@link #OBJECT}, {@link #ARRAY}; 0 at the top level). */
    private byte kind;
    /** Whether the innermost open container has no member or element yet. */
    private boolean first;
    /**
     * Per open container, from depth 1: the {@link #kind} of the one around it, plus
     * {@link #OUTER_FIRST} if that one had no member or element before it, kept while it is open
     * (the sink's {@link JsonSink#containers()}, held as long as the sink).
     */
    private byte[] outer;
    private int depth;
    private boolean named;
    private boolean rootWritten;
    private boolean closed;

    private JsonWriter(JsonSink out, boolean streaming, JsonFormat format) {
        this.out = out;
        this.outer = out.containers();
        this.streaming = streaming;
        this.pretty = Objects.requireNonNull(format, "format") == JsonFormat.PRETTY;
    }

    /**
     * {@return a compact writer to {@code out}}
     *
     * @param out the target; never closed by the writer
     * @throws NullPointerException if {@code out} is null
     */
    public static JsonWriter of(OutputStream out) {
        return of(out, JsonFormat.COMPACT);
    }

    /**
     * {@return a writer to {@code out}}
     *
     * @param out the target, receiving UTF-8; never closed by the writer
     * @param format compact or pretty
     * @throws NullPointerException if an argument is null
     */
    public static JsonWriter of(OutputStream out, JsonFormat format) {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(format, "format");
        return new JsonWriter(JsonSink.acquire().to(out), true, format);
    }

    /**
     * {@return a writer to {@code out}, in characters}
     *
     * @param out the target; never closed by the writer
     * @param format compact or pretty
     * @throws NullPointerException if an argument is null
     */
    public static JsonWriter of(Appendable out, JsonFormat format) {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(format, "format");
        return new JsonWriter(JsonSink.acquire().to(out), true, format);
    }

    /** {@return a compact writer into a growable buffer: see {@link #toByteArray()}, {@link #reset()}} */
    public static JsonWriter buffered() {
        return buffered(JsonFormat.COMPACT);
    }

    /**
     * {@return a writer into a growable buffer}: read it with {@link #toByteArray()},
     * {@link #toString()} or {@link #copyTo(OutputStream)}, and {@link #reset()} it to write the
     * next document with the same buffer
     *
     * @param format compact or pretty
     * @throws NullPointerException if {@code format} is null
     */
    public static JsonWriter buffered(JsonFormat format) {
        return new JsonWriter(JsonSink.growing(), false, format);
    }

    /**
     * Sets whether {@code </} is written {@code <\/}, so the output can sit in an HTML
     * {@code <script>} element; off by default.
     *
     * @param safe whether to escape
     * @return this writer
     */
    public JsonWriter htmlSafe(boolean safe) {
        this.htmlSafe = safe;
        return this;
    }

    // ---- structure ----

    /**
     * Starts an object.
     *
     * @return this writer
     * @throws IllegalStateException if a value cannot come here
     */
    public JsonWriter beginObject() {
        return begin(OBJECT, (byte) '{');
    }

    /**
     * Ends the innermost object.
     *
     * @return this writer
     * @throws IllegalStateException if the innermost open container is not an object, or a name
     *     waits for its value
     */
    public JsonWriter endObject() {
        return end(OBJECT, (byte) '}');
    }

    /**
     * Starts an array.
     *
     * @return this writer
     * @throws IllegalStateException if a value cannot come here
     */
    public JsonWriter beginArray() {
        return begin(ARRAY, (byte) '[');
    }

    /**
     * Ends the innermost array.
     *
     * @return this writer
     * @throws IllegalStateException if the innermost open container is not an array
     */
    public JsonWriter endArray() {
        return end(ARRAY, (byte) ']');
    }

    /**
     * Writes a member name; its value comes next.
     *
     * @param name the name
     * @return this writer
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalStateException if not directly in an object, or a name waits for its value
     */
    public JsonWriter name(String name) {
        Objects.requireNonNull(name, "name");
        if (pretty || htmlSafe) {
            beforeName();
            JsonTokens.string(name, htmlSafe, out);
            afterName();
        } else {
            JsonTokens.memberName(name, nameNeedsComma(), out);
            named = true;
        }
        return this;
    }

    /**
     * Writes a member name from a {@link JsonKey}, whose JSON text is encoded once, when the key is
     * made.
     *
     * @param key the name
     * @return this writer
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalStateException if not directly in an object, or a name waits for its value
     */
    public JsonWriter name(JsonKey key) {
        Objects.requireNonNull(key, "key");
        if (pretty || htmlSafe) {
            beforeName();
            if (htmlSafe) {
                JsonTokens.string(key.name(), true, out);
            } else {
                put(key.json);
            }
            afterName();
        } else {
            int skip = nameNeedsComma() ? 0 : 1;
            out.putPadded(key.member, skip, key.memberLength - skip);
            named = true;
        }
        return this;
    }

    // ---- values ----

    /**
     * Writes a string. A sequence that is not a {@code String} is read a piece at a time, as user
     * code (see the class comment).
     *
     * @param value the text; {@code null} writes {@code null}
     * @return this writer
     * @throws IllegalStateException if a value cannot come here, or if called from the
     *     {@code length()} or {@code charAt} of a sequence this writer is writing
     * @throws IllegalArgumentException if the sequence's {@code length()} is negative
     */
    public JsonWriter value(CharSequence value) {
        if (value == null) {
            return nullValue();
        }
        beforeValue();
        JsonTokens.string(value, htmlSafe, out);
        return afterValue();
    }

    /**
     * Writes a string given as UTF-8 bytes (for text already encoded: no decoding, no String).
     *
     * @param utf8 the bytes
     * @param offset where the text starts
     * @param length its length in bytes
     * @return this writer
     * @throws NullPointerException if {@code utf8} is null
     * @throws IndexOutOfBoundsException if the range is not inside {@code utf8}
     * @throws IllegalArgumentException if the bytes are not well-formed UTF-8, or stop being so
     *     while they are written (the array is copied a piece at a time, each piece checked and
     *     escaped from the copy: what other code writes into it meanwhile never reaches the output
     *     unchecked)
     * @throws IllegalStateException if a value cannot come here
     */
    public JsonWriter valueUtf8(byte[] utf8, int offset, int length) {
        Objects.requireNonNull(utf8, "utf8");
        Objects.checkFromIndexSize(offset, length, utf8.length);
        int bad = Utf8.firstInvalid(utf8, offset, length);
        if (bad >= 0) {
            throw new IllegalArgumentException("utf8: byte 0x" + Integer.toHexString(utf8[bad] & 0xFF).toUpperCase()
                    + " at index " + bad + " is not well-formed UTF-8 (expected: UTF-8 text)");
        }
        beforeValue();
        JsonTokens.string(utf8, offset, length, htmlSafe, out);
        return afterValue();
    }

    /**
     * Writes an integer.
     *
     * @param value the number
     * @return this writer
     * @throws IllegalStateException if a value cannot come here
     */
    public JsonWriter value(long value) {
        beforeValue();
        JsonTokens.number(value, out);
        return afterValue();
    }

    /**
     * Writes a {@code double} as the shortest decimal that reads back to it.
     *
     * @param value the number, finite
     * @return this writer
     * @throws IllegalArgumentException if {@code value} is NaN or infinite
     * @throws IllegalStateException if a value cannot come here
     */
    public JsonWriter value(double value) {
        if (!Double.isFinite(value)) {
            throw notFinite(value);
        }
        beforeValue();
        JsonTokens.number(value, out);
        return afterValue();
    }

    /**
     * Writes a {@code float} as the shortest decimal that reads back to it as a {@code float}:
     * {@code 0.1f} is written {@code 0.1}, where the {@code double} it widens to would be
     * {@code 0.10000000149011612}.
     *
     * @param value the number, finite
     * @return this writer
     * @throws IllegalArgumentException if {@code value} is NaN or infinite
     * @throws IllegalStateException if a value cannot come here
     */
    public JsonWriter value(float value) {
        if (!Float.isFinite(value)) {
            throw notFinite(value);
        }
        beforeValue();
        JsonTokens.number(value, out);
        return afterValue();
    }

    /** {@return the error for a NaN or infinite {@code value} (a {@code float} widened exactly)} */
    private static IllegalArgumentException notFinite(double value) {
        return new IllegalArgumentException("value: " + value + " (expected: a finite number; JSON has no NaN or infinity)");
    }

    /**
     * Writes a number exactly as {@link BigDecimal#toString()} spells it. An instance of a subclass
     * is written as the {@code BigDecimal} its {@code toString()} reads back as (a subclass's
     * methods are user code, which could spell it as text that is not a JSON number).
     *
     * @param value the number; {@code null} writes {@code null}
     * @return this writer
     * @throws IllegalStateException if a value cannot come here, or if called from the
     *     {@code toString()} of a subclass's instance this writer is writing
     * @throws IllegalArgumentException if a subclass's {@code toString()} is not a number
     */
    public JsonWriter value(BigDecimal value) {
        if (value == null) {
            return nullValue();
        }
        BigDecimal exact = value.getClass() == BigDecimal.class ? value : (BigDecimal) fromText(value, false);
        beforeValue();
        JsonTokens.number(exact, out);
        return afterValue();
    }

    /**
     * Writes an integer exactly. An instance of a subclass is written as the {@code BigInteger}
     * its {@code toString()} reads back as (see {@link #value(BigDecimal)}).
     *
     * @param value the number; {@code null} writes {@code null}
     * @return this writer
     * @throws IllegalStateException if a value cannot come here, or if called from the
     *     {@code toString()} of a subclass's instance this writer is writing
     * @throws IllegalArgumentException if a subclass's {@code toString()} is not an integer
     */
    public JsonWriter value(BigInteger value) {
        if (value == null) {
            return nullValue();
        }
        BigInteger exact = value.getClass() == BigInteger.class ? value : (BigInteger) fromText(value, true);
        beforeValue();
        JsonTokens.number(exact, out);
        return afterValue();
    }

    /**
     * {@return the {@code BigDecimal} (or, if {@code integer}, {@code BigInteger}) that the text of
     * {@code value}, an instance of a subclass, reads back as}: its {@code toString()} called as
     * user code, so whatever it spells, what is written is the JDK class's own text
     */
    private Number fromText(Number value, boolean integer) {
        checkOpen();
        String text = out.text(value);
        try {
            return integer ? new BigInteger(text) : new BigDecimal(text);
        } catch (NumberFormatException | NullPointerException e) {
            String shown = text == null ? "null" : "\"" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "\"";
            throw new IllegalArgumentException("value: a " + value.getClass().getName() + " whose toString() is " + shown
                    + " (expected: " + (integer ? "an integer" : "a number") + " as " + (integer ? "BigInteger" : "BigDecimal")
                    + " spells it)", e);
        }
    }

    /**
     * Writes {@code true} or {@code false}.
     *
     * @param value the boolean
     * @return this writer
     * @throws IllegalStateException if a value cannot come here
     */
    public JsonWriter value(boolean value) {
        beforeValue();
        out.putBoolean(value);
        return afterValue();
    }

    /**
     * Writes {@code null}.
     *
     * @return this writer
     * @throws IllegalStateException if a value cannot come here
     */
    public JsonWriter nullValue() {
        beforeValue();
        out.putNull();
        return afterValue();
    }

    /**
     * Copies a parsed value (and everything in it) from its arena, in this writer's format.
     *
     * @param value the value; {@code null} writes {@code null}
     * @return this writer
     * @throws JsonMissingValueException if {@code value} is {@linkplain JsonValue#isMissing() missing}
     * @throws IllegalStateException if a value cannot come here, or if {@code value}'s arena is
     *     reset or closed (also while it is copied, by the target's own code)
     */
    public JsonWriter value(JsonValue value) {
        if (value == null) {
            return nullValue();
        }
        value.doc.check(value.epoch);
        int index = value.presentIndex();
        beforeValue();
        if (streaming) {
            out.guard(value.doc, value.epoch);
        }
        long mark = out.mark();
        try {
            JsonText.write(value.doc, index, out, pretty, depth);
            value.doc.validate(value.epoch);
        } catch (RuntimeException e) {
            out.discardSince(mark); // read from memory the arena may no longer own: none of it is sent later
            throw e;
        } finally {
            out.unguard();
        }
        return afterValue();
    }

    // ---- output ----

    /**
     * Sends what is buffered to the target (and flushes an {@link OutputStream} or
     * {@link Flushable} target); a buffered writer keeps its bytes.
     *
     * @throws IOException if the target fails
     */
    @Override
    public void flush() throws IOException {
        notFromUserCode();
        if (streaming && !closed) {
            try {
                out.flushTarget();
            } catch (JsonSink.Failure e) {
                throw e.getCause();
            }
        }
    }

    /**
     * Ends the document: checks that every container was closed and sends what is buffered to a
     * streamed target (which stays open). Closing again does nothing.
     *
     * @throws IllegalStateException if containers are still open, or a name waits for its value
     * @throws IOException if the target fails
     */
    @Override
    public void close() throws IOException {
        notFromUserCode();
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (streaming) {
                out.flush(true);
            }
        } catch (JsonSink.Failure e) {
            throw e.getCause();
        } finally {
            if (streaming) {
                out.release();
            }
        }
        if (depth > 0) {
            throw new IllegalStateException("close() with " + depth + " container" + (depth == 1 ? "" : "s")
                    + " still open (expected: every beginObject/beginArray ended)");
        }
    }

    /**
     * {@return a copy of the bytes written} (a buffered writer)
     *
     * @throws IllegalStateException if this writer streams to a target
     */
    public byte[] toByteArray() {
        requireBuffered();
        return out.toBytes();
    }

    /** {@return the text written so far} for a buffered writer; otherwise a description */
    @Override
    public String toString() {
        return streaming ? "JsonWriter[streaming, depth=" + depth + "]" : out.asString();
    }

    /** {@return the bytes written} (a buffered writer) @throws IllegalStateException if this writer streams */
    public int size() {
        requireBuffered();
        return out.size();
    }

    /**
     * Copies the bytes written to {@code target} (a buffered writer).
     *
     * @param target where to copy
     * @throws IOException if {@code target} fails
     * @throws IllegalStateException if this writer streams to a target
     */
    public void copyTo(OutputStream target) throws IOException {
        requireBuffered();
        out.copyTo(Objects.requireNonNull(target, "target"));
    }

    /**
     * Empties a buffered writer for the next document, keeping its buffer.
     *
     * @throws IllegalStateException if this writer streams to a target
     */
    public void reset() {
        requireBuffered();
        out.clear();
        depth = 0;
        kind = 0;
        first = false;
        named = false;
        rootWritten = false;
        closed = false;
    }

    private void requireBuffered() {
        if (streaming) {
            throw new IllegalStateException("this writer streams to its target (expected: JsonWriter.buffered())");
        }
    }

    // ---- the state machine ----

    private JsonWriter begin(byte kind, byte bracket) {
        beforeValue();
        out.putByte(bracket);
        int d = ++depth;
        if (d == outer.length) {
            outer = out.growContainers(d + 1);
        }
        outer[d] = (byte) (first ? this.kind | OUTER_FIRST : this.kind);
        this.kind = kind;
        first = true;
        return this;
    }

    private JsonWriter end(byte kind, byte bracket) {
        checkOpen();
        if (this.kind != kind || named) {
            throw cannotEnd(kind);
        }
        boolean wasEmpty = first;
        int d = depth;
        int o = outer[d];
        this.kind = (byte) (o & ~OUTER_FIRST);
        first = (o & OUTER_FIRST) != 0;
        depth = --d;
        if (pretty && !wasEmpty) {
            out.indent(d);
        }
        out.putByte(bracket);
        return afterValue();
    }

    /** {@return why the innermost container, not of {@code kind} or with a name waiting, cannot end as one} */
    private IllegalStateException cannotEnd(byte kind) {
        if (this.kind != kind) {
            return new IllegalStateException((kind == OBJECT ? "endObject()" : "endArray()") + " with "
                    + (depth == 0 ? "no container open" : "an " + (this.kind == OBJECT ? "object" : "array")
                    + " innermost") + " (expected: an open " + (kind == OBJECT ? "object" : "array") + ")");
        }
        return new IllegalStateException("endObject() after a name (expected: the name's value first)");
    }

    /** Writes what comes before a name: its ',' if it is not the first, and its indent. */
    private void beforeName() {
        if (nameNeedsComma()) {
            out.putByte((byte) ',');
        }
        if (pretty) {
            out.indent(depth);
        }
    }

    /**
     * Checks that a name may come here and counts it in its object; {@return whether a ',' must
     * precede it}, which the caller writes
     */
    private boolean nameNeedsComma() {
        checkOpen();
        if (kind != OBJECT || named) {
            throw cannotName();
        }
        if (first) {
            first = false;
            return false;
        }
        return true;
    }

    /** {@return why a name cannot come here: not directly in an object, or a name already waiting} */
    private IllegalStateException cannotName() {
        if (kind != OBJECT) {
            return new IllegalStateException("a member name " + (depth == 0 ? "outside any container" : "in an array")
                    + " (expected: names only directly in an object)");
        }
        return new IllegalStateException("two member names in a row (expected: a value after a name)");
    }

    private void afterName() {
        out.putByte((byte) ':');
        if (pretty) {
            out.putByte((byte) ' ');
        }
        named = true;
    }

    private void beforeValue() {
        checkOpen();
        if (named) { // a member's value: its name was checked when written
            named = false;
        } else if (kind == ARRAY) { // an array's element: its comma, and its indent when pretty
            if (first) {
                first = false;
            } else {
                out.putByte((byte) ',');
            }
            if (pretty) {
                out.indent(depth);
            }
        } else {
            beforeTopOrRefused();
        }
    }

    /**
     * {@link #beforeValue} for the top-level value, or a refusal: kept apart so that the two common
     * cases, a member's value and an array's element, are inlined wherever a value is written, even
     * where the JIT sees them as rare.
     */
    private void beforeTopOrRefused() {
        if (kind == OBJECT) {
            throw new IllegalStateException("a value in an object without a member name (expected: name(...) first)");
        } else if (rootWritten) {
            throw new IllegalStateException("a second value at the top level (expected: one JSON value per"
                    + " document; reset() a buffered writer to start another)");
        }
    }

    private JsonWriter afterValue() {
        if (depth == 0) {
            rootWritten = true;
        }
        return this;
    }

    private void checkOpen() {
        if (closed || out.callingUserCode()) {
            refuseClosedOrReentered();
        }
    }

    private void refuseClosedOrReentered() {
        if (closed) {
            throw new IllegalStateException("writer is closed");
        }
        notFromUserCode();
    }

    /** Refuses a call made by user code the writer is calling (its target, a sequence or number it is writing). */
    private void notFromUserCode() {
        if (out.callingUserCode()) {
            throw new IllegalStateException("a call to the writer from inside its own target's write or append,"
                    + " or from a CharSequence or number it is writing (expected: that code returns without calling the writer)");
        }
    }

    private void put(byte[] bytes) {
        out.putBytes(bytes, 0, bytes.length);
    }
}
