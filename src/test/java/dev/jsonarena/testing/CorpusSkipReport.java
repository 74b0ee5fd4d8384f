package dev.jsonarena.testing;

import java.io.PrintStream;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Says in the build output how many tests the absent shared corpus skipped (or failed, when it is
 * required), in one line at the end of the test run, for example:
 *
 * <pre>
 * jsonarena: 40 tests skipped: ../shared/corpus not found (see README)
 * </pre>
 *
 * <p>Registered for every JUnit Platform run through
 * {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener} in the test
 * resources, so surefire, failsafe and IDEs all load it. It counts tests and containers (a
 * {@code @TestFactory} or parameterized method skipped as a whole counts once) that ended with
 * {@link SharedCorpus.Absent} or {@link SharedCorpus.Required}, and prints nothing when there are
 * none.
 *
 * <p>Thread-safety: the counters may be updated from parallel test threads.
 */
public final class CorpusSkipReport implements TestExecutionListener {
    private final PrintStream out;
    private final AtomicInteger skipped = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final Set<String> missing = new TreeSet<>();

    /** Reports to {@link System#out} (the service loader's constructor). */
    public CorpusSkipReport() {
        this(System.out);
    }

    CorpusSkipReport(PrintStream out) {
        this.out = out;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        skipped.set(0);
        failed.set(0);
        synchronized (missing) {
            missing.clear();
        }
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        Throwable t = result.getThrowable().orElse(null);
        if (t instanceof SharedCorpus.Absent absent) {
            skipped.incrementAndGet();
            synchronized (missing) {
                missing.add(absent.missing());
            }
        } else if (t instanceof SharedCorpus.Required) {
            failed.incrementAndGet();
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        String line = summary();
        if (line != null) {
            out.println(line);
            out.flush();
        }
    }

    /** {@return the summary line, or null when no test met an absent corpus} */
    String summary() {
        int s = skipped.get();
        int f = failed.get();
        if (s == 0 && f == 0) {
            return null;
        }
        if (f > 0) {
            return "jsonarena: " + tests(f) + " failed: " + SharedCorpus.directory() + " not found or incomplete, and -D"
                    + SharedCorpus.REQUIRED_PROPERTY + "=true requires it (see README)";
        }
        String what;
        synchronized (missing) {
            what = missing.size() == 1 ? missing.iterator().next() : String.join(", ", missing);
        }
        return "jsonarena: " + tests(s) + " skipped: " + what + " not found (see README)";
    }

    private static String tests(int n) {
        return n == 1 ? "1 test" : n + " tests";
    }
}
