package dev.jsonarena.bench.ingest;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A log-ingest service running in a JVM of its own, on loopback, seen from the process that started
 * it: its port, its output line by line with the time each line was read, and its memory as the
 * operating system reports it ({@code /proc/<pid>/status}, Linux only).
 *
 * <p>The child runs the {@code java} of the current JVM with the given flags, a class path made of
 * the locations of the given classes, and the main class with its arguments. It must print a line
 * containing {@code http://127.0.0.1:<port>/} once it listens (both services of this package do).
 * Standard error is merged into the output.
 *
 * <p>Thread-safety: safe for use from several threads.
 */
public final class ServiceProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/");
    /** Lines kept of the output; later lines are counted, and searched by {@link #firstLineContaining}. */
    private static final int KEPT_LINES = 2000;

    /**
     * A line of the child's output.
     *
     * @param read when the parent read it
     * @param text the line
     */
    public record Line(Instant read, String text) {}

    /**
     * What the operating system says about the child's memory.
     *
     * @param rssKiB {@code VmRSS}: resident now
     * @param hwmKiB {@code VmHWM}: the peak resident set so far
     */
    public record Memory(long rssKiB, long hwmKiB) {}

    private final Process process;
    private final List<String> command;
    private final List<Line> lines = new ArrayList<>();
    private final List<String> watched;
    private final List<Line> firstWatched = new ArrayList<>();
    private long linesRead;
    private final Thread reader;
    private final int port;

    private ServiceProcess(List<String> command, List<String> watched, Duration startTimeout) {
        this.command = List.copyOf(command);
        this.watched = List.copyOf(watched);
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        reader = Thread.ofPlatform().daemon().name("service-output-" + process.pid()).start(this::readOutput);
        long deadline = System.nanoTime() + startTimeout.toNanos();
        int found = -1;
        while (found < 0 && System.nanoTime() < deadline && process.isAlive()) {
            found = listeningPort();
            if (found < 0) {
                sleep(20);
            }
        }
        if (found < 0) {
            found = listeningPort(); // it may have printed and then died
        }
        if (found < 0 || !process.isAlive()) {
            close();
            throw new IllegalStateException("service did not start listening within " + startTimeout + ": "
                    + String.join(" ", command) + "\n" + output());
        }
        port = found;
    }

    /**
     * Starts a service and waits until it listens.
     *
     * @param jvmFlags flags of the child JVM, e.g. {@code -Xmx64m}
     * @param mainClass the service's main class
     * @param classPathOf classes whose locations form the class path, besides {@code mainClass}
     * @param args the service's arguments
     * @param watched strings of which the first line containing each is kept with its time (e.g.
     *     {@code OutOfMemoryError}), however long the output
     * @param startTimeout how long to wait for the line that names the port
     * @return the running service
     * @throws IllegalStateException if it did not start listening in time
     */
    public static ServiceProcess start(List<String> jvmFlags, Class<?> mainClass, List<Class<?>> classPathOf,
                                       List<String> args, List<String> watched, Duration startTimeout) {
        Set<String> classPath = new LinkedHashSet<>();
        classPath.add(location(mainClass));
        classPathOf.forEach(c -> classPath.add(location(c)));
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(jvmFlags);
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classPath));
        command.add(mainClass.getName());
        command.addAll(args);
        return new ServiceProcess(command, watched, startTimeout);
    }

    /** {@return the port the service listens on} */
    public int port() {
        return port;
    }

    /** {@return the URI of a path on the service, e.g. {@code /logs}} */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** {@return the child's process id} */
    public long pid() {
        return process.pid();
    }

    /** {@return whether the child is still running} */
    public boolean alive() {
        return process.isAlive();
    }

    /** {@return the command line that started the child} */
    public List<String> command() {
        return command;
    }

    /**
     * {@return the child's resident memory now and at its peak}
     *
     * @throws IllegalStateException if {@code /proc/<pid>/status} cannot be read (not Linux, or the child ended)
     */
    public Memory memory() {
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        try {
            String text = Files.readString(status);
            return new Memory(statusKiB(text, "VmRSS", status), statusKiB(text, "VmHWM", status));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + status + " (expected: Linux procfs, a running child)", e);
        }
    }

    /**
     * {@return the CPU time the child has used so far, all its threads together}
     *
     * @throws IllegalStateException if the operating system does not report it
     */
    public Duration cpuTime() {
        return process.toHandle().info().totalCpuDuration()
                .orElseThrow(() -> new IllegalStateException("no CPU time for process " + process.pid()));
    }

    /** {@return the first line containing {@code text}, if that string was watched and such a line was printed} */
    public synchronized Optional<Line> firstLineContaining(String text) {
        return firstWatched.stream().filter(l -> l.text().contains(text)).findFirst();
    }

    /** {@return the output kept so far (the first lines), and how many more lines there were} */
    public synchronized String output() {
        StringBuilder s = new StringBuilder();
        lines.forEach(l -> s.append(l.text()).append('\n'));
        if (linesRead > lines.size()) {
            s.append("... ").append(linesRead - lines.size()).append(" more lines\n");
        }
        return s.toString();
    }

    /** {@return the number of lines printed so far} */
    public synchronized long linesRead() {
        return linesRead;
    }

    /**
     * Stops the child (SIGTERM, then SIGKILL after 10 s) and waits for its output to end. Safe to
     * call more than once.
     */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            reader.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void readOutput() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String text; (text = in.readLine()) != null; ) {
                Line line = new Line(Instant.now(), text);
                synchronized (this) {
                    linesRead++;
                    if (lines.size() < KEPT_LINES) {
                        lines.add(line);
                    }
                    for (String w : watched) {
                        if (text.contains(w) && firstWatched.stream().noneMatch(l -> l.text().contains(w))) {
                            firstWatched.add(line);
                        }
                    }
                }
            }
        } catch (IOException e) {
            // the child ended while a line was read: its output ends here
        }
    }

    private synchronized int listeningPort() {
        for (Line l : lines) {
            Matcher m = LISTENING.matcher(l.text());
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        return -1;
    }

    private static long statusKiB(String status, String key, Path file) {
        for (String line : status.split("\n")) {
            if (line.startsWith(key + ":")) {
                String v = line.substring(key.length() + 1).strip();
                if (!v.endsWith(" kB")) {
                    throw new IllegalStateException(key + ": '" + v + "' in " + file + " (expected: '<n> kB')");
                }
                return Long.parseLong(v.substring(0, v.length() - 3).strip());
            }
        }
        throw new IllegalStateException("no " + key + " in " + file);
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("code source of " + type.getName() + " is not a path", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the service to start", e);
        }
    }
}
