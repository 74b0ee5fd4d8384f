package dev.jsonarena.testing;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.jsonarena.bench.Corpus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * {@link SharedCorpus} and {@link CorpusSkipReport} on a small fixture class run by a JUnit
 * launcher of its own: tests that need an absent corpus are skipped and counted in one summary
 * line naming what is missing, fail under {@value SharedCorpus#REQUIRED_PROPERTY}, and a present
 * corpus prints nothing.
 */
class CorpusSkipReportTest {
    @TempDir
    Path tmp;

    /** Run only by {@link #runFixture}: four tests need the corpus, one does not. */
    static final class Fixture {
        static volatile boolean enabled;

        @Test
        void needsOneFile() {
            if (enabled) {
                SharedCorpus.file("twitter.json");
            }
        }

        @Test
        void needsTheBenchmarkFiles() {
            if (enabled) {
                SharedCorpus.assumeBenchmarkFiles();
            }
        }

        @Test
        void needsNoCorpus() {}

        @TestFactory
        Stream<DynamicTest> oneTestPerFile() {
            return Stream.of("canada.json", "github_events.json")
                    .map(name -> DynamicTest.dynamicTest(name, () -> {
                        if (enabled) {
                            SharedCorpus.file(name);
                        }
                    }));
        }
    }

    /** What a fixture run printed and how each test ended (by display name). */
    record Run(String printed, Map<String, TestExecutionResult> results) {}

    private static Run runFixture(Path corpus, boolean required) {
        String oldDir = System.getProperty(Corpus.PROPERTY);
        String oldRequired = System.getProperty(SharedCorpus.REQUIRED_PROPERTY);
        System.setProperty(Corpus.PROPERTY, corpus.toString());
        System.setProperty(SharedCorpus.REQUIRED_PROPERTY, Boolean.toString(required));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<String, TestExecutionResult> results = new ConcurrentHashMap<>();
        try {
            Fixture.enabled = true;
            // only the listeners given here: the service-loaded report would print to the build output
            Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                    .enableTestExecutionListenerAutoRegistration(false).build());
            TestExecutionListener recorder = new TestExecutionListener() {
                @Override
                public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                    if (test.isTest()) {
                        results.put(test.getDisplayName(), result);
                    }
                }
            };
            launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(Fixture.class)).build(),
                    new CorpusSkipReport(new PrintStream(out, true, StandardCharsets.UTF_8)), recorder);
        } finally {
            Fixture.enabled = false;
            restore(Corpus.PROPERTY, oldDir);
            restore(SharedCorpus.REQUIRED_PROPERTY, oldRequired);
        }
        return new Run(out.toString(StandardCharsets.UTF_8), results);
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    private static long count(Run run, TestExecutionResult.Status status) {
        return run.results().values().stream().filter(r -> r.getStatus() == status).count();
    }

    @Test
    void anAbsentCorpusSkipsItsTestsAndOneLineSaysHowManyAndWhy() {
        Path absent = tmp.resolve("no-corpus");
        Run run = runFixture(absent, false);
        assertEquals(4, count(run, TestExecutionResult.Status.ABORTED), run.results().toString());
        assertEquals(1, count(run, TestExecutionResult.Status.SUCCESSFUL), run.results().toString());
        assertEquals("jsonarena: 4 tests skipped: " + absent + " not found (see README)\n", run.printed());
        Throwable t = run.results().get("needsOneFile()").getThrowable().orElseThrow();
        assertInstanceOf(SharedCorpus.Absent.class, t);
        assertTrue(t.getMessage().contains(SharedCorpus.REQUIRED_PROPERTY + "=true makes it fail"), t.getMessage());
    }

    @Test
    void anIncompleteCorpusNamesTheMissingFiles() throws IOException {
        Files.writeString(tmp.resolve("twitter.json"), "{}");
        Files.writeString(tmp.resolve("canada.json"), "{}");
        Run run = runFixture(tmp, false);
        assertEquals(2, count(run, TestExecutionResult.Status.ABORTED), run.results().toString());
        assertEquals("jsonarena: 2 tests skipped: " + tmp.resolve("citm_catalog.json") + ", "
                + tmp.resolve("github_events.json") + " not found (see README)\n", run.printed());
    }

    @Test
    void aRequiredCorpusThatIsAbsentFailsTheTestsInstead() {
        Path absent = tmp.resolve("no-corpus");
        Run run = runFixture(absent, true);
        assertEquals(4, count(run, TestExecutionResult.Status.FAILED), run.results().toString());
        assertEquals(0, count(run, TestExecutionResult.Status.ABORTED), run.results().toString());
        Throwable t = run.results().get("canada.json").getThrowable().orElseThrow();
        assertInstanceOf(SharedCorpus.Required.class, t);
        assertTrue(t.getMessage().startsWith(absent + " not found"), t.getMessage());
        assertEquals("jsonarena: 4 tests failed: " + absent + " not found or incomplete, and -D"
                + SharedCorpus.REQUIRED_PROPERTY + "=true requires it (see README)\n", run.printed());
    }

    @Test
    void aCompleteCorpusSkipsNothingAndPrintsNothing() throws IOException {
        for (String name : List.of("twitter.json", "citm_catalog.json", "canada.json", "github_events.json")) {
            Files.writeString(tmp.resolve(name), "[]");
        }
        Run run = runFixture(tmp, true);
        assertEquals(5, count(run, TestExecutionResult.Status.SUCCESSFUL), run.results().toString());
        assertEquals("", run.printed());
    }
}
