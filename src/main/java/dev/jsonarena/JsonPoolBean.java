package dev.jsonarena;

import dev.jsonarena.memory.Pool;
import java.lang.management.ManagementFactory;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * A pool's {@link JsonPoolMXBean}, and its registration in the platform MBean server.
 *
 * <p>It reads the pool's allocator, never the {@link JsonPool}: the MBean server holds the bean
 * strongly, and a bean holding the pool would keep a dropped, unclosed pool from being collected
 * (and so from being cleaned, which unregisters the bean).
 *
 * <p>The default pool registers in the background ({@link #registerInBackground}): the first call
 * of {@link ManagementFactory#getPlatformMBeanServer()} in a process creates the server, 0.3-0.7 s
 * on the 2-core machine, and the first request of a server must not wait for it.
 *
 * <p>Thread-safety: thread-safe; registration and unregistration are serialised on the bean, and
 * an unregistration before a background registration makes that registration do nothing.
 */
final class JsonPoolBean implements JsonPoolMXBean {
    private static final System.Logger LOG = System.getLogger(JsonPool.class.getName());
    private final String name;
    private final Pool pool;
    private final ObjectName objectName;
    private boolean registered; // guarded by this
    private boolean closed; // guarded by this

    private JsonPoolBean(String name, Pool pool) {
        this.name = name;
        this.pool = pool;
        this.objectName = objectName(name);
    }

    /**
     * {@return the object name of the pool named {@code name}}: {@value #DOMAIN_TYPE}{@code ,name=}
     * and the name, quoted if it holds a character an unquoted value may not hold
     */
    static ObjectName objectName(String name) {
        boolean plain = name.chars().noneMatch(c -> ",=:\"*?\\\n".indexOf(c) >= 0);
        try {
            return new ObjectName(DOMAIN_TYPE + ",name=" + (plain ? name : ObjectName.quote(name)));
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("name: \"" + name + "\" (expected: a name JMX accepts as a key value)", e);
        }
    }

    /**
     * Registers the bean of {@code pool} now.
     *
     * @return the registered bean
     * @throws IllegalArgumentException if the name is registered already (by another pool of this
     *     name, in this or another copy of the library)
     * @throws IllegalStateException if the MBean server refuses the bean for another reason
     */
    static JsonPoolBean register(String name, Pool pool) {
        JsonPoolBean bean = new JsonPoolBean(name, pool);
        try {
            bean.registerNow();
        } catch (InstanceAlreadyExistsException e) {
            throw new IllegalArgumentException("name: \"" + name + "\" (expected: a name no registered MXBean has; "
                    + bean.objectName + " is registered already)", e);
        } catch (JMException e) {
            throw new IllegalStateException("the MXBean " + bean.objectName + " could not be registered", e);
        }
        return bean;
    }

    /**
     * Registers the bean of {@code pool} on a daemon thread; a failure (the name is taken) is
     * logged as a warning and leaves the pool without a bean.
     *
     * @return the bean, registered soon
     */
    static JsonPoolBean registerInBackground(String name, Pool pool) {
        JsonPoolBean bean = new JsonPoolBean(name, pool);
        Thread.ofPlatform().daemon().name("jsonarena-mxbean-" + name).start(() -> {
            try {
                bean.registerNow();
            } catch (JMException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "the pool \"" + name + "\" has no MXBean: "
                        + bean.objectName + " could not be registered", e);
            }
        });
        return bean;
    }

    private synchronized void registerNow() throws JMException {
        if (!closed) {
            ManagementFactory.getPlatformMBeanServer().registerMBean(this, objectName);
            registered = true;
        }
    }

    /** Unregisters the bean if it is registered, and keeps a pending registration from happening. */
    synchronized void unregister() {
        closed = true;
        if (registered) {
            registered = false;
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(objectName);
            } catch (InstanceNotFoundException e) {
                // unregistered by someone else: nothing left to do
            } catch (JMException e) {
                LOG.log(System.Logger.Level.WARNING, objectName + " could not be unregistered", e);
            }
        }
    }

    /** {@return the name the bean is registered under (or will be)} */
    ObjectName objectName() {
        return objectName;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public long getReservedBytes() {
        return pool.counters().reservedBytes();
    }

    @Override
    public long getInUseBytes() {
        return pool.counters().inUseBytes();
    }

    @Override
    public long getIdleBytes() {
        return pool.counters().idleBytes();
    }

    @Override
    public long getHighWaterBytes() {
        return pool.counters().highWaterBytes();
    }

    @Override
    public long getCapBytes() {
        return pool.counters().capBytes();
    }

    @Override
    public long getOpenArenas() {
        return pool.counters().openArenas();
    }

    @Override
    public long getCapRejections() {
        return pool.counters().capRejections();
    }

    @Override
    public long getChunks() {
        return pool.counters().chunks();
    }

    @Override
    public long getChunksReserved() {
        return pool.counters().chunksReserved();
    }

    @Override
    public long getChunksReleased() {
        return pool.counters().chunksReleased();
    }
}
