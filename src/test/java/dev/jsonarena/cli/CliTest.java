package dev.jsonarena.cli;

import static org.junit.jupiter.api.Assertions.*;

import dev.jsonarena.testing.ReferenceJson;
import dev.jsonarena.testing.ReferenceJson.JValue;
import dev.jsonarena.testing.SharedCorpus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command-line tool run in-process through {@link Main#run}: {@code inspect} (counts checked
 * against the reference parser's tree, the error position of invalid input, limits,
 * {@code --first-existing}), {@code pointer} (compact and pretty, absent values, bad pointers),
 * {@code validate} (one line per file, exit code), the usage message with exit code 2 and the
 * command line meant when it can be guessed, and {@code help} with exit code 0.
 */
class CliTest {
    static final Path SAMPLE = Path.of("docs/sample.json");
    static final Path TWITTER = SharedCorpus.directory().resolve("twitter.json");

    @TempDir
    Path tmp;

    /** The exit code and what was printed. */
    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path file(String name, String content) throws IOException {
        Path f = tmp.resolve(name);
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f;
    }

    /** {@return the value after the label of the line starting with {@code label}} */
    private static String field(String out, String label) {
        for (String line : out.split("\n")) {
            if (line.startsWith(label + " ")) {
                return line.substring(label.length()).trim();
            }
        }
        throw new AssertionError("no line '" + label + "' in:\n" + out);
    }

    private static String n(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    /** Counts of a reference tree: values, member names, distinct names, depth. */
    private static final class Counts {
        long values;
        long members;
        final Set<String> names = new HashSet<>();
        int depth;

        Counts(JValue v) {
            walk(v, 0);
        }

        private void walk(JValue v, int level) {
            values++;
            if (v instanceof ReferenceJson.JObject o) {
                depth = Math.max(depth, level + 1);
                for (Map.Entry<String, JValue> m : o.members()) {
                    members++;
                    names.add(m.getKey());
                    walk(m.getValue(), level + 1);
                }
            } else if (v instanceof ReferenceJson.JArray a) {
                depth = Math.max(depth, level + 1);
                for (JValue e : a.elements()) {
                    walk(e, level + 1);
                }
            }
        }
    }

    private static void assertInspects(Path f, Result r) throws IOException {
        assertEquals(0, r.code(), r.err());
        byte[] json = Files.readAllBytes(f);
        Counts c = new Counts(ReferenceJson.parse(json));
        assertEquals(f.toString(), field(r.out(), "file"));
        assertEquals(n(json.length) + " bytes", field(r.out(), "size"));
        assertEquals("yes", field(r.out(), "valid"));
        assertTrue(field(r.out(), "values").startsWith(n(c.values) + ": objects "), r.out());
        assertEquals(n(c.members) + " member names, " + n(c.names.size()) + " distinct (each stored once)", field(r.out(), "keys"));
        assertTrue(field(r.out(), "tokens").startsWith(n(c.values + c.members) + " "), r.out());
        assertEquals(n(c.depth), field(r.out(), "max depth"));
        assertTrue(field(r.out(), "arena bytes").endsWith("words of 8 bytes)"), r.out());
        for (String kind : new String[] {" strings ", " key table ", " total, ", " reserved by the arena "}) {
            assertTrue(r.out().contains(kind), kind + " in:\n" + r.out());
        }
        assertTrue(r.out().contains(" per input byte"), r.out());
        assertTrue(field(r.out(), "parse time").matches("[0-9.]+ ms median of 20 parses after [0-9]+ warm-up parses .*"), r.out());
        assertTrue(field(r.out(), "throughput").matches("[0-9.]+ MB/s .*"), r.out());
        assertTrue(field(r.out(), "runtime").startsWith("Java " + Runtime.version().feature()), r.out());
    }

    @Test
    void inspectReportsCountsBytesAndSpeedOfTheSample() throws IOException {
        assertInspects(SAMPLE, run("inspect", SAMPLE.toString()));
    }

    @Test
    void inspectTheSharedCorpusWhenPresent() throws IOException {
        SharedCorpus.file(TWITTER.getFileName().toString());
        assertInspects(TWITTER, run("inspect", TWITTER.toString()));
    }

    @Test
    void inspectFirstExistingTakesTheFirstFileThatExists() throws IOException {
        String missing = tmp.resolve("missing.json").toString();
        assertInspects(SAMPLE, run("inspect", "--first-existing", missing, SAMPLE.toString(), TWITTER.toString()));
        Result none = run("inspect", "--first-existing", missing);
        assertEquals(1, none.code());
        assertTrue(none.err().contains("none of these files exists: " + missing), none.err());
    }

    @Test
    void inspectOfInvalidJsonPrintsTheErrorAndItsPosition() throws IOException {
        Path f = file("bad.json", "{\"a\": [1,\n 2}\n");
        Result r = run("inspect", f.toString());
        assertEquals(1, r.code());
        assertEquals("no", field(r.out(), "valid"));
        assertEquals("byte offset 12, line 2, column 3", field(r.out(), "position"));
        assertTrue(field(r.out(), "error").startsWith("expected ',' or ']' after an array element, found '}'"), r.out());
        assertFalse(r.out().contains("parse time"), r.out());
    }

    @Test
    void inspectOfADocumentOverALimitNamesTheLimit() throws IOException {
        Path f = file("deep.json", "[".repeat(513) + "]".repeat(513));
        Result r = run("inspect", f.toString());
        assertEquals(1, r.code());
        assertEquals("no", field(r.out(), "valid"));
        assertEquals("limit maxDepth passed (configured: 512)", field(r.out(), "error"));
        assertEquals("byte offset 512, line 1, column 513", field(r.out(), "position"));
    }

    @Test
    void inspectOfAMissingFileFails() {
        Result r = run("inspect", tmp.resolve("nope.json").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("cannot read"), r.err());
    }

    @Test
    void everyCommandRefusesADirectoryNamingIt(@TempDir Path dir) {
        for (String[] args : new String[][] {{"inspect", dir.toString()}, {"validate", dir.toString()},
                {"pointer", dir.toString(), "/a"}}) {
            Result r = run(args);
            assertEquals(1, r.code(), String.join(" ", args));
            assertTrue((r.out() + r.err()).contains(dir.toString()) && (r.out() + r.err()).contains("directory"),
                    r.out() + r.err());
        }
    }

    @Test
    void filesThatAreNotRegularAreReadAsStreams() {
        Path proc = Path.of("/proc/self/status"); // size 0 on disk, text when read: not JSON
        Assumptions.assumeTrue(Files.isReadable(proc), "needs /proc");
        Result r = run("validate", proc.toString());
        assertEquals(1, r.code());
        assertFalse(r.out().contains("end of input"), r.out()); // read as a stream, not as an empty file
        Result i = run("inspect", proc.toString());
        assertEquals(1, i.code());
        assertFalse(i.out().contains("found end of input"), i.out());
    }

    @Test
    void pointerPrintsTheValueAsJson() {
        Result r = run("pointer", SAMPLE.toString(), "/events/2/user/name");
        assertEquals(0, r.code(), r.err());
        assertEquals("\"\u6e21\u8fba \u3055\u304f\u3089\"\n", r.out());
        assertEquals("{\"sku\":\"KB-104\",\"qty\":1,\"price\":89.90}\n",
                run("pointer", SAMPLE.toString(), "/events/0/order/items/0").out());
        assertEquals("{\n  \"sku\": \"MS-220\",\n  \"qty\": 2,\n  \"price\": 20.00\n}\n",
                run("pointer", "--pretty", SAMPLE.toString(), "/events/0/order/items/1").out());
        assertEquals("18446744073709551616\n", run("pointer", SAMPLE.toString(), "/events/3/metrics/bytes_out").out());
        assertTrue(run("pointer", SAMPLE.toString(), "").out().startsWith("{\"source\":\"checkout-service\","));
    }

    @Test
    void pointerToNothingExitsOne() {
        Result r = run("pointer", SAMPLE.toString(), "/events/9");
        assertEquals(1, r.code());
        assertEquals("", r.out());
        assertTrue(r.err().contains("no value at /events/9 in " + SAMPLE), r.err());
    }

    @Test
    void pointerOfInvalidInputOrBadPointer() throws IOException {
        Result invalid = run("pointer", file("bad.json", "[1,]").toString(), "/0");
        assertEquals(1, invalid.code());
        assertTrue(invalid.err().contains("is not valid: expected"), invalid.err());
        Result bad = run("pointer", SAMPLE.toString(), "events");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("jsonPointer: \"events\""), bad.err());
        assertTrue(bad.err().contains("usage:"), bad.err());
    }

    @Test
    void validatePrintsOneLinePerFileAndExitsOneIfAnyIsInvalid() throws IOException {
        Path good = file("good.json", "{\"a\":[1,2,3]}");
        Path bad = file("bad.json", "{\"a\":01}");
        Path missing = tmp.resolve("missing.json");
        Result r = run("validate", good.toString(), bad.toString(), missing.toString(), SAMPLE.toString());
        assertEquals(1, r.code());
        String[] lines = r.out().split("\n");
        assertEquals(4, lines.length, r.out());
        assertEquals(good + ": valid", lines[0]);
        assertTrue(lines[1].startsWith(bad + ": invalid: expected "), lines[1]);
        assertTrue(lines[1].contains("line 1, column 7 (byte offset 6)"), lines[1]);
        assertTrue(lines[2].startsWith(missing + ": unreadable: java.nio.file.NoSuchFileException"), lines[2]);
        assertEquals(SAMPLE + ": valid", lines[3]);
        Result ok = run("validate", good.toString(), SAMPLE.toString());
        assertEquals(0, ok.code());
        assertEquals(good + ": valid\n" + SAMPLE + ": valid\n", ok.out());
    }

    @Test
    void badArgumentsPrintTheUsageAndExitTwo() {
        String[][] bad = {{}, {"frobnicate"}, {"inspect"}, {"inspect", "a.json", "b.json"}, {"inspect", "--first-existing"},
                {"pointer", SAMPLE.toString()}, {"pointer", "--pretty", SAMPLE.toString()}, {"validate"}};
        for (String[] args : bad) {
            Result r = run(args);
            assertEquals(2, r.code(), String.join(" ", args));
            assertTrue(r.err().startsWith("usage: jsonarena COMMAND ARGS"), r.err());
            assertEquals("", r.out());
        }
    }

    /** {@return the last line of {@code text}, which names the problem of a bad invocation} */
    private static String lastLine(String text) {
        String[] lines = text.split("\n");
        return lines[lines.length - 1];
    }

    @Test
    void helpAndItsShortFormsPrintTheUsageToStandardOutputAndExitZero() {
        for (String[] args : new String[][] {{"--help"}, {"-h"}, {"help"}, {"help", "inspect"}, {"inspect", "--help"},
                {"pointer", "-h"}}) {
            Result r = run(args);
            assertEquals(0, r.code(), String.join(" ", args));
            assertTrue(r.out().startsWith("usage: jsonarena COMMAND ARGS"), r.out());
            assertTrue(r.out().contains("help (or -h, --help)"), r.out());
            assertEquals("", r.err());
        }
    }

    @Test
    void theUsageNamesEveryCommand() {
        for (String command : Main.COMMANDS) {
            assertTrue(Main.USAGE.contains("\n  " + command + " "), command + " in:\n" + Main.USAGE);
        }
    }

    @Test
    void aFileWithoutACommandPrintsTheUsageThenSuggestsInspect() {
        Result r = run(SAMPLE.toString());
        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("usage: jsonarena COMMAND ARGS"), r.err());
        assertEquals("jsonarena: unknown command docs/sample.json; did you mean: inspect docs/sample.json?", lastLine(r.err()));
        // a file name that does not exist (yet) is still recognised by its dot or slash
        assertEquals("jsonarena: unknown command events.json; did you mean: inspect events.json?",
                lastLine(run("events.json").err()));
    }

    @Test
    void aFileAndAPointerWithoutACommandSuggestPointer() {
        assertEquals("jsonarena: unknown command docs/sample.json; did you mean: pointer docs/sample.json /events/0?",
                lastLine(run(SAMPLE.toString(), "/events/0").err()));
        assertEquals("jsonarena: unknown command docs/sample.json; did you mean: pointer docs/sample.json \"\"?",
                lastLine(run(SAMPLE.toString(), "").err()));
        assertEquals("jsonarena: unknown command --pretty; did you mean: pointer --pretty docs/sample.json /events?",
                lastLine(run("--pretty", SAMPLE.toString(), "/events").err()));
    }

    @Test
    void severalFilesWithoutACommandSuggestValidate() throws IOException {
        Path other = file("other.json", "[]");
        Result r = run(SAMPLE.toString(), other.toString());
        assertEquals(2, r.code());
        assertEquals("jsonarena: unknown command docs/sample.json; did you mean: validate docs/sample.json " + other + "?",
                lastLine(r.err()));
    }

    @Test
    void aMisspelledOrShortenedCommandSuggestsTheCommand() {
        assertEquals("jsonarena: unknown command inspetc; did you mean: inspect docs/sample.json?",
                lastLine(run("inspetc", SAMPLE.toString()).err()));
        assertEquals("jsonarena: unknown command valid; did you mean: validate a.json b.json?",
                lastLine(run("valid", "a.json", "b.json").err()));
        assertEquals("jsonarena: unknown command Pointer; did you mean: pointer docs/sample.json /a?",
                lastLine(run("Pointer", SAMPLE.toString(), "/a").err()));
    }

    @Test
    void anUnknownWordGetsTheUsageAndNoGuess() {
        Result r = run("frobnicate", "x");
        assertEquals(2, r.code());
        assertEquals("jsonarena: unknown command frobnicate", lastLine(r.err()));
        assertEquals("jsonarena: no command (to inspect a file: inspect FILE)", lastLine(run().err()));
    }

    @Test
    void theJvmExitsWithTheCodeOfTheCommand() throws Exception {
        // the tool as the cli Maven profile runs it: its own JVM, the module from target/classes
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process p = new ProcessBuilder(java, "--module-path", "target/classes", "--module",
                "dev.jsonarena/dev.jsonarena.cli.Main", SAMPLE.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, p.waitFor(), err);
        assertEquals("jsonarena: unknown command docs/sample.json; did you mean: inspect docs/sample.json?", lastLine(err));
    }
}
