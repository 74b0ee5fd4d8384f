package dev.jsonarena.events;

import jdk.jfr.FlightRecorder;

/**
 * The library's one door to the Flight Recorder: each method first asks whether the recorder has
 * been initialised in this JVM (a recording was created, by {@code -XX:StartFlightRecording},
 * {@code jcmd JFR.start}, JMC or the {@code jdk.jfr} API), and does nothing more if not.
 *
 * <p><b>Why a gate before the event classes.</b> The first load of a {@code jdk.jfr.Event} subclass
 * initialises the recorder's metadata repository, whether or not anything records: about 700
 * classes and 0.5-0.9 s on the 2-core machine of the benchmarks. {@link
 * FlightRecorder#isInitialized()} is one static volatile read, and stays false until a recording
 * is created; until then no event class of this package is loaded, so a process that never
 * records pays that read per parse and nothing else (no allocation, no class loading). Once the
 * recorder is initialised, each event type's own enabled flag decides (see {@link
 * ParseEvent#start}).
 *
 * <p>Thread-safety: stateless; safe from any thread.
 */
public final class Jfr {
    private Jfr() {}

    /** {@return whether the Flight Recorder has been initialised in this JVM} */
    public static boolean initialized() {
        return FlightRecorder.isInitialized();
    }

    /**
     * {@return a started parse event, or null if no recording has {@code dev.jsonarena.Parse}
     * enabled}; the caller ends it with {@link ParseEvent#finish}
     *
     * @param pool the name of the arena's pool
     * @param inputKind one of the {@link InputKind} names
     */
    public static ParseEvent beginParse(String pool, String inputKind) {
        return FlightRecorder.isInitialized() ? ParseEvent.start(pool, inputKind) : null;
    }

    /**
     * Records that an arena's allocation was refused by its budget, if a recording wants it.
     *
     * @param pool the name of the arena's pool
     * @param budget the arena's budget in bytes
     * @param requested the bytes the allocation asked for
     * @param reserved the bytes the arena held
     */
    public static void budgetExceeded(String pool, long budget, long requested, long reserved) {
        if (FlightRecorder.isInitialized()) {
            BudgetExceededEvent.emit(pool, budget, requested, reserved);
        }
    }

    /**
     * Records that a pool refused a block at its cap, if a recording wants it.
     *
     * @param pool the pool's name
     * @param cap the pool's cap in bytes
     * @param reserved the bytes the pool had reserved
     * @param requested the bytes of the block
     */
    public static void poolExhausted(String pool, long cap, long reserved, long requested) {
        if (FlightRecorder.isInitialized()) {
            PoolExhaustedEvent.emit(pool, cap, reserved, requested);
        }
    }

    /**
     * {@return a started trim event, or null if no recording has {@code dev.jsonarena.Trim}
     * enabled}; the caller ends it with {@link TrimEvent#finish}
     *
     * @param pool the pool's name
     * @param trigger what trims: {@link TrimEvent#TRIM}, {@link TrimEvent#SCAVENGER} or
     *     {@link TrimEvent#CAP}
     */
    public static TrimEvent beginTrim(String pool, String trigger) {
        return FlightRecorder.isInitialized() ? TrimEvent.start(pool, trigger) : null;
    }
}
