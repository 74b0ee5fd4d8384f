package dev.jsonarena.cli;

import dev.jsonarena.JsonArena;
import dev.jsonarena.JsonException;
import dev.jsonarena.JsonFormat;
import dev.jsonarena.JsonLimitException;
import dev.jsonarena.JsonLimits;
import dev.jsonarena.JsonParseException;
import dev.jsonarena.JsonPool;
import dev.jsonarena.JsonValue;
import dev.jsonarena.memory.ArenaMemory;
import dev.jsonarena.memory.Pool;
import dev.jsonarena.memory.PoolSettings;
import dev.jsonarena.tape.Document;
import dev.jsonarena.tape.DocumentStats;
import dev.jsonarena.tape.Documents;
import dev.jsonarena.tape.Errors;
import dev.jsonarena.tape.Parser;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The command-line tool: {@code inspect}, {@code pointer}, {@code validate} and {@code help} (see
 * {@link #USAGE}).
 * It parses with the default pool and the default {@link dev.jsonarena.JsonLimits}, as a server
 * using the library would. Run it through Maven with the JDK the build selects (README).
 *
 * <p>Exit codes: 0 success (and the usage asked for with {@code help}, {@code -h} or
 * {@code --help}); 1 an input is not valid JSON, cannot be read, or has no value at the pointer;
 * 2 bad arguments: the usage is printed to the error stream, then one line naming the problem and,
 * when the intended command can be guessed (a file given without a command, a misspelled command),
 * the command line meant.
 *
 * <p>Thread-safety: {@link #run} keeps no state between calls; it may run concurrently.
 */
public final class Main {
    private Main() {}

    /** Parses timed by {@code inspect}, after the warm-up; the median is reported. */
    static final int TIMED_PARSES = 20;
    /** The warm-up of {@code inspect} parses for this long (or {@link #WARMUP_MAX_PARSES} times). */
    static final long WARMUP_NANOS = 2_000_000_000L;
    /** The most warm-up parses. */
    static final int WARMUP_MAX_PARSES = 2000;

    static final String USAGE = """
            usage: jsonarena COMMAND ARGS
              inspect FILE                     validity (or the error and its position), counts,
                                               arena bytes by kind, parse time and throughput
              inspect --first-existing FILE... inspect the first FILE that exists
              pointer [--pretty] FILE POINTER  the value at the JSON Pointer (RFC 6901) as JSON
              validate FILE...                 one line per file; exit 0 if all are valid
              help (or -h, --help)             this message
            exit codes: 0 success, 1 invalid or unreadable input or no value at the pointer,
                        2 bad arguments""";

    /** The commands, in the order of {@link #USAGE}. */
    static final List<String> COMMANDS = List.of("inspect", "pointer", "validate", "help");

    /**
     * Runs the tool and exits the JVM with its exit code.
     *
     * @param args the command and its arguments
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs one command.
     *
     * @param args the command and its arguments
     * @param out where results go
     * @param err where errors and the usage message go
     * @return the exit code: 0, 1 or 2 (see the class javadoc)
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            return usage(err, "no command (to inspect a file: inspect FILE)");
        }
        if (isHelp(args[0]) || (args.length == 2 && isHelp(args[1]) && COMMANDS.contains(args[0]))) {
            out.println(USAGE);
            out.flush();
            return 0;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            return switch (args[0]) {
                case "inspect" -> inspect(rest, out, err);
                case "pointer" -> pointer(rest, out, err);
                case "validate" -> validate(rest, out, err);
                default -> usage(err, unknownCommand(Arrays.asList(args)));
            };
        } catch (InvalidPathException e) {
            return usage(err, "not a file path: " + e.getMessage());
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static boolean isHelp(String arg) {
        return arg.equals("help") || arg.equals("--help") || arg.equals("-h");
    }

    /** Prints the usage, then the problem on one line (the last line, nearest to the prompt), and returns 2. */
    private static int usage(PrintStream err, String problem) {
        err.println(USAGE);
        err.println("jsonarena: " + problem);
        err.flush();
        return 2;
    }

    /**
     * {@return the one-line problem for a first argument that is not a command, with the command
     * line meant when one can be guessed}: a file (one that exists, or a name with a {@code /} or a
     * {@code .}) given without a command is inspected (two arguments, a file and a pointer, are a
     * {@code pointer}; several files are validated), and a misspelled or shortened command is the
     * command it is closest to
     */
    static String unknownCommand(List<String> args) {
        String suggestion = suggestion(args);
        String problem = "unknown command " + quote(args.get(0));
        return suggestion == null ? problem : problem + "; did you mean: " + suggestion + "?";
    }

    private static String suggestion(List<String> args) {
        String first = args.get(0);
        List<String> rest = args.subList(1, args.size());
        if (first.equals("--pretty") || first.equals("--first-existing")) {
            return commandLine(first.equals("--pretty") ? "pointer" : "inspect", args);
        }
        if (!isFile(first)) {
            String command = closestCommand(first);
            if (command != null) {
                return commandLine(command, rest);
            }
            if (!first.contains("/") && !first.contains(".")) {
                return null; // neither a command nor a file name
            }
        }
        if (args.size() == 1) {
            return commandLine("inspect", args);
        }
        if (args.size() == 2 && (args.get(1).isEmpty() || args.get(1).startsWith("/")) && !isFile(args.get(1))) {
            return commandLine("pointer", args);
        }
        return commandLine("validate", args);
    }

    /** {@return the command {@code word} is a prefix of or at most two edits from, or null} */
    private static String closestCommand(String word) {
        String best = null;
        int bestDistance = 3;
        for (String c : COMMANDS) {
            int d = word.length() >= 3 && c.startsWith(word) ? 0 : editDistance(word, c);
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return best;
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }

    private static boolean isFile(String arg) {
        try {
            return !arg.isEmpty() && Files.exists(Path.of(arg));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private static String commandLine(String command, List<String> args) {
        StringBuilder b = new StringBuilder(command);
        for (String a : args) {
            b.append(' ').append(quote(a));
        }
        return b.toString();
    }

    /** {@return {@code arg} as typed on a command line: quoted when it is empty or has a space} */
    private static String quote(String arg) {
        return arg.isEmpty() || arg.chars().anyMatch(Character::isWhitespace) ? '"' + arg + '"' : arg;
    }

    // ---- inspect ----

    private static int inspect(List<String> args, PrintStream out, PrintStream err) {
        Path file;
        if (!args.isEmpty() && args.get(0).equals("--first-existing")) {
            if (args.size() < 2) {
                return usage(err, "inspect --first-existing needs at least one FILE");
            }
            file = args.subList(1, args.size()).stream().map(Path::of).filter(Files::isRegularFile).findFirst()
                    .orElse(null);
            if (file == null) {
                err.println("jsonarena: none of these files exists: " + String.join(", ", args.subList(1, args.size())));
                return 1;
            }
        } else if (args.size() == 1 && !args.get(0).startsWith("--")) {
            file = Path.of(args.get(0));
        } else {
            return usage(err, "inspect needs one FILE (or --first-existing FILE...)");
        }
        byte[] json;
        long max = JsonLimits.defaults().maxDocumentBytes();
        try {
            json = readAtMost(file, max);
        } catch (IOException e) {
            err.println("jsonarena: cannot read " + file + ": " + e);
            return 1;
        }
        try {
            Errors.checkDocumentBytes(json.length, max);
        } catch (JsonLimitException e) {
            line(out, "file", file.toString());
            line(out, "valid", "no");
            describe(e, out);
            return 1;
        }
        line(out, "file", file.toString());
        line(out, "size", n(json.length) + " bytes");
        try (JsonArena arena = JsonArena.open()) {
            try {
                arena.parse(json);
            } catch (JsonException e) {
                line(out, "valid", "no");
                describe(e, out);
                return 1;
            }
            line(out, "valid", "yes");
            measure(json, out);
            timing(arena, json, out);
        }
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        line(out, "runtime", "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + "), "
                + Runtime.getRuntime().availableProcessors() + " processors, load average "
                + (load < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f", load))
                + " (times are noisy when it exceeds the processors)");
        return 0;
    }

    /**
     * Parses {@code json} (valid: the public parse accepted it) once more, into an arena of a pool
     * of the tool's own, where the tool can see the document the parser built: its counts and its
     * bytes by kind. The public API shows no document behind a value, so the tool drives the parser
     * as the API does.
     */
    private static void measure(byte[] json, PrintStream out) {
        Pool pool = new Pool(new PoolSettings("inspect", JsonPool.DEFAULT_CHUNK_BYTES, JsonPool.DEFAULT_CAP_BYTES,
                0, 0, PoolSettings.ARENA_INITIAL_BLOCK_BYTES, PoolSettings.ARENA_MAX_BLOCK_BYTES, 0));
        try {
            ArenaMemory memory = pool.open(Long.MAX_VALUE);
            try {
                Documents documents = Documents.of(memory);
                Document doc = documents.next(memory);
                new Parser().parse(doc, json, 0, json.length, JsonLimits.defaults(), ThreadLocalRandom.current().nextLong());
                documents.commit();
                counts(DocumentStats.of(doc, 0), doc, out);
                bytes(doc, memory.reserved(), json.length, out);
            } finally {
                memory.close();
            }
        } finally {
            pool.close();
        }
    }

    private static void counts(DocumentStats s, Document doc, PrintStream out) {
        line(out, "values", n(s.values()) + ": objects " + n(s.objects()) + ", arrays " + n(s.arrays())
                + ", strings " + n(s.strings()) + ", numbers " + n(s.numbers()) + ", true " + n(s.trues())
                + ", false " + n(s.falses()) + ", null " + n(s.nulls()));
        line(out, "numbers", "int " + n(s.ints()) + ", dec " + n(s.decs()) + ", text " + n(s.texts())
                + " (tape forms: 60-bit integer / up to 19 digits without exponent / kept as text)");
        line(out, "keys", n(s.members()) + " member names, " + n(doc.keyCount()) + " distinct (each stored once)");
        line(out, "tokens", n(s.tokens()) + " (values + member names, as the token limit counts them)");
        line(out, "max depth", n(s.maxDepth()));
    }

    private static void bytes(Document doc, long reserved, long inputBytes, PrintStream out) {
        long tape = 8L * doc.tapeWords();
        long strings = doc.stringBytes();
        long gap = doc.regionBytes() - tape - strings;
        long keys = doc.keyTableBytes();
        long total = doc.regionBytes() + keys;
        line(out, "arena bytes", pad(tape) + " tape (" + n(doc.tapeWords()) + " words of 8 bytes)");
        line(out, "", pad(strings) + " strings (unescaped strings, member names, number texts)");
        line(out, "", pad(gap) + " alignment and unused room between strings and tape");
        line(out, "", pad(keys) + " key table (" + n(doc.keyCount()) + " entries and lookup slots)");
        line(out, "", pad(total) + " total, " + perByte(total, inputBytes) + " per input byte");
        line(out, "", pad(reserved) + " reserved by the arena from its pool, " + perByte(reserved, inputBytes)
                + " per input byte");
    }

    private static void timing(JsonArena arena, byte[] json, PrintStream out) {
        long start = System.nanoTime();
        int warmups = 0;
        while (warmups < WARMUP_MAX_PARSES && System.nanoTime() - start < WARMUP_NANOS) {
            arena.reset();
            arena.parse(json);
            warmups++;
        }
        long[] nanos = new long[TIMED_PARSES];
        for (int i = 0; i < nanos.length; i++) {
            arena.reset();
            long t0 = System.nanoTime();
            arena.parse(json);
            nanos[i] = System.nanoTime() - t0;
        }
        Arrays.sort(nanos);
        long median = (nanos[(TIMED_PARSES - 1) / 2] + nanos[TIMED_PARSES / 2]) / 2;
        line(out, "parse time", String.format(Locale.ROOT, "%.3f ms median of %d parses after %d warm-up parses"
                        + " (min %.3f, max %.3f ms)", median / 1e6, TIMED_PARSES, warmups, nanos[0] / 1e6,
                nanos[TIMED_PARSES - 1] / 1e6));
        line(out, "throughput", String.format(Locale.ROOT, "%.1f MB/s (input bytes / median parse time; 1 MB = 10^6 bytes)",
                json.length / (median / 1e9) / 1e6));
    }

    private static void describe(JsonException e, PrintStream out) {
        if (e instanceof JsonParseException p) {
            line(out, "error", "expected " + p.expected() + ", found " + p.found());
            line(out, "position", "byte offset " + p.offset() + ", line " + p.line() + ", column " + p.column());
            line(out, "excerpt", p.excerpt());
        } else if (e instanceof JsonLimitException l) {
            line(out, "error", "limit " + l.limit().setting() + " passed (configured: " + n(l.limitValue()) + ")");
            line(out, "position", "byte offset " + l.offset() + (l.line() > 0 ? ", line " + l.line() + ", column " + l.column() : ""));
        } else {
            line(out, "error", e.getMessage());
        }
    }

    private static void line(PrintStream out, String label, String value) {
        out.printf(Locale.ROOT, "%-12s %s%n", label, value);
    }

    private static String n(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    private static String pad(long v) {
        return String.format(Locale.ROOT, "%,13d", v);
    }

    private static String perByte(long bytes, long input) {
        return input == 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", (double) bytes / input);
    }

    /**
     * {@return the bytes of {@code file}, read as a stream (so pipes, {@code /dev/stdin} and
     * {@code /proc} files read whole), but never more than {@code max + 1} of them}: the caller
     * refuses a longer file without having held it
     *
     * @throws IOException if the file cannot be read, or is a directory
     */
    static byte[] readAtMost(Path file, long max) throws IOException {
        if (Files.isDirectory(file)) {
            throw new FileSystemException(file.toString(), null, "is a directory (expected: a file of JSON)");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        }
    }

    // ---- pointer ----

    private static int pointer(List<String> args, PrintStream out, PrintStream err) {
        boolean pretty = !args.isEmpty() && args.get(0).equals("--pretty");
        List<String> a = pretty ? args.subList(1, args.size()) : args;
        if (a.size() != 2) {
            return usage(err, "pointer needs FILE and POINTER");
        }
        Path file = Path.of(a.get(0));
        String pointer = a.get(1);
        try (JsonArena arena = JsonArena.open()) {
            JsonValue root = arena.parseFile(file);
            JsonValue v = root.at(pointer);
            if (v == null) {
                err.println("jsonarena: no value at " + pointer + " in " + file);
                return 1;
            }
            v.writeTo(out, pretty ? JsonFormat.PRETTY : JsonFormat.COMPACT);
            out.println();
            return 0;
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        } catch (JsonException e) {
            err.println("jsonarena: " + file + " is not valid: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("jsonarena: cannot read " + file + ": " + e);
            return 1;
        }
    }

    // ---- validate ----

    private static int validate(List<String> files, PrintStream out, PrintStream err) {
        if (files.isEmpty()) {
            return usage(err, "validate needs at least one FILE");
        }
        int code = 0;
        try (JsonArena arena = JsonArena.open()) {
            for (String f : files) {
                arena.reset();
                try {
                    arena.parseFile(Path.of(f));
                    out.println(f + ": valid");
                } catch (JsonException e) {
                    out.println(f + ": invalid: " + e.getMessage());
                    code = 1;
                } catch (IOException | InvalidPathException e) {
                    out.println(f + ": unreadable: " + e);
                    code = 1;
                }
            }
        }
        return code;
    }
}
