package dev.jsonarena;

import dev.jsonarena.tape.Document;
import dev.jsonarena.tape.Tape;
import java.util.AbstractList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.ListIterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The read-only {@link List} of {@link JsonArray#asList()}: a view of the array's elements
 * {@code [from, to)} (all of them, or a {@link #subList}), nothing copied, {@link #get} O(1) like
 * {@link JsonArray#get(int)}. Values are converted on every access ({@link JavaValues#view}). Every
 * method checks the arena's epoch first; every mutator, also of its iterators and sub-lists,
 * throws {@link UnsupportedOperationException} whatever its arguments.
 *
 * <p>Thread-safety: not thread-safe, like its arena.
 */
final class ArrayListView extends AbstractList<Object> implements RandomAccess {
    private final Document doc;
    private final long epoch;
    private final int index;
    private final int from;
    /** The end of the range, or -1 for "the whole array". */
    private final int to;

    ArrayListView(Document doc, long epoch, int index) {
        this(doc, epoch, index, 0, -1);
    }

    private ArrayListView(Document doc, long epoch, int index, int from, int to) {
        this.doc = doc;
        this.epoch = epoch;
        this.index = index;
        this.from = from;
        this.to = to;
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

    @Override
    public int size() {
        try {
            int count = Tape.count(doc().word(index));
            return to < 0 ? count : to - from;
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    @Override
    public Object get(int i) {
        try {
            int size = size();
            if (i < 0 || i >= size) {
                throw new IndexOutOfBoundsException("index: " + i + " (expected: 0.." + (size - 1) + ", size " + size + ")");
            }
            return JavaValues.view(doc, epoch, doc.element(index, from + i, epoch));
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    @Override
    public List<Object> subList(int fromIndex, int toIndex) {
        try {
            Objects.checkFromToIndex(fromIndex, toIndex, size());
            return new ArrayListView(doc, epoch, index, from + fromIndex, from + toIndex);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    @Override
    public Iterator<Object> iterator() {
        try {
            doc();
            return new Cursor(0);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    @Override
    public ListIterator<Object> listIterator(int start) {
        try {
            Objects.checkIndex(start, size() + 1);
            return new Cursor(start);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    @Override
    public boolean equals(Object o) {
        try {
            doc();
            return super.equals(o);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    @Override
    public int hashCode() {
        try {
            doc();
            return super.hashCode();
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /** A read-only list iterator; each step checks the epoch (through {@link #size} and {@link #get}). */
    private final class Cursor implements ListIterator<Object> {
        private int next;

        Cursor(int next) {
            this.next = next;
        }

        @Override
        public boolean hasNext() {
            return next < size();
        }

        @Override
        public Object next() {
            try {
                if (next >= size()) {
                    throw new NoSuchElementException("no more elements (list has " + size() + ")");
                }
                return get(next++);
            } catch (RuntimeException e) {
                throw torn(e);
            } finally {
                valid();
            }
        }

        @Override
        public boolean hasPrevious() {
            try {
                doc();
                return next > 0;
            } catch (RuntimeException e) {
                throw torn(e);
            } finally {
                valid();
            }
        }

        @Override
        public Object previous() {
            try {
                if (!hasPrevious()) {
                    throw new NoSuchElementException("no element before index 0");
                }
                return get(--next);
            } catch (RuntimeException e) {
                throw torn(e);
            } finally {
                valid();
            }
        }

        @Override
        public int nextIndex() {
            try {
                doc();
                return next;
            } catch (RuntimeException e) {
                throw torn(e);
            } finally {
                valid();
            }
        }

        @Override
        public int previousIndex() {
            try {
                doc();
                return next - 1;
            } catch (RuntimeException e) {
                throw torn(e);
            } finally {
                valid();
            }
        }

        @Override
        public void remove() {
            throw readOnly();
        }

        @Override
        public void set(Object o) {
            throw readOnly();
        }

        @Override
        public void add(Object o) {
            throw readOnly();
        }
    }

    // ---- mutators: always unsupported ----

    private static UnsupportedOperationException readOnly() {
        return new UnsupportedOperationException("JsonArray.asList() is a read-only view (copy it with toJava() to modify)");
    }

    @Override
    public boolean add(Object o) {
        throw readOnly();
    }

    @Override
    public void add(int i, Object o) {
        throw readOnly();
    }

    @Override
    public boolean addAll(Collection<?> c) {
        throw readOnly();
    }

    @Override
    public boolean addAll(int i, Collection<?> c) {
        throw readOnly();
    }

    @Override
    public Object set(int i, Object o) {
        throw readOnly();
    }

    @Override
    public Object remove(int i) {
        throw readOnly();
    }

    @Override
    public boolean remove(Object o) {
        throw readOnly();
    }

    @Override
    public boolean removeAll(Collection<?> c) {
        throw readOnly();
    }

    @Override
    public boolean retainAll(Collection<?> c) {
        throw readOnly();
    }

    @Override
    public boolean removeIf(Predicate<? super Object> filter) {
        throw readOnly();
    }

    @Override
    public void replaceAll(UnaryOperator<Object> operator) {
        throw readOnly();
    }

    @Override
    public void sort(Comparator<? super Object> c) {
        throw readOnly();
    }

    @Override
    public void clear() {
        throw readOnly();
    }

    @Override
    protected void removeRange(int fromIndex, int toIndex) {
        throw readOnly();
    }

    @Override
    public void addFirst(Object o) {
        throw readOnly();
    }

    @Override
    public void addLast(Object o) {
        throw readOnly();
    }

    @Override
    public Object removeFirst() {
        throw readOnly();
    }

    @Override
    public Object removeLast() {
        throw readOnly();
    }
}
