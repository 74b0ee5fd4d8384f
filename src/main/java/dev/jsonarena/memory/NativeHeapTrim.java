package dev.jsonarena.memory;

import java.lang.management.ManagementFactory;
import javax.management.ObjectName;

/**
 * Asks the JVM to return free C-heap memory to the operating system, after the pool has released
 * chunks.
 *
 * <p><b>Why.</b> A chunk is native memory from the JDK's allocator, which is {@code malloc}. Closing
 * the chunk's arena {@code free}s it, but glibc keeps freed blocks of up to 32 MiB resident once its
 * sliding mmap threshold has risen (which the first freed chunk causes), so without this step the
 * pool's reserved bytes fall to zero while the process's RSS stays high (measured by
 * {@code MemoryNativeIT}: +61 to +241 MiB after the second 256 MiB spike). The JDK's
 * {@code System.trim_native_heap} diagnostic command runs {@code malloc_trim}, which gives those
 * pages back (measured: 289 MiB to 112 MiB in 12 ms).
 *
 * <p>It is invoked through the platform MBean server, the supported way to run a diagnostic command
 * in-process, and is best effort: where the command does not exist (other C libraries, other
 * platforms) nothing happens. The first call pays for creating the platform MBean server (about
 * 0.3 s); later calls cost what {@code malloc_trim} costs. Only {@link Pool#trim()} and the
 * scavenger call it, and only after releasing at least one chunk, never on a request path.
 *
 * <p>Thread-safety: safe from any thread.
 */
final class NativeHeapTrim {
    private static volatile boolean unavailable;

    private NativeHeapTrim() {}

    /** {@return whether the JVM ran the trim} */
    static boolean run() {
        if (unavailable) {
            return false;
        }
        try {
            ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "systemTrimNativeHeap",
                    new Object[] {new String[0]},
                    new String[] {String[].class.getName()});
            return true;
        } catch (Exception | LinkageError e) {
            unavailable = true;
            return false;
        }
    }
}
