package dev.jsonarena.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsonarena.JsonLimits;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A bind state is kept per thread stripe for the life of its codecs, so what it keeps is bounded
 * whatever one hostile input held: a huge decoded string's {@code char}s and the duplicate-name
 * table stay small, and long member names are not learned into a type's shape.
 */
class DirectInputRetentionTest {
    record A(String a) {}

    @Test
    void aHugeDecodedStringIsNotKeptAfterItIsRead() throws Exception {
        String big = "\u00e9".repeat(200_000);
        byte[] json = ("\"" + big + "\"").getBytes(StandardCharsets.UTF_8);
        DirectInput in = new DirectInput();
        in.begin(json, 0, json.length, JsonLimits.defaults());
        assertEquals('"', in.peek());
        assertEquals(big, in.string());
        Field chars = DirectInput.class.getDeclaredField("chars");
        chars.setAccessible(true);
        assertTrue(((char[]) chars.get(in)).length <= 1 << 16, "kept " + ((char[]) chars.get(in)).length + " chars");
    }

    @Test
    void aLongMemberNameIsReadButNotLearned() throws Exception {
        String name = "n".repeat(MemberShape.MAX_NAME_BYTES + 1);
        byte[] json = ("{\"a\":\"x\",\"" + name + "\":1}").getBytes(StandardCharsets.UTF_8);
        Codecs codecs = new Codecs(false, false, null);
        for (int i = 0; i < 3; i++) {
            assertEquals(new A("x"), codecs.bindBytes(json, 0, json.length, JsonLimits.defaults(), A.class, null, false));
        }
        Reading r = new Reading(codecs);
        r.in.begin(json, 0, json.length, JsonLimits.defaults());
        RecordCodec rc = (RecordCodec) codecs.codec(A.class);
        assertEquals(new A("x"), rc.readBytes(r));
        MemberShape shape = r.shape(rc.slot);
        assertEquals(-1, findIn(shape, "\"" + name + "\":1"), "the long name is not in the shape");
        assertEquals(0, findIn(shape, "\"a\":1"), "the short one is");
    }

    /** {@return the position {@code shape} finds the name at the start of {@code member} at} */
    private static int findIn(MemberShape shape, String member) {
        byte[] b = member.getBytes(StandardCharsets.UTF_8);
        DirectInput in = new DirectInput();
        in.begin(b, 0, b.length, JsonLimits.defaults());
        in.peek();
        return shape.find(in, 0);
    }
}
