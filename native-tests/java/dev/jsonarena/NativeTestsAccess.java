package dev.jsonarena;

import dev.jsonarena.memory.ArenaMemory;

/**
 * The one door from {@code dev.jsonarena.nativetests} into the package-private part of
 * {@link JsonArena}: the native-test driver allocates through an arena's {@link ArenaMemory}, as the
 * decoder will, and that accessor is package-private.
 *
 * <p>Thread-safety: stateless; safe from any thread.
 */
public final class NativeTestsAccess {
    private NativeTestsAccess() {}

    /**
     * {@return the memory of an open arena}
     *
     * @param arena an open arena
     * @throws IllegalStateException if the arena is closed
     */
    public static ArenaMemory memory(JsonArena arena) {
        return arena.memory();
    }
}
