package dev.jsonarena.events;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * {@code dev.jsonarena.BudgetExceeded}: an arena's allocation refused because it would pass the
 * arena's budget, recorded where {@code JsonBudgetExceededException} is thrown, with the stack
 * trace of the parse that asked.
 *
 * <p>Thread-safety: an instance belongs to the thread that creates it; load this class only after
 * {@link Jfr#initialized()}.
 */
@Name(BudgetExceededEvent.NAME)
@Label("Arena Budget Exceeded")
@Category("jsonarena")
@Description("An arena's allocation refused because it would pass the arena's budget")
public final class BudgetExceededEvent extends Event {
    /** The event's name. */
    public static final String NAME = "dev.jsonarena.BudgetExceeded";

    @Label("Pool")
    @Description("Name of the pool the arena takes its memory from")
    String pool;

    @Label("Budget")
    @Description("The arena's budget")
    @DataAmount
    long budget;

    @Label("Requested")
    @Description("Bytes the refused allocation asked for")
    @DataAmount
    long requested;

    @Label("Reserved")
    @Description("Bytes of pool memory the arena held when it was refused")
    @DataAmount
    long reserved;

    BudgetExceededEvent() {}

    /** Commits one event if a recording has it enabled. */
    static void emit(String pool, long budget, long requested, long reserved) {
        BudgetExceededEvent e = new BudgetExceededEvent();
        if (e.shouldCommit()) {
            e.pool = pool;
            e.budget = budget;
            e.requested = requested;
            e.reserved = reserved;
            e.commit();
        }
    }
}
