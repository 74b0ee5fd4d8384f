package dev.jsonarena.bench;

import com.alibaba.fastjson2.JSON;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jsonarena.JsonArena;
import dev.jsonarena.JsonCursor;
import dev.jsonarena.JsonPool;
import dev.jsonarena.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.simdjson.SimdJsonParser;

/**
 * The implementations the parse benchmarks compare, each behind the {@link Decoder} adapter.
 *
 * <p>jsonarena ({@link #JSONARENA}, {@link #JSONARENA_REUSED}) and the project's own heap baseline
 * ({@link #HEAP_DECODER}) are strict RFC 8259 decoders that also validate UTF-8. The other
 * constants are the outside parsers the decoder is compared with, test-scope
 * dependencies for benchmarks only ({@code pom.xml}: Jackson 2.21.x, fastjson2 2.0.60,
 * simdjson-java 0.4.0), each in the configuration a server would use by default. They do not all do
 * the same work or accept the same inputs; each constant's javadoc says what it checks and what it
 * lets through (found by running them on {@code src/test/resources/conformance} and on hand-made
 * inputs; {@code DecoderBenchmarksTest} pins the points stated here).
 *
 * <p>Thread-safety: immutable; {@link #create} returns a new, unshared adapter each call.
 */
public enum DecoderType {
    /**
     * jsonarena as a server uses it per request: {@code pool.openArena()}, {@code parse(byte[])},
     * {@code close()} (one bulk free). The root's size is read through the adapter's reused
     * {@link JsonCursor}, which allocates nothing ({@code asObject().size()} would add a 32-byte
     * view), so the heap per operation is the parse's own: the arena handle and the root value.
     */
    JSONARENA {
        @Override
        public Decoder create(JsonPool pool) {
            requirePool(pool);
            JsonCursor cursor = new JsonCursor();
            return new Decoder() {
                @Override
                public int parse(byte[] json) {
                    try (JsonArena arena = pool.openArena()) {
                        return rootSize(cursor, arena.parse(json));
                    }
                }

                @Override
                public void close() {}
            };
        }
    },
    /**
     * jsonarena with one arena per thread, opened once and {@code reset()} before each parse: the
     * steady state of a worker that keeps its arena (no open/close per request). The root's size is
     * read as for {@link #JSONARENA}.
     */
    JSONARENA_REUSED {
        @Override
        public Decoder create(JsonPool pool) {
            requirePool(pool);
            JsonArena arena = pool.openArena();
            JsonCursor cursor = new JsonCursor();
            return new Decoder() {
                @Override
                public int parse(byte[] json) {
                    arena.reset();
                    return rootSize(cursor, arena.parse(json));
                }

                @Override
                public void close() {
                    arena.close();
                }
            };
        }
    },
    /** {@link HeapJsonDecoder}: a plain decoder into {@code HashMap}/{@code ArrayList}/boxed values. */
    HEAP_DECODER {
        @Override
        public Decoder create(JsonPool pool) {
            return new Decoder() {
                @Override
                public int parse(byte[] json) {
                    return heapRootSize(HeapJsonDecoder.decode(json));
                }

                @Override
                public void close() {}
            };
        }
    },
    /**
     * Jackson databind's tree: {@code ObjectMapper.readTree(byte[])} on one {@code ObjectMapper}
     * with default settings, shared by all adapters (it is thread-safe, and a server keeps one);
     * the result is the root node's {@code size()}.
     *
     * <p>Builds {@code ObjectNode}/{@code ArrayNode} with every string decoded to a {@code String}
     * and every number converted ({@code IntNode}, {@code LongNode}, {@code BigIntegerNode},
     * {@code DoubleNode}). With the defaults every {@code JsonReadFeature} leniency is off
     * (comments, single quotes, unquoted names, leading zeros, {@code NaN}, trailing commas,
     * control characters in strings are all rejected), but {@code FAIL_ON_TRAILING_TOKENS} is off
     * too: content after the first value is not read, so {@code {} x} and {@code {} {}} parse
     * as {@code {}}, and an empty or blank input gives a {@code MissingNode} of size 0. In strings
     * it rejects bytes that are no UTF-8 lead byte, bad continuation bytes and UTF-8-encoded
     * surrogates, but accepts overlong encodings and code points above U+10FFFF, and an
     * escaped unpaired surrogate such as <code>&#92;ud800</code>. Duplicate names: the last wins.
     */
    JACKSON_TREE {
        @Override
        public Decoder create(JsonPool pool) {
            ObjectMapper mapper = Jackson.MAPPER;
            return new Decoder() {
                @Override
                public int parse(byte[] json) {
                    try {
                        return mapper.readTree(json).size();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }

                @Override
                public void close() {}
            };
        }
    },
    /**
     * Jackson's streaming parser, no tree: {@code JsonFactory.createParser(byte[])} (the shared
     * mapper's factory, default settings) and {@code nextToken()} to the end of the input; the
     * result is the count of the root's members or elements, taken from the tokens.
     *
     * <p>What {@code nextToken()} does: checks the structure and the literals; decodes every
     * member name and looks it up in the factory's symbol table (names are interned, as
     * jsonarena's keys are); checks the syntax of every number but converts none (Jackson
     * converts on {@code getLongValue()} and the like, which this never calls); and skips over
     * every string value without decoding it: escapes and raw control characters are checked, and
     * so are UTF-8 lead and continuation bytes, but overlong encodings, UTF-8-encoded surrogates
     * and code points above U+10FFFF are not. So it validates less UTF-8 than
     * {@link #JACKSON_TREE} and jsonarena. The adapter itself rejects what the default parser
     * would let through at the document level: an empty or blank input, and a second root value
     * ({@code {} {}}; Jackson reads root-level value sequences). A UTF-8 byte order mark before the
     * value is skipped, as Jackson does. Duplicate names are not detected (counted twice).
     */
    JACKSON_STREAM {
        @Override
        public Decoder create(JsonPool pool) {
            JsonFactory factory = Jackson.MAPPER.getFactory();
            return new Decoder() {
                @Override
                public int parse(byte[] json) {
                    try (JsonParser parser = factory.createParser(json)) {
                        return jacksonStreamRootSize(parser);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }

                @Override
                public void close() {}
            };
        }
    },
    /**
     * fastjson2's {@code JSON.parse(byte[])} with default features: a tree of {@code JSONObject}
     * ({@code LinkedHashMap}), {@code JSONArray} ({@code ArrayList}), {@code String}, and numbers as
     * {@code Integer}, {@code Long}, {@code BigInteger}, {@code BigDecimal} (decimals without
     * exponent, e.g. {@code 1.5}) or {@code Double} (with exponent); the result is the root's size.
     *
     * <p>Lenient by default: it accepts, among others, trailing commas, single-quoted strings,
     * unquoted names, comments, leading zeros, {@code +1}, {@code 1.}, {@code NaN}, raw control
     * characters in strings, overlong UTF-8, UTF-8-encoded surrogates and code points above
     * U+10FFFF, and returns {@code null} for an empty input (-1 here). It rejects trailing content
     * after the root value. Duplicate names: the last wins.
     */
    FASTJSON2 {
        @Override
        public Decoder create(JsonPool pool) {
            return new Decoder() {
                @Override
                public int parse(byte[] json) {
                    return heapRootSize(JSON.parse(json));
                }

                @Override
                public void close() {}
            };
        }
    },
    /**
     * simdjson-java 0.4.0: {@code SimdJsonParser.parse(byte[], int)} into the parser's on-heap
     * tape, one parser per adapter (its default constructor allocates buffers for inputs up to
     * 34 MiB once; the tape is reused by the next parse); the result is the root's
     * {@code getSize()}.
     *
     * <p>Validates structure, literals, numbers (converted while parsing) and UTF-8 strictly: it
     * rejected every invalid document of the conformance corpus. It also rejects three valid ones:
     * integers outside the 64-bit range. It needs the incubating Vector API: the JVM must run with
     * {@code --add-modules jdk.incubator.vector} (only {@link ParseSimdJsonBenchmark}'s fork adds
     * it); otherwise {@link #create} throws. See {@link #available()}.
     */
    SIMDJSON {
        @Override
        public Decoder create(JsonPool pool) {
            if (!available()) {
                throw new IllegalStateException("SIMDJSON: module " + VECTOR_MODULE + " is not in the boot layer"
                        + " (expected: a JVM started with --add-modules " + VECTOR_MODULE
                        + ", as ParseSimdJsonBenchmark's fork is)");
            }
            SimdJsonParser parser = new SimdJsonParser();
            return new Decoder() {
                @Override
                public int parse(byte[] json) {
                    return parser.parse(json, json.length).getSize();
                }

                @Override
                public void close() {}
            };
        }

        @Override
        public boolean available() {
            return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
        }
    };

    /** The incubator module simdjson-java needs at run time. */
    static final String VECTOR_MODULE = "jdk.incubator.vector";

    /**
     * Creates an adapter for one benchmark thread.
     *
     * @param pool the pool jsonarena adapters open arenas from; ignored (may be null) by
     *     {@link #HEAP_DECODER}
     * @return a new adapter
     * @throws IllegalArgumentException if a jsonarena adapter gets no pool
     */
    public abstract Decoder create(JsonPool pool);

    /**
     * {@return whether {@link #create} can make an adapter in this JVM}: false only for
     * {@link #SIMDJSON} when the module {@code jdk.incubator.vector} is not in the boot layer
     */
    public boolean available() {
        return true;
    }

    static void requirePool(JsonPool pool) {
        if (pool == null) {
            throw new IllegalArgumentException("pool: null (expected: a JsonPool for a jsonarena adapter)");
        }
    }

    /** {@return the member or element count of {@code root} read through {@code cursor}, or -1 for a scalar} */
    static int rootSize(JsonCursor cursor, JsonValue root) {
        cursor.reset(root);
        return switch (cursor.type()) {
            case OBJECT, ARRAY -> cursor.size();
            default -> -1;
        };
    }

    /** {@return the member or element count of {@code root}, or -1 for a scalar} */
    static int rootSize(JsonValue root) {
        return switch (root.type()) {
            case OBJECT -> root.asObject().size();
            case ARRAY -> root.asArray().size();
            default -> -1;
        };
    }

    /**
     * Reads one document with Jackson's {@code nextToken()} to the end of the input.
     *
     * @return the member or element count of the root, or -1 for a scalar
     * @throws IOException Jackson's exception if the input is malformed
     * @throws IllegalArgumentException if there is no value, or a second one after the root
     */
    static int jacksonStreamRootSize(JsonParser parser) throws IOException {
        JsonToken t = parser.nextToken();
        if (t == null) {
            throw new IllegalArgumentException("JACKSON_STREAM: no value in the input (expected: one JSON value)");
        }
        int size = -1;
        if (t.isStructStart()) {
            JsonToken end = t == JsonToken.START_OBJECT ? JsonToken.END_OBJECT : JsonToken.END_ARRAY;
            size = 0;
            while ((t = parser.nextToken()) != end) {
                if (t == JsonToken.FIELD_NAME) {
                    t = parser.nextToken();
                }
                if (t == null) {
                    throw new IllegalArgumentException("JACKSON_STREAM: the input ends inside the root (expected: "
                            + end.asString() + ")");
                }
                size++;
                if (t.isStructStart()) {
                    parser.skipChildren(); // nextToken() to the matching end: the same tokenising
                }
            }
        }
        t = parser.nextToken();
        if (t != null) {
            throw new IllegalArgumentException("JACKSON_STREAM: " + t + " after the root value at byte "
                    + parser.currentTokenLocation().getByteOffset() + " (expected: the end of the input)");
        }
        return size;
    }

    /** The one {@code ObjectMapper} of the Jackson adapters, loaded only when one is made. */
    private static final class Jackson {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    /** {@return the member or element count of a {@link HeapJsonDecoder} result, or -1 for a scalar} */
    static int heapRootSize(Object root) {
        if (root instanceof Map<?, ?> m) {
            return m.size();
        }
        if (root instanceof List<?> l) {
            return l.size();
        }
        return -1;
    }
}
