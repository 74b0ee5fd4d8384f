package dev.jsonarena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jsonarena.RecordReaderTest.ChunkedStream;
import dev.jsonarena.testing.JsonGenerator;
import dev.jsonarena.testing.Property;
import dev.jsonarena.testing.Property.Gen;
import dev.jsonarena.testing.ReferenceJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonRecordReader#as(Class)}: records bound to a type as they are read, straight from the
 * reader's window when a record lies there whole, else parsed and bound from the document. A
 * generated stream of log records (members present or absent, in any order, unknown ones, values of
 * the wrong type, malformed lines, records longer than the window) read through every input kind
 * and both error policies must give exactly what binding each record alone from its parsed document
 * gives, with every error at its record number, line and offset. The named tests pin one rule
 * each: the direct reading takes no arena memory, null records, one iterator, the codecs' options,
 * views inside records, and record constructors that close or call the reader or close the arena.
 */
class RecordReaderBindingTest extends ArenaFixture {
    private static final byte RS = 0x1E;

    enum Level { DEBUG, INFO, WARN, ERROR }

    record User(long id, String name) {}

    record Log(String ts, Level level, int code, Long count, Double ratio, Boolean ok, List<String> tags, User user,
               Optional<String> note) {}

    // ------------------------------------------------------------------ generation

    /** {@code s} as a JSON string literal. */
    static String quoted(String s) {
        JsonWriter w = JsonWriter.buffered();
        w.value(s);
        return w.toString();
    }

    /** A value for member {@code k} of {@link Log}: usually of its type, sometimes not (a bind error). */
    static String member(Gen gen, int k, JsonGenerator text) {
        if (gen.chance(0.03)) { // a value of another kind
            return gen.pick("\"x\"", "1.5", "3000000000", "[]", "{}", "true", "\"NOPE\"", "-0", "1e400");
        }
        return switch (k) {
            case 0 -> quoted(gen.chance(0.9) ? "2026-12-06T10:" + gen.nextInt(60) + ":00Z" : text.string());
            case 1 -> gen.chance(0.05) ? "null" : quoted(gen.pick(Level.values()).name());
            case 2 -> Integer.toString(gen.intBetween(-1000, 100_000));
            case 3 -> gen.chance(0.2) ? "null" : Long.toString(gen.nextLong());
            case 4 -> gen.chance(0.2) ? "null" : gen.pick("0.5", "12.25", "-3e-5", "0", "1E2", Double.toString(gen.nextDouble()));
            case 5 -> gen.pick("true", "false", "null");
            case 6 -> {
                StringBuilder sb = new StringBuilder("[");
                for (int i = gen.nextInt(4); i > 0; i--) {
                    sb.append(sb.length() > 1 ? "," : "").append(quoted(text.string()));
                }
                yield sb.append(']').toString();
            }
            case 7 -> gen.chance(0.1) ? "null" : "{\"id\":" + gen.nextInt(1_000_000) + ",\"name\":" + quoted(text.string()) + "}";
            default -> gen.chance(0.02) ? quoted("n".repeat(gen.intBetween(70_000, 100_000))) // longer than the window
                    : quoted(text.string());
        };
    }

    private static final String[] NAMES = {"ts", "level", "code", "count", "ratio", "ok", "tags", "user", "note"};

    /** One record's JSON text, on one line (no raw line feed: the writer escapes every control character). */
    static String record(Gen gen, JsonGenerator text) {
        if (gen.chance(0.02)) {
            return "null";
        }
        List<Integer> order = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8));
        if (gen.chance(0.2)) {
            gen.shuffle(order);
        }
        StringBuilder sb = new StringBuilder("{");
        for (int k : order) {
            if (gen.chance(k == 2 ? 0.02 : 0.25)) {
                continue; // absent: null, empty or a bind error for the primitive
            }
            if (gen.chance(0.05)) { // a member the type does not have
                sb.append(sb.length() > 1 ? "," : "").append(quoted(text.string())).append(':').append(text.numberText());
            }
            sb.append(sb.length() > 1 ? "," : "").append('"').append(NAMES[k]).append("\":").append(member(gen, k, text));
            if (gen.chance(0.01)) { // a duplicate: refused by the parse's default policy
                sb.append(",\"").append(NAMES[k]).append("\":").append(member(gen, k, text));
            }
        }
        String json = sb.append('}').toString();
        if (gen.chance(0.03)) { // malformed: cut short (never to nothing, which would be a blank record) or a colon left out
            return gen.nextBoolean() ? json.substring(0, 1 + gen.nextInt(json.length() - 1)) : json.replaceFirst(":", "");
        }
        return json;
    }

    /**
     * {@code json} as written, or laid out otherwise: whitespace between its tokens (in a text
     * sequence or an array, line feeds too: a JSON Lines record is one line), whitespace after it,
     * or (but in an array, where it would be an error of the array's punctuation) a second value
     * after it (an error).
     */
    static String laidOut(Gen gen, String json, JsonRecordFormat format) {
        if (gen.chance(0.1)) {
            StringBuilder sb = new StringBuilder();
            boolean inString = false;
            for (int i = 0; i < json.length(); i++) {
                char c = json.charAt(i);
                if (inString && c == '\\' && i + 1 < json.length()) { // a record cut short may end in a backslash
                    sb.append(c).append(json.charAt(++i));
                    continue;
                }
                if (!inString && (c == '}' || c == ']') && gen.chance(0.3)) {
                    sb.append(space(gen, format));
                }
                sb.append(c);
                if (c == '"') {
                    inString = !inString;
                } else if (!inString && "{[,:".indexOf(c) >= 0 && gen.chance(0.5)) {
                    sb.append(space(gen, format));
                }
            }
            json = sb.toString();
        }
        if (gen.chance(0.1)) {
            json += gen.pick(" ", "\t", "  \t ");
        }
        if (format != JsonRecordFormat.ARRAY && gen.chance(0.02)) {
            json += gen.pick(" 1", "{}", " \"x\"", ",2");
        }
        return json;
    }

    private static String space(Gen gen, JsonRecordFormat format) {
        return format == JsonRecordFormat.LINES ? gen.pick(" ", "\t", "  ", "\r") : gen.pick(" ", "\n", "\t", "\r\n  ");
    }

    /** A stream and, per record, its text and where it starts. */
    record Stream(JsonRecordFormat format, byte[] bytes, List<String> texts, List<Long> lines, List<Integer> offsets) {
        /** {@return record {@code i}'s bytes as the reader sees them: from its text to its delimiter (an array's element: its text), whitespace included} */
        byte[] recordBytes(int i) {
            int from = offsets.get(i);
            if (format == JsonRecordFormat.ARRAY) {
                return Arrays.copyOfRange(bytes, from, from + texts.get(i).getBytes(StandardCharsets.UTF_8).length);
            }
            byte delimiter = format == JsonRecordFormat.LINES ? (byte) '\n' : RS;
            int to = from;
            while (to < bytes.length && bytes[to] != delimiter) {
                to++;
            }
            return Arrays.copyOfRange(bytes, from, to);
        }
    }

    static Stream stream(Gen gen, JsonRecordFormat format) {
        if (format == JsonRecordFormat.ARRAY) {
            return array(gen);
        }
        JsonGenerator text = new JsonGenerator(gen);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> texts = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        List<Integer> offsets = new ArrayList<>();
        long line = 1;
        int n = 1 + gen.sized(60);
        for (int i = 0; i < n; i++) {
            if (format == JsonRecordFormat.SEQUENCE) {
                out.write(RS);
            }
            if (gen.chance(0.1)) { // a blank record
                out.writeBytes(gen.pick(" ", "\t", "", "\r").getBytes(StandardCharsets.US_ASCII));
            } else {
                String lead = gen.pick("", "", "", " ", "\t ");
                out.writeBytes(lead.getBytes(StandardCharsets.US_ASCII));
                String json = laidOut(gen, record(gen, text), format);
                texts.add(json);
                lines.add(line);
                offsets.add(out.size());
                out.writeBytes(json.getBytes(StandardCharsets.UTF_8));
                line += json.chars().filter(c -> c == '\n').count();
            }
            boolean last = i == n - 1;
            String end = format == JsonRecordFormat.SEQUENCE ? gen.pick("\n", "", "\r\n", " \n\n")
                    : last && gen.chance(0.3) ? "" : gen.pick("\n", "\n", "\r\n");
            out.writeBytes(end.getBytes(StandardCharsets.US_ASCII));
            line += end.chars().filter(c -> c == '\n').count();
        }
        return new Stream(format, out.toByteArray(), texts, lines, offsets);
    }

    /**
     * A stream of {@link JsonRecordFormat#ARRAY}: records laid out as elements, with whitespace
     * (line feeds too) around the array's punctuation. A record that is not JSON ends the stream
     * right after its text: in an array nothing marks its end, so what follows it would move its
     * error from where it is alone.
     */
    static Stream array(Gen gen) {
        JsonGenerator text = new JsonGenerator(gen);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> texts = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        List<Integer> offsets = new ArrayList<>();
        long line = 1;
        int n = 1 + gen.sized(60);
        String open = gen.pick("[", " [", "\n[\n", "[ ");
        out.writeBytes(open.getBytes(StandardCharsets.US_ASCII));
        line += open.chars().filter(c -> c == '\n').count();
        for (int i = 0; i < n; i++) {
            String lead = i == 0 ? gen.pick("", "", " ") : gen.pick(",", ",", ",\n", " ,\r\n ", ",\t");
            out.writeBytes(lead.getBytes(StandardCharsets.US_ASCII));
            line += lead.chars().filter(c -> c == '\n').count();
            String json = laidOut(gen, record(gen, text), JsonRecordFormat.ARRAY);
            texts.add(json);
            lines.add(line);
            offsets.add(out.size());
            out.writeBytes(json.getBytes(StandardCharsets.UTF_8));
            line += json.chars().filter(c -> c == '\n').count();
            try {
                ReferenceJson.parse(json);
            } catch (ReferenceJson.Rejected e) {
                return new Stream(JsonRecordFormat.ARRAY, out.toByteArray(), texts, lines, offsets);
            }
        }
        out.writeBytes(gen.pick("]", " ]", "\n]\n", "]\n").getBytes(StandardCharsets.US_ASCII));
        return new Stream(JsonRecordFormat.ARRAY, out.toByteArray(), texts, lines, offsets);
    }

    // ------------------------------------------------------------------ the oracle and a reading

    /** What binding one record alone from its parsed document gives: a value, or an exception. */
    record Outcome(Object value, JsonException error) {}

    static Outcome alone(JsonArena oracle, JsonCodecs codecs, byte[] json) {
        oracle.reset();
        try {
            return new Outcome(codecs.bind(oracle.parse(json), Log.class), null);
        } catch (JsonException e) {
            return new Outcome(null, e);
        }
    }

    enum Input { BYTES, STREAM }

    /** What a typed reading gave. */
    record Run(boolean skip, List<Object> values, List<JsonRecordException> errors) {}

    /** Reads {@code s} typed, skipping bad records or stopping at the first, as {@code gen} picks. */
    Run read(Stream s, Input input, Gen gen, JsonCodecs codecs) throws IOException {
        JsonRecordReader.Builder b = JsonRecordReader.builder().format(s.format()).codecs(codecs);
        boolean skip = gen.nextBoolean();
        List<JsonRecordException> errors = new ArrayList<>();
        if (skip) {
            b.onError(errors::add);
        }
        List<Object> values = new ArrayList<>();
        try (JsonRecordReader r = input == Input.BYTES ? b.open(arena, s.bytes())
                : b.open(arena, new ChunkedStream(s.bytes(), gen.nextLong(), gen.pick(1, 7, 500, 70_000)))) {
            try {
                for (Log log : r.as(Log.class)) {
                    values.add(log);
                }
            } catch (JsonRecordException e) {
                assertFalse(skip && RecordReaderTest.delimited(s.format()), "a handler takes every bad record: " + e.getMessage());
                errors.add(e);
            }
            assertEquals(values.size(), r.recordsRead(), "recordsRead");
            assertEquals(skip && RecordReaderTest.delimited(s.format()) ? errors.size() : 0, r.recordsSkipped(), "recordsSkipped");
        }
        return new Run(skip, values, errors);
    }

    @Test
    void typedRecordsAreWhatBindingEachRecordAloneGivesWithEveryErrorInItsPlace() {
        JsonCodecs lenient = JsonCodecs.defaults();
        JsonCodecs strict = JsonCodecs.builder().rejectUnknownMembers(true).build();
        try (JsonArena oracle = pool.openArena()) {
            Property.check("typed record reading agrees with each record bound alone", 60, gen -> {
                JsonRecordFormat format = gen.pick(JsonRecordFormat.LINES, JsonRecordFormat.SEQUENCE, JsonRecordFormat.ARRAY);
                Stream s = stream(gen, format);
                JsonCodecs codecs = gen.chance(0.2) ? strict : lenient;
                List<Outcome> expected = new ArrayList<>();
                for (int i = 0; i < s.texts().size(); i++) {
                    expected.add(alone(oracle, codecs, s.recordBytes(i)));
                }
                for (Input input : Input.values()) {
                    try {
                        Run run = read(s, input, gen, codecs);
                        check(s, expected, run, format + ", " + input + (run.skip() ? ", skipping" : ", stopping") + ", "
                                + s.texts().size() + " records");
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
        }
    }

    /** The reading gave the values of the records that bind alone and, in their places, the errors of the others. */
    static void check(Stream s, List<Outcome> expected, Run run, String where) {
        int values = 0;
        int bad = 0;
        for (int i = 0; i < expected.size(); i++) {
            Outcome o = expected.get(i);
            String w = where + ": record " + (i + 1) + " " + abbreviate(s.texts().get(i));
            if (o.error() == null) {
                if (values == run.values().size()) {
                    fail(w + ": not delivered (alone: " + o.value() + ")");
                }
                assertEquals(o.value(), run.values().get(values++), w);
                continue;
            }
            if (bad == run.errors().size()) {
                fail(w + ": no error reported for it (alone: " + o.error().getMessage() + ")");
            }
            JsonRecordException x = run.errors().get(bad++);
            assertEquals(i + 1, x.record(), w + ": record number of " + x.getMessage());
            assertEquals(s.lines().get(i), x.recordLine(), w + ": line of " + x.getMessage());
            assertEquals((long) s.offsets().get(i), x.recordOffset(), w + ": offset of " + x.getMessage());
            assertEquals(o.error().getClass(), x.getCause().getClass(), w + ": cause of " + x.getMessage()
                    + " (alone: " + o.error().getMessage() + ")");
            if (o.error() instanceof JsonBindException e) {
                assertEquals(e.pointer(), x.getCause().pointer(), w + ": pointer of " + x.getMessage());
            } else if (o.error().offset() >= 0) {
                assertEquals(s.offsets().get(i) + o.error().offset(), x.getCause().offset(), w + ": offset in " + x.getMessage());
            }
            if (!run.skip() || !RecordReaderTest.delimited(s.format())) {
                break; // without a handler, or without a delimiter, the first bad record ends the reading
            }
        }
        assertEquals(values, run.values().size(), where + ": records delivered");
        assertEquals(bad, run.errors().size(), where + ": errors");
    }

    static String abbreviate(String s) {
        return s.length() <= 160 ? s : s.substring(0, 160) + "... (" + s.length() + " chars)";
    }

    // ------------------------------------------------------------------ one rule each

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static final String LINES = "{\"ts\":\"a\",\"level\":\"INFO\",\"code\":1}\n"
            + "{\"ts\":\"b\",\"level\":\"WARN\",\"code\":2,\"user\":{\"id\":7,\"name\":\"x\"}}\n"
            + "{\"ts\":\"c\",\"code\":3,\"tags\":[\"p\",\"q\"]}\n";

    @Test
    void recordsWholeInTheWindowAreReadStraightIntoTheTypeWithNoArenaMemory() throws IOException {
        List<Log> logs = new ArrayList<>();
        try (JsonRecordReader r = JsonRecordReader.builder().open(arena, new ChunkedStream(utf8(LINES), 1, 4096))) {
            for (Log log : r.as(Log.class)) {
                logs.add(log);
                assertEquals(0, arena.bytesReserved(), "no document was parsed for record " + logs.size());
            }
        }
        assertEquals(List.of("a", "b", "c"), logs.stream().map(Log::ts).toList());
        assertEquals(new User(7, "x"), logs.get(1).user());
        assertEquals(List.of("p", "q"), logs.get(2).tags());
        assertEquals(List.of(), logs.get(0).tags(), "an absent list is empty");
        assertEquals(Optional.empty(), logs.get(0).note());
        assertNull(logs.get(2).level());
    }

    /**
     * A record is read before its length is known, so an arena's budget is checked against the
     * value read: a budget that could not refuse a record's parse lets it be read directly however
     * much of the stream the window holds past it.
     */
    @Test
    void aBudgetThatCouldNotRefuseARecordLetsItBeReadDirectlyWhateverTheWindowHolds() throws IOException {
        StringBuilder input = new StringBuilder();
        for (int i = 0; i < 700; i++) { // about 40 KB, in the window whole: 64 B a byte of it is more than the budget
            input.append("{\"ts\":\"2026-12-06T12:00:00Z\",\"level\":\"INFO\",\"code\":").append(i).append("}\n");
        }
        try (JsonArena budgeted = pool.openArena(2 << 20);
             JsonRecordReader r = JsonRecordReader.builder().codecs(JsonCodecs.builder().build())
                     .open(budgeted, new ChunkedStream(utf8(input.toString()), 3, 70_000))) {
            int n = 0;
            for (Log log : r.as(Log.class)) {
                assertEquals(n++, log.code());
                assertEquals(0, budgeted.bytesReserved(), "record " + n + " was read directly");
            }
            assertEquals(700, n);
        }
    }

    /**
     * Concatenated texts have no delimiter: each record is its value, read straight from the window
     * to its end; a number at the end of the bytes read so far may go on, so it waits for more (or
     * the end of the input). The first bad record ends the reading, as for values.
     */
    @Test
    void concatenatedTextsAreReadStraightIntoTheTypeUpToEachValuesEnd() throws IOException {
        String input = "{\"code\":1} {\"code\":2}\n{\"code\":3}{\"code\":4}\t\n  {\"code\":5}\n7 {\"code\":6}";
        for (int chunk : new int[] {1, 5, 4096}) {
            List<Integer> codes = new ArrayList<>();
            try (JsonArena fresh = pool.openArena(); // nothing reserved until a record is parsed into it
                 JsonRecordReader r = JsonRecordReader.builder().format(JsonRecordFormat.CONCATENATED)
                         .codecs(JsonCodecs.builder().build()) // binders of their own: no pause left by other tests' bad records
                         .open(fresh, new ChunkedStream(utf8(input), chunk, chunk))) {
                JsonRecordException e = assertThrows(JsonRecordException.class, () -> {
                    for (Log log : r.as(Log.class)) {
                        codes.add(log.code());
                        assertEquals(0, fresh.bytesReserved(), "record " + codes.size() + " was read directly");
                    }
                });
                assertEquals(6, e.record());
                assertEquals(4, e.recordLine());
                assertInstanceOf(JsonBindException.class, e.getCause(), e.getMessage());
            }
            assertEquals(List.of(1, 2, 3, 4, 5), codes, "chunks of " + chunk);
        }
    }

    @Test
    void aRecordThatDoesNotFitTheTypeIsSkippedWithItsPlaceAndTheNextIsRead() throws IOException {
        String input = "{\"code\":1}\n\n{\"code\":\"one\"}\n{\"code\":3}\n";
        List<JsonRecordException> errors = new ArrayList<>();
        List<Integer> codes = new ArrayList<>();
        try (JsonRecordReader r = JsonRecordReader.builder().onError(errors::add).open(arena, utf8(input))) {
            for (Log log : r.as(Log.class)) {
                codes.add(log.code());
            }
            assertEquals(2, r.recordsRead());
            assertEquals(1, r.recordsSkipped());
        }
        assertEquals(List.of(1, 3), codes);
        JsonRecordException e = errors.getFirst();
        assertEquals(2, e.record());
        assertEquals(3, e.recordLine());
        assertEquals(12, e.recordOffset());
        JsonBindException cause = assertInstanceOf(JsonBindException.class, e.getCause());
        assertEquals("/code", cause.pointer());
    }

    /**
     * A record is read from the window before its delimiter is looked for, to the end of its value:
     * a JSON Lines record still ends at its line's end, however its value would go on, and
     * whitespace or anything else after the value is judged within its own record.
     */
    @Test
    void aRecordReadBeforeItsDelimiterIsFoundStillEndsAtItsLine() throws IOException {
        // the first record's delimiter is found when the window is filled; the others' are not
        String input = "{\"code\":0}\n{\"code\":\n1}\n{\"code\":2} \t\r\n{\"code\":3} {\"code\":4}\n{\"code\":5}";
        for (int chunk : new int[] {1, 3, 4096}) {
            List<JsonRecordException> errors = new ArrayList<>();
            List<Integer> codes = new ArrayList<>();
            try (JsonRecordReader r = JsonRecordReader.builder().onError(errors::add)
                    .open(arena, new ChunkedStream(utf8(input), chunk, chunk))) {
                for (Log log : r.as(Log.class)) {
                    codes.add(log.code());
                }
            }
            assertEquals(List.of(0, 2, 5), codes, "chunks of " + chunk);
            assertEquals(List.of(2L, 3L, 5L), errors.stream().map(JsonRecordException::recordLine).toList());
            assertEquals(List.of(2L, 3L, 5L), errors.stream().map(JsonRecordException::record).toList());
            for (JsonRecordException e : errors) {
                assertInstanceOf(JsonParseException.class, e.getCause(), e.getMessage());
            }
        }
    }

    @Test
    void withoutAHandlerARecordThatDoesNotFitIsThrownAndTheReadingEnds() throws IOException {
        String input = "{\"code\":1}\n{\"code\":1.5}\n{\"code\":3}\n";
        try (JsonRecordReader r = JsonRecordReader.builder().open(arena, utf8(input))) {
            Iterator<Log> it = r.as(Log.class).iterator();
            assertEquals(1, it.next().code());
            JsonRecordException e = assertThrows(JsonRecordException.class, it::hasNext);
            assertEquals(2, e.record());
            assertInstanceOf(JsonBindException.class, e.getCause());
            assertFalse(it.hasNext(), "the reading ended");
            assertEquals(1, r.recordsRead());
        }
    }

    @Test
    void aNullRecordIsANullElementAndTheEndIsNoSuchElement() throws IOException {
        try (JsonRecordReader r = JsonRecordReader.builder().open(arena, utf8("null\n{\"code\":2}\n"))) {
            Iterator<Log> it = r.as(Log.class).iterator();
            assertTrue(it.hasNext());
            assertNull(it.next());
            assertEquals(2, it.next().code());
            assertFalse(it.hasNext());
            assertThrows(NoSuchElementException.class, it::next);
        }
    }

    @Test
    void aReaderHasOneIteratorWhicheverMethodGivesIt() throws IOException {
        try (JsonRecordReader r = JsonRecordReader.builder().open(arena, utf8(LINES))) {
            Iterable<Log> logs = r.as(Log.class);
            logs.iterator();
            assertThrows(IllegalStateException.class, logs::iterator);
            assertThrows(IllegalStateException.class, r::iterator);
            assertThrows(IllegalStateException.class, () -> r.as(Log.class));
        }
        try (JsonRecordReader r = JsonRecordReader.builder().open(arena, utf8(LINES))) {
            r.iterator();
            assertThrows(IllegalStateException.class, () -> r.as(Log.class));
        }
    }

    @Test
    void aTypeThatCannotBeBoundIsRefusedBeforeAnyRecordIsRead() throws IOException {
        try (JsonRecordReader r = JsonRecordReader.builder().open(arena, utf8(LINES))) {
            assertThrows(IllegalArgumentException.class, () -> r.as(Thread.class));
            assertEquals(0, r.recordsRead());
            assertEquals("a", ((Log) r.as(Log.class).iterator().next()).ts(), "the refusal took no iterator and no record");
        }
    }

    @Test
    void theBuildersCodecsDecideUnknownMembers() throws IOException {
        JsonCodecs strict = JsonCodecs.builder().rejectUnknownMembers(true).build();
        List<JsonRecordException> errors = new ArrayList<>();
        List<Log> logs = new ArrayList<>();
        try (JsonRecordReader r = JsonRecordReader.builder().codecs(strict).onError(errors::add)
                .open(arena, utf8("{\"code\":1,\"extra\":0}\n{\"code\":2}\n"))) {
            r.as(Log.class).forEach(logs::add);
        }
        assertEquals(List.of(2), logs.stream().map(Log::code).toList());
        assertEquals(1, errors.size());
        assertInstanceOf(JsonBindException.class, errors.getFirst().getCause());
    }

    record Event(String kind, JsonValue payload) {}

    @Test
    void aViewInsideABoundRecordLivesUntilTheNextBatch() throws IOException {
        String input = "{\"kind\":\"a\",\"payload\":{\"x\":1}}\n{\"kind\":\"b\",\"payload\":[2]}\n{\"kind\":\"c\",\"payload\":3}\n";
        try (JsonRecordReader r = JsonRecordReader.builder().resetEvery(2).open(arena, utf8(input))) {
            Iterator<Event> it = r.as(Event.class).iterator();
            Event a = it.next();
            Event b = it.next();
            assertEquals("{\"x\":1}", a.payload().toJson());
            assertEquals("[2]", b.payload().toJson());
            Event c = it.next();
            assertEquals("3", c.payload().toJson());
            assertThrows(IllegalStateException.class, () -> a.payload().toJson(), "the batch before was reset");
        }
    }

    // ------------------------------------------------------------------ record constructors: user code

    /** What the next {@link Hooked} constructor does; cleared after each test. */
    private static Consumer<Hooked> onConstruct = h -> {};

    record Hooked(String name, List<String> after) {
        Hooked {
            onConstruct.accept(this);
        }
    }

    @AfterEach
    void clearHook() {
        onConstruct = h -> {};
    }

    private static final String HOOKED = "{\"name\":\"a\",\"after\":[\"one\"]}\n{\"name\":\"b\",\"after\":[\"two\"]}\n";

    @Test
    void aConstructorThatClosesTheReaderGetsItsRecordReturnedAndNoMore() throws IOException {
        List<String> names = new ArrayList<>();
        try (JsonRecordReader r = JsonRecordReader.builder().open(arena, new ChunkedStream(utf8(HOOKED), 3, 4096))) {
            onConstruct = h -> {
                try {
                    r.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            };
            Iterator<Hooked> it = r.as(Hooked.class).iterator();
            names.add(it.next().name());
            assertThrows(IllegalStateException.class, it::hasNext, "the reader is closed");
        }
        assertEquals(List.of("a"), names);
    }

    @Test
    void aConstructorThatAsksTheReaderForARecordIsRefusedAndNothingIsReadTwice() throws IOException {
        List<Throwable> refused = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try (JsonRecordReader r = JsonRecordReader.builder().open(arena, utf8(HOOKED))) {
            onConstruct = h -> {
                try {
                    r.next();
                } catch (IllegalStateException | IOException e) {
                    refused.add(e);
                }
            };
            for (Hooked h : r.as(Hooked.class)) {
                names.add(h.name());
            }
            assertEquals(2, r.recordsRead());
        }
        assertEquals(List.of("a", "b"), names);
        assertFalse(refused.isEmpty());
        refused.forEach(e -> assertInstanceOf(IllegalStateException.class, e));
    }

    @Test
    void aConstructorThatClosesTheArenaEndsTheReadingWithIllegalStateAndThePoolIdle() throws IOException {
        JsonArena own = pool.openArena();
        try (JsonRecordReader r = JsonRecordReader.builder().open(own, utf8(HOOKED))) {
            onConstruct = h -> own.close();
            Iterator<Hooked> it = r.as(Hooked.class).iterator();
            assertThrows(IllegalStateException.class, it::hasNext);
            assertThrows(IllegalStateException.class, it::hasNext, "the reading stays ended");
        }
        assertFalse(own.isOpen());
        assertEquals(arena.bytesReserved(), pool.stats().inUseBytes(), "only the fixture's arena holds memory");
    }

    @Test
    void aConstructorThatResetsTheArenaAndParsesAnotherDocumentNeverGivesItsData() throws IOException {
        try (JsonRecordReader r = JsonRecordReader.builder().open(arena, utf8(HOOKED))) {
            onConstruct = h -> {
                onConstruct = x -> {};
                arena.reset();
                arena.parse(utf8("{\"name\":\"OTHER\",\"after\":[\"OTHER-REQUEST\"]}"));
            };
            Iterator<Hooked> it = r.as(Hooked.class).iterator();
            IllegalStateException e = assertThrows(IllegalStateException.class, it::hasNext);
            assertTrue(e.getMessage().contains("reset or closed"), e.getMessage());
        }
    }

    /** The stream model: blank lines, CRLF and leading whitespace put each record at the line and offset recorded. */
    @Test
    void theStreamModelPlacesEachRecordWhereItsTextIs() {
        Property.check("the generated stream holds each record at its offset", 30, gen -> {
            Stream s = stream(gen, gen.pick(JsonRecordFormat.LINES, JsonRecordFormat.SEQUENCE, JsonRecordFormat.ARRAY));
            for (int i = 0; i < s.texts().size(); i++) {
                byte[] text = utf8(s.texts().get(i));
                int at = s.offsets().get(i);
                assertTrue(Arrays.equals(text, 0, text.length, s.bytes(), at, at + text.length), "record " + (i + 1));
                long lines = 1;
                for (int k = 0; k < at; k++) {
                    lines += s.bytes()[k] == '\n' ? 1 : 0;
                }
                assertEquals(lines, s.lines().get(i), "line of record " + (i + 1));
            }
        });
    }
}
