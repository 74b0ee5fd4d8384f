package dev.jsonarena;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The system property {@value JsonPool#DEFAULT_CAP_PROPERTY}: a valid value caps the default pool;
 * an invalid one makes every {@link JsonPool#defaultPool()} and {@link JsonArena#open()} throw
 * {@link IllegalArgumentException} naming the property, the value and the range, never an
 * {@link Error}, and pools built with the builder keep working. The property is read when the
 * default pool is first used, once per JVM, so those cases run in a child JVM.
 */
class DefaultPoolPropertyTest {
    private static final String RANGE = "(expected: a decimal number of bytes from 8192 to 9223372036854775807)";

    private static String invalid(String value) {
        return "system property jsonarena.pool.maxReservedBytes: \"" + value + "\" " + RANGE;
    }

    @Test
    void anAbsentPropertyGivesTheDefaultCapAndAValidOneItsValue() {
        assertEquals(JsonPool.DEFAULT_CAP_BYTES, JsonPool.defaultCap(null));
        assertEquals(8192, JsonPool.defaultCap("8192"));
        assertEquals(512L << 20, JsonPool.defaultCap("536870912"));
        assertEquals(Long.MAX_VALUE, JsonPool.defaultCap("9223372036854775807"));
    }

    @Test
    void rejectsACapBelowOnePage() {
        for (String value : new String[] {"100", "8191", "0", "-5", "-9223372036854775808"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JsonPool.defaultCap(value));
            assertEquals(invalid(value), e.getMessage());
        }
    }

    @Test
    void rejectsACapThatIsNotADecimalNumberOfBytes() {
        for (String value : new String[] {"abc", "", " 8192", "8192 ", "512m", "1e9", "0x2000", "8192.0",
            "9223372036854775808", "1_000_000"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JsonPool.defaultCap(value));
            assertEquals(invalid(value), e.getMessage());
        }
    }

    @Test
    void anInvalidCapFailsEveryDefaultOpenWithItsMessageAndLeavesBuiltPoolsWorking() throws Exception {
        for (String value : new String[] {"100", "-5", "abc"}) {
            List<String> out = runProbe(value);
            String failure = "open java.lang.IllegalArgumentException: the default pool cannot be created: "
                    + invalid(value);
            assertEquals(List.of(failure, failure, failure, "builder pool 2", "exit"), out, value);
        }
    }

    @Test
    void aValidCapIsTheDefaultPoolsCap() throws Exception {
        assertEquals(List.of("open ok cap 65536", "open ok cap 65536", "open ok cap 65536", "builder pool 2", "exit"),
                runProbe("65536"));
    }

    /** {@return the lines {@link Probe} prints in a child JVM run with the property set to {@code value}} */
    private static List<String> runProbe(String value) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1",
                "-D" + JsonPool.DEFAULT_CAP_PROPERTY + "=" + value,
                "-cp", System.getProperty("java.class.path"), Probe.class.getName()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] bytes = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child JVM did not end");
        String output = new String(bytes, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), output);
        return output.lines().toList();
    }

    /** Run in the child JVM: opens from the default pool three times, then from a built pool. */
    static final class Probe {
        public static void main(String[] args) {
            for (int k = 0; k < 3; k++) {
                try (JsonArena arena = JsonArena.open()) {
                    System.out.println("open ok cap " + arena.pool().stats().capBytes());
                } catch (Throwable t) { // an Error (ExceptionInInitializerError, NoClassDefFoundError) is printed too
                    System.out.println("open " + t.getClass().getName() + ": " + t.getMessage());
                }
            }
            try (JsonPool pool = JsonPool.builder().idleTimeout(Duration.ZERO).build();
                 JsonArena arena = pool.openArena()) {
                System.out.println("builder pool " + arena.parse("[1,2]".getBytes(StandardCharsets.UTF_8)).asArray().size());
            } catch (Throwable t) {
                System.out.println("builder " + t.getClass().getName() + ": " + t.getMessage());
            }
            System.out.println("exit");
        }
    }
}
