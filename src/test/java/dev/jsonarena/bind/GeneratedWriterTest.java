package dev.jsonarena.bind;

import static org.junit.jupiter.api.Assertions.*;

import dev.jsonarena.JsonCodecs;
import dev.jsonarena.JsonDiscriminator;
import dev.jsonarena.JsonIgnore;
import dev.jsonarena.JsonName;
import dev.jsonarena.JsonWriter;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * The members of a record written by its generated class ({@link GeneratedWriter}): one is defined
 * for records on the class path, private and nested ones included, and it writes every primitive
 * kind, references through their binders, renamed and ignored components and a sealed type's
 * discriminator exactly as the rules say.
 */
class GeneratedWriterTest {
    private record AllKinds(boolean z, byte b, short s, char c, int i, long l, float f, double d, String text,
            List<Integer> list, AllKinds next, @JsonName("renamed") int named, @JsonIgnore String secret) {}

    @JsonDiscriminator("kind")
    private sealed interface Shape permits Circle {}

    private record Circle(double radius) implements Shape {}

    private record Empty() {}

    private static BiConsumer<JsonWriter, Object> generated(Class<?> r) throws Exception {
        MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(r, MethodHandles.lookup());
        RecordComponent[] rcs = r.getRecordComponents();
        RecordCodec.Component[] components = new RecordCodec.Component[rcs.length];
        for (int i = 0; i < rcs.length; i++) {
            Primitive kind = Primitive.of(rcs[i].getType());
            components[i] = new RecordCodec.Component(rcs[i].getName(), kind, kind == null ? TextCodec.of(String.class) : null,
                    false, null);
        }
        return GeneratedWriter.of(lookup, r, rcs, components);
    }

    @Test
    void aClassIsDefinedForPrivateNestedAndEmptyRecords() throws Exception {
        assertNotNull(generated(Circle.class));
        assertNotNull(generated(Empty.class));
    }

    @Test
    void everyKindOfComponentIsWrittenByTheRules() {
        AllKinds inner = new AllKinds(false, (byte) -1, (short) 2, 'é', -3, Long.MIN_VALUE, 0.1f, -0.0, "a\"b", List.of(),
                null, 7, "hidden");
        AllKinds outer = new AllKinds(true, Byte.MAX_VALUE, Short.MIN_VALUE, '\n', Integer.MAX_VALUE, 42, 1.0E10f, 2.5,
                null, List.of(1, 2), inner, -8, "hidden");
        String innerJson = "{\"z\":false,\"b\":-1,\"s\":2,\"c\":\"é\",\"i\":-3,\"l\":-9223372036854775808,\"f\":0.1,"
                + "\"d\":-0.0,\"text\":\"a\\\"b\",\"list\":[],\"next\":null,\"renamed\":7}";
        String outerJson = "{\"z\":true,\"b\":127,\"s\":-32768,\"c\":\"\\n\",\"i\":2147483647,\"l\":42,\"f\":1.0E10,"
                + "\"d\":2.5,\"text\":null,\"list\":[1,2],\"next\":" + innerJson + ",\"renamed\":-8}";
        assertEquals(outerJson, JsonCodecs.defaults().toJson(outer));
    }

    @Test
    void aSealedTypesRecordStartsWithItsDiscriminator() {
        assertEquals("{\"kind\":\"Circle\",\"radius\":1.5}", JsonCodecs.defaults().toJson(new Circle(1.5)));
    }

    @Test
    void aFloatThatIsNotFiniteIsRefusedAsTheWriterRefusesADouble() {
        AllKinds nan = new AllKinds(true, (byte) 0, (short) 0, 'x', 0, 0, Float.NaN, 0, null, List.of(), null, 0, null);
        assertThrows(IllegalArgumentException.class, () -> JsonCodecs.defaults().toJson(nan));
    }
}
