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
    Object absentValue() {
        return set ? new LinkedHashSet<>() : new ArrayList<>();
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
