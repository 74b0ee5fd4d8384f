package dev.jsonarena;

import dev.jsonarena.tape.Document;
import dev.jsonarena.tape.Tape;
import java.util.AbstractCollection;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The read-only {@link Map} of {@link JsonObject#asMap()}: a view of the object's members, nothing
 * copied. Values are converted on every access ({@link JavaValues#view}); lookups by name go
 * through the document's key table like {@link JsonObject#get(String)}. Every method checks the
 * arena's epoch first; every mutator throws {@link UnsupportedOperationException}, whatever its
 * arguments.
 *
 * <p>Thread-safety: not thread-safe, like its arena.
 */
final class ObjectMapView extends AbstractMap<String, Object> {
    private final Document doc;
    private final long epoch;
    private final int index;

    ObjectMapView(Document doc, long epoch, int index) {
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

    /** {@return the tape index of the value of member {@code key}, or -1} */
    private int member(Object key) {
        Document d = doc();
        return key instanceof String s ? d.member(index, d.keyId(s), epoch) : -1;
    }

    @Override
    public int size() {
        try {
            return Tape.count(doc().word(index));
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    @Override
    public boolean isEmpty() {
        return size() == 0;
    }

    @Override
    public boolean containsKey(Object key) {
        try {
            return member(key) >= 0;
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    @Override
    public Object get(Object key) {
        try {
            int v = member(key);
            return v < 0 ? null : JavaValues.view(doc, epoch, v);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    @Override
    public Object getOrDefault(Object key, Object defaultValue) {
        try {
            int v = member(key);
            return v < 0 ? defaultValue : JavaValues.view(doc, epoch, v);
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super Object> action) {
        try {
            Objects.requireNonNull(action, "action");
            for (Members m = new Members(); m.hasNext(); ) {
                Map.Entry<String, Object> e = m.next();
                action.accept(e.getKey(), e.getValue());
            }
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
        try {
            doc();
            return Collections.unmodifiableSet(new AbstractSet<>() {
                @Override
                public Iterator<Map.Entry<String, Object>> iterator() {
                    return new Members();
                }

                @Override
                public int size() {
                    return ObjectMapView.this.size();
                }

                @Override
                public boolean contains(Object o) {
                    try {
                        return o instanceof Map.Entry<?, ?> e && member(e.getKey()) >= 0
                                && Objects.equals(get(e.getKey()), e.getValue());
                    } catch (RuntimeException e) {
                        throw torn(e);
                    } finally {
                        valid();
                    }
                }
            });
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    @Override
    public Set<String> keySet() {
        try {
            doc();
            return Collections.unmodifiableSet(new AbstractSet<>() {
                @Override
                public Iterator<String> iterator() {
                    Members m = new Members();
                    return new Iterator<>() {
                        @Override
                        public boolean hasNext() {
                            return m.hasNext();
                        }

                        @Override
                        public String next() {
                            try {
                                return m.nextKey();
                            } catch (RuntimeException e) {
                                throw torn(e);
                            } finally {
                                valid();
                            }
                        }
                    };
                }

                @Override
                public int size() {
                    return ObjectMapView.this.size();
                }

                @Override
                public boolean contains(Object o) {
                    try {
                        return containsKey(o);
                    } catch (RuntimeException e) {
                        throw torn(e);
                    } finally {
                        valid();
                    }
                }
            });
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    @Override
    public Collection<Object> values() {
        try {
            doc();
            return Collections.unmodifiableCollection(new AbstractCollection<>() {
                @Override
                public Iterator<Object> iterator() {
                    Members m = new Members();
                    return new Iterator<>() {
                        @Override
                        public boolean hasNext() {
                            return m.hasNext();
                        }

                        @Override
                        public Object next() {
                            try {
                                return m.next().getValue();
                            } catch (RuntimeException e) {
                                throw torn(e);
                            } finally {
                                valid();
                            }
                        }
                    };
                }

                @Override
                public int size() {
                    return ObjectMapView.this.size();
                }
            });
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

    @Override
    public String toString() {
        try {
            doc();
            return super.toString();
        } catch (RuntimeException e) {
            throw torn(e);
        } finally {
            valid();
        }
    }

    /** The members in document order; checks the epoch at every step. */
    private final class Members implements Iterator<Map.Entry<String, Object>> {
        private int left = Tape.count(doc().word(index));
        private int next = index + 1;

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

        /** Steps to the next member; {@return the tape index of its KEY word} */
        private int step() {
            Document d = doc();
            if (left == 0) {
                throw new NoSuchElementException("no more members (object has " + size() + ")");
            }
            int key = next;
            next = d.nextMember(key);
            left--;
            return key;
        }

        String nextKey() {
            return doc.keyName(Tape.keyId(doc.word(step())), epoch);
        }

        @Override
        public Map.Entry<String, Object> next() {
            try {
                int key = step();
                return new AbstractMap.SimpleImmutableEntry<>(doc.keyName(Tape.keyId(doc.word(key)), epoch),
                        JavaValues.view(doc, epoch, key + 1));
            } catch (RuntimeException e) {
                throw torn(e);
            } finally {
                valid();
            }
        }
    }

    // ---- mutators: always unsupported ----

    private static UnsupportedOperationException readOnly() {
        return new UnsupportedOperationException("JsonObject.asMap() is a read-only view (copy it with toJava() to modify)");
    }

    @Override
    public Object put(String key, Object value) {
        throw readOnly();
    }

    @Override
    public Object remove(Object key) {
        throw readOnly();
    }

    @Override
    public void putAll(Map<? extends String, ?> m) {
        throw readOnly();
    }

    @Override
    public void clear() {
        throw readOnly();
    }

    @Override
    public Object putIfAbsent(String key, Object value) {
        throw readOnly();
    }

    @Override
    public boolean remove(Object key, Object value) {
        throw readOnly();
    }

    @Override
    public boolean replace(String key, Object oldValue, Object newValue) {
        throw readOnly();
    }

    @Override
    public Object replace(String key, Object value) {
        throw readOnly();
    }

    @Override
    public Object computeIfAbsent(String key, Function<? super String, ?> f) {
        throw readOnly();
    }

    @Override
    public Object computeIfPresent(String key, BiFunction<? super String, ? super Object, ?> f) {
        throw readOnly();
    }

    @Override
    public Object compute(String key, BiFunction<? super String, ? super Object, ?> f) {
        throw readOnly();
    }

    @Override
    public Object merge(String key, Object value, BiFunction<? super Object, ? super Object, ?> f) {
        throw readOnly();
    }

    @Override
    public void replaceAll(BiFunction<? super String, ? super Object, ?> f) {
        throw readOnly();
    }
}
