package dev.jsonarena.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.jsonarena.JsonArena;
import dev.jsonarena.JsonKey;
import dev.jsonarena.JsonPool;
import dev.jsonarena.JsonRecordFormat;
import dev.jsonarena.JsonRecordReader;
import dev.jsonarena.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * The implementations {@link RecordReaderBenchmark} compares: each reads every record of a JSON
 * Lines input, takes one string field from it ({@link RecordField}) as a {@code String} and adds
 * it to the {@link RecordTotals}. The stream implementations read a {@code ByteArrayInputStream}
 * over the input, made once and rewound per pass.
 *
 * <p>Thread-safety: immutable; {@link #create} returns a new, unshared {@link Records}.
 */
public enum RecordReaderType {
    /**
     * {@code JsonRecordReader.builder().open(arena, inputStream)} (JSON Lines, the pool's limits,
     * an arena reset per record) and {@code for (JsonValue r : reader)}; the field through
     * {@code r.asObject().get(JsonKey)} or {@code r.asArray().get(i)}, then {@code asString()}. One
     * arena per adapter; the reader (and its 64 KiB window) is made per pass, as a request handler
     * would per request body.
     */
    JSONARENA {
        @Override
        public Records create(byte[] ndjson, RecordField field, JsonPool pool) {
            ByteArrayInputStream in = new ByteArrayInputStream(ndjson);
            JsonKey key = field.key();
            return inArena(pool, arena -> {
                in.reset();
                try (JsonRecordReader reader = JsonRecordReader.builder().open(arena, in)) {
                    return jsonarenaTotals(reader, field, key);
                }
            });
        }
    },
    /**
     * As {@link #JSONARENA}, but the reader reads the {@code byte[]} in place
     * ({@code open(arena, byte[])}, no window, no copy): how much of the stream's cost is the
     * window.
     */
    JSONARENA_BYTES {
        @Override
        public Records create(byte[] ndjson, RecordField field, JsonPool pool) {
            JsonKey key = field.key();
            return inArena(pool, arena -> {
                try (JsonRecordReader reader = JsonRecordReader.builder().open(arena, ndjson)) {
                    return jsonarenaTotals(reader, field, key);
                }
            });
        }
    },
    /**
     * The same records as the elements of one JSON array ({@link #asArray}: what a client sends
     * as a JSON body), read as records: {@code JsonRecordReader.builder().format(JsonRecordFormat.ARRAY)}
     * on the stream, an arena reset per record, so memory stays bounded by the window and one
     * record whatever the array's length.
     */
    JSONARENA_ARRAY {
        @Override
        public Records create(byte[] ndjson, RecordField field, JsonPool pool) {
            ByteArrayInputStream in = new ByteArrayInputStream(asArray(ndjson));
            JsonKey key = field.key();
            return inArena(pool, arena -> {
                in.reset();
                try (JsonRecordReader reader = JsonRecordReader.builder().format(JsonRecordFormat.ARRAY).open(arena, in)) {
                    return jsonarenaTotals(reader, field, key);
                }
            });
        }
    },
    /**
     * The same array body parsed whole: {@code arena.parse(inputStream)} (the arena reset per
     * pass), then {@code for (JsonValue r : root.asArray())}: the arena holds the whole array's
     * tape and strings.
     */
    JSONARENA_ARRAY_DOCUMENT {
        @Override
        public Records create(byte[] ndjson, RecordField field, JsonPool pool) {
            ByteArrayInputStream in = new ByteArrayInputStream(asArray(ndjson));
            JsonKey key = field.key();
            return inArena(pool, arena -> {
                in.reset();
                arena.reset();
                return jsonarenaTotals(arena.parse(in).asArray(), field, key);
            });
        }
    },
    /**
     * The same array body through Jackson 2.21 databind's tree, an element at a time:
     * {@code mapper.readerFor(JsonNode.class).readValues(inputStream)}, whose iterator unwraps a
     * root-level array into its elements; the field as {@link #JACKSON_TREE} takes it.
     */
    JACKSON_ARRAY_TREE {
        @Override
        public Records create(byte[] ndjson, RecordField field, JsonPool pool) {
            ByteArrayInputStream in = new ByteArrayInputStream(asArray(ndjson));
            ObjectReader reader = Jackson.MAPPER.readerFor(JsonNode.class);
            return () -> {
                in.reset();
                try (MappingIterator<JsonNode> it = reader.readValues(in)) {
                    return jacksonTreeTotals(it, field);
                }
            };
        }
    },
    /**
     * Jackson 2.21 databind's tree: {@code mapper.readerFor(JsonNode.class).readValues(inputStream)}
     * (one default {@code ObjectMapper}, one {@code ObjectReader} per adapter; for array records
     * through a parser, see {@link #iterate}), each record a {@code JsonNode} tree; the field
     * through {@code get(name)} or {@code get(i)}, then {@code textValue()}.
     */
    JACKSON_TREE {
        @Override
        public Records create(byte[] ndjson, RecordField field, JsonPool pool) {
            ByteArrayInputStream in = new ByteArrayInputStream(ndjson);
            ObjectReader reader = Jackson.MAPPER.readerFor(JsonNode.class);
            return () -> {
                in.reset();
                try (MappingIterator<JsonNode> it = iterate(reader, in, field)) {
                    return jacksonTreeTotals(it, field);
                }
            };
        }
    },
    /**
     * Jackson 2.21 databind to plain collections: {@code mapper.readerFor(Map.class).readValues(in)}
     * for object records ({@code LinkedHashMap}s of {@code String}, boxed numbers, {@code List}s
     * and {@code Map}s), {@code readerFor(List.class)} for array records (amazon_cellphones.ndjson,
     * whose records a {@code Map} reader refuses; through a parser, see {@link #iterate}); the field
     * through {@code get}, cast to {@code String}.
     */
    JACKSON_MAP {
        @Override
        public Records create(byte[] ndjson, RecordField field, JsonPool pool) {
            ByteArrayInputStream in = new ByteArrayInputStream(ndjson);
            ObjectReader reader = Jackson.MAPPER.readerFor(field.objects() ? Map.class : List.class);
            return () -> {
                in.reset();
                long records = 0;
                long chars = 0;
                long matches = 0;
                try (MappingIterator<Object> it = iterate(reader, in, field)) {
                    while (it.hasNextValue()) {
                        Object r = it.nextValue();
                        String s = (String) (field.objects() ? ((Map<?, ?>) r).get(field.member())
                                : ((List<?>) r).get(field.index()));
                        records++;
                        chars += s.length();
                        if (s.equals(field.match())) {
                            matches++;
                        }
                    }
                }
                return new RecordTotals(records, chars, matches);
            };
        }
    };

    /**
     * Makes an adapter over {@code ndjson}.
     *
     * @param ndjson the JSON Lines input; must not change
     * @param field the field to read from each record
     * @param pool the pool the jsonarena adapters open their arena from (ignored by Jackson's)
     * @return the adapter, for one thread
     */
    public abstract Records create(byte[] ndjson, RecordField field, JsonPool pool);

    /**
     * {@return Jackson's iterator over the records of {@code in}}: {@code reader.readValues(in)}
     * for object records; for array records {@code reader.readValues(reader.createParser(in))},
     * because {@code readValues(InputStream)} takes a stream that starts with {@code [} for one
     * wrapped array and iterates over the first record's elements instead (a parser handed in is
     * not unwrapped)
     */
    static <T> MappingIterator<T> iterate(ObjectReader reader, InputStream in, RecordField field) throws IOException {
        return field.objects() ? reader.readValues(in) : reader.readValues(reader.createParser(in));
    }

    /** {@return the lines of {@code ndjson} that hold a record, as the elements of one JSON array} (one a line) */
    static byte[] asArray(byte[] ndjson) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(ndjson.length + 2);
        out.write('[');
        int from = 0;
        boolean first = true;
        while (from < ndjson.length) {
            int to = from;
            while (to < ndjson.length && ndjson[to] != '\n') {
                to++;
            }
            if (!new String(ndjson, from, to - from, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
                if (!first) {
                    out.write(',');
                }
                out.write(ndjson, from, to - from);
                out.write('\n');
                first = false;
            }
            from = to + 1;
        }
        out.write(']');
        return out.toByteArray();
    }

    /** {@return the totals of {@code records}' field} (read through {@code key} for object records) */
    static RecordTotals jsonarenaTotals(Iterable<JsonValue> records, RecordField field, JsonKey key) {
        long n = 0;
        long chars = 0;
        long matches = 0;
        for (JsonValue r : records) {
            String s = (key != null ? r.asObject().get(key) : r.asArray().get(field.index())).asString();
            n++;
            chars += s.length();
            if (s.equals(field.match())) {
                matches++;
            }
        }
        return new RecordTotals(n, chars, matches);
    }

    /** {@return the totals of the trees {@code it} gives}: the field through {@code get}, then {@code textValue()} */
    static RecordTotals jacksonTreeTotals(MappingIterator<JsonNode> it, RecordField field) throws IOException {
        long records = 0;
        long chars = 0;
        long matches = 0;
        while (it.hasNextValue()) {
            JsonNode r = it.nextValue();
            String s = (field.objects() ? r.get(field.member()) : r.get(field.index())).textValue();
            records++;
            chars += s.length();
            if (s.equals(field.match())) {
                matches++;
            }
        }
        return new RecordTotals(records, chars, matches);
    }

    /** {@return an adapter whose passes run {@code pass} in one arena of {@code pool}, closed with the adapter} */
    static Records inArena(JsonPool pool, ArenaPass pass) {
        JsonArena arena = pool.openArena();
        return new Records() {
            @Override
            public RecordTotals read() throws IOException {
                return pass.read(arena);
            }

            @Override
            public void close() {
                arena.close();
            }
        };
    }

    /** One pass of a jsonarena adapter over its input, in the adapter's arena. */
    interface ArenaPass {
        RecordTotals read(JsonArena arena) throws IOException;
    }

    /** One input, read again and again. Not thread-safe. */
    public interface Records extends AutoCloseable {
        /**
         * Reads every record of the input, from the start again.
         *
         * @return the totals of the pass
         * @throws IOException if reading fails (never, for these in-memory inputs)
         */
        RecordTotals read() throws IOException;

        /** Releases what the adapter holds (an arena); the adapter is not used afterwards. */
        @Override
        default void close() {}
    }

    /** The one {@code ObjectMapper} of the Jackson adapters, loaded only when one is made. */
    private static final class Jackson {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }
}
