package dev.jsonarena.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The benchmark corpus: real-world JSON files kept outside the repository, in
 * {@code ../shared/corpus} relative to the project root, or wherever the system property
 * {@value #PROPERTY} points.
 *
 * <p>Benchmarks read a file in their {@code @Setup}; when it is absent, {@link #read} throws
 * {@link IllegalStateException} naming the path and the property, so JMH reports that one
 * benchmark as failed with that message and goes on with the others. Tests reach it through
 * {@code dev.jsonarena.testing.SharedCorpus}, which skips a test whose file is absent (or fails
 * it under {@code -Djsonarena.corpus.required=true}, as CI runs).
 *
 * <p>Thread-safety: stateless.
 */
public final class Corpus {
    /** System property: the corpus directory (default {@value #DEFAULT_DIRECTORY}). */
    public static final String PROPERTY = "jsonarena.corpus";
    /** The corpus directory when {@value #PROPERTY} is not set, relative to the working directory. */
    public static final String DEFAULT_DIRECTORY = "../shared/corpus";
    /** The corpus files the decoder benchmarks read, in the order the documentation lists them. */
    public static final List<String> FILES =
            List.of("twitter.json", "citm_catalog.json", "canada.json", "github_events.json");

    private Corpus() {}

    /** {@return the corpus directory: {@value #PROPERTY} if set, else {@value #DEFAULT_DIRECTORY}} */
    public static Path directory() {
        return Path.of(System.getProperty(PROPERTY, DEFAULT_DIRECTORY));
    }

    /** {@return whether every file of {@link #FILES} is a readable file in the corpus directory} */
    public static boolean available() {
        Path dir = directory();
        for (String f : FILES) {
            if (!Files.isReadable(dir.resolve(f))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads a corpus file into memory.
     *
     * @param file the file name, e.g. {@code twitter.json}
     * @return its bytes
     * @throws IllegalStateException if the file does not exist, with the path looked at
     * @throws UncheckedIOException if reading fails
     */
    public static byte[] read(String file) {
        Path path = directory().resolve(file);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("corpus file " + path.toAbsolutePath().normalize() + " is absent (expected: the"
                    + " shared corpus in " + DEFAULT_DIRECTORY + " relative to the project root, or -D" + PROPERTY
                    + "=DIR; the benchmark is skipped)");
        }
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException("reading corpus file " + path, e);
        }
    }
}
