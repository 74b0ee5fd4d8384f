/**
 * The library's Flight Recorder events, {@code dev.jsonarena.*} in the category {@code jsonarena}
 * (not exported: the Flight Recorder reads them through its own module access).
 *
 * <p>Rule of this package: no code outside it touches an event class unless {@link
 * dev.jsonarena.events.Jfr} says the Flight Recorder is initialised. Loading the first event class
 * of a JVM initialises the recorder's metadata (about 700 classes, 0.5-0.9 s measured on the
 * 2-core machine), so a process that never records must never load one. Every entry point is a
 * static method of {@code Jfr} that checks one static boolean first.
 *
 * <p>This package depends on nothing else of the library: the memory layer and the API package
 * call into it, never the other way round.
 */
package dev.jsonarena.events;
