package dev.jsonarena.testing;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * A small seeded property-test runner on plain JUnit.
 *
 * <p>A property is a body that receives a fresh {@link Gen} and either returns normally or throws.
 * The runner calls it once per try; the first failure stops the run and is rethrown as an
 * {@link AssertionError} whose message names the property, the try, and the seed that replays it:
 *
 * {@snippet :
 * // inside a JUnit test method
 * Property.check("write/parse round trip", 500, gen -> {
 *     JValue v = new JsonGenerator(gen).value();
 *     assertEquals(v, ReferenceJson.parse(ReferenceJson.write(v)));
 * });
 * }
 *
 * <p>A failure reads, for example:
 * <pre>
 * property 'write/parse round trip' failed at try 37 of 500 (size 8);
 * replay with -Djsonarena.seed=0x5be4a1c93d0e7f08
 * </pre>
 *
 * <h2>Seeds and tries</h2>
 * A run draws a random 64-bit <em>base seed</em> (printed; code can fix it with {@link
 * Settings#fromBaseSeed}) and gives
 * try {@code i} (0-based) the <em>try seed</em>
 * <pre>
 * salted     = baseSeed ^ mix64(name.hashCode())
 * trySeed(i) = (mix64(salted + (i + 1) * GOLDEN) &amp; ~0xFF) | size(i)
 * size(i)    = 1 + i * (MAX_SIZE - 1) / max(1, tries - 1)
 * </pre>
 * where {@code mix64} is the SplitMix64 finalizer and {@code GOLDEN} the 64-bit golden ratio, so
 * the size grows linearly from 1 on the first try to {@link #MAX_SIZE} on the last, and two
 * properties in one run draw unrelated seeds. The {@link Gen} of a try is a {@link
 * java.util.SplittableRandom} seeded with the whole try seed, and its {@link Gen#size()} is the
 * seed's low byte (clamped to {@code 1..MAX_SIZE}). A try seed therefore determines the try
 * completely: <b>setting {@code -Djsonarena.seed=}<i>trySeed</i> runs exactly one try, the one that
 * failed</b>, with the same random stream and the same size. Run only the failing test when
 * replaying, since the seed applies to every property in the JVM:
 * {@code mvn test -Dtest=ReferenceJsonTest#roundTripsGeneratedValuesThroughWriteAndParse
 * -Djsonarena.seed=0x...} (the pom passes the property on to the test JVM).
 *
 * <h2>System properties</h2>
 * <table class="striped">
 *   <caption>System properties read by {@link Settings#fromSystemProperties()}</caption>
 *   <tr><th>property</th><th>values</th><th>effect</th></tr>
 *   <tr><td>{@value #SEED_PROPERTY}</td><td>{@code 0x}-hex or decimal long; {@code random} or
 *       absent</td><td>replay that single try seed; otherwise a random base seed, printed once per
 *       property</td></tr>
 *   <tr><td>{@value #TRIES_PROPERTY} (or env {@value #TRIES_ENV})</td><td>positive int;
 *       {@code default} or absent</td><td>tries for <em>every</em> property, ignoring its
 *       default</td></tr>
 *   <tr><td>{@value #MULTIPLIER_PROPERTY}</td><td>positive decimal, default 1</td>
 *       <td>scales each property's default tries (not an explicit tries override)</td></tr>
 * </table>
 *
 * <p>Thread-safety: {@link #check} is stateless and may run concurrently; each {@link Gen} is
 * confined to the thread running its try.
 */
public final class Property {

    /** System property holding a try seed to replay ({@code random} or absent: fresh run). */
    public static final String SEED_PROPERTY = "jsonarena.seed";
    /** System property overriding the tries of every property ({@code default} or absent: no). */
    public static final String TRIES_PROPERTY = "jsonarena.tries";
    /** Environment variable read when {@link #TRIES_PROPERTY} is absent or {@code default}. */
    public static final String TRIES_ENV = "JSONARENA_TRIES";
    /** System property scaling every property's default tries (decimal, default 1). */
    public static final String MULTIPLIER_PROPERTY = "jsonarena.tries.multiplier";
    /** The size hint of the last try of a run; the first try has size 1. */
    public static final int MAX_SIZE = 100;

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private Property() {}

    /**
     * How a run is seeded and how many tries it makes.
     *
     * @param replaySeed    a try seed to run alone, or {@code null} for a normal run
     * @param baseSeed      the base seed of a normal run (ignored when replaying)
     * @param triesOverride tries for every property, or {@code 0} to use each property's default
     * @param multiplier    factor applied to default tries (not to an override); {@code > 0}
     */
    public record Settings(Long replaySeed, long baseSeed, int triesOverride, double multiplier) {
        public Settings {
            if (triesOverride < 0) {
                throw new IllegalArgumentException(
                        "triesOverride: " + triesOverride + " (expected: >= 0)");
            }
            if (!(multiplier > 0) || Double.isInfinite(multiplier)) {
                throw new IllegalArgumentException(
                        "multiplier: " + multiplier + " (expected: finite and > 0)");
            }
        }

        /** {@return settings for a normal run from {@code baseSeed} with default tries} */
        public static Settings fromBaseSeed(long baseSeed) {
            return new Settings(null, baseSeed, 0, 1.0);
        }

        /** {@return settings that run the single try identified by {@code trySeed}} */
        public static Settings replay(long trySeed) {
            return new Settings(trySeed, 0, 0, 1.0);
        }

        /**
         * {@return settings read from the system properties described in {@link Property}}
         *
         * @throws IllegalArgumentException if a property is set to an unparsable value
         */
        public static Settings fromSystemProperties() {
            String seedText = trimmed(System.getProperty(SEED_PROPERTY));
            Long replay = null;
            if (seedText != null && !seedText.equalsIgnoreCase("random")) {
                replay = parseSeed(seedText);
            }
            String triesText = trimmed(System.getProperty(TRIES_PROPERTY));
            String triesName = TRIES_PROPERTY;
            if (triesText == null || triesText.equalsIgnoreCase("default")) {
                triesText = trimmed(System.getenv(TRIES_ENV));
                triesName = TRIES_ENV;
            }
            int tries = 0;
            if (triesText != null && !triesText.equalsIgnoreCase("default")) {
                try {
                    tries = Integer.parseInt(triesText);
                } catch (NumberFormatException e) {
                    tries = -1;
                }
                if (tries <= 0) {
                    throw new IllegalArgumentException(triesName + ": '" + triesText
                            + "' (expected: a positive int or 'default')");
                }
            }
            String multText = trimmed(System.getProperty(MULTIPLIER_PROPERTY));
            double multiplier = 1.0;
            if (multText != null) {
                try {
                    multiplier = Double.parseDouble(multText);
                } catch (NumberFormatException e) {
                    multiplier = Double.NaN;
                }
                if (!(multiplier > 0) || Double.isInfinite(multiplier)) {
                    throw new IllegalArgumentException(MULTIPLIER_PROPERTY + ": '" + multText
                            + "' (expected: a finite decimal > 0)");
                }
            }
            return new Settings(replay, ThreadLocalRandom.current().nextLong(), tries, multiplier);
        }

        /** {@return the number of tries a property with {@code defaultTries} makes} */
        public int triesFor(int defaultTries) {
            if (replaySeed != null) {
                return 1;
            }
            if (triesOverride > 0) {
                return triesOverride;
            }
            return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.ceil(defaultTries * multiplier)));
        }
    }

    /**
     * Runs {@code body} with settings from the system properties (see the class javadoc).
     *
     * @param name         names the property in messages
     * @param defaultTries tries when neither a seed nor a tries override is given; {@code > 0}
     * @param body         the property; it fails by throwing
     * @throws AssertionError           on the first failing try, naming the try seed to replay;
     *                                  its cause is what the body threw
     * @throws IllegalArgumentException if {@code defaultTries <= 0} or a system property is invalid
     */
    public static void check(String name, int defaultTries, Consumer<Gen> body) {
        check(name, defaultTries, Settings.fromSystemProperties(), body);
    }

    /**
     * Runs {@code body} with explicit settings; see {@link #check(String, int, Consumer)}.
     *
     * @throws AssertionError           on the first failing try, naming the try seed to replay
     * @throws IllegalArgumentException if {@code defaultTries <= 0}
     */
    public static void check(String name, int defaultTries, Settings settings, Consumer<Gen> body) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(body, "body");
        if (defaultTries <= 0) {
            throw new IllegalArgumentException("defaultTries: " + defaultTries + " (expected: > 0)");
        }
        if (settings.replaySeed() != null) {
            long seed = settings.replaySeed();
            System.out.printf("property '%s': replaying try seed %s%n", name, hex(seed));
            runTry(name, 1, 1, seed, body);
            return;
        }
        int tries = settings.triesFor(defaultTries);
        System.out.printf("property '%s': %d tries from base seed %s%n",
                name, tries, hex(settings.baseSeed()));
        long nameSalt = mix64(name.hashCode());
        for (int i = 0; i < tries; i++) {
            runTry(name, i + 1, tries, trySeed(settings.baseSeed() ^ nameSalt, i, tries), body);
        }
    }

    /**
     * {@return the try seed of try {@code index} (0-based) of {@code tries} from {@code salted}},
     * carrying the try's size in its low byte.
     */
    static long trySeed(long salted, int index, int tries) {
        long size = 1 + (long) index * (MAX_SIZE - 1) / Math.max(1, tries - 1);
        return (mix64(salted + (index + 1) * GOLDEN) & ~0xFFL) | size;
    }

    /** {@return the size hint encoded in a try seed, clamped to {@code 1..MAX_SIZE}} */
    static int sizeOf(long trySeed) {
        return Math.clamp(trySeed & 0xFF, 1, MAX_SIZE);
    }

    private static void runTry(String name, int tryNumber, int tries, long seed, Consumer<Gen> body) {
        Gen gen = new Gen(seed, sizeOf(seed));
        try {
            body.accept(gen);
        } catch (Throwable t) {
            throw new AssertionError(String.format(Locale.ROOT,
                    "property '%s' failed at try %d of %d (size %d); replay with -D%s=%s%n  cause: %s",
                    name, tryNumber, tries, gen.size(), SEED_PROPERTY, hex(seed), t), t);
        }
    }

    /**
     * {@return {@code text} parsed as a seed: {@code 0x}-prefixed unsigned hex or a decimal long}
     *
     * @throws IllegalArgumentException if it is neither
     */
    public static long parseSeed(String text) {
        String s = text.trim();
        try {
            if (s.regionMatches(true, 0, "0x", 0, 2)) {
                return Long.parseUnsignedLong(s.substring(2), 16);
            }
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(SEED_PROPERTY + ": '" + text
                    + "' (expected: 0x-hex or decimal long, or 'random')", e);
        }
    }

    /** {@return the seed as {@code 0x} followed by 16 hex digits} */
    public static String hex(long seed) {
        return String.format(Locale.ROOT, "0x%016x", seed);
    }

    /** The SplitMix64 finalizer (Steele, Lea, Flood 2014): a bijective 64-bit mix. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static String trimmed(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /**
     * The random source of one try: a {@link SplittableRandom} seeded with the try seed, plus a
     * size hint. Generators should scale the size of what they build with {@link #size()} so that
     * early tries are small (and failures there easy to read) and later tries large.
     *
     * <p>Thread-safety: not thread-safe; confined to the thread running the try.
     */
    public static final class Gen {
        private final long seed;
        private final int size;
        private final SplittableRandom random;

        /**
         * Creates a generator; the same {@code seed} and {@code size} give the same stream.
         *
         * @throws IllegalArgumentException if {@code size} is not in {@code 1..MAX_SIZE}
         */
        public Gen(long seed, int size) {
            if (size < 1 || size > MAX_SIZE) {
                throw new IllegalArgumentException(
                        "size: " + size + " (expected: 1.." + MAX_SIZE + ")");
            }
            this.seed = seed;
            this.size = size;
            this.random = new SplittableRandom(seed);
        }

        /** {@return the try seed this generator was created from} */
        public long seed() {
            return seed;
        }

        /** {@return the size hint, from 1 on the first try of a run to {@code MAX_SIZE} on the last} */
        public int size() {
            return size;
        }

        /**
         * {@return a uniform int in {@code 0..bound-1}}
         *
         * @throws IllegalArgumentException if {@code bound <= 0}
         */
        public int nextInt(int bound) {
            if (bound <= 0) {
                throw new IllegalArgumentException("bound: " + bound + " (expected: > 0)");
            }
            return random.nextInt(bound);
        }

        /**
         * {@return a uniform int in {@code lo..hi}, both inclusive}
         *
         * @throws IllegalArgumentException if {@code lo > hi}
         */
        public int intBetween(int lo, int hi) {
            return (int) longBetween(lo, hi);
        }

        /**
         * {@return a uniform long in {@code lo..hi}, both inclusive}
         *
         * @throws IllegalArgumentException if {@code lo > hi}
         */
        public long longBetween(long lo, long hi) {
            if (lo > hi) {
                throw new IllegalArgumentException("lo: " + lo + " (expected: <= hi " + hi + ")");
            }
            if (hi == Long.MAX_VALUE) {
                return lo == Long.MIN_VALUE ? random.nextLong() : random.nextLong(lo - 1, hi) + 1;
            }
            return random.nextLong(lo, hi + 1);
        }

        /**
         * {@return a uniform int in {@code 0..max * size() / MAX_SIZE}, but at least {@code 0..1}}:
         * a count that grows with the try.
         *
         * @throws IllegalArgumentException if {@code max < 0}
         */
        public int sized(int max) {
            if (max < 0) {
                throw new IllegalArgumentException("max: " + max + " (expected: >= 0)");
            }
            int bound = (int) Math.max(1, (long) max * size / MAX_SIZE);
            return random.nextInt(bound + 1);
        }

        /** {@return a uniform long} */
        public long nextLong() {
            return random.nextLong();
        }

        /** {@return a uniform double in {@code [0, 1)}} */
        public double nextDouble() {
            return random.nextDouble();
        }

        /** {@return a fair coin flip} */
        public boolean nextBoolean() {
            return random.nextBoolean();
        }

        /** {@return {@code true} with probability {@code p}} (0 never, 1 always) */
        public boolean chance(double p) {
            return random.nextDouble() < p;
        }

        /**
         * {@return one of {@code options}, uniformly}
         *
         * @throws IllegalArgumentException if there are none
         */
        @SafeVarargs
        public final <T> T pick(T... options) {
            if (options.length == 0) {
                throw new IllegalArgumentException("options: empty (expected: at least one)");
            }
            return options[random.nextInt(options.length)];
        }

        /**
         * {@return one element of {@code options}, uniformly}
         *
         * @throws IllegalArgumentException if it is empty
         */
        public <T> T pick(List<T> options) {
            if (options.isEmpty()) {
                throw new IllegalArgumentException("options: empty (expected: at least one)");
            }
            return options.get(random.nextInt(options.size()));
        }

        /**
         * {@return one byte of {@code options}, uniformly}
         *
         * @throws IllegalArgumentException if it is empty
         */
        public byte pickByte(byte[] options) {
            if (options.length == 0) {
                throw new IllegalArgumentException("options: empty (expected: at least one)");
            }
            return options[random.nextInt(options.length)];
        }

        /**
         * {@return {@code n} uniform random bytes}
         *
         * @throws IllegalArgumentException if {@code n < 0}
         */
        public byte[] bytes(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("n: " + n + " (expected: >= 0)");
            }
            byte[] b = new byte[n];
            for (int i = 0; i < n; i += 8) {
                long r = random.nextLong();
                for (int j = i; j < Math.min(n, i + 8); j++, r >>>= 8) {
                    b[j] = (byte) r;
                }
            }
            return b;
        }

        /** Shuffles {@code list} in place (Fisher-Yates). */
        public <T> void shuffle(List<T> list) {
            for (int i = list.size() - 1; i > 0; i--) {
                Collections.swap(list, i, random.nextInt(i + 1));
            }
        }

        @Override
        public String toString() {
            return "Gen[seed=" + hex(seed) + ", size=" + size + "]";
        }
    }
}
