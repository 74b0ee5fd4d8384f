package dev.jsonarena.bench;

import dev.jsonarena.bench.ShapeJson.Escaped;
import dev.jsonarena.bench.ShapeJson.Num;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The benchmark corpus of many shapes: documents unlike the three files the parser was tuned on,
 * most of them of the size of a request body (0.1-16 KiB), each in one {@link Group}.
 *
 * <ul>
 *   <li>{@link Group#SMALL}: API-style payloads generated here (flat objects of 5, 20 and 50
 *       members; long keys; one- and two-letter keys; nested objects 32 deep and arrays 64 deep;
 *       arrays of small objects; a user profile, an order and a search page; ASCII, CJK, emoji and
 *       mixed-script text; {@code true}/{@code false}/{@code null} runs; short-string arrays;
 *       pretty-printed and minified), and four records cut from the shared corpus, byte for byte
 *       ({@link RecordCut}): the first tweet of {@code twitter.json}, the first event of
 *       {@code github_events.json}, the first performance of {@code citm_catalog.json} and the
 *       first record line of {@code amazon_cellphones.ndjson};
 *   <li>{@link Group#ESCAPES}: strings dense in {@code \}{@code uXXXX}, surrogate pairs,
 *       {@code \n}, {@code \"} and JSON embedded in a string;
 *   <li>{@link Group#NUMBERS}: small and 64-bit integers, decimals, exponents, coordinate pairs
 *       and a metrics object;
 *   <li>{@link Group#LARGE}: {@code twitter.json}, {@code citm_catalog.json} and
 *       {@code canada.json} themselves.
 * </ul>
 * Every generated document comes from a {@link SplittableRandom} seeded with the document's index
 * in {@link #NAMES}, so a name gives the same bytes in every JVM and run; all are valid RFC 8259
 * UTF-8 with every integer inside the 64-bit range (simdjson-java rejects larger ones).
 * {@code ShapeCorpusTest} checks the sizes, the groups, the determinism and that jsonarena,
 * Jackson and the heap baseline read every document to the same value.
 *
 * <p>Thread-safety: stateless.
 */
public final class ShapeCorpus {
    /** What a document is there to exercise; results are summarised per group. */
    public enum Group {
        /** Request-sized API payloads, 0.1-16 KiB. */
        SMALL,
        /** Escape-dense strings, 1-16 KiB. */
        ESCAPES,
        /** Number-dense documents, 1-16 KiB. */
        NUMBERS,
        /** The three large corpus files. */
        LARGE
    }

    private record Spec(Group group, Function<SplittableRandom, byte[]> make) {}

    private static final Map<String, Spec> SPECS = new LinkedHashMap<>();

    static {
        small("flat_5", r -> ShapeJson.write(flat(r, 5, false), false));
        small("flat_20", r -> ShapeJson.write(flat(r, 20, false), false));
        small("flat_50", r -> ShapeJson.write(flat(r, 50, false), false));
        small("flat_50_pretty", r -> ShapeJson.write(flat(r, 50, false), true));
        small("long_keys_30", r -> ShapeJson.write(flat(r, 30, true), false));
        small("short_keys_4k", r -> upTo(4096, false, l -> l, () -> shortKeyed(r)));
        small("deep_objects_32", r -> ShapeJson.write(deepObjects(r, 32), false));
        small("deep_arrays_64", r -> upTo(2048, false, l -> l, () -> deepArrays(r, 63)));
        small("deep_mixed_pretty_8k", r -> upTo(8192, true, l -> obj("tree", l), () -> deepObjects(r, 12)));
        small("objects_1k", r -> upTo(1024, false, l -> l, () -> item(r)));
        small("objects_4k_pretty", r -> upTo(4096, true, l -> l, () -> item(r)));
        small("objects_16k", r -> upTo(16_384, false, l -> l, () -> item(r)));
        small("api_user_pretty", r -> ShapeJson.write(user(r), true));
        small("api_order", r -> ShapeJson.write(order(r), false));
        small("api_search_16k", r -> upTo(16_384, false, l -> page(r, l), () -> hit(r)));
        small("text_ascii_4k", r -> upTo(4096, false, l -> obj("paragraphs", l), () -> Text.ascii(r, 20)));
        small("text_cjk_4k", r -> upTo(4096, false, l -> obj("paragraphs", l), () -> Text.cjk(r, 40)));
        small("text_emoji_2k", r -> upTo(2048, false, l -> obj("messages", l), () -> Text.emoji(r, 12)));
        small("text_mixed_8k", r -> upTo(8192, true, l -> l, () -> message(r)));
        small("literals_2k", r -> upTo(2048, false, l -> l, () -> literals(r)));
        small("strings_short_2k", r -> upTo(2048, false, l -> l, () -> Text.WORDS[r.nextInt(Text.WORDS.length)]));
        small("record_tweet", r -> RecordCut.value(Corpus.read("twitter.json"), "statuses", 0));
        small("record_github_event", r -> RecordCut.value(Corpus.read("github_events.json"), 0));
        small("record_citm_performance", r -> RecordCut.value(Corpus.read("citm_catalog.json"), "performances", 0));
        small("record_ndjson", r -> RecordCut.line(Corpus.read("amazon_cellphones.ndjson"), 1));
        spec("escape_unicode_4k", Group.ESCAPES, r -> upTo(4096, false, l -> l, () -> Text.unicodeEscapes(r, 24)));
        spec("escape_surrogates_2k", Group.ESCAPES, r -> upTo(2048, false, l -> obj("reactions", l),
                () -> Text.surrogateEscapes(r, 6)));
        spec("escape_control_4k", Group.ESCAPES, r -> upTo(4096, false, l -> obj("lines", l),
                () -> Text.controlEscapes(r, 12)));
        spec("escape_embedded_json_8k", Group.ESCAPES, r -> upTo(8192, false, l -> obj("events", l),
                () -> obj("payload", new String(ShapeJson.write(item(r), false), StandardCharsets.UTF_8))));
        spec("escape_mixed_16k", Group.ESCAPES, r -> upTo(16_384, true, l -> l, () -> escapedRecord(r)));
        spec("ints_small_2k", Group.NUMBERS, r -> upTo(2048, false, l -> l, () -> Num.of(r.nextInt(1000))));
        spec("ints_64bit_4k", Group.NUMBERS, r -> upTo(4096, false, l -> l,
                () -> Num.of(r.nextLong(-9_000_000_000_000_000_000L, 9_000_000_000_000_000_000L))));
        spec("decimals_4k", Group.NUMBERS, r -> upTo(4096, false, l -> l, () -> decimal(r)));
        spec("exponents_4k", Group.NUMBERS, r -> upTo(4096, false, l -> l, () -> exponent(r)));
        spec("coordinates_16k", Group.NUMBERS, r -> upTo(16_384, false, l -> obj("type", "LineString",
                "coordinates", l), () -> List.of(coordinate(r, 180), coordinate(r, 90))));
        spec("metrics_pretty_2k", Group.NUMBERS, r -> upTo(2048, true, ShapeCorpus::metrics, () -> decimal(r)));
        spec("twitter.json", Group.LARGE, r -> Corpus.read("twitter.json"));
        spec("citm_catalog.json", Group.LARGE, r -> Corpus.read("citm_catalog.json"));
        spec("canada.json", Group.LARGE, r -> Corpus.read("canada.json"));
    }

    /** Every document's name, in the order the documentation lists them. */
    public static final List<String> NAMES = List.copyOf(SPECS.keySet());

    private ShapeCorpus() {}

    /**
     * {@return the document called {@code name}}
     *
     * @throws IllegalArgumentException if {@code name} is not in {@link #NAMES}
     * @throws IllegalStateException if it is (or is cut from) a shared corpus file that is absent
     */
    public static byte[] bytes(String name) {
        return spec(name).make().apply(new SplittableRandom(NAMES.indexOf(name)));
    }

    /** {@return the group of document {@code name}} @throws IllegalArgumentException if it is unknown */
    public static Group group(String name) {
        return spec(name).group();
    }

    /** {@return whether document {@code name} needs the shared corpus (a large file or a record cut from one)} */
    public static boolean fromSharedCorpus(String name) {
        return name.startsWith("record_") || spec(name).group() == Group.LARGE;
    }

    private static Spec spec(String name) {
        Spec s = SPECS.get(name);
        if (s == null) {
            throw new IllegalArgumentException("shape corpus document: " + name + " (expected: one of " + NAMES + ")");
        }
        return s;
    }

    private static void small(String name, Function<SplittableRandom, byte[]> make) {
        spec(name, Group.SMALL, make);
    }

    private static void spec(String name, Group group, Function<SplittableRandom, byte[]> make) {
        SPECS.put(name, new Spec(group, make));
    }

    /**
     * {@return the largest document {@code root(items)} of at most {@code target} bytes}: items are
     * added one at a time while the document still fits
     */
    private static byte[] upTo(int target, boolean pretty, Function<List<Object>, Object> root, Supplier<Object> item) {
        List<Object> items = new ArrayList<>();
        byte[] fits = ShapeJson.write(root.apply(items), pretty);
        for (;;) {
            items.add(item.get());
            byte[] next = ShapeJson.write(root.apply(items), pretty);
            if (next.length > target) {
                return fits;
            }
            fits = next;
        }
    }

    // ---- shapes ----

    /** {@return an object of the given names and values, in that order} */
    private static Map<String, Object> obj(Object... namesAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            m.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return m;
    }

    /** A flat object of {@code members} scalar members of every type, with short or long keys. */
    private static Map<String, Object> flat(SplittableRandom r, int members, boolean longKeys) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; m.size() < members; i++) {
            String key = longKeys ? Text.longKey(r, i) : Text.WORDS[i % Text.WORDS.length] + (i < Text.WORDS.length
                    ? "" : "_" + i / Text.WORDS.length);
            m.put(key, scalar(r));
        }
        return m;
    }

    private static Object scalar(SplittableRandom r) {
        return switch (r.nextInt(8)) {
            case 0 -> Num.of(r.nextInt(100_000));
            case 1 -> decimal(r);
            case 2 -> r.nextBoolean();
            case 3 -> null;
            case 4 -> Text.ascii(r, 1 + r.nextInt(3));
            case 5 -> Long.toHexString(r.nextLong());
            default -> Text.ascii(r, 2 + r.nextInt(6));
        };
    }

    private static Map<String, Object> shortKeyed(SplittableRandom r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("i", Num.of(r.nextInt(10_000)));
        m.put("t", r.nextInt(4) == 0 ? "b" : "a");
        m.put("v", decimal(r));
        m.put("ok", r.nextBoolean());
        if (r.nextBoolean()) {
            m.put("n", null);
        }
        return m;
    }

    private static Object deepObjects(SplittableRandom r, int depth) {
        Object inner = obj("leaf", Num.of(r.nextInt(1000)));
        for (int d = depth - 1; d > 0; d--) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("level", Num.of(d));
            m.put("name", Text.WORDS[r.nextInt(Text.WORDS.length)]);
            if (r.nextInt(3) == 0) {
                m.put("enabled", r.nextBoolean());
            }
            m.put("child", inner);
            inner = m;
        }
        return inner;
    }

    private static Object deepArrays(SplittableRandom r, int depth) {
        Object inner = List.of(Num.of(r.nextInt(100)), Text.WORDS[r.nextInt(Text.WORDS.length)]);
        for (int d = depth - 1; d > 0; d--) {
            inner = d % 8 == 0 ? obj("a", inner) : List.of(inner);
        }
        return inner;
    }

    /** A small catalogue item: id, name, active, price, tags. */
    private static Map<String, Object> item(SplittableRandom r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", Num.of(r.nextInt(1_000_000)));
        m.put("name", Text.ascii(r, 1 + r.nextInt(3)));
        m.put("active", r.nextBoolean());
        m.put("price", new Num(r.nextInt(1000) + "." + (10 + r.nextInt(90))));
        if (r.nextBoolean()) {
            m.put("tags", List.of(Text.WORDS[r.nextInt(Text.WORDS.length)], Text.WORDS[r.nextInt(Text.WORDS.length)]));
        }
        return m;
    }

    private static Map<String, Object> user(SplittableRandom r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", Num.of(r.nextLong(1L << 40)));
        m.put("login", "user" + r.nextInt(100_000));
        m.put("display_name", Text.ascii(r, 2));
        m.put("email", "user" + r.nextInt(100_000) + "@example.org");
        m.put("created_at", "2026-0" + (1 + r.nextInt(9)) + "-1" + r.nextInt(10) + "T08:1" + r.nextInt(10) + ":00Z");
        m.put("verified", true);
        m.put("bio", Text.ascii(r, 25));
        m.put("address", obj("street", Text.ascii(r, 3), "city", "Lyon", "zip", "69003", "country", "FR",
                "geo", obj("lat", coordinate(r, 90), "lon", coordinate(r, 180))));
        m.put("roles", List.of("reader", "writer", "reviewer"));
        Map<String, Object> settings = new LinkedHashMap<>();
        for (String s : List.of("theme", "locale", "timezone", "digest", "two_factor", "beta", "compact")) {
            settings.put(s, scalar(r));
        }
        m.put("settings", settings);
        List<Object> sessions = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sessions.add(obj("id", Long.toHexString(r.nextLong()), "ip", "10.0." + r.nextInt(256) + "." + r.nextInt(256),
                    "last_seen", Num.of(1_764_806_400L + r.nextInt(1_000_000))));
        }
        m.put("sessions", sessions);
        m.put("manager", null);
        return m;
    }

    private static Map<String, Object> order(SplittableRandom r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("order_id", "ord_" + Long.toHexString(r.nextLong()));
        m.put("customer", obj("id", Num.of(r.nextInt(1_000_000)), "name", Text.ascii(r, 2), "vip", r.nextBoolean()));
        List<Object> lines = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Map<String, Object> line = item(r);
            line.put("quantity", Num.of(1 + r.nextInt(5)));
            line.put("discount", r.nextInt(4) == 0 ? decimal(r) : null);
            lines.add(line);
        }
        m.put("lines", lines);
        m.put("currency", "EUR");
        m.put("total", decimal(r));
        m.put("paid", r.nextBoolean());
        m.put("shipping", obj("method", "express", "address", Text.ascii(r, 6), "eta_days", Num.of(r.nextInt(9))));
        return m;
    }

    private static Map<String, Object> hit(SplittableRandom r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", Long.toHexString(r.nextLong()));
        m.put("score", decimal(r));
        m.put("title", Text.ascii(r, 6));
        m.put("snippet", Text.ascii(r, 18));
        m.put("url", "https://example.org/" + Text.WORDS[r.nextInt(Text.WORDS.length)] + "/" + r.nextInt(100_000));
        m.put("lang", r.nextInt(5) == 0 ? "fr" : "en");
        return m;
    }

    private static Map<String, Object> page(SplittableRandom r, List<Object> hits) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("query", "json parser speed");
        m.put("took_ms", Num.of(12));
        m.put("total", Num.of(48_213));
        m.put("hits", hits);
        m.put("next", "cursor_8f3a");
        return m;
    }

    private static Map<String, Object> message(SplittableRandom r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("from", "user" + r.nextInt(1000));
        m.put("lang", List.of("fr", "ja", "ru", "en").get(r.nextInt(4)));
        m.put("text", Text.mixed(r, 12));
        m.put("reactions", Text.emoji(r, 2));
        return m;
    }

    private static List<Object> literals(SplittableRandom r) {
        List<Object> run = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int k = r.nextInt(3);
            run.add(k == 0 ? Boolean.TRUE : k == 1 ? Boolean.FALSE : null);
        }
        return run;
    }

    private static Map<String, Object> escapedRecord(SplittableRandom r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", Num.of(r.nextInt(100_000)));
        m.put("title", Text.unicodeEscapes(r, 8));
        m.put("body", Text.controlEscapes(r, 10));
        m.put("emoji", Text.surrogateEscapes(r, 3));
        return m;
    }

    private static Num decimal(SplittableRandom r) {
        return switch (r.nextInt(3)) {
            case 0 -> new Num(r.nextInt(10_000) + "." + (10 + r.nextInt(90)));
            case 1 -> new Num("-0." + (1 + r.nextInt(999)));
            default -> new Num(Double.toString(r.nextInt(1_000_000) / 1024.0 + 0.1));
        };
    }

    private static Num exponent(SplittableRandom r) {
        String mantissa = (r.nextBoolean() ? "-" : "") + (1 + r.nextInt(9)) + "." + r.nextInt(1000, 100_000);
        return new Num(mantissa + (r.nextBoolean() ? "e" : "E") + (r.nextBoolean() ? "-" : "") + (1 + r.nextInt(300)));
    }

    private static Num coordinate(SplittableRandom r, int bound) {
        return new Num(Double.toString(r.nextDouble(-bound, bound)));
    }

    private static Map<String, Object> metrics(List<Object> values) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("host", "web-12");
        m.put("timestamp", Num.of(1_764_806_400_123L));
        m.put("requests", Num.of(1_284_233));
        m.put("errors", Num.of(31));
        m.put("p99_seconds", new Num("2.5e-1"));
        for (int i = 0; i < values.size(); i++) {
            m.put("gauge_" + i, values.get(i));
        }
        return m;
    }

    /** The word lists and text makers of the generated documents. */
    private static final class Text {
        static final String[] WORDS = {"request", "order", "payment", "user", "cache", "session", "timeout",
            "retry", "connection", "accepted", "rejected", "completed", "started", "queue", "batch", "index",
            "shard", "token", "refresh", "upstream", "latency", "the", "a", "of", "for", "with", "after", "from"};
        private static final String[] ESCAPES = {"\\n", "\\t", "\\\"", "\\\\", "\\/", "\\r\\n"};

        static String ascii(SplittableRandom r, int words) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < words; i++) {
                sb.append(i > 0 ? " " : "").append(WORDS[r.nextInt(WORDS.length)]);
            }
            return sb.toString();
        }

        static String longKey(SplittableRandom r, int i) {
            return WORDS[r.nextInt(WORDS.length)] + "_" + WORDS[r.nextInt(WORDS.length)] + "_"
                    + WORDS[r.nextInt(WORDS.length)] + "_identifier_" + i;
        }

        /** Chinese and Japanese text: ideographs, kana and ideographic punctuation (3-byte UTF-8). */
        static String cjk(SplittableRandom r, int chars) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < chars; i++) {
                int k = r.nextInt(10);
                sb.append((char) (k < 6 ? r.nextInt(0x4E00, 0x9FA6) : k < 9 ? r.nextInt(0x3041, 0x3097)
                        : 0x3001 + r.nextInt(2)));
            }
            return sb.toString();
        }

        /** Short words and emoji (4-byte UTF-8). */
        static String emoji(SplittableRandom r, int items) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < items; i++) {
                if (r.nextInt(3) == 0) {
                    sb.append(WORDS[r.nextInt(WORDS.length)]).append(' ');
                }
                sb.appendCodePoint(r.nextBoolean() ? r.nextInt(0x1F600, 0x1F650) : r.nextInt(0x1F300, 0x1F600));
            }
            return sb.toString();
        }

        /** Words in Latin with accents, Cyrillic, CJK and ASCII. */
        static String mixed(SplittableRandom r, int words) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < words; i++) {
                sb.append(i > 0 ? " " : "");
                switch (r.nextInt(4)) {
                    case 0 -> sb.append("caf").append((char) 0xE9).append((char) (0xE0 + r.nextInt(32)));
                    case 1 -> {
                        for (int c = 0; c < 5; c++) {
                            sb.append((char) r.nextInt(0x430, 0x450));
                        }
                    }
                    case 2 -> sb.append(cjk(r, 3));
                    default -> sb.append(WORDS[r.nextInt(WORDS.length)]);
                }
            }
            return sb.toString();
        }

        /** Text written almost only as {@code \}{@code uXXXX} escapes (Latin-1, Greek and CJK). */
        static Escaped unicodeEscapes(SplittableRandom r, int chars) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < chars; i++) {
                int k = r.nextInt(8);
                if (k == 0) {
                    sb.append((char) ('a' + r.nextInt(26)));
                } else {
                    int c = k < 4 ? r.nextInt(0xC0, 0x100) : k < 6 ? r.nextInt(0x391, 0x3CA) : r.nextInt(0x4E00, 0x9FA6);
                    sb.append(String.format("\\u%04x", c));
                }
            }
            return new Escaped(sb.toString());
        }

        /** Emoji written as escaped surrogate pairs, between short words. */
        static Escaped surrogateEscapes(SplittableRandom r, int items) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < items; i++) {
                int cp = r.nextInt(0x1F300, 0x1F650);
                sb.append(String.format("\\u%04x\\u%04X", (int) Character.highSurrogate(cp),
                        (int) Character.lowSurrogate(cp)));
                if (r.nextBoolean()) {
                    sb.append(WORDS[r.nextInt(WORDS.length)]);
                }
            }
            return new Escaped(sb.toString());
        }

        /** Log-like lines with an escape ({@code \n}, {@code \t}, {@code \"}, ...) after every word or two. */
        static Escaped controlEscapes(SplittableRandom r, int words) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < words; i++) {
                sb.append(WORDS[r.nextInt(WORDS.length)]);
                sb.append(r.nextBoolean() ? ESCAPES[r.nextInt(ESCAPES.length)] : " ");
            }
            return new Escaped(sb.toString());
        }
    }
}
