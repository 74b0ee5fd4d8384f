package dev.jsonarena.bench;

/**
 * The adapter {@link ParseWalkBenchmark} drives: parse a document and visit every value of it.
 * Implementations are made by {@link WalkType#create}.
 *
 * <p>Thread-safety: not thread-safe; one instance per benchmark thread.
 */
public interface Walker {
    /**
     * Parses {@code json} and adds every value of it to {@code totals}; any memory the parse took
     * is released before returning.
     *
     * @param json the UTF-8 input
     * @param totals where the walk adds what it sees
     */
    void parseAndWalk(byte[] json, WalkTotals totals);
}
