package dev.jsonarena;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer drives the {@link MemoryModel}: the fuzzer's input is the action sequence (pool settings,
 * which action, which arena, sizes, alignments, budgets), and every check of the model runs after
 * every action, so a coverage-guided search looks for an input that breaks a promise of the memory
 * layer.
 *
 * <p>In the default {@code mvn test} this runs in Jazzer's regression mode: once per committed input
 * in {@code src/test/resources/dev/jsonarena/ArenaMemoryFuzzTestInputs/actionSequencesKeepTheModelsPromises/}
 * (seeds and any past findings). To fuzz, for ten minutes:
 * <pre>
 * JAZZER_FUZZ=1 mvn -o test -Dtest=ArenaMemoryFuzzTest -Djazzer.max_duration=10m
 * </pre>
 * New findings are written to that directory and then replay in every regression run.
 */
class ArenaMemoryFuzzTest {
    /** Actions per input at most; an input that runs dry ends its sequence earlier. */
    static final int MAX_ACTIONS = 500;

    @FuzzTest(maxDuration = "30s")
    void actionSequencesKeepTheModelsPromises(FuzzedDataProvider data) {
        MemoryModel.runSequence(MemoryModel.Choices.of(data), MAX_ACTIONS);
    }
}
