package dev.jsonarena.nativetests;

import dev.jsonarena.JsonPool;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One run of a driver ({@link MemoryDriver} or {@link StreamDriver}) in a fresh JVM, and its parsed
 * output.
 *
 * <p>The child runs on the same {@code java} executable as the current JVM (the JDK the build's
 * toolchain selected), with a class path of exactly two entries: where the driver was loaded from
 * (the test classes) and where {@link JsonPool} was loaded from (the main classes or jar). Its flags
 * are {@link #JVM_FLAGS} unless the caller gives others. Standard error is merged into the output,
 * which assertion messages quote whole.
 *
 * @param args the driver arguments
 * @param exitCode the child's exit status
 * @param output everything the child printed
 * @param records the {@code sample}, {@code event} and {@code done} lines, parsed into key/value maps
 *                (the record type under the key {@code "record"})
 */
record DriverRun(List<String> args, int exitCode, String output, List<Map<String, String>> records) {
    /**
     * Flags of the child JVM. The heap is small and fixed ({@code -Xms = -Xmx = 64m}) and
     * pre-touched, so heap growth can never pose as native growth in RSS; native memory tracking is
     * on for {@link ProcessMemory}.
     */
    static final List<String> JVM_FLAGS = List.of(
            "-Xms64m", "-Xmx64m", "-XX:+AlwaysPreTouch", "-XX:NativeMemoryTracking=summary");

    /**
     * Runs {@link MemoryDriver} with {@link #JVM_FLAGS} and waits for it.
     *
     * @param timeout how long the child may run before it is killed
     * @param args the driver arguments (mode, then options)
     * @return the finished run
     * @throws AssertionError if the child did not finish in time
     */
    static DriverRun run(Duration timeout, String... args) {
        return run(MemoryDriver.class, JVM_FLAGS, timeout, args);
    }

    /**
     * Runs a driver and waits for it.
     *
     * @param driver the driver's class (its {@code main} is run)
     * @param jvmFlags the flags of the child JVM
     * @param timeout how long the child may run before it is killed
     * @param args the driver arguments (mode, then options)
     * @return the finished run
     * @throws AssertionError if the child did not finish in time
     */
    static DriverRun run(Class<?> driver, List<String> jvmFlags, Duration timeout, String... args) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(jvmFlags);
        command.add("-cp");
        command.add(location(driver) + java.io.File.pathSeparator + location(JsonPool.class));
        command.add(driver.getName());
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                String soFar = output.completeOnTimeout("(unread)", 10, TimeUnit.SECONDS).join();
                throw new AssertionError("driver " + String.join(" ", args) + " still running after " + timeout
                        + " (killed); output so far:\n" + soFar);
            }
            String text = output.join();
            return new DriverRun(List.of(args), process.exitValue(), text, parse(text));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the driver", e);
        }
    }

    /** {@return the samples with this label, in order} */
    List<Map<String, String>> samples(String label) {
        return records.stream().filter(r -> r.get("record").equals("sample") && label.equals(r.get("label"))).toList();
    }

    /**
     * {@return the only sample with this label and cycle}
     *
     * @throws AssertionError if there is none
     */
    Map<String, String> sample(String label, long cycle) {
        return samples(label).stream().filter(r -> Long.parseLong(r.get("cycle")) == cycle).findFirst()
                .orElseThrow(() -> new AssertionError("no sample label=" + label + " cycle=" + cycle + "\n" + describe()));
    }

    /** {@return the events with this name, in order} */
    List<Map<String, String>> events(String name) {
        return records.stream().filter(r -> r.get("record").equals("event") && name.equals(r.get("name"))).toList();
    }

    /** {@return whether the driver printed its {@code done} line and exited with 0} */
    boolean completed() {
        return exitCode == 0 && records.stream().anyMatch(r -> r.get("record").equals("done"));
    }

    /** {@return the command line and the whole output, for assertion messages} */
    String describe() {
        return "driver " + String.join(" ", args) + " (exit " + exitCode + "), output:\n" + output;
    }

    /**
     * {@return a numeric field of a record}
     *
     * @throws AssertionError if the field is missing
     */
    static long value(Map<String, String> record, String key) {
        String v = record.get(key);
        if (v == null) {
            throw new AssertionError("no " + key + " in " + record);
        }
        return Long.parseLong(v);
    }

    private static List<Map<String, String>> parse(String text) {
        List<Map<String, String>> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] words = line.strip().split(" ");
            if (words[0].equals("sample") || words[0].equals("event") || words[0].equals("done")) {
                Map<String, String> record = new LinkedHashMap<>();
                record.put("record", words[0]);
                for (int i = 1; i < words.length; i++) {
                    int eq = words[i].indexOf('=');
                    if (eq > 0) {
                        record.put(words[i].substring(0, eq), words[i].substring(eq + 1));
                    }
                }
                out.add(record);
            }
        }
        return out;
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

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
