package dev.jsonarena;

import static dev.jsonarena.DecoderSupport.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.management.JMX;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Each pool's {@link JsonPoolMXBean}, read through the platform MBean server as a JMX client
 * would: its attributes are the pool's stats, it is registered as the pool's name says (the
 * default pool on first use, built pools when asked) and unregistered when the pool closes or is
 * collected.
 */
class JsonPoolMXBeanTest {
    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();
    private static final long KIB = 1024;

    private static ObjectName name(String pool) throws Exception {
        return new ObjectName(JsonPoolMXBean.DOMAIN_TYPE + ",name=" + pool);
    }

    /** {@return every attribute of {@code name}, read one by one with getAttribute} */
    private static Map<String, Object> attributes(ObjectName name) throws Exception {
        Map<String, Object> values = new TreeMap<>();
        for (MBeanAttributeInfo a : SERVER.getMBeanInfo(name).getAttributes()) {
            values.put(a.getName(), SERVER.getAttribute(name, a.getName()));
        }
        return values;
    }

    /** {@return the attributes a bean of a pool with these stats must show} */
    private static Map<String, Object> expected(String pool, JsonPoolStats s) {
        Map<String, Object> values = new TreeMap<>();
        values.put("Name", pool);
        values.put("ReservedBytes", s.reservedBytes());
        values.put("InUseBytes", s.inUseBytes());
        values.put("IdleBytes", s.idleBytes());
        values.put("HighWaterBytes", s.highWaterBytes());
        values.put("CapBytes", s.capBytes());
        values.put("OpenArenas", s.openArenas());
        values.put("CapRejections", s.capRejections());
        values.put("Chunks", s.chunks());
        values.put("ChunksReserved", s.chunksReserved());
        values.put("ChunksReleased", s.chunksReleased());
        return values;
    }

    @Test
    void attributesReadThroughThePlatformServerAreThePoolsStats() throws Exception {
        ObjectName name = name("mx-stats");
        try (JsonPool pool = JsonPool.builder().name("mx-stats").registerMXBean(true).idleTimeout(Duration.ZERO)
                .chunkBytes(64 * KIB).maxReservedBytes(256 * KIB).build()) {
            assertTrue(SERVER.isRegistered(name));
            assertEquals(expected("mx-stats", pool.stats()), attributes(name), "a new pool");
            try (JsonArena arena = pool.openArena()) {
                arena.parse(utf8("[" + "\"abcdefgh\",".repeat(5000) + "0]")); // 55 KB: a chunk of its own
                assertEquals(expected("mx-stats", pool.stats()), attributes(name), "an arena open, holding memory");
                assertThrows(JsonPoolExhaustedException.class, () -> arena.parse(utf8("[" + "1,".repeat(200_000) + "1]")));
                assertEquals(expected("mx-stats", pool.stats()), attributes(name), "after a cap rejection");
                assertEquals(1L, SERVER.getAttribute(name, "CapRejections"));
            }
            assertEquals(expected("mx-stats", pool.stats()), attributes(name), "the arena closed");
            pool.trim();
            assertEquals(expected("mx-stats", pool.stats()), attributes(name), "trimmed");
            assertEquals(0L, SERVER.getAttribute(name, "ReservedBytes"));
            assertTrue((Long) SERVER.getAttribute(name, "ChunksReleased") >= 1);
            // the interface is a compliant MXBean: a typed proxy reads the same figures
            JsonPoolMXBean proxy = JMX.newMXBeanProxy(SERVER, name, JsonPoolMXBean.class);
            assertEquals(256 * KIB, proxy.getCapBytes());
            assertEquals("mx-stats", proxy.getName());
            assertTrue(JMX.isMXBeanInterface(JsonPoolMXBean.class));
            for (MBeanAttributeInfo a : SERVER.getMBeanInfo(name).getAttributes()) {
                assertTrue(a.isReadable() && !a.isWritable(), a.getName() + " is read-only");
            }
        }
        assertFalse(SERVER.isRegistered(name), "unregistered when the pool closes");
    }

    @Test
    void builtPoolsAreRegisteredOnlyWhenAsked() throws Exception {
        try (JsonPool quiet = JsonPool.builder().name("mx-unasked").idleTimeout(Duration.ZERO).build();
             JsonPool unnamed = JsonPool.builder().registerMXBean(true).idleTimeout(Duration.ZERO).build()) {
            assertFalse(SERVER.isRegistered(name("mx-unasked")));
            assertTrue(unnamed.name().matches("pool-[0-9]+"), unnamed.name());
            assertTrue(SERVER.isRegistered(name(unnamed.name())), "an unnamed pool is registered under its pool-n name");
            Set<String> pools = SERVER.queryNames(new ObjectName(JsonPoolMXBean.DOMAIN_TYPE + ",*"), null).stream()
                    .map(n -> n.getKeyProperty("name"))
                    .collect(Collectors.toSet());
            assertTrue(pools.contains(unnamed.name()) && !pools.contains("mx-unasked"), pools.toString());
        }
    }

    @Test
    void aNameTakenByAnotherRegisteredPoolFailsTheBuild() throws Exception {
        try (JsonPool first = JsonPool.builder().name("mx-twice").registerMXBean(true).idleTimeout(Duration.ZERO).build()) {
            JsonPool.Builder second = JsonPool.builder().name("mx-twice").registerMXBean(true);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, second::build);
            assertTrue(e.getMessage().contains("dev.jsonarena:type=JsonPool,name=mx-twice is registered already"),
                    e.getMessage());
            assertEquals("mx-twice", SERVER.getAttribute(name("mx-twice"), "Name"), "the first pool keeps its bean");
            assertEquals(first.stats().capBytes(), SERVER.getAttribute(name("mx-twice"), "CapBytes"));
            // unregistered, the name is free again
            first.close();
            JsonPool.builder().name("mx-twice").registerMXBean(true).idleTimeout(Duration.ZERO).build().close();
        }
        // a pool of that name without a bean is no conflict
        try (JsonPool a = JsonPool.builder().name("mx-shared").registerMXBean(true).idleTimeout(Duration.ZERO).build();
             JsonPool b = JsonPool.builder().name("mx-shared").idleTimeout(Duration.ZERO).build()) {
            assertEquals(a.name(), b.name());
        }
    }

    @Test
    void namesThatJmxCannotTakeUnquotedAreQuoted() throws Exception {
        String odd = "ingest, \"eu\"=1:*?";
        try (JsonPool pool = JsonPool.builder().name(odd).registerMXBean(true).idleTimeout(Duration.ZERO).build()) {
            ObjectName name = new ObjectName(JsonPoolMXBean.DOMAIN_TYPE + ",name=" + ObjectName.quote(odd));
            assertEquals(odd, SERVER.getAttribute(name, "Name"));
            assertEquals(odd, pool.name());
        }
    }

    @Test
    void invalidNamesAreRefusedByTheBuilder() {
        JsonPool.Builder b = JsonPool.builder();
        assertThrows(NullPointerException.class, () -> b.name(null));
        for (String bad : new String[] {"", "a\nb", "tab\t", "x".repeat(129)}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.name(bad));
            assertTrue(e.getMessage().startsWith("name: \"") && e.getMessage().contains("expected: 1 to 128 characters"),
                    e.getMessage());
        }
        b.name("x".repeat(128));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void theDefaultPoolIsRegisteredAsDefaultOnFirstUse() throws Exception {
        JsonPool pool = JsonPool.defaultPool();
        assertEquals(JsonPool.DEFAULT_POOL_NAME, pool.name());
        ObjectName name = name("default");
        // registered by a background thread, so that the first request does not wait for the server
        while (!SERVER.isRegistered(name)) {
            Thread.sleep(10);
        }
        assertEquals("default", SERVER.getAttribute(name, "Name"));
        assertEquals(pool.stats().capBytes(), SERVER.getAttribute(name, "CapBytes"));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aDroppedPoolIsUnregisteredOnceCollectedAndItsListenerThreadEnds() throws Exception {
        // the bean and the listener's thread hold the pool's allocator, never the pool: it can be
        // collected, and its cleaner unregisters the bean and stops the thread
        ObjectName name = name("mx-dropped");
        dropPool();
        assertTrue(SERVER.isRegistered(name));
        while (SERVER.isRegistered(name) || listenerThreadAlive("mx-dropped")) {
            System.gc();
            Thread.sleep(20);
        }
    }

    private static void dropPool() {
        JsonPool pool = JsonPool.builder().name("mx-dropped").registerMXBean(true).idleTimeout(Duration.ofMinutes(5))
                .pressureListener(0.5, new JsonPoolListener() {})
                .build();
        try (JsonArena arena = pool.openArena()) {
            arena.parse(utf8("[1,2,3]"));
        }
    }

    static boolean listenerThreadAlive(String pool) {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("jsonarena-listener-" + pool) && t.isAlive());
    }

    @Test
    void theInterfaceHasAGetterForEveryFigureOfTheStatsButTheClassTable() throws Exception {
        Set<String> getters = Arrays.stream(JsonPoolMXBean.class.getMethods())
                .map(m -> m.getName().substring(3))
                .collect(Collectors.toSet());
        Set<String> figures = Arrays.stream(JsonPoolStats.class.getRecordComponents())
                .map(c -> Character.toUpperCase(c.getName().charAt(0)) + c.getName().substring(1))
                .filter(n -> !n.equals("SizeClasses"))
                .collect(Collectors.toSet());
        figures.add("Name");
        assertEquals(figures, getters);
    }
}
