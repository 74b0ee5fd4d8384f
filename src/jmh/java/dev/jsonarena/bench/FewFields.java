package dev.jsonarena.bench;

import dev.jsonarena.JsonCursor;
import dev.jsonarena.JsonKey;
import dev.jsonarena.JsonObject;
import dev.jsonarena.JsonValue;
import java.util.List;
import java.util.Map;

/**
 * The "read a few fields per record" query of each corpus file, written three ways: through the
 * views with {@link JsonKey} lookups, through a {@link JsonCursor} with {@link JsonKey} lookups, and
 * over a {@link HeapJsonDecoder} tree with {@code Map.get}. All three read the same fields in the
 * same order into a {@link FieldSink}.
 *
 * <pre>
 *  file                records             fields read per record
 *  twitter.json        statuses[*]  (100)  id, retweet_count, user.screen_name
 *  citm_catalog.json   performances[*] (243) id, eventId, start, venueCode
 *  canada.json         features[*]  (1)    properties.name, geometry.type, size of geometry.coordinates
 *  github_events.json  [*]          (30)   id, type, actor.login, public
 * </pre>
 *
 * <p>The readers expect the corpus files' shapes (a missing field is a {@link NullPointerException}
 * in the views and heap readers, and is skipped by the cursor reader; the test checks all three
 * read the same values).
 *
 * <p>Thread-safety: immutable; the {@link JsonKey}s are thread-safe.
 */
public enum FewFields {
    /** {@code twitter.json}: {@code statuses[*]}: {@code id}, {@code retweet_count}, {@code user.screen_name}. */
    TWITTER("twitter.json") {
        @Override
        void views(JsonValue root, FieldSink sink) {
            for (JsonValue status : root.asObject().get(K.STATUSES).asArray()) {
                JsonObject o = status.asObject();
                sink.record();
                sink.number(o.get(K.ID).asLong());
                sink.number(o.get(K.RETWEET_COUNT).asLong());
                sink.string(o.get(K.USER).asObject().get(K.SCREEN_NAME).asString());
            }
        }

        @Override
        void cursor(JsonCursor c, FieldSink sink) {
            if (c.find(K.STATUSES) && c.enter()) {
                do {
                    sink.record();
                    readLong(c, K.ID, sink);
                    readLong(c, K.RETWEET_COUNT, sink);
                    if (c.find(K.USER)) {
                        readString(c, K.SCREEN_NAME, sink);
                        c.exit();
                    }
                } while (c.next());
            }
        }

        @Override
        void heap(Object root, FieldSink sink) {
            for (Object status : list(map(root).get("statuses"))) {
                Map<?, ?> o = map(status);
                sink.record();
                sink.number(((Number) o.get("id")).longValue());
                sink.number(((Number) o.get("retweet_count")).longValue());
                sink.string((String) map(o.get("user")).get("screen_name"));
            }
        }
    },
    /** {@code citm_catalog.json}: {@code performances[*]}: {@code id}, {@code eventId}, {@code start}, {@code venueCode}. */
    CITM_CATALOG("citm_catalog.json") {
        @Override
        void views(JsonValue root, FieldSink sink) {
            for (JsonValue performance : root.asObject().get(K.PERFORMANCES).asArray()) {
                JsonObject o = performance.asObject();
                sink.record();
                sink.number(o.get(K.ID).asLong());
                sink.number(o.get(K.EVENT_ID).asLong());
                sink.number(o.get(K.START).asLong());
                sink.string(o.get(K.VENUE_CODE).asString());
            }
        }

        @Override
        void cursor(JsonCursor c, FieldSink sink) {
            if (c.find(K.PERFORMANCES) && c.enter()) {
                do {
                    sink.record();
                    readLong(c, K.ID, sink);
                    readLong(c, K.EVENT_ID, sink);
                    readLong(c, K.START, sink);
                    readString(c, K.VENUE_CODE, sink);
                } while (c.next());
            }
        }

        @Override
        void heap(Object root, FieldSink sink) {
            for (Object performance : list(map(root).get("performances"))) {
                Map<?, ?> o = map(performance);
                sink.record();
                sink.number(((Number) o.get("id")).longValue());
                sink.number(((Number) o.get("eventId")).longValue());
                sink.number(((Number) o.get("start")).longValue());
                sink.string((String) o.get("venueCode"));
            }
        }
    },
    /** {@code canada.json}: {@code features[*]}: {@code properties.name}, {@code geometry.type}, {@code geometry.coordinates} size. */
    CANADA("canada.json") {
        @Override
        void views(JsonValue root, FieldSink sink) {
            for (JsonValue feature : root.asObject().get(K.FEATURES).asArray()) {
                JsonObject o = feature.asObject();
                sink.record();
                sink.string(o.get(K.PROPERTIES).asObject().get(K.NAME).asString());
                JsonObject geometry = o.get(K.GEOMETRY).asObject();
                sink.string(geometry.get(K.TYPE).asString());
                sink.number(geometry.get(K.COORDINATES).asArray().size());
            }
        }

        @Override
        void cursor(JsonCursor c, FieldSink sink) {
            if (c.find(K.FEATURES) && c.enter()) {
                do {
                    sink.record();
                    if (c.find(K.PROPERTIES)) {
                        readString(c, K.NAME, sink);
                        c.exit();
                    }
                    if (c.find(K.GEOMETRY)) {
                        readString(c, K.TYPE, sink);
                        if (c.find(K.COORDINATES)) {
                            sink.number(c.size());
                            c.exit();
                        }
                        c.exit();
                    }
                } while (c.next());
            }
        }

        @Override
        void heap(Object root, FieldSink sink) {
            for (Object feature : list(map(root).get("features"))) {
                Map<?, ?> o = map(feature);
                sink.record();
                sink.string((String) map(o.get("properties")).get("name"));
                Map<?, ?> geometry = map(o.get("geometry"));
                sink.string((String) geometry.get("type"));
                sink.number(list(geometry.get("coordinates")).size());
            }
        }
    },
    /** {@code github_events.json}: {@code [*]}: {@code id}, {@code type}, {@code actor.login}, {@code public}. */
    GITHUB_EVENTS("github_events.json") {
        @Override
        void views(JsonValue root, FieldSink sink) {
            for (JsonValue event : root.asArray()) {
                JsonObject o = event.asObject();
                sink.record();
                sink.string(o.get(K.ID).asString());
                sink.string(o.get(K.TYPE).asString());
                sink.string(o.get(K.ACTOR).asObject().get(K.LOGIN).asString());
                sink.bool(o.get(K.PUBLIC).asBoolean());
            }
        }

        @Override
        void cursor(JsonCursor c, FieldSink sink) {
            if (c.enter()) {
                do {
                    sink.record();
                    readString(c, K.ID, sink);
                    readString(c, K.TYPE, sink);
                    if (c.find(K.ACTOR)) {
                        readString(c, K.LOGIN, sink);
                        c.exit();
                    }
                    if (c.find(K.PUBLIC)) {
                        sink.bool(c.asBoolean());
                        c.exit();
                    }
                } while (c.next());
            }
        }

        @Override
        void heap(Object root, FieldSink sink) {
            for (Object event : list(root)) {
                Map<?, ?> o = map(event);
                sink.record();
                sink.string((String) o.get("id"));
                sink.string((String) o.get("type"));
                sink.string((String) map(o.get("actor")).get("login"));
                sink.bool((Boolean) o.get("public"));
            }
        }
    };

    /** The member names, made once: lookups with them allocate nothing. */
    private static final class K {
        static final JsonKey STATUSES = JsonKey.of("statuses");
        static final JsonKey ID = JsonKey.of("id");
        static final JsonKey RETWEET_COUNT = JsonKey.of("retweet_count");
        static final JsonKey USER = JsonKey.of("user");
        static final JsonKey SCREEN_NAME = JsonKey.of("screen_name");
        static final JsonKey PERFORMANCES = JsonKey.of("performances");
        static final JsonKey EVENT_ID = JsonKey.of("eventId");
        static final JsonKey START = JsonKey.of("start");
        static final JsonKey VENUE_CODE = JsonKey.of("venueCode");
        static final JsonKey FEATURES = JsonKey.of("features");
        static final JsonKey PROPERTIES = JsonKey.of("properties");
        static final JsonKey NAME = JsonKey.of("name");
        static final JsonKey GEOMETRY = JsonKey.of("geometry");
        static final JsonKey TYPE = JsonKey.of("type");
        static final JsonKey COORDINATES = JsonKey.of("coordinates");
        static final JsonKey ACTOR = JsonKey.of("actor");
        static final JsonKey LOGIN = JsonKey.of("login");
        static final JsonKey PUBLIC = JsonKey.of("public");
    }

    private final String file;

    FewFields(String file) {
        this.file = file;
    }

    /** {@return the corpus file this query is for} */
    public String file() {
        return file;
    }

    /**
     * {@return the query for a corpus file}
     *
     * @param file a name from {@link Corpus#FILES}
     * @throws IllegalArgumentException if no query is defined for {@code file}
     */
    public static FewFields forFile(String file) {
        for (FewFields f : values()) {
            if (f.file.equals(file)) {
                return f;
            }
        }
        throw new IllegalArgumentException("file: " + file + " (expected: one of " + List.of(values()) + "'s files)");
    }

    /** Reads the fields from the parsed root through the views. */
    abstract void views(JsonValue root, FieldSink sink);

    /** Reads the fields through {@code c}, which is at the root (depth 0). */
    abstract void cursor(JsonCursor c, FieldSink sink);

    /** Reads the fields from a {@link HeapJsonDecoder} tree. */
    abstract void heap(Object root, FieldSink sink);

    private static void readLong(JsonCursor c, JsonKey key, FieldSink sink) {
        if (c.find(key)) {
            sink.number(c.asLong());
            c.exit();
        }
    }

    private static void readString(JsonCursor c, JsonKey key, FieldSink sink) {
        if (c.find(key)) {
            sink.string(c.asString());
            c.exit();
        }
    }

    private static Map<?, ?> map(Object o) {
        return (Map<?, ?>) o;
    }

    private static List<?> list(Object o) {
        return (List<?>) o;
    }
}
