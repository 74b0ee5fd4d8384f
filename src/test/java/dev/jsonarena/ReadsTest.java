package dev.jsonarena;

import static dev.jsonarena.DecoderSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Reads without ceremony: {@code path} chains over present, absent and wrong-type values, the reads
 * with a default on values, objects and the cursor, the cursor's one-call member reads, and that
 * they allocate nothing where the reads they replace allocate nothing.
 */
class ReadsTest extends ArenaFixture {
    private static final String DOC = "{\"user\":{\"name\":\"ada\",\"age\":36,\"score\":9.5,\"admin\":true,\"nick\":null,"
            + "\"tags\":[\"a\",\"b\"]},\"count\":5,\"big\":12345678901,\"half\":1.5,\"list\":[10,20,{\"x\":30}]}";
    private static final JsonKey USER = JsonKey.of("user");
    private static final JsonKey NAME = JsonKey.of("name");
    private static final JsonKey AGE = JsonKey.of("age");
    private static final JsonKey SCORE = JsonKey.of("score");
    private static final JsonKey ADMIN = JsonKey.of("admin");
    private static final JsonKey NICK = JsonKey.of("nick");
    private static final JsonKey ABSENT = JsonKey.of("absent");

    // ---- path ----

    @Test
    void pathChainsReadPresentValues() {
        JsonValue root = parse(DOC);
        assertEquals("ada", root.path("user").path("name").asString());
        assertEquals("ada", root.path(USER).path(NAME).asString("anon"));
        assertEquals(36, root.path("user").path(AGE).asInt());
        assertEquals("b", root.path("user").path("tags").path(1).asString());
        assertEquals(30, root.path("list").path(2).path("x").asLong(-1));
        assertFalse(root.path("user").isMissing());
        assertEquals(JsonType.OBJECT, root.path("user").type());
        assertEquals("{\"x\":30}", root.asObject().path("list").asArray().path(2).toJson());
    }

    @Test
    void pathChainsOverAbsentValuesReportAbsenceInsteadOfThrowing() {
        JsonValue root = parse(DOC);
        JsonValue missing = root.path("nobody");
        assertTrue(missing.isMissing());
        assertFalse(missing.isNull());
        assertSame(missing, missing.path("name"), "a missing value's steps return it");
        assertSame(missing, missing.path(NAME).path(3));
        assertEquals("anon", root.path("nobody").path("name").asString("anon"));
        assertNull(root.path("nobody").path("name").asString(null));
        assertEquals(7, root.path("list").path(9).asLong(7));
        assertEquals(7, root.path("list").path(-1).asInt(7));
        assertEquals(0.5, root.path("count").path("x").asDouble(0.5));
        assertTrue(root.path("user").path("tags").path("x").asBoolean(true), "a name step into an array");
        assertNull(missing.at(""), "a missing value selects nothing");
        assertEquals("<missing: /nobody>", missing.toString());
        assertEquals("<missing: /list/9>", root.path("list").path(9).path("y").toString());

        JsonMissingValueException e = assertThrows(JsonMissingValueException.class, () -> missing.path("name").asString());
        assertEquals("/nobody", e.pointer());
        for (Runnable strict : new Runnable[] {missing::type, missing::asObject, missing::asArray, missing::asLong,
            missing::asInt, missing::asDouble, missing::asBigDecimal, missing::asBigInteger, missing::numberText,
            missing::asBoolean, missing::toJson, missing::toJava, missing::utf8Length, missing::utf8Bytes,
            () -> missing.contentEquals("x"), () -> missing.stringEquals(NAME), () -> missing.toJson(JsonFormat.PRETTY),
            () -> new JsonCursor().reset(missing), () -> JsonWriter.buffered().value(missing)}) {
            assertEquals("/nobody", assertThrows(JsonMissingValueException.class, strict::run).pointer());
        }
        assertThrows(JsonMissingValueException.class, () -> missing.writeTo(new java.io.ByteArrayOutputStream(), JsonFormat.COMPACT));
    }

    @Test
    void readsWithADefaultGiveItForNullButRejectAnotherType() {
        JsonValue root = parse(DOC);
        JsonValue nick = root.path("user").path("nick");
        assertFalse(nick.isMissing());
        assertTrue(nick.isNull());
        assertEquals("none", nick.asString("none"));
        assertEquals(1, nick.asLong(1));
        assertEquals(2, nick.asInt(2));
        assertEquals(3.5, nick.asDouble(3.5));
        assertTrue(nick.asBoolean(true));
        assertThrows(JsonTypeException.class, nick::asString, "the strict read of null still throws");

        JsonTypeException e = assertThrows(JsonTypeException.class, () -> root.path("user").path("age").asString("anon"));
        assertEquals("/user/age", e.pointer());
        assertTrue(e.getMessage().startsWith("value at /user/age is NUMBER (expected: STRING) at line 1, column "), e.getMessage());
        assertEquals("/user/name", assertThrows(JsonTypeException.class, () -> root.path("user").path("name").asLong(0)).pointer());
        assertEquals("/user/name", assertThrows(JsonTypeException.class, () -> root.path("user").path("name").asBoolean(false)).pointer());
        assertThrows(ArithmeticException.class, () -> root.path("half").asLong(0), "not an integer, as asLong()");
        assertThrows(ArithmeticException.class, () -> root.path("big").asInt(0), "out of int, as asInt()");
        assertEquals(12345678901L, root.path("big").asLong(0));
        assertEquals(1.5, root.path("half").asDouble(0));
    }

    // ---- objects ----

    @Test
    void objectReadsWithADefaultByNameAndByKey() {
        JsonObject user = parse(DOC).asObject().get("user").asObject();
        assertEquals("ada", user.getString("name", "anon"));
        assertEquals("ada", user.getString(NAME, "anon"));
        assertEquals("anon", user.getString("absent", "anon"));
        assertEquals("anon", user.getString(ABSENT, "anon"));
        assertNull(user.getString(NICK, null), "null gives the default");
        assertEquals(36, user.getLong("age", -1));
        assertEquals(36, user.getLong(AGE, -1));
        assertEquals(-1, user.getLong(ABSENT, -1));
        assertEquals(-1, user.getLong("nick", -1));
        assertEquals(36, user.getInt("age", -1));
        assertEquals(36, user.getInt(AGE, -1));
        assertEquals(-2, user.getInt("absent", -2));
        assertEquals(9.5, user.getDouble("score", 0));
        assertEquals(9.5, user.getDouble(SCORE, 0));
        assertEquals(36.0, user.getDouble(AGE, 0), "an integer reads as a double");
        assertEquals(0.25, user.getDouble(ABSENT, 0.25));
        assertTrue(user.getBoolean("admin", false));
        assertTrue(user.getBoolean(ADMIN, false));
        assertFalse(user.getBoolean(NICK, false));
        assertTrue(user.getBoolean("absent", true));

        JsonTypeException e = assertThrows(JsonTypeException.class, () -> user.getString(AGE, "anon"));
        assertEquals("/user/age", e.pointer());
        assertEquals("/user/tags", assertThrows(JsonTypeException.class, () -> user.getLong("tags", 0)).pointer());
        assertEquals("/user/name", assertThrows(JsonTypeException.class, () -> user.getBoolean(NAME, false)).pointer());
        assertEquals("/user/admin", assertThrows(JsonTypeException.class, () -> user.getDouble("admin", 0)).pointer());

        JsonValue missing = user.path("absent");
        assertTrue(missing.isMissing());
        assertEquals("/user/absent", assertThrows(JsonMissingValueException.class, missing::asLong).pointer());
        assertSame(missing, missing.path(ABSENT));
        assertEquals("ada", user.path(NAME).asString());
    }

    @Test
    void arrayPathNeverThrowsForTheIndex() {
        JsonArray list = parse(DOC).asObject().get("list").asArray();
        assertEquals(10, list.path(0).asLong());
        assertEquals(30, list.path(2).path("x").asInt());
        for (int i : new int[] {-1, 3, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
            JsonValue m = list.path(i);
            assertTrue(m.isMissing(), "index " + i);
            assertEquals("/list/" + i, assertThrows(JsonMissingValueException.class, m::asLong).pointer());
        }
    }

    // ---- the cursor ----

    @Test
    void cursorReadsAMemberInOneCallAndStaysWhereItWas() {
        JsonValue root = parse("[{\"id\":1,\"name\":\"a\",\"w\":0.5,\"ok\":true},{\"id\":2,\"name\":null,\"w\":1},"
                + "{\"id\":3,\"ok\":false}]");
        JsonKey id = JsonKey.of("id");
        JsonKey name = JsonKey.of("name");
        JsonKey w = JsonKey.of("w");
        JsonKey ok = JsonKey.of("ok");
        JsonCursor c = new JsonCursor().reset(root);
        assertTrue(c.enter());
        StringBuilder seen = new StringBuilder();
        do {
            assertEquals(1, c.depth());
            seen.append(c.longAt(id)).append(':').append(c.intAt(id)).append(':').append(c.stringAt(name, "-"))
                    .append(':').append(c.doubleAt(w, -1)).append(':').append(c.booleanAt(ok, false)).append(';');
            assertEquals(1, c.depth(), "the cursor stays at the record");
            assertEquals(JsonType.OBJECT, c.type());
        } while (c.next());
        assertEquals("1:1:a:0.5:true;2:2:-:1.0:false;3:3:-:-1.0:false;", seen.toString());
        c.reset(root);
        c.enter();
        assertEquals("a", c.stringAt(name));
        assertEquals(0.5, c.doubleAt(w));
        assertTrue(c.booleanAt(ok));
        assertEquals(7, c.longAt(JsonKey.of("absent"), 7));
        assertEquals(8, c.intAt(JsonKey.of("absent"), 8));
        assertNull(c.stringAt(JsonKey.of("absent"), null));
        assertEquals("/0/absent", assertThrows(JsonMissingValueException.class, () -> c.longAt(JsonKey.of("absent"))).pointer());
        assertEquals("/0/name", assertThrows(JsonTypeException.class, () -> c.longAt(name, 0)).pointer());
        assertEquals("/0/name", assertThrows(JsonTypeException.class, () -> c.booleanAt(name)).pointer());
        c.next();
        assertEquals("/1/name", assertThrows(JsonTypeException.class, () -> c.stringAt(name)).pointer(),
                "the strict read of null throws");
        assertTrue(c.find(name));
        assertEquals("/1/name", assertThrows(JsonTypeException.class, () -> c.longAt(id)).pointer(),
                "not at an object");
        c.exit();
        assertEquals(2, c.longAt(id), "the failed reads left the cursor where it was");
    }

    @Test
    void stringEqualsComparesWithAKeysName() {
        JsonValue root = parse("{\"level\":\"warn\",\"n\":1}");
        JsonKey warn = JsonKey.of("warn");
        assertTrue(root.path("level").stringEquals(warn));
        assertFalse(root.path("level").stringEquals(JsonKey.of("war")));
        assertEquals("/n", assertThrows(JsonTypeException.class, () -> root.path("n").stringEquals(warn)).pointer());
        JsonCursor c = new JsonCursor().reset(root);
        assertTrue(c.find("level"));
        assertTrue(c.stringEquals(warn));
        assertFalse(c.stringEquals(JsonKey.of("info")));
    }

    // ---- allocation ----

    /** {@return the bytes {@code work} allocates in 2,000 runs after 20,000 runs of warm-up} */
    private static long allocationOf(Runnable work) {
        for (int i = 0; i < 20_000; i++) {
            work.run();
        }
        long before = allocatedBytes();
        for (int i = 0; i < 2_000; i++) {
            work.run();
        }
        return allocatedBytes() - before;
    }

    /** 200 records, each read with the new reads and nothing that makes a String. */
    private JsonValue records() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < 200; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"id\":").append(i).append(",\"name\":\"n").append(i)
                    .append("\",\"level\":").append(i % 5).append(",\"w\":").append(i % 2 == 0 ? "0.5" : "null")
                    .append(",\"ok\":true,\"pad\":{\"x\":1.5}}");
        }
        return parse(sb.append(']').toString());
    }

    @Test
    void cursorOneCallReadsAllocateNothing() {
        JsonValue root = records();
        JsonKey id = JsonKey.of("id");
        JsonKey level = JsonKey.of("level");
        JsonKey w = JsonKey.of("w");
        JsonKey ok = JsonKey.of("ok");
        JsonKey absent = JsonKey.of("absent");
        JsonKey name = JsonKey.of("name");
        JsonCursor c = new JsonCursor();
        long[] sink = new long[1];
        long allocated = allocationOf(() -> {
            c.reset(root);
            long sum = 0;
            if (c.enter()) {
                do {
                    sum += c.longAt(id) + c.intAt(level) + c.longAt(absent, 1) + (long) c.doubleAt(w, 2)
                            + (c.booleanAt(ok) ? 1 : 0) + c.intAt(absent, 0);
                    if (c.find(name)) {
                        sum += c.stringEquals(name) ? 1 : 0;
                        c.exit();
                    }
                } while (c.next());
            }
            sink[0] += sum;
        });
        assertTrue(sink[0] > 0);
        assertTrue(allocated < 4096, "allocated " + allocated + " bytes in 2000 walks of 200 records");
    }

    @Test
    void objectReadsWithADefaultAllocateNothing() {
        JsonArray records = records().asArray();
        JsonObject[] objects = new JsonObject[records.size()];
        for (int i = 0; i < objects.length; i++) {
            objects[i] = records.get(i).asObject();
        }
        JsonKey id = JsonKey.of("id");
        JsonKey level = JsonKey.of("level");
        JsonKey w = JsonKey.of("w");
        JsonKey ok = JsonKey.of("ok");
        JsonKey absent = JsonKey.of("absent");
        long[] sink = new long[1];
        long allocated = allocationOf(() -> {
            long sum = 0;
            for (JsonObject o : objects) {
                sum += o.getLong(id, 0) + o.getInt(level, 0) + (long) o.getDouble(w, 2) + (o.getBoolean(ok, false) ? 1 : 0)
                        + o.getLong(absent, 1) + o.getInt("level", 0);
            }
            sink[0] += sum;
        });
        assertTrue(sink[0] > 0);
        assertTrue(allocated < 4096, "allocated " + allocated + " bytes in 2000 passes over 200 records");
    }

    /**
     * A path step allocates what {@link JsonObject#get(JsonKey)} does, the view it returns (which
     * the JIT may or may not scalar-replace, as for {@code get}), and nothing else: no boxed index,
     * no String, no exception; a missing value is allocated at the first absent step only, and the
     * reads with a default allocate nothing.
     */
    @Test
    void pathStepsAllocateAtMostTheViewTheyReturn() {
        JsonValue root = records();
        JsonKey id = JsonKey.of("id");
        JsonKey pad = JsonKey.of("pad");
        JsonKey x = JsonKey.of("x");
        JsonKey absent = JsonKey.of("absent");
        long[] sink = new long[1];
        int chains = 29;
        long allocated = allocationOf(() -> {
            long sum = 0;
            for (int i = 0; i < 200; i += 7) {
                JsonValue r = root.path(i);                                                          // 1 view
                sum += r.path(id).asLong(0) + (long) r.path(pad).path(x).asDouble(0)                // 3 views
                        + r.path(absent).path(x).path(3).asLong(1)                                  // 1 missing value
                        + root.path(absent).path(id).asInt(2);                                      // 1 missing value
            }
            sink[0] += sum;
        });
        assertTrue(sink[0] > 0);
        long views = 6L * chains * 2_000;
        assertTrue(allocated <= views * 32 + 4096, "allocated " + allocated + " bytes for " + views
                + " views (at most 32 bytes each: a header, three fields and the missing step)");
    }

    @Test
    void aMissingValueStaysValidOnlyWhileItsArenaIs() throws IOException {
        JsonValue missing = parse(DOC).path("nobody");
        arena.reset();
        assertThrows(IllegalStateException.class, missing::isMissing);
        assertThrows(IllegalStateException.class, () -> missing.asString("x"));
        assertThrows(IllegalStateException.class, () -> missing.path("y"));
    }
}
