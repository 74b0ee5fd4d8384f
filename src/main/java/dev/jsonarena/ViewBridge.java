package dev.jsonarena;

import dev.jsonarena.tape.Document;
import dev.jsonarena.tape.ViewAccess;

/**
 * Installs the {@link ViewAccess.Bridge} through which internal tools reach the document behind a
 * {@link JsonValue}; {@link ViewAccess#bridge()} initialises this class by name.
 *
 * <p>Thread-safety: stateless.
 */
final class ViewBridge implements ViewAccess.Bridge {
    static {
        ViewAccess.install(new ViewBridge());
    }

    private ViewBridge() {}

    @Override
    public Document document(JsonValue value) {
        value.doc.check(value.epoch);
        return value.doc;
    }

    @Override
    public int index(JsonValue value) {
        return value.presentIndex();
    }
}
