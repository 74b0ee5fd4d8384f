package dev.jsonarena;

import dev.jsonarena.tape.Document;
import dev.jsonarena.tape.Tape;
import java.util.AbstractList;
import java.util.Iterator;
import java.util.List;
import java.util.ListIterator;
import java.util.RandomAccess;

/**
 * The {@link List} behind {@link JsonArray#asList()}: a view of the array's elements, nothing
 * copied, {@link #get} O(1) like {@link JsonArray#get(int)}. Values are converted on every access
 * ({@link JavaValues#view}), and every method checks the arena's epoch first. It is handed out
 * wrapped in {@link java.util.Collections#unmodifiableList}, so every mutator (also of its
 * iterators and sub-lists) throws {@link UnsupportedOperationException}.
 *
 * <p>Thread-safety: not thread-safe, like its arena.
 */
final class ArrayListView extends AbstractList<Object> implements RandomAccess {
    private final Document doc;
    private final long epoch;
    private final int index;

    ArrayListView(Document doc, long epoch, int index) {
        this.doc = doc;
        this.epoch = epoch;
        this.index = index;
    }

    private Document doc() {
        doc.check(epoch);
        return doc;
    }

    @Override
    public Object get(int i) {
        Document d = doc();
        int count = Tape.count(d.word(index));
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("index: " + i + " (expected: 0.." + (count - 1) + ", size " + count + ")");
        }
        return JavaValues.view(d, epoch, d.element(index, i));
    }

    @Override
    public int size() {
        return Tape.count(doc().word(index));
    }

    @Override
    public Iterator<Object> iterator() {
        doc();
        return super.iterator();
    }

    @Override
    public ListIterator<Object> listIterator(int from) {
        doc();
        return super.listIterator(from);
    }

    @Override
    public List<Object> subList(int from, int to) {
        doc();
        return super.subList(from, to);
    }

    @Override
    public boolean equals(Object o) {
        doc();
        return super.equals(o);
    }

    @Override
    public int hashCode() {
        doc();
        return super.hashCode();
    }
}
