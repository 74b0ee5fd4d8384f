package dev.jsonarena;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jsonarena.testing.ReferenceJson;
import dev.jsonarena.testing.ReferenceJson.JValue;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Helpers shared by the decoder tests: conversions to the reference tree, input variants, corpus files. */
final class DecoderSupport {
    private DecoderSupport() {}

    static final Path CONFORMANCE = Path.of("src/test/resources/conformance");

    /** {@return a private pool without scavenger, so accounting is exact} */
    static JsonPool pool() {
        return JsonPool.builder().idleTimeout(Duration.ZERO).build();
    }

    private static final java.lang.invoke.MethodHandle ALLOCATED;

    static {
        try {
            Class<?> bean = Class.forName("com.sun.management.ThreadMXBean");
            ALLOCATED = java.lang.invoke.MethodHandles.publicLookup()
                    .findVirtual(bean, "getCurrentThreadAllocatedBytes", java.lang.invoke.MethodType.methodType(long.class))
                    .bindTo(java.lang.management.ManagementFactory.getThreadMXBean());
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** {@return the heap bytes the current thread has allocated so far (HotSpot's counter)} */
    static long allocatedBytes() {
        try {
            return (long) ALLOCATED.invokeExact();
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /**
     * {@return the heap bytes the current thread allocates per request of opening an arena of
     * {@code pool}, parsing {@code json} and closing it}, in steady state: measured over 10,000
     * requests after 200,000 (fewer left an allocation the JIT removes later when a test class ran
     * alone in a fresh JVM)
     */
    static double heapPerRequest(JsonPool pool, byte[] json) {
        int warmup = 200_000;
        int n = 10_000;
        int arrays = 0;
        for (int i = 0; i < warmup; i++) {
            try (JsonArena request = pool.openArena()) {
                arrays += request.parse(json).type() == JsonType.ARRAY ? 1 : 0;
            }
        }
        long before = allocatedBytes();
        for (int i = 0; i < n; i++) {
            try (JsonArena request = pool.openArena()) {
                arrays += request.parse(json).type() == JsonType.ARRAY ? 1 : 0;
            }
        }
        double perRequest = (double) (allocatedBytes() - before) / n;
        if (arrays != warmup + n) {
            throw new AssertionError(arrays + " of " + (warmup + n) + " requests parsed an array");
        }
        return perRequest;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** {@return the decoded value as the reference parser's tree} */
    static JValue toReference(JsonValue v) {
        return switch (v.type()) {
            case OBJECT -> {
                List<Map.Entry<String, JValue>> members = new ArrayList<>();
                for (JsonObject.Member m : v.asObject()) {
                    members.add(new AbstractMap.SimpleImmutableEntry<>(m.key(), toReference(m.value())));
                }
                yield new ReferenceJson.JObject(members);
            }
            case ARRAY -> {
                List<JValue> elements = new ArrayList<>();
                for (JsonValue e : v.asArray()) {
                    elements.add(toReference(e));
                }
                yield new ReferenceJson.JArray(elements);
            }
            case STRING -> new ReferenceJson.JString(v.asString());
            case NUMBER -> new ReferenceJson.JNumber(v.numberText());
            case TRUE -> ReferenceJson.TRUE;
            case FALSE -> ReferenceJson.FALSE;
            case NULL -> ReferenceJson.NULL;
        };
    }

    /** Asserts the decoded value is the reference parser's value of the same bytes, numbers by exact text. */
    static void assertSameAsReference(byte[] json, JsonValue v) {
        JValue expected = ReferenceJson.parse(json, true, Integer.MAX_VALUE);
        assertEquals(expected, toReference(v));
    }

    /** {@return a native copy of {@code bytes} in {@code arena}} */
    static MemorySegment nativeCopy(Arena arena, byte[] bytes) {
        MemorySegment seg = arena.allocate(Math.max(1, bytes.length));
        MemorySegment.copy(bytes, 0, seg, ValueLayout.JAVA_BYTE, 0, bytes.length);
        return seg.asSlice(0, bytes.length);
    }

    static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    /**
     * An arena's allocation state: the bump position (block and cursor) that a failed parse must
     * restore exactly, and the bytes held, which a failed parse may raise only by blocks it took
     * and the rollback kept for the arena's next allocations.
     */
    record Accounting(int block, long cursor, long reserved, long inUse) {
        static Accounting of(JsonArena arena, JsonPool pool) {
            return new Accounting(arena.memory().markBlock(), arena.memory().markCursor(), arena.bytesReserved(),
                    pool.stats().inUseBytes());
        }

        /** Asserts {@code after} is this state rolled back to: same position, blocks only kept. */
        void assertRolledBack(Accounting after) {
            assertEquals(block, after.block, "block after rollback");
            assertEquals(cursor, after.cursor, "cursor after rollback");
            org.junit.jupiter.api.Assertions.assertTrue(after.reserved >= reserved && after.inUse - inUse == after.reserved - reserved,
                    "blocks only kept: " + this + " -> " + after);
        }
    }

    /**
     * Runs a parse that must fail with {@code type} twice and proves it left nothing: the arena's
     * position is restored, and the second failure reuses what the first one kept.
     */
    static <T extends Throwable> T assertFailsLeavingNothing(Class<T> type, JsonArena arena, JsonPool pool,
                                                            org.junit.jupiter.api.function.Executable parse) {
        Accounting before = Accounting.of(arena, pool);
        T e = org.junit.jupiter.api.Assertions.assertThrows(type, parse);
        Accounting once = Accounting.of(arena, pool);
        before.assertRolledBack(once);
        org.junit.jupiter.api.Assertions.assertThrows(type, parse);
        assertEquals(once, Accounting.of(arena, pool), "a repeated failure reuses the kept memory");
        return e;
    }
}
