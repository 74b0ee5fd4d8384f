package dev.jsonarena;

import dev.jsonarena.testing.Property.Gen;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A fixed set of record types covering every type {@link JsonCodecs} binds, a seeded generator of
 * their values, and an independent statement of the JSON each value must be written as, in the
 * shape {@link JsonValue#toJava()} reads (maps, lists, strings, numbers, booleans, null).
 */
final class BindingModel {
    private BindingModel() {}

    enum Level { DEBUG, INFO, WARN, ERROR }

    record Scalars(boolean b, byte by, short s, char c, int i, long l, float f, double d,
            Boolean bb, Byte bby, Short bs, Character bc, Integer bi, Long bl, Float bf, Double bd,
            String str, BigInteger bigInt, BigDecimal bigDec, Level level) {}

    record Times(Instant instant, LocalDate date, LocalDateTime local, OffsetDateTime offset, Duration duration,
            UUID uuid) {}

    record Containers(List<String> list, Set<Integer> set, Collection<Long> collection, Map<String, Double> map,
            int[] ints, String[] strings, Optional<String> optional, Optional<Times> optionalRecord,
            List<List<Integer>> nested, Map<String, List<Level>> mapOfLists) {}

    record Page<T>(List<T> items, T first, int total) {}

    @JsonDiscriminator("kind")
    sealed interface Shape permits Circle, Square, Group {}

    record Circle(double radius) implements Shape {}

    @JsonName("sq")
    record Square(double side) implements Shape {}

    record Group(List<Shape> parts) implements Shape {}

    record Tree(String name, List<Tree> children) {}

    record Everything(Scalars scalars, Times times, Containers containers, Page<Times> page, Shape shape,
            List<Shape> shapes, @JsonName("renamed") String original, @JsonIgnore String skipped, Tree tree) {}

    // ---- generation ----

    static Everything everything(Gen g) {
        return new Everything(scalars(g), times(g), containers(g), new Page<>(list(g, () -> times(g)), times(g),
                g.nextInt(1000)), shape(g, 3), list(g, () -> shape(g, 2)), string(g), null, tree(g, 3));
    }

    static Scalars scalars(Gen g) {
        return new Scalars(g.nextBoolean(), (byte) g.nextInt(256), (short) g.nextInt(65536), character(g),
                g.nextInt(Integer.MAX_VALUE) - g.nextInt(Integer.MAX_VALUE), g.nextLong(), aFloat(g), aDouble(g),
                g.chance(0.2) ? null : g.nextBoolean(), g.chance(0.2) ? null : (byte) g.nextInt(256),
                g.chance(0.2) ? null : (short) g.nextInt(65536), g.chance(0.2) ? null : character(g),
                g.chance(0.2) ? null : (int) g.nextLong(), g.chance(0.2) ? null : g.nextLong(),
                g.chance(0.2) ? null : aFloat(g), g.chance(0.2) ? null : aDouble(g), g.chance(0.1) ? null : string(g),
                g.chance(0.1) ? null : new BigInteger(g.intBetween(1, 200), new java.util.Random(g.nextLong()))
                        .multiply(BigInteger.valueOf(g.nextBoolean() ? 1 : -1)),
                g.chance(0.1) ? null : BigDecimal.valueOf(g.nextLong(), g.intBetween(-30, 30)),
                g.chance(0.1) ? null : g.pick(Level.values()));
    }

    static Times times(Gen g) {
        long seconds = g.longBetween(-62_000_000_000L, 250_000_000_000L);
        int nanos = g.nextBoolean() ? 0 : g.nextInt(1_000_000_000);
        Instant instant = Instant.ofEpochSecond(seconds, nanos);
        ZoneOffset offset = ZoneOffset.ofTotalSeconds(60 * g.intBetween(-18 * 60, 18 * 60));
        return new Times(instant, LocalDate.ofEpochDay(g.longBetween(-300_000, 300_000)),
                LocalDateTime.ofEpochSecond(g.longBetween(-10_000_000_000L, 10_000_000_000L), nanos, ZoneOffset.UTC),
                OffsetDateTime.ofInstant(Instant.ofEpochSecond(g.longBetween(0, 4_000_000_000L)), offset),
                Duration.ofSeconds(g.longBetween(-1_000_000_000L, 1_000_000_000L), g.nextInt(1_000_000_000)),
                new UUID(g.nextLong(), g.nextLong()));
    }

    static Containers containers(Gen g) {
        Set<Integer> set = new LinkedHashSet<>();
        int n = g.sized(8);
        for (int i = 0; i < n; i++) {
            set.add(g.nextInt(100));
        }
        Map<String, Double> map = new LinkedHashMap<>();
        Map<String, List<Level>> mapOfLists = new LinkedHashMap<>();
        for (int i = g.sized(6); i > 0; i--) {
            map.put(string(g), aDouble(g));
            mapOfLists.put(string(g), list(g, () -> g.pick(Level.values())));
        }
        int[] ints = new int[g.sized(8)];
        for (int i = 0; i < ints.length; i++) {
            ints[i] = (int) g.nextLong();
        }
        String[] strings = list(g, () -> string(g)).toArray(String[]::new);
        return new Containers(list(g, () -> string(g)), set, new ArrayList<>(list(g, g::nextLong)), map, ints, strings,
                g.nextBoolean() ? Optional.empty() : Optional.of(string(g)),
                g.nextBoolean() ? Optional.empty() : Optional.of(times(g)),
                list(g, () -> list(g, () -> g.nextInt(10))), mapOfLists);
    }

    static Shape shape(Gen g, int depth) {
        return switch (g.nextInt(depth > 0 ? 3 : 2)) {
            case 0 -> new Circle(aDouble(g));
            case 1 -> new Square(aDouble(g));
            default -> new Group(list(g, () -> shape(g, depth - 1)));
        };
    }

    static Tree tree(Gen g, int depth) {
        return new Tree(string(g), depth == 0 ? new ArrayList<>() : list(g, () -> tree(g, depth - 1)));
    }

    static <T> List<T> list(Gen g, java.util.function.Supplier<T> element) {
        List<T> out = new ArrayList<>();
        for (int i = g.sized(5); i > 0; i--) {
            out.add(element.get());
        }
        return out;
    }

    /** {@return a string of ASCII, controls, escapes, non-ASCII and surrogate pairs} */
    static String string(Gen g) {
        StringBuilder sb = new StringBuilder();
        for (int i = g.sized(12); i > 0; i--) {
            switch (g.nextInt(5)) {
                case 0 -> sb.append((char) g.intBetween(0x20, 0x7E));
                case 1 -> sb.append(g.pick('"', '\\', '/', '\n', '\t', '\u0000', '\u001f'));
                case 2 -> sb.append(g.pick('é', '€', 'ß', '\u2028'));
                case 3 -> sb.appendCodePoint(g.intBetween(0x10000, 0x10FFFF));
                default -> sb.append("level");
            }
        }
        return sb.toString();
    }

    static char character(Gen g) {
        char c;
        do {
            c = (char) g.nextInt(0x10000);
        } while (Character.isSurrogate(c));
        return c;
    }

    static float aFloat(Gen g) {
        float f;
        do {
            f = g.nextBoolean() ? Float.intBitsToFloat(g.nextInt(Integer.MAX_VALUE) | (g.nextBoolean() ? 0x80000000 : 0))
                    : (float) g.intBetween(-1000, 1000) / g.intBetween(1, 100);
        } while (!Float.isFinite(f));
        return f;
    }

    static double aDouble(Gen g) {
        double d;
        do {
            d = g.nextBoolean() ? Double.longBitsToDouble(g.nextLong()) : g.intBetween(-100_000, 100_000) / 64.0;
        } while (!Double.isFinite(d));
        return d;
    }

    // ---- the JSON a value must be written as ----

    /**
     * {@return the value {@code o} must be written as, in the shape of {@link JsonValue#toJava()},
     * with every number as a {@link BigDecimal} stripped of trailing zeros}: records as maps of
     * their components by member name (discriminator first, ignored ones left out), enums, chars,
     * UUIDs and times as strings, collections and arrays as lists, Optional as its value or null
     */
    static Object expectedJava(Object o) {
        return switch (o) {
            case null -> null;
            case Optional<?> opt -> expectedJava(opt.orElse(null));
            case Boolean b -> b;
            case Float f -> new BigDecimal(Float.toString(f)).stripTrailingZeros();
            case Double d -> new BigDecimal(Double.toString(d)).stripTrailingZeros();
            case BigDecimal d -> d.stripTrailingZeros();
            case BigInteger i -> new BigDecimal(i).stripTrailingZeros();
            case Number n -> BigDecimal.valueOf(n.longValue()).stripTrailingZeros();
            case Character c -> String.valueOf(c);
            case String s -> s;
            case Enum<?> e -> e.name();
            case Collection<?> c -> c.stream().map(BindingModel::expectedJava).toList();
            case Map<?, ?> m -> {
                Map<Object, Object> out = new LinkedHashMap<>();
                m.forEach((k, v) -> out.put(k, expectedJava(v)));
                yield out;
            }
            case Record r -> {
                Map<Object, Object> out = new LinkedHashMap<>();
                for (Class<?> i : r.getClass().getInterfaces()) {
                    JsonDiscriminator d = i.getAnnotation(JsonDiscriminator.class);
                    if (d != null) {
                        JsonName n = r.getClass().getAnnotation(JsonName.class);
                        out.put(d.value(), n == null ? r.getClass().getSimpleName() : n.value());
                    }
                }
                for (RecordComponent rc : r.getClass().getRecordComponents()) {
                    if (rc.isAnnotationPresent(JsonIgnore.class)) {
                        continue;
                    }
                    JsonName n = rc.getAnnotation(JsonName.class);
                    try {
                        out.put(n == null ? rc.getName() : n.value(), expectedJava(rc.getAccessor().invoke(r)));
                    } catch (ReflectiveOperationException e) {
                        throw new AssertionError(e);
                    }
                }
                yield out;
            }
            case int[] a -> java.util.Arrays.stream(a).mapToObj(BindingModel::expectedJava).toList();
            case Object[] a -> java.util.Arrays.stream(a).map(BindingModel::expectedJava).toList();
            default -> o.toString(); // UUID, java.time
        };
    }

    /** {@return {@code toJava} output with every number as a BigDecimal stripped of trailing zeros} */
    static Object normalised(Object o) {
        return switch (o) {
            case null -> null;
            case Number n -> new BigDecimal(n.toString()).stripTrailingZeros();
            case List<?> l -> l.stream().map(BindingModel::normalised).toList();
            case Map<?, ?> m -> {
                Map<Object, Object> out = new LinkedHashMap<>();
                m.forEach((k, v) -> out.put(k, normalised(v)));
                yield out;
            }
            default -> o;
        };
    }
}
