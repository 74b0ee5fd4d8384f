package dev.jsonarena;

import static org.junit.jupiter.api.Assertions.*;

import dev.jsonarena.BindingModel.Everything;
import dev.jsonarena.BindingModel.Scalars;
import dev.jsonarena.BindingModel.Shape;
import dev.jsonarena.BindingModel.Times;
import dev.jsonarena.testing.Property;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Write, parse, bind: seeded random values of {@link BindingModel}'s records, which cover every
 * bindable type, come back equal, and the JSON written for them is what an independent statement
 * of the format ({@link BindingModel#expectedJava}) says, read back through {@link JsonValue#toJava()}.
 */
class BindingRoundTripTest extends ArenaFixture {
    private static final JsonCodecs CODECS = JsonCodecs.defaults();
    private static final JsonTypeRef<List<Shape>> SHAPES = new JsonTypeRef<>() {};

    @Test
    void generatedRecordsRoundTripThroughWriteParseAndBind() {
        Property.check("bind round trip", 300, g -> {
            Everything e = BindingModel.everything(g);
            JsonFormat format = g.nextBoolean() ? JsonFormat.COMPACT : JsonFormat.PRETTY;
            byte[] json = CODECS.toJsonBytes(e, format);
            arena.reset();
            JsonValue root = arena.parse(json);
            Everything back = CODECS.bind(root, Everything.class);
            // records without arrays compare with equals; arrays through what they write
            assertEquals(e.scalars(), back.scalars());
            assertEquals(e.times(), back.times());
            assertEquals(e.page(), back.page());
            assertEquals(e.shape(), back.shape());
            assertEquals(e.shapes(), back.shapes());
            assertEquals(e.tree(), back.tree());
            assertEquals(e.original(), back.original());
            assertArrayEquals(e.containers().ints(), back.containers().ints());
            assertArrayEquals(e.containers().strings(), back.containers().strings());
            assertEquals(e.containers().mapOfLists(), back.containers().mapOfLists());
            assertEquals(e.containers().optionalRecord(), back.containers().optionalRecord());
            assertArrayEquals(json, CODECS.toJsonBytes(back, format));
            assertEquals(BindingModel.expectedJava(e), BindingModel.normalised(root.toJava()));
        });
    }

    @Test
    void scalarsOfEveryTypeBindFromTheirReferenceReading() {
        Property.check("scalars from reference", 300, g -> {
            Scalars s = BindingModel.scalars(g);
            arena.reset();
            JsonValue root = arena.parse(CODECS.toJsonBytes(s, JsonFormat.COMPACT));
            assertEquals(BindingModel.expectedJava(s), BindingModel.normalised(root.toJava()));
            assertEquals(s, CODECS.bind(root, Scalars.class));
        });
    }

    @Test
    void writesTheSameTextToEveryTarget() throws Exception {
        Property.check("bind write targets", 50, g -> {
            Times t = BindingModel.times(g);
            String text = CODECS.toJson(t, JsonFormat.PRETTY);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            StringBuilder sb = new StringBuilder();
            try {
                CODECS.write(t, out, JsonFormat.PRETTY);
                CODECS.write(t, sb, JsonFormat.PRETTY);
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
            assertEquals(text, out.toString(StandardCharsets.UTF_8));
            assertEquals(text, sb.toString());
            assertEquals(text, new String(CODECS.toJsonBytes(t, JsonFormat.PRETTY), StandardCharsets.UTF_8));
        });
    }

    @Test
    void bindsAGenericListThroughATypeReference() {
        Property.check("bind generic list", 50, g -> {
            List<Shape> shapes = BindingModel.list(g, () -> BindingModel.shape(g, 2));
            assertEquals(shapes, arena.parse(CODECS.toJsonBytes(shapes, JsonFormat.COMPACT), SHAPES));
        });
    }
}
