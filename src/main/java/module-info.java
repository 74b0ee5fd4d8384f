/**
 * jsonarena: JSON decoded into off-heap request arenas.
 */
module dev.jsonarena {
    requires java.management; // to trim the C heap after chunks are released, and for each pool's MXBean
    requires jdk.jfr; // the dev.jsonarena.* Flight Recorder events (package dev.jsonarena.events)

    exports dev.jsonarena;
}
