package dev.jsonarena.bench;

import dev.jsonarena.JsonArena;
import dev.jsonarena.memory.ArenaMemory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Reaches the allocation interface of a {@link JsonArena}: {@code JsonArena.memory()} is package-
 * private because only the decoder allocates, so the benchmark calls it through a method handle.
 * The handle is a {@code static final} constant, which the JIT inlines like a direct call.
 *
 * <p>This works only when the library is on the class path (one unnamed module), as it is in the
 * benchmarks jar and in Surefire's test runs.
 *
 * <p>Thread-safety: stateless.
 */
final class ArenaAccess {
    private static final MethodHandle MEMORY;

    static {
        try {
            MEMORY = MethodHandles.privateLookupIn(JsonArena.class, MethodHandles.lookup())
                    .findVirtual(JsonArena.class, "memory", MethodType.methodType(ArenaMemory.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private ArenaAccess() {}

    /**
     * {@return the memory of an open arena}
     *
     * @throws IllegalStateException if {@code arena} is closed
     */
    static ArenaMemory memory(JsonArena arena) {
        try {
            return (ArenaMemory) MEMORY.invokeExact(arena);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }
}
