package dev.jsonarena;

/**
 * The management interface of a {@link JsonPool}: the figures of {@link JsonPoolStats} (without the
 * per-class table) as read-only attributes, for JConsole, JMC and JMX exporters.
 *
 * <p>A pool's MXBean is registered in the platform MBean server under the name
 * {@code dev.jsonarena:type=JsonPool,name=}<i>pool name</i> ({@link #DOMAIN_TYPE} and the
 * {@linkplain JsonPool#name() pool's name}, quoted with {@link javax.management.ObjectName#quote}
 * if it holds one of {@code , = : " * ? \} or a line break): the {@linkplain
 * JsonPool#defaultPool() default pool}'s, named {@code default}, when that pool is first used; a
 * built pool's if the builder asked for it with {@link JsonPool.Builder#registerMXBean(boolean)}.
 * It is unregistered when the pool is closed (or, if it was dropped unclosed, collected).
 *
 * {@snippet :
 * MBeanServer server = ManagementFactory.getPlatformMBeanServer();
 * ObjectName name = new ObjectName(JsonPoolMXBean.DOMAIN_TYPE + ",name=ingest");
 * long reserved = (Long) server.getAttribute(name, "ReservedBytes");
 * long cap = (Long) server.getAttribute(name, "CapBytes");
 * }
 *
 * <p>Each attribute is read from the pool's counters when it is asked for, so two attributes read
 * one after the other may come from different moments; {@link JsonPool#stats()} takes all of them
 * at once.
 *
 * <p>Thread-safety: thread-safe.
 */
public interface JsonPoolMXBean {
    /** The domain and type key of every pool's object name: {@value}. */
    String DOMAIN_TYPE = "dev.jsonarena:type=JsonPool";

    /** {@return the pool's name} */
    String getName();

    /** {@return native bytes the pool holds from the operating system}, {@link JsonPoolStats#reservedBytes()} */
    long getReservedBytes();

    /** {@return bytes held by open arenas}, {@link JsonPoolStats#inUseBytes()} */
    long getInUseBytes();

    /** {@return reserved bytes no arena holds}, {@link JsonPoolStats#idleBytes()} */
    long getIdleBytes();

    /** {@return the most bytes ever reserved at once}, {@link JsonPoolStats#highWaterBytes()} */
    long getHighWaterBytes();

    /** {@return the cap on reserved bytes}, {@link JsonPoolStats#capBytes()} */
    long getCapBytes();

    /** {@return arenas opened and not yet closed}, {@link JsonPoolStats#openArenas()} */
    long getOpenArenas();

    /** {@return allocations refused because the cap was reached}, {@link JsonPoolStats#capRejections()} */
    long getCapRejections();

    /** {@return chunks currently reserved}, {@link JsonPoolStats#chunks()} */
    long getChunks();

    /** {@return chunks ever reserved}, {@link JsonPoolStats#chunksReserved()} */
    long getChunksReserved();

    /** {@return chunks ever returned to the operating system}, {@link JsonPoolStats#chunksReleased()} */
    long getChunksReleased();
}
