package dev.jsonarena.nativetests;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the operating system and the JVM's native memory tracking say about this process's memory,
 * read from inside the process.
 *
 * <p>Resident memory comes from {@code /proc/self/status} ({@code VmRSS}, {@code VmHWM}). Native
 * memory tracking comes from the {@code VM.native_memory summary} diagnostic command, run in-process
 * through the {@code com.sun.management:type=DiagnosticCommand} MBean: the same text
 * {@code jcmd <pid> VM.native_memory summary} prints, without the attach mechanism or a second JVM
 * per sample. The JVM must run with {@code -XX:NativeMemoryTracking=summary}. The MBean is reached
 * reflectively: the test sources are compiled into the {@code dev.jsonarena} module, which does not
 * read {@code java.management}, and the driver runs on the class path, where everything is readable.
 *
 * <p>On JDK 25, memory from {@code Arena.allocate} is malloc'd through {@code Unsafe.allocateMemory}
 * and tracked under the category {@code Other} (measured: a 256 MiB {@code Arena.ofShared()}
 * segment adds 262,152 KiB to {@code Other} and removes it on close), so {@code Other} is where the
 * pool's chunks show.
 *
 * <p>Thread-safety: stateless; safe from any thread.
 */
final class ProcessMemory {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Pattern CATEGORY =
            Pattern.compile("^-\\s+(\\S.*?) \\(reserved=(\\d+)KB, committed=(\\d+)KB", Pattern.MULTILINE);
    private static final Pattern TOTAL =
            Pattern.compile("^Total: reserved=(\\d+)KB, committed=(\\d+)KB", Pattern.MULTILINE);

    /**
     * One reading.
     *
     * @param rssKiB {@code VmRSS}: resident set size now
     * @param hwmKiB {@code VmHWM}: the peak resident set size so far
     * @param nmtOtherKiB committed KiB of the NMT category {@code Other} (FFM allocations)
     * @param nmtTotalKiB total committed KiB known to NMT
     */
    record Reading(long rssKiB, long hwmKiB, long nmtOtherKiB, long nmtTotalKiB) {}

    private ProcessMemory() {}

    /**
     * {@return a reading of this process's memory}
     *
     * @throws IllegalStateException if {@code /proc/self/status} or native memory tracking cannot be read
     */
    static Reading read() {
        String nmt = nativeMemorySummary();
        long total = committed(TOTAL.matcher(nmt), 2, "Total", nmt);
        long other = categoryCommitted(nmt, "Other");
        String status;
        try {
            status = Files.readString(STATUS);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + STATUS + " (expected: Linux procfs)", e);
        }
        return new Reading(statusKiB(status, "VmRSS"), statusKiB(status, "VmHWM"), other, total);
    }

    /** {@return the text of {@code VM.native_memory summary scale=KB}} */
    static String nativeMemorySummary() {
        try {
            Class<?> factory = Class.forName("java.lang.management.ManagementFactory");
            Class<?> server = Class.forName("javax.management.MBeanServer");
            Class<?> objectName = Class.forName("javax.management.ObjectName");
            Object mbeans = factory.getMethod("getPlatformMBeanServer").invoke(null);
            Object name = objectName.getConstructor(String.class).newInstance("com.sun.management:type=DiagnosticCommand");
            Object out = server.getMethod("invoke", objectName, String.class, Object[].class, String[].class)
                    .invoke(mbeans, name, "vmNativeMemory", new Object[] {new String[] {"summary", "scale=KB"}},
                            new String[] {String[].class.getName()});
            String text = String.valueOf(out);
            if (!text.contains("Total:")) {
                throw new IllegalStateException("VM.native_memory summary: " + text.strip()
                        + " (expected: the JVM started with -XX:NativeMemoryTracking=summary)");
            }
            return text;
        } catch (ReflectiveOperationException e) {
            Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
            throw new IllegalStateException("cannot run VM.native_memory through the DiagnosticCommand MBean", cause);
        }
    }

    private static long categoryCommitted(String nmt, String category) {
        Matcher m = CATEGORY.matcher(nmt);
        while (m.find()) {
            if (m.group(1).equals(category)) {
                return Long.parseLong(m.group(3));
            }
        }
        return 0; // NMT omits categories under 1 KiB
    }

    private static long committed(Matcher m, int group, String what, String nmt) {
        if (!m.find()) {
            throw new IllegalStateException("no '" + what + "' line in VM.native_memory summary:\n" + nmt);
        }
        return Long.parseLong(m.group(group));
    }

    private static long statusKiB(String status, String key) {
        for (String line : status.split("\n")) {
            if (line.startsWith(key + ":")) {
                String v = line.substring(key.length() + 1).strip();
                if (!v.endsWith(" kB")) {
                    throw new IllegalStateException(key + ": '" + v + "' (expected: '<n> kB')");
                }
                return Long.parseLong(v.substring(0, v.length() - 3).strip());
            }
        }
        throw new IllegalStateException("no " + key + " in " + STATUS);
    }
}
