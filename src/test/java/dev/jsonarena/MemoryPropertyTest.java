package dev.jsonarena;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsonarena.testing.Property;
import org.junit.jupiter.api.Test;

/**
 * The single-threaded stateful property of the memory layer: random action sequences over a pool
 * with small chunks and sometimes a small cap, checked after every action by {@link MemoryModel}.
 *
 * <p>Default tries: 1500 sequences of up to 400 actions each (about 20 s on a 2-core machine) (the action count grows with the try's
 * size, so early failures are short). Raise with {@code -Djsonarena.tries=N}; replay a failure with
 * the {@code -Djsonarena.seed=0x...} it prints.
 */
class MemoryPropertyTest {
    static final int SEQUENCES = 1500;
    static final int MAX_ACTIONS = 400;

    @Test
    void randomActionSequencesKeepAllocationsDisjointAndAccountingExact() {
        long[] totals = new long[4];
        Property.check("memory model, single thread", SEQUENCES, gen -> {
            int actions = 1 + (int) ((long) MAX_ACTIONS * gen.size() / Property.MAX_SIZE);
            MemoryModel m = MemoryModel.runSequence(MemoryModel.Choices.of(gen), gen.intBetween(actions / 2, actions));
            totals[0] += m.allocations;
            totals[1] += m.budgetFailures;
            totals[2] += m.capFailures;
            totals[3] += m.rollbacks;
        });
        System.out.printf("memory model: %d allocations, %d budget failures, %d cap failures, %d rollbacks%n",
                totals[0], totals[1], totals[2], totals[3]);
        if (totals[0] > 10_000) { // a full default run, not a single replayed seed
            assertTrue(totals[1] > 0 && totals[2] > 0 && totals[3] > 0, "the pressure paths ran");
        }
    }
}
