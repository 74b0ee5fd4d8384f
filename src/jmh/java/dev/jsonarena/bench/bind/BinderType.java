package dev.jsonarena.bench.bind;

import com.alibaba.fastjson2.JSON;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.jsonarena.JsonArena;
import dev.jsonarena.JsonCodecs;
import dev.jsonarena.JsonFormat;
import dev.jsonarena.JsonPool;
import dev.jsonarena.JsonRecordReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The binders compared, each reading the same bytes into the same records:
 * <ul>
 *   <li>{@code JSONARENA}: one arena per thread, {@code reset()} per operation (one request),
 *       then the one-call {@code arena.parse(bytes, type)} with the default codecs (per line for
 *       NDJSON: {@code parse(bytes, offset, length, type)}, the lines into the one arena); writes with
 *       {@link JsonCodecs#write(Object, java.io.OutputStream, JsonFormat)};
 *   <li>{@code JSONARENA_STREAM}: the same arena and codecs reading the input from a stream, as
 *       a server reads a request body: NDJSON through {@code JsonRecordReader.as(type)}, which
 *       finds the lines itself, a document through {@code arena.parse(InputStream, type)};
 *   <li>{@code JACKSON}: Jackson databind 2.21, one {@code ObjectMapper} with
 *       {@code FAIL_ON_UNKNOWN_PROPERTIES} off (jsonarena ignores unknown members by default), one
 *       {@code ObjectReader} per type, {@code readValue(bytes, offset, length)}; writes with
 *       {@code writeValue(OutputStream, value)};
 *   <li>{@code FASTJSON2}: fastjson2 2.0.60, {@code JSON.parseObject(bytes, offset, length, UTF_8, type)};
 *       writes with {@code JSON.writeTo(OutputStream, value)}.
 * </ul>
 */
public enum BinderType {
    /** jsonarena: parse into a reused arena, bind with the default codecs. */
    JSONARENA {
        @Override
        public Binder create() {
            return new ArenaBinder() {
                @Override
                public Object bind(BindInput in) {
                    if (in.lines() == null) {
                        arena.reset();
                        return arena.parse(in.bytes(), in.type());
                    }
                    int[] lines = in.lines();
                    List<Object> out = new ArrayList<>(lines.length / 2);
                    arena.reset(); // one arena per request: the batch's lines share it
                    for (int i = 0; i < lines.length; i += 2) {
                        out.add(arena.parse(in.bytes(), lines[i], lines[i + 1] - lines[i], in.type()));
                    }
                    return out;
                }
            };
        }
    },
    /**
     * jsonarena reading from a stream, as a server reads a request body: an NDJSON batch through
     * {@link JsonRecordReader#as(Class)} (the reader finds the lines itself), a single document
     * through {@code arena.parse(InputStream, type)}; the input wrapped in a fresh
     * {@link ByteArrayInputStream} per operation.
     */
    JSONARENA_STREAM {
        @Override
        public Binder create() {
            return new ArenaBinder() {
                @Override
                public Object bind(BindInput in) {
                    arena.reset();
                    try {
                        if (in.lines() == null) {
                            return arena.parse(new ByteArrayInputStream(in.bytes()), in.type());
                        }
                        List<Object> out = new ArrayList<>(in.records());
                        try (JsonRecordReader records = JsonRecordReader.builder()
                                .open(arena, new ByteArrayInputStream(in.bytes()))) {
                            for (Object record : records.as(in.type())) {
                                out.add(record);
                            }
                        }
                        return out;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            };
        }
    },
    /** Jackson databind. */
    JACKSON {
        @Override
        public Binder create() {
            ObjectMapper mapper = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
            return new Binder() {
                private ObjectReader reader;
                private Class<?> readerType;

                @Override
                public Object bind(BindInput in) {
                    if (readerType != in.type()) {
                        reader = mapper.readerFor(in.type());
                        readerType = in.type();
                    }
                    try {
                        if (in.lines() == null) {
                            return reader.readValue(in.bytes());
                        }
                        int[] lines = in.lines();
                        List<Object> out = new ArrayList<>(lines.length / 2);
                        for (int i = 0; i < lines.length; i += 2) {
                            out.add(reader.readValue(in.bytes(), lines[i], lines[i + 1] - lines[i]));
                        }
                        return out;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }

                @Override
                public void write(Object value, ByteArrayOutputStream out) throws IOException {
                    mapper.writeValue(out, value);
                }
            };
        }
    },
    /** fastjson2. */
    FASTJSON2 {
        @Override
        public Binder create() {
            return new Binder() {
                @Override
                public Object bind(BindInput in) {
                    if (in.lines() == null) {
                        return JSON.parseObject(in.bytes(), in.type());
                    }
                    int[] lines = in.lines();
                    List<Object> out = new ArrayList<>(lines.length / 2);
                    for (int i = 0; i < lines.length; i += 2) {
                        out.add(JSON.parseObject(in.bytes(), lines[i], lines[i + 1] - lines[i], StandardCharsets.UTF_8,
                                in.type()));
                    }
                    return out;
                }

                @Override
                public void write(Object value, ByteArrayOutputStream out) {
                    JSON.writeTo(out, value);
                }
            };
        }
    };

    /** {@return a new binder of this type} */
    public abstract Binder create();

    /** A jsonarena binder: one arena of the default pool, reset per operation; writes with the default codecs. */
    private abstract static class ArenaBinder implements Binder {
        final JsonArena arena = JsonPool.defaultPool().openArena();
        private final JsonCodecs codecs = JsonCodecs.defaults();

        @Override
        public void write(Object value, ByteArrayOutputStream out) throws IOException {
            codecs.write(value, out, JsonFormat.COMPACT);
        }
    }
}
