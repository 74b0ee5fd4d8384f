package dev.jsonarena.bench;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Two or more builds of jsonarena in one JVM, for an A/B comparison on a shared machine: each
 * benchmark jar is loaded by its own class loader, and the builds parse the same input in turn,
 * round by round, so that every build sees the same load. Speed is GB per CPU-second of the parsing
 * thread (as {@link ParseCpuTime}); the first build's median is the reference of the ratios.
 *
 * <p>Each build keeps its own JIT profiles, so a difference between two identical builds shows the
 * noise of the method: compare a build with itself (or swap the order) before reading a small
 * difference.
 *
 * <p><b>How to run</b> (jars made by {@code mvn -Pbench -DskipTests package} at two commits):
 * <pre>
 * java -cp target/benchmarks.jar dev.jsonarena.bench.BuildCpuTime /tmp/a.jar,/tmp/b.jar bytes 9 \
 *     twitter.json canada.json long_strings
 * java -cp target/benchmarks.jar dev.jsonarena.bench.BuildCpuTime /tmp/a.jar,/tmp/b.jar stream 9 long_strings
 * </pre>
 * Arguments: the jars (comma-separated), {@code bytes} ({@code parse(byte[])}) or {@code stream}
 * ({@code parse(InputStream)} of a {@link ByteArrayInputStream}, no size), the measured rounds of
 * 250 ms per build (after 5 warm-up rounds), and the inputs: corpus files or {@link GeneratedJson}
 * names.
 *
 * <p>Thread-safety: runs on the calling thread only.
 */
public final class BuildCpuTime {
    private BuildCpuTime() {}

    /** One build's parse of one input, arena reset before each. */
    @FunctionalInterface
    private interface BuildParse {
        int parse(byte[] json) throws Throwable;
    }

    /**
     * Runs the comparison and prints one line per input.
     *
     * @param args jars, mode, rounds, inputs
     * @throws Throwable if a build cannot be loaded or a parse fails
     */
    public static void main(String[] args) throws Throwable {
        String[] jars = args[0].split(",");
        boolean stream = switch (args[1]) {
            case "bytes" -> false;
            case "stream" -> true;
            default -> throw new IllegalArgumentException("mode: " + args[1] + " (expected: bytes or stream)");
        };
        int rounds = Integer.parseInt(args[2]);
        List<BuildParse> builds = new ArrayList<>();
        for (String jar : jars) {
            builds.add(build(Path.of(jar), stream));
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int a = 3; a < args.length; a++) {
            String name = args[a];
            byte[] json = GeneratedJson.isGenerated(name) ? GeneratedJson.bytes(name) : Corpus.read(name);
            double[][] gbPerCpuSecond = new double[jars.length][rounds];
            int sink = 0;
            for (int r = -5; r < rounds; r++) {
                for (int b = 0; b < jars.length; b++) {
                    BuildParse build = builds.get(b);
                    long n = 0;
                    long cpu = threads.getCurrentThreadCpuTime();
                    long start = System.nanoTime();
                    do {
                        sink += build.parse(json);
                        n++;
                    } while (System.nanoTime() - start < 250_000_000L);
                    cpu = threads.getCurrentThreadCpuTime() - cpu;
                    if (r >= 0) {
                        gbPerCpuSecond[b][r] = (double) n * json.length / cpu;
                    }
                }
            }
            StringBuilder line = new StringBuilder(name).append(' ').append(args[1]);
            double reference = 0;
            for (int b = 0; b < jars.length; b++) {
                double[] x = gbPerCpuSecond[b].clone();
                Arrays.sort(x);
                double median = x[rounds / 2];
                reference = b == 0 ? median : reference;
                line.append(String.format("  %s %.3f [%.3f..%.3f]", Path.of(jars[b]).getFileName(), median, x[0],
                        x[rounds - 1]));
                if (b > 0) {
                    line.append(String.format(" ratio %.3f", median / reference));
                }
            }
            System.out.println(line + (sink == 42 ? " " : ""));
        }
    }

    /** {@return a parse through the build in {@code jar}: its own pool, one arena reset per parse} */
    private static BuildParse build(Path jar, boolean stream) throws ReflectiveOperationException, java.io.IOException {
        URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        Class<?> poolClass = loader.loadClass("dev.jsonarena.JsonPool");
        Class<?> arenaClass = loader.loadClass("dev.jsonarena.JsonArena");
        Class<?> valueClass = loader.loadClass("dev.jsonarena.JsonValue");
        Object builder = poolClass.getMethod("builder").invoke(null);
        Object pool = builder.getClass().getMethod("build").invoke(builder);
        Object arena = poolClass.getMethod("openArena").invoke(pool);
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        MethodHandle reset = lookup.findVirtual(arenaClass, "reset", MethodType.methodType(void.class)).bindTo(arena);
        MethodHandle parse = lookup.findVirtual(arenaClass, "parse",
                MethodType.methodType(valueClass, stream ? InputStream.class : byte[].class)).bindTo(arena);
        if (stream) {
            return json -> {
                reset.invoke();
                return System.identityHashCode(parse.invoke(new ByteArrayInputStream(json)));
            };
        }
        return json -> {
            reset.invoke();
            return System.identityHashCode(parse.invoke(json));
        };
    }
}
