package dev.jsonarena.testing;

import dev.jsonarena.bench.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * The tests' one way to reach the shared corpus ({@code ../shared/corpus} beside the project, or
 * {@code -Djsonarena.corpus=DIR}, as {@link Corpus} says): a test that needs an absent corpus file
 * is skipped with {@link Absent}, or fails with {@link Required} when
 * {@code -Djsonarena.corpus.required=true} ({@code .ci/run} sets it: CI has the corpus, so a
 * missing one is a broken setup, not a reason to skip). {@link CorpusSkipReport} counts both and
 * prints one line at the end of the run.
 *
 * <p>Thread-safety: stateless.
 */
public final class SharedCorpus {
    /** System property: {@code true} makes a test that needs an absent corpus file fail instead of skip. */
    public static final String REQUIRED_PROPERTY = "jsonarena.corpus.required";

    /**
     * The most arena bytes a parse of a benchmark corpus file may reserve per input byte: the
     * memory target the benchmarks report against (docs/benchmarks.md). Every test of that
     * property checks this one bound.
     */
    public static final double MAX_ARENA_BYTES_PER_INPUT_BYTE = 2.0;

    private SharedCorpus() {}

    /** {@return the corpus directory, as it was given (relative to the project root unless absolute)} */
    public static Path directory() {
        return Corpus.directory();
    }

    /** {@return whether {@value #REQUIRED_PROPERTY} is {@code true}} */
    public static boolean required() {
        return Boolean.getBoolean(REQUIRED_PROPERTY);
    }

    /**
     * {@return the corpus file {@code name}}, after skipping the calling test (or failing it, when
     * the corpus is required) if that file is not a readable file
     *
     * @param name a file name in the corpus directory, e.g. {@code twitter.json}
     * @throws Absent if the file is absent and the corpus is not required
     * @throws Required if the file is absent and the corpus is required
     */
    public static Path file(String name) {
        Path f = directory().resolve(name);
        if (!Files.isReadable(f) || Files.isDirectory(f)) {
            absent(f);
        }
        return f;
    }

    /**
     * Skips the calling test (or fails it, when the corpus is required) unless every file of
     * {@link Corpus#FILES} is readable.
     *
     * @throws Absent if a file is absent and the corpus is not required
     * @throws Required if a file is absent and the corpus is required
     */
    public static void assumeBenchmarkFiles() {
        for (String name : Corpus.FILES) {
            file(name);
        }
    }

    /** Throws {@link Required} or {@link Absent} for {@code file}. */
    private static void absent(Path file) {
        boolean noDirectory = !Files.isDirectory(directory());
        Path missing = noDirectory ? directory() : file;
        String what = missing + " not found (" + missing.toAbsolutePath().normalize() + ")"
                + (noDirectory ? ", needed for " + file.getFileName() : "");
        if (required()) {
            throw new Required(what + ", and -D" + REQUIRED_PROPERTY + "=true says the shared corpus must be there"
                    + " (see README, Commands)");
        }
        throw new Absent(what + ": test skipped; -D" + REQUIRED_PROPERTY + "=true makes it fail instead (see README,"
                + " Commands)", missing.toString());
    }

    /** A test skipped because a corpus file is absent; {@link #missing()} is what was not found. */
    public static final class Absent extends TestAbortedException {
        private static final long serialVersionUID = 1L;
        private final String missing;

        Absent(String message, String missing) {
            super(message);
            this.missing = missing;
        }

        /** {@return the corpus directory when it is absent, else the absent file, as given} */
        public String missing() {
            return missing;
        }
    }

    /** A test failed because a corpus file is absent although the corpus is required. */
    public static final class Required extends AssertionFailedError {
        private static final long serialVersionUID = 1L;

        Required(String message) {
            super(message);
        }
    }
}
