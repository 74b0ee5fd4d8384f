package dev.jsonarena;

import static dev.jsonarena.DecoderSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Reflects over every public instance method of the views ({@link JsonValue}, present and
 * missing, {@link JsonObject}, {@link JsonObject.Member}, {@link JsonArray}, {@link JsonCursor})
 * and calls each with dummy arguments: after the arena is reset, and after it is closed (and its
 * memory reused by another request), every one throws {@link IllegalStateException}; on a live
 * view, every reference argument given as {@code null} throws {@link NullPointerException}, except
 * the default value of a read with a default, which may be null.
 */
class ViewLifetimeTest {
    private static final Class<?>[] VIEWS = {JsonValue.class, JsonObject.class, JsonObject.Member.class, JsonArray.class,
        JsonCursor.class};
    private static final String DOC = "{\"a\":[1,{\"b\":\"x\"}],\"s\":\"str\",\"n\":1.5}";

    /** Views of one parse: a value of each kind, so that each method meets its own receiver type. */
    private record Views(JsonValue root, JsonObject object, JsonObject.Member member, JsonArray array, JsonCursor cursor,
                         JsonValue string, JsonValue missing) {
        static Views of(JsonArena arena) {
            JsonValue root = arena.parse(utf8(DOC));
            JsonObject o = root.asObject();
            JsonCursor c = new JsonCursor().reset(root);
            c.find("a");
            JsonValue missing = root.path("absent").path(3);
            assertTrue(missing.isMissing());
            return new Views(root, o, o.iterator().next(), o.get("a").asArray(), c, o.get("s"), missing);
        }

        List<Object> receivers(Class<?> type) {
            List<Object> out = new ArrayList<>();
            for (Object v : new Object[] {root, object, member, array, cursor, string, missing}) {
                if (type.isInstance(v)) {
                    out.add(v);
                }
            }
            return out;
        }
    }

    private static Object dummy(Class<?> t, JsonValue staleOrLive) {
        if (t == String.class || t == CharSequence.class) {
            return "a";
        }
        if (t == JsonKey.class) {
            return JsonKey.of("a");
        }
        if (t == int.class) {
            return 0;
        }
        if (t == long.class) {
            return 0L;
        }
        if (t == double.class) {
            return 0.0;
        }
        if (t == boolean.class) {
            return false;
        }
        if (t == byte[].class) {
            return new byte[64];
        }
        if (t == MemorySegment.class) {
            return MemorySegment.ofArray(new byte[64]);
        }
        if (t == OutputStream.class) {
            return new ByteArrayOutputStream();
        }
        if (t == Appendable.class) {
            return new StringBuilder();
        }
        if (t == JsonFormat.class) {
            return JsonFormat.PRETTY;
        }
        if (t == JsonValue.class) {
            return staleOrLive;
        }
        if (t == Consumer.class) {
            return (Consumer<Object>) x -> {};
        }
        if (t == Appendable.class) {
            return new StringBuilder();
        }
        if (t.isEnum()) {
            return t.getEnumConstants()[0];
        }
        throw new AssertionError("no dummy for " + t + ": add one so the new method is covered");
    }

    private static List<Method> publicMethods(Class<?> type) {
        List<Method> out = new ArrayList<>();
        for (Method m : type.getMethods()) {
            if (!Modifier.isStatic(m.getModifiers()) && m.getDeclaringClass() != Object.class
                    && !(m.getName().equals("forEach") || m.getName().equals("spliterator"))) {
                out.add(m);
            }
        }
        assertFalse(out.isEmpty());
        return out;
    }

    private static Throwable invoke(Object receiver, Method m, Object[] args) {
        try {
            m.invoke(receiver, args);
            return null;
        } catch (InvocationTargetException e) {
            return e.getCause();
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    /** The reads that came with missing values, defaults and one-call cursor reads: the sweeps must reach each. */
    private static final Set<String> READS_WITHOUT_CEREMONY = Set.of("JsonValue.path", "JsonValue.isMissing",
            "JsonValue.asString(String)", "JsonValue.asLong(long)", "JsonValue.asInt(int)", "JsonValue.asDouble(double)",
            "JsonValue.asBoolean(boolean)", "JsonValue.stringEquals", "JsonObject.path", "JsonObject.getString",
            "JsonObject.getLong", "JsonObject.getInt", "JsonObject.getDouble", "JsonObject.getBoolean", "JsonArray.path",
            "JsonCursor.stringAt", "JsonCursor.longAt", "JsonCursor.intAt", "JsonCursor.doubleAt", "JsonCursor.booleanAt",
            "JsonCursor.stringEquals");

    /** {@return the names {@code m} is known by in {@link #READS_WITHOUT_CEREMONY}: with and without its parameter types} */
    private static List<String> names(Class<?> type, Method m) {
        StringBuilder params = new StringBuilder();
        for (Class<?> p : m.getParameterTypes()) {
            params.append(params.isEmpty() ? "" : ",").append(p.getSimpleName());
        }
        String name = type.getSimpleName() + "." + m.getName();
        return List.of(name, name + "(" + params + ")");
    }

    /**
     * {@return whether parameter {@code p} of {@code m} is the default value of a read with a
     * default}: the String last parameter of {@code asString}, {@code getString} or
     * {@code stringAt}, which may be null (the default returned for an absent value)
     */
    private static boolean isNullableDefault(Method m, int p) {
        return p == m.getParameterCount() - 1 && m.getParameterTypes()[p] == String.class
                && (m.getName().equals("asString") || m.getName().equals("getString") || m.getName().equals("stringAt"));
    }

    private static int assertAllThrowIllegalState(Views views) {
        return assertAllThrowIllegalState(views, new HashSet<>());
    }

    private static int assertAllThrowIllegalState(Views views, Set<String> covered) {
        int calls = 0;
        for (Class<?> type : VIEWS) {
            for (Method m : publicMethods(type)) {
                covered.addAll(names(type, m));
                for (Object receiver : views.receivers(type)) {
                    Object[] args = new Object[m.getParameterCount()];
                    for (int i = 0; i < args.length; i++) {
                        args[i] = dummy(m.getParameterTypes()[i], views.root);
                    }
                    Throwable t = invoke(receiver, m, args);
                    assertInstanceOf(IllegalStateException.class, t, type.getSimpleName() + "." + m.getName()
                            + " on " + receiver.getClass().getSimpleName() + " returned or threw " + t);
                    calls++;
                }
            }
        }
        return calls;
    }

    @Test
    void everyMethodOfEveryViewThrowsAfterReset() {
        try (JsonPool pool = pool(); JsonArena arena = pool.openArena()) {
            Views views = Views.of(arena);
            Iterator<JsonValue> elements = views.array.iterator();
            Iterator<JsonObject.Member> members = views.object.iterator();
            arena.reset();
            Set<String> covered = new HashSet<>();
            int calls = assertAllThrowIllegalState(views, covered);
            // 99 calls before the missing values, defaults and one-call cursor reads came
            assertEquals(180, calls, "calls");
            for (String read : READS_WITHOUT_CEREMONY) {
                assertTrue(covered.contains(read), read + " not reached by the sweep");
            }
            assertThrows(IllegalStateException.class, elements::hasNext);
            assertThrows(IllegalStateException.class, elements::next);
            assertThrows(IllegalStateException.class, members::hasNext);
            assertThrows(IllegalStateException.class, members::next);
            // the arena is usable again, and a new document reuses the old one's memory and document object
            JsonValue fresh = arena.parse(utf8("{\"a\":[2]}"));
            assertEquals(2, fresh.at("/a/0").asLong());
            assertThrows(IllegalStateException.class, () -> views.root.at("/a/0"));
        }
    }

    @Test
    void everyMethodOfEveryViewThrowsAfterCloseEvenWhenTheMemoryIsReused() {
        try (JsonPool pool = pool()) {
            JsonArena arena = pool.openArena();
            Views views = Views.of(arena);
            arena.close();
            assertAllThrowIllegalState(views);
            try (JsonArena next = pool.openArena()) { // takes the recycled arena memory
                JsonValue other = next.parse(utf8(DOC));
                assertEquals(DOC, other.toJson());
                assertAllThrowIllegalState(views);
            }
            assertThrows(IllegalStateException.class, () -> arena.parse(utf8("1")));
        }
    }

    @Test
    void everyReferenceArgumentRejectsNull() {
        try (JsonPool pool = pool(); JsonArena arena = pool.openArena()) {
            int checked = 0;
            int nullableDefaults = 0;
            for (Class<?> type : VIEWS) {
                for (Method m : publicMethods(type)) {
                    Class<?>[] params = m.getParameterTypes();
                    for (int p = 0; p < params.length; p++) {
                        if (params[p].isPrimitive()) {
                            continue;
                        }
                        arena.reset();
                        Views views = Views.of(arena);
                        for (Object receiver : views.receivers(type)) {
                            Object[] args = new Object[params.length];
                            for (int i = 0; i < args.length; i++) {
                                args[i] = i == p ? null : dummy(params[i], views.root);
                            }
                            Throwable t = invoke(receiver, m, args);
                            if (isNullableDefault(m, p)) {
                                assertFalse(t instanceof NullPointerException, type.getSimpleName() + "." + m.getName()
                                        + " with a null default threw " + t);
                                nullableDefaults++;
                            } else {
                                assertInstanceOf(NullPointerException.class, t, type.getSimpleName() + "." + m.getName()
                                        + " with null argument " + p + " returned or threw " + t);
                                checked++;
                            }
                        }
                    }
                }
            }
            // 37 checks before the missing values, defaults and one-call cursor reads came
            assertEquals(81, checked, "checked");
            assertEquals(3 + 2 + 1, nullableDefaults, "asString(String) on 3 values, getString(_, String) x2, stringAt(JsonKey, String)");
        }
    }

    @Test
    void parseRejectsNullArguments() throws Exception {
        try (JsonPool pool = pool(); JsonArena arena = pool.openArena()) {
            int checked = 0;
            for (Method m : JsonArena.class.getMethods()) {
                if (!m.getName().startsWith("parse")) {
                    continue;
                }
                Class<?>[] params = m.getParameterTypes();
                for (int p = 0; p < params.length; p++) {
                    if (params[p].isPrimitive()) {
                        continue;
                    }
                    Object[] args = new Object[params.length];
                    for (int i = 0; i < args.length; i++) {
                        args[i] = i == p ? null : parseDummy(params[i]);
                    }
                    Throwable t = invoke(arena, m, args);
                    assertInstanceOf(NullPointerException.class, t, m + " with null argument " + p);
                    checked++;
                }
            }
            assertTrue(checked >= 14, "checked " + checked);
        }
    }

    private static Object parseDummy(Class<?> t) {
        if (t == byte[].class) {
            return utf8("1");
        }
        if (t == JsonLimits.class) {
            return JsonLimits.defaults();
        }
        if (t == int.class) {
            return 0;
        }
        if (t == long.class) {
            return -1L;
        }
        if (t == java.nio.ByteBuffer.class) {
            return java.nio.ByteBuffer.wrap(utf8("1"));
        }
        if (t == MemorySegment.class) {
            return MemorySegment.ofArray(utf8("1"));
        }
        if (t == java.io.InputStream.class) {
            return new java.io.ByteArrayInputStream(utf8("1"));
        }
        if (t == java.nio.channels.ReadableByteChannel.class) {
            return java.nio.channels.Channels.newChannel(new java.io.ByteArrayInputStream(utf8("1")));
        }
        if (t == java.nio.file.Path.class) {
            return java.nio.file.Path.of("does-not-matter.json");
        }
        if (t == Class.class) {
            return Object.class;
        }
        if (t == JsonTypeRef.class) {
            return JsonTypeRef.of(Object.class);
        }
        throw new AssertionError("no dummy for " + t);
    }
}
