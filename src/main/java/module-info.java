/**
 * jsonarena: JSON decoded into off-heap request arenas.
 */
module dev.jsonarena {
    requires java.management; // only to ask the JVM to trim the C heap after chunks are released

    exports dev.jsonarena;
}
