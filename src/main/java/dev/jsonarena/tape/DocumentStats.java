package dev.jsonarena.tape;

import java.util.Arrays;

/**
 * What a value of a {@link Document} is made of, counted by one iterative walk of its tape: values
 * by kind (numbers also by tape form), object members, and the deepest nesting of containers. For
 * tools (the command-line {@code inspect}) and tests; nothing on the parse path uses it.
 *
 * <p>Thread-safety: immutable.
 *
 * @param objects objects
 * @param arrays arrays
 * @param strings strings (member names not included)
 * @param ints numbers in the {@code INT} form (integers that fit 60 bits)
 * @param decs numbers in the {@code DEC} form (at most 19 digits, no exponent)
 * @param texts numbers kept as text (an exponent, or more than 19 digits)
 * @param trues {@code true} literals
 * @param falses {@code false} literals
 * @param nulls {@code null} literals
 * @param members object members, that is member names
 * @param maxDepth the most containers nested in one another (0 for a scalar, 1 for {@code []})
 */
public record DocumentStats(long objects, long arrays, long strings, long ints, long decs, long texts,
                            long trues, long falses, long nulls, long members, int maxDepth) {

    /** {@return the numbers, in any form} */
    public long numbers() {
        return ints + decs + texts;
    }

    /** {@return the JSON values: containers and scalars (member names not included)} */
    public long values() {
        return objects + arrays + strings + numbers() + trues + falses + nulls;
    }

    /** {@return the tokens as the parser counts them for its token limit: values and member names} */
    public long tokens() {
        return values() + members;
    }

    /** {@return the counts of the value at {@code index} of {@code doc}} */
    public static DocumentStats of(Document doc, int index) {
        long[] n = new long[16];
        int[] ends = new int[16];
        int depth = 0;
        int maxDepth = 0;
        int end = doc.next(index);
        for (int i = index; i < end; ) {
            while (depth > 0 && ends[depth - 1] == i) {
                depth--;
            }
            long w = doc.word(i);
            int tag = Tape.tag(w);
            n[tag]++;
            if (tag == Tape.OBJECT || tag == Tape.ARRAY) {
                maxDepth = Math.max(maxDepth, depth + 1);
                if (Tape.span(w) > 1) {
                    if (depth == ends.length) {
                        ends = Arrays.copyOf(ends, depth * 2);
                    }
                    ends[depth++] = i + Tape.span(w);
                }
                i++;
            } else {
                i += tag == Tape.KEY ? 1 : Tape.words(w);
            }
        }
        return new DocumentStats(n[Tape.OBJECT], n[Tape.ARRAY], n[Tape.STRING], n[Tape.INT], n[Tape.DEC],
                n[Tape.NUMBER], n[Tape.TRUE], n[Tape.FALSE], n[Tape.NULL], n[Tape.KEY], maxDepth);
    }
}
