package dev.jsonarena.bind;

import dev.jsonarena.JsonCursor;
import dev.jsonarena.JsonType;
import dev.jsonarena.JsonWriter;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;

/**
 * The binder of {@code List<T>}, {@code Collection<T>} (both an {@code ArrayList}) and
 * {@code Set<T>} (a {@code LinkedHashSet}, in document order): a JSON array, each element bound to
 * {@code T}; a missing member gives an empty one. Collections are sized from the array's count.
 *
 * <p>Thread-safety: immutable once built.
 */
final class CollectionCodec extends Codec {
    private final boolean set;
    Codec element;

    CollectionCodec(Type type, boolean set) {
        super(type);
        this.set = set;
    }

    @Override
    Object read(Reading r, JsonType t) {
        if (t != JsonType.ARRAY) {
            throw r.mismatch(type, "an array");
        }
        JsonCursor c = r.cursor;
        int n = c.size();
        Collection<Object> out = set ? LinkedHashSet.newLinkedHashSet(n) : new ArrayList<>(n);
        if (c.enter()) {
            r.enter(0, type);
            Codec e = element;
            do {
                out.add(e.readValue(r));
            } while (c.next());
            r.exit();
            c.exit();
        }
        return out;
    }

    @Override
    Object readBytes(Reading r, int c) {
        if (c != '[') {
            throw DirectInput.GIVE_UP;
        }
        DirectInput in = r.in;
        if (!in.firstElement()) {
            return newCollection(0);
        }
        int d = r.enter(0, type);
        Object[] values = r.refs(d);
        int n = 0;
        Collection<Object> out = null;
        Codec e = element;
        do {
            Object v = e.readBytes(r);
            if (out == null && n == values.length) {
                if (n < Reading.COLLECTED) {
                    values = r.growRefs(d);
                } else {
                    out = newCollection(2 * n);
                    for (int i = 0; i < n; i++) {
                        out.add(values[i]);
                        values[i] = null;
                    }
                }
            }
            if (out == null) {
                values[n++] = v;
            } else {
                out.add(v);
            }
        } while (in.nextElement());
        if (out == null) {
            out = newCollection(n);
            for (int i = 0; i < n; i++) {
                out.add(values[i]);
                values[i] = null;
            }
        }
        r.exit();
        return out;
    }

    private Collection<Object> newCollection(int n) {
        return set ? LinkedHashSet.newLinkedHashSet(n) : new ArrayList<>(n);
    }

    @Override
    boolean readsBytes(java.util.Set<Codec> visiting) {
        return element.readsBytes(visiting);
    }

    @Override
    Object absentValue() {
        return set ? new LinkedHashSet<>() : new ArrayList<>();
    }

    @Override
    boolean absentIsNull() {
        return false;
    }

    @Override
    void write(JsonWriter w, Object value) {
        w.beginArray();
        Codec e = element;
        for (Object o : (Collection<?>) value) {
            e.writeValue(w, o);
        }
        w.endArray();
    }
}
