/**
 * jsonarena: JSON decoded into off-heap request arenas.
 */
module dev.jsonarena {
    exports dev.jsonarena;
}
