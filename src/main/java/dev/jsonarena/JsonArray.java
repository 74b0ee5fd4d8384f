package dev.jsonarena;

import dev.jsonarena.tape.Document;
import dev.jsonarena.tape.JsonText;
import dev.jsonarena.tape.Tape;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A JSON array of a parsed document: its elements in document order.
 *
 * <p>{@link #size()} is O(1), and so is {@link #get(int)}: directly when every element is one
 * tape word (scalars other than long decimals), otherwise through an index of the elements built
 * in the arena on first use (4 bytes per element; arrays of up to 16 elements are walked instead).
 *
 * <p><b>Lifetime.</b> Valid while its arena is open and not reset; afterwards every method
 * throws {@link IllegalStateException}.
 *
 * <p>Thread-safety: not thread-safe, like its arena.
 */
public final class JsonArray implements Iterable<JsonValue> {
    final Document doc;
    final long epoch;
    final int index;

    JsonArray(Document doc, long epoch, int index) {
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
     * {@return the number of elements}
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
     * {@return element {@code i}}
     *
     * @param i the 0-based position
     * @throws IndexOutOfBoundsException if {@code i} is not in {@code [0, size())}
     * @throws IllegalStateException if the arena was reset or closed
     */
    public JsonValue get(int i) {
        try {
            Document d = doc();
            int count = Tape.count(d.word(index));
            if (i < 0 || i >= count) {
                throw new IndexOutOfBoundsException("index: " + i + " (expected: 0.." + (count - 1) + ", size " + count + ")");
            }
            return new JsonValue(d, epoch, d.element(index, i, epoch));
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return element {@code i}, or a missing value if {@code i} is not in {@code [0, size())}}
     * (see {@link JsonValue#path(int)}): never {@code null}, and never throws for the index, so
     * reads can be chained
     *
     * @param i the 0-based position
     * @throws IllegalStateException if the arena was reset or closed
     */
    public JsonValue path(int i) {
        try {
            return JsonValue.element(doc(), epoch, index, i);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return this array as a {@link JsonValue}}
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
     * {@return an iterator over the elements in document order}
     *
     * @throws IllegalStateException if the arena was reset or closed (also from the iterator's
     *     methods, when that happens during the iteration)
     */
    @Override
    public Iterator<JsonValue> iterator() {
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
                public JsonValue next() {
                    try {
                        Document dd = doc();
                        if (left == 0) {
                            throw new NoSuchElementException("no more elements (array has " + count + ")");
                        }
                        JsonValue v = new JsonValue(dd, epoch, next);
                        next = dd.next(next);
                        left--;
                        return v;
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
     * {@return a read-only {@link java.util.List} over this array's elements}, for code written
     * against lists; nothing is copied, and {@code get(int)} is O(1) like {@link #get(int)}.
     * Elements are converted on each access: objects and arrays as further read-only views
     * ({@link JsonObject#asMap()}, {@code asList()}), scalars as {@link JsonValue#toJava()}
     * converts them. {@code equals} and {@code hashCode} follow the {@link java.util.List}
     * contract, so the view equals {@code asValue().toJava()}. Every mutator (also of its
     * iterators and sub-lists) throws {@link UnsupportedOperationException}.
     *
     * <p>Like every view, the list is valid while its arena is open and not reset; afterwards its
     * methods throw {@link IllegalStateException}.
     *
     * @throws IllegalStateException if the arena was reset or closed
     */
    public List<Object> asList() {
        try {
            doc();
            return new ArrayListView(doc, epoch, index);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /**
     * {@return this array as compact JSON}
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
     * {@return this array as compact JSON, as {@link #toJson()}}
     *
     * @throws IllegalStateException if the arena was reset or closed
     */
    @Override
    public String toString() {
        return toJson();
    }
}
