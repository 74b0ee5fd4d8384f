package dev.jsonarena.events;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * {@code dev.jsonarena.PoolExhausted}: a block refused at the pool's cap (after the pool returned
 * its cached memory and waited its cap wait), recorded where {@code JsonPoolExhaustedException}
 * is thrown, with the stack trace of the parse that asked.
 *
 * <p>Thread-safety: an instance belongs to the thread that creates it; load this class only after
 * {@link Jfr#initialized()}.
 */
@Name(PoolExhaustedEvent.NAME)
@Label("Pool Exhausted")
@Category("jsonarena")
@Description("A block refused because the pool's reserved memory would pass its cap")
public final class PoolExhaustedEvent extends Event {
    /** The event's name. */
    public static final String NAME = "dev.jsonarena.PoolExhausted";

    @Label("Pool")
    @Description("Name of the pool")
    String pool;

    @Label("Cap")
    @Description("The pool's cap on reserved memory")
    @DataAmount
    long cap;

    @Label("Reserved")
    @Description("Bytes the pool had reserved when it refused")
    @DataAmount
    long reserved;

    @Label("Requested")
    @Description("Bytes of the refused block")
    @DataAmount
    long requested;

    PoolExhaustedEvent() {}

    /** Commits one event if a recording has it enabled. */
    static void emit(String pool, long cap, long reserved, long requested) {
        PoolExhaustedEvent e = new PoolExhaustedEvent();
        if (e.shouldCommit()) {
            e.pool = pool;
            e.cap = cap;
            e.reserved = reserved;
            e.requested = requested;
            e.commit();
        }
    }
}
