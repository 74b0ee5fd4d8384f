package dev.jsonarena.tape;

import dev.jsonarena.JsonValue;

/**
 * The way from a public {@link JsonValue} to its {@link Document} and tape index, for internal
 * tools outside the API package (the command-line tool's statistics). The API package installs
 * the one {@link Bridge} when its bridge class is initialised, which {@link #bridge()} triggers by
 * name (the pattern of the JDK's {@code SharedSecrets}); the API itself never exposes a document.
 *
 * <p>Thread-safety: thread-safe; the bridge is installed once and published through a volatile
 * field.
 */
public final class ViewAccess {
    private ViewAccess() {}

    /** The class in the API package that installs the bridge. */
    private static final String BRIDGE_CLASS = "dev.jsonarena.ViewBridge";

    private static volatile Bridge bridge;

    /** What the API package provides. */
    public interface Bridge {
        /**
         * {@return the document of {@code value}}
         *
         * @throws IllegalStateException if its arena was reset or closed
         */
        Document document(JsonValue value);

        /**
         * {@return the tape index of {@code value}}
         *
         * @throws dev.jsonarena.JsonMissingValueException if {@code value} is missing (has no index)
         */
        int index(JsonValue value);
    }

    /**
     * Installs the bridge; called once, by the API package.
     *
     * @throws IllegalStateException if a bridge is already installed
     */
    public static synchronized void install(Bridge b) {
        if (bridge != null) {
            throw new IllegalStateException("a view bridge is already installed");
        }
        bridge = b;
    }

    /** {@return the installed bridge} */
    public static Bridge bridge() {
        Bridge b = bridge;
        if (b == null) {
            try {
                Class.forName(BRIDGE_CLASS, true, ViewAccess.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("bridge class " + BRIDGE_CLASS + " is missing", e);
            }
            b = bridge;
        }
        return b;
    }
}
