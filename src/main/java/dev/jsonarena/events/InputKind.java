package dev.jsonarena.events;

/**
 * The input kinds a {@code dev.jsonarena.Parse} event names, as compile-time constants: using
 * them loads no class (they are copied into the caller), which keeps the gate of {@link Jfr}
 * the only code a parse runs while nothing records.
 *
 * <p>Thread-safety: constants only.
 */
public final class InputKind {
    private InputKind() {}

    /** A {@code byte[]} or a heap {@code ByteBuffer} with an accessible array, parsed in place. */
    public static final String BYTES = "byte[]";
    /** A {@code MemorySegment}, or a direct or read-only {@code ByteBuffer}. */
    public static final String SEGMENT = "segment";
    /** An {@code InputStream}, read a window at a time. */
    public static final String STREAM = "stream";
    /** A {@code ReadableByteChannel}, read a window at a time. */
    public static final String CHANNEL = "channel";
    /** A file given by its path ({@code parseFile}). */
    public static final String FILE = "file";
    /** One record of a {@code JsonRecordReader}. */
    public static final String RECORD = "record";
}
