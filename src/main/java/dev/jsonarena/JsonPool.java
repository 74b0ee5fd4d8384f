package dev.jsonarena;

import dev.jsonarena.memory.ArenaMemory;
import dev.jsonarena.memory.Pool;
import dev.jsonarena.memory.PoolSettings;
import dev.jsonarena.memory.Scavenger;
import dev.jsonarena.memory.SizeClasses;
import java.lang.ref.Cleaner;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pool of native memory from which {@link JsonArena}s take their blocks.
 *
 * <p>Memory is reserved from the operating system in chunks (4 MiB by default) split into 8 KiB
 * pages; runs of pages (spans) are carved into size classes from 16 B to 32 KiB, cached per
 * processor stripe, and handed to arenas, which give everything back in one bulk free when they
 * close. Reserved memory never exceeds the cap; an allocation at the cap fails with
 * {@link JsonPoolExhaustedException} (never {@link OutOfMemoryError}). Idle chunks are returned to
 * the operating system by {@link #trim()} and, if the pool has an idle timeout, by a background
 * scavenger. See {@code docs/memory.md}.
 *
 * {@snippet :
 * JsonPool pool = JsonPool.builder()
 *         .maxReservedBytes(512L << 20)       // never more than 512 MiB of native memory
 *         .defaultArenaBudget(16L << 20)      // 16 MiB per request
 *         .build();
 * try (JsonArena arena = pool.openArena()) {
 *     // parse and read; every byte is freed at once here
 * }
 * }
 *
 * <p><b>Watching a pool.</b> Every pool has a {@linkplain #name() name}, which its Flight Recorder
 * events ({@code dev.jsonarena.*}: parses, budget and cap refusals, trims, and a periodic
 * statistics event per live pool) and its {@link JsonPoolMXBean} carry. The default pool's MXBean
 * is registered when it is first used; a built pool's only if {@link Builder#registerMXBean}
 * asks for it. A {@link JsonPoolListener} registered with {@link Builder#pressureListener} is
 * told when reserved memory crosses a fraction of the cap and when the cap refuses allocations.
 * See {@code docs/memory.md}, "Watching the pool".
 *
 * <p>Thread-safety: thread-safe. Many threads may open arenas from one pool at once.
 */
public final class JsonPool implements AutoCloseable {
    /**
     * System property: cap in bytes of the {@linkplain #defaultPool() default pool}, as a decimal
     * number from 8192 (one page) to {@link Long#MAX_VALUE}; absent, the cap is
     * {@link #DEFAULT_CAP_BYTES}. It is read once, when the default pool is first used.
     *
     * <p>An invalid value (not a decimal number, as {@code abc}, {@code 512m}, {@code 0x2000} or
     * the empty string; or below 8192, as {@code 100} or {@code -5}) leaves the process without a
     * default pool: {@link #defaultPool()}, and so {@link JsonArena#open()}, throws
     * {@link IllegalArgumentException} on every call, naming the property, the value and the
     * range. Pools made with {@link #builder()} are not affected. Why not fall back to the default
     * cap with a warning: the value is a memory cap, set to bound the native memory of the process,
     * and a typo such as {@code 512m} would then silently allow 1 GiB, the mistake shown only in
     * a log. Why not fail the class initialisation: that is an {@link Error}, and every later use
     * gets a {@link NoClassDefFoundError} without the value or the range.
     */
    public static final String DEFAULT_CAP_PROPERTY = "jsonarena.pool.maxReservedBytes";
    /** Default chunk size: 4 MiB. */
    public static final long DEFAULT_CHUNK_BYTES = 4L << 20;
    /** Default cap of a built pool and of the default pool: 1 GiB. */
    public static final long DEFAULT_CAP_BYTES = 1L << 30;
    /** Default idle timeout: idle memory is returned after 30 seconds. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    /** The name of the {@linkplain #defaultPool() default pool}: {@value}. */
    public static final String DEFAULT_POOL_NAME = "default";
    /** Pools built without a name are named {@code pool-1}, {@code pool-2}, ... in build order. */
    private static final AtomicInteger UNNAMED = new AtomicInteger();

    /** The default pool, built when first used; its initialisation never throws for a bad property. */
    private static final class DefaultHolder {
        /** The default pool, or null if {@link #INVALID} says why there is none. */
        static final JsonPool POOL;
        /** The message of the invalid property value, or null. */
        static final String INVALID;

        static {
            long cap = DEFAULT_CAP_BYTES;
            String invalid = null;
            try {
                cap = defaultCap(System.getProperty(DEFAULT_CAP_PROPERTY));
            } catch (IllegalArgumentException e) {
                invalid = e.getMessage();
            }
            INVALID = invalid;
            POOL = invalid == null ? builder().name(DEFAULT_POOL_NAME).maxReservedBytes(cap).build(true) : null;
        }
    }

    /**
     * {@return the cap of the default pool for the value {@code value} of
     * {@link #DEFAULT_CAP_PROPERTY}}: {@link #DEFAULT_CAP_BYTES} if null (absent)
     *
     * @throws IllegalArgumentException naming the property, the value and the range if the value
     *     is not a decimal number from 8192 to {@link Long#MAX_VALUE}
     */
    static long defaultCap(String value) {
        if (value == null) {
            return DEFAULT_CAP_BYTES;
        }
        long cap = -1; // stays below the range unless the value is all ASCII digits and fits a long
        if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                cap = Long.parseLong(value);
            } catch (NumberFormatException e) { // above Long.MAX_VALUE
                cap = -1;
            }
        }
        if (cap < SizeClasses.PAGE_SIZE) {
            throw new IllegalArgumentException("system property " + DEFAULT_CAP_PROPERTY + ": \"" + value
                    + "\" (expected: a decimal number of bytes from " + SizeClasses.PAGE_SIZE + " to "
                    + Long.MAX_VALUE + ")");
        }
        return cap;
    }

    private final Pool pool;
    private final String name;
    private final long defaultBudget;
    private final JsonLimits limits;
    /** The random seed of member-name hashes in this pool's documents (see {@code KeyHash}). */
    private final long hashSeed = new SecureRandom().nextLong();
    private final Scavenger scavenger;
    private final Cleaner.Cleanable release;
    private volatile boolean closed;

    /** Whether this is the {@linkplain #defaultPool() default pool}, which cannot be closed. */
    private final boolean isDefault;

    private JsonPool(Builder b, boolean isDefault) {
        this.isDefault = isDefault;
        this.name = b.name != null ? b.name : "pool-" + UNNAMED.incrementAndGet();
        this.pool = new Pool(new PoolSettings(name, b.chunkBytes, b.capBytes, b.capWait.toNanos(),
                b.idleTimeout.toNanos(), PoolSettings.ARENA_INITIAL_BLOCK_BYTES, PoolSettings.ARENA_MAX_BLOCK_BYTES, b.listener != null ? b.pressureThreshold : 0));
        this.defaultBudget = b.defaultBudget;
        this.limits = b.limits;
        JsonPoolBean bean = null;
        if (isDefault) {
            bean = JsonPoolBean.registerInBackground(name, pool);
        } else if (b.registerMXBean) {
            try {
                bean = JsonPoolBean.register(name, pool);
            } catch (RuntimeException e) {
                pool.close(); // nothing reserved yet; stops the statistics hook
                throw e;
            }
        }
        PressureNotifier notifier = b.listener == null ? null
                : PressureNotifier.start(pool, b.pressureThreshold, b.listener);
        this.scavenger = b.idleTimeout.isZero() ? null : Scavenger.start(pool, b.idleTimeout.toNanos());
        // a pool dropped without close() still returns its chunks once it is unreachable (then no
        // arena of it can be open: every open arena's handle references its pool); nothing this
        // registers elsewhere (the MXBean, the listener's thread, the recorder's hook) holds this
        // object, only its allocator
        this.release = CLEANER.register(this, new Release(pool, scavenger, notifier, bean));
    }

    /** {@return the allocator behind this pool, for tests and the decoder} */
    Pool engine() {
        return pool;
    }

    /**
     * {@return the process-wide pool, built on first use; it is never closed} Its cap is
     * {@link #DEFAULT_CAP_BYTES} unless the system property {@value #DEFAULT_CAP_PROPERTY} sets
     * another.
     *
     * @throws IllegalArgumentException on every call if that property's value is invalid (not a
     *     decimal number from 8192 to {@link Long#MAX_VALUE}); the message names the property, the
     *     value and the range
     */
    public static JsonPool defaultPool() {
        JsonPool pool = DefaultHolder.POOL;
        if (pool == null) {
            throw new IllegalArgumentException("the default pool cannot be created: " + DefaultHolder.INVALID);
        }
        return pool;
    }

    /** {@return a builder with the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Opens an arena with the pool's default budget.
     *
     * @return a new open arena
     * @throws IllegalStateException if this pool is closed
     */
    public JsonArena openArena() {
        return openArena(defaultBudget);
    }

    /**
     * Opens an arena that may hold at most {@code budgetBytes} of memory.
     *
     * @param budgetBytes the arena's budget, {@code > 0} ({@link Long#MAX_VALUE}: none)
     * @return a new open arena
     * @throws IllegalArgumentException if {@code budgetBytes <= 0}
     * @throws IllegalStateException if this pool is closed
     */
    public JsonArena openArena(long budgetBytes) {
        if (budgetBytes <= 0) {
            throw new IllegalArgumentException("budgetBytes: " + budgetBytes + " (expected: > 0)");
        }
        if (closed) {
            throw new IllegalStateException("pool is closed");
        }
        // counted as open first, then closed checked again: a close racing this either counts this
        // arena or is seen here (Pool.openArenas), and then the arena is closed again at once
        ArenaMemory memory = pool.open(budgetBytes);
        try {
            if (closed) {
                throw new IllegalStateException("pool is closed");
            }
            return new JsonArena(this, memory);
        } catch (RuntimeException | Error e) {
            memory.close();
            throw e;
        }
    }

    /**
     * {@return this pool's name}: the one given to {@link Builder#name(String)}, {@value
     * #DEFAULT_POOL_NAME} for the default pool, else {@code pool-}<i>n</i> ({@code pool-1} for the
     * first pool built without a name in this process, and so on). Names need not be unique,
     * except among pools with a registered MXBean.
     */
    public String name() {
        return name;
    }

    /** {@return the limits of parses that are given none: {@link JsonLimits#defaults()} unless the builder set others} */
    public JsonLimits limits() {
        return limits;
    }

    /** {@return the seed of member-name hashes, drawn at random when the pool was built} */
    long hashSeed() {
        return hashSeed;
    }

    /**
     * Returns all cached and idle memory to the operating system: every chunk with no block in use
     * by an arena is released.
     */
    public void trim() {
        pool.trim();
    }

    /** {@return a snapshot of this pool's memory} */
    public JsonPoolStats stats() {
        return JsonPoolStats.of(pool);
    }

    /**
     * Closes the pool: stops its scavenger and its listener's thread, unregisters its MXBean and its
     * periodic Flight Recorder event, and returns all of its memory to the operating system.
     * Closing twice does nothing. The {@linkplain #defaultPool() default pool} cannot be closed.
     *
     * @throws IllegalStateException if arenas of this pool are still open, or this is the default pool
     */
    @Override
    public synchronized void close() {
        if (isDefault) {
            throw new IllegalStateException("the default pool cannot be closed");
        }
        if (closed) {
            return;
        }
        // closed first, then the count: an openArena racing this either sees closed or is counted
        closed = true;
        long open = pool.openArenas();
        if (open > 0) {
            closed = false;
            throw new IllegalStateException("pool has " + open + " open arenas (expected: 0 before close)");
        }
        release.clean();
    }

    private static final Cleaner CLEANER = Cleaner.create();

    /**
     * Stops the scavenger and the listener's thread, unregisters the MXBean and releases every chunk;
     * runs once, on close or when the pool is unreachable.
     */
    private record Release(Pool pool, Scavenger scavenger, PressureNotifier notifier, JsonPoolBean bean)
            implements Runnable {
        @Override
        public void run() {
            if (scavenger != null) {
                scavenger.stop();
            }
            if (notifier != null) {
                notifier.stop();
            }
            if (bean != null) {
                bean.unregister();
            }
            pool.close();
        }
    }

    /** Configures a {@link JsonPool}. Not thread-safe. */
    public static final class Builder {
        private long chunkBytes = DEFAULT_CHUNK_BYTES;
        private long capBytes = DEFAULT_CAP_BYTES;
        private Duration capWait = Duration.ZERO;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private long defaultBudget = Long.MAX_VALUE;
        private JsonLimits limits = JsonLimits.defaults();
        private String name;
        private boolean registerMXBean;
        private double pressureThreshold;
        private JsonPoolListener listener;

        private Builder() {}

        /**
         * Names the pool, for its Flight Recorder events, its MXBean and its listener's thread.
         * Without a name, a pool is named {@code pool-}<i>n</i> (see {@link JsonPool#name()}).
         *
         * @param name 1 to 128 characters, none of them a control character
         * @return this builder
         * @throws NullPointerException if {@code name} is null
         * @throws IllegalArgumentException if it is empty, longer than 128 characters or holds a
         *     control character
         */
        public Builder name(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isEmpty() || name.length() > 128 || name.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException("name: \"" + name.replaceAll("\\p{Cntrl}", "?")
                        + "\" (expected: 1 to 128 characters, no control characters)");
            }
            this.name = name;
            return this;
        }

        /**
         * Sets whether {@link #build()} registers the pool's {@link JsonPoolMXBean} in the platform
         * MBean server, as {@code dev.jsonarena:type=JsonPool,name=}<i>the pool's name</i>; it is
         * unregistered when the pool closes. Off by default: a library's private pools should not
         * appear in an application's JMX tree unasked, and two pools of one name cannot both be
         * registered. With it on, give the pool a {@linkplain #name(String) name}: the
         * {@code pool-}<i>n</i> names depend on build order.
         *
         * <p>If the name is registered already, {@link #build()} throws {@link
         * IllegalArgumentException} rather than building a pool that is silently missing from
         * JMX. (The default pool, which has no builder to fail, logs a warning instead.)
         *
         * @param register whether to register the MXBean
         * @return this builder
         */
        public Builder registerMXBean(boolean register) {
            this.registerMXBean = register;
            return this;
        }

        /**
         * Sets the listener told when the pool's reserved memory reaches {@code threshold} of its
         * cap ({@link JsonPoolListener#onPressure}), when it falls back below nine tenths of that
         * level ({@link JsonPoolListener#onPressureRelieved}), and when the cap refuses allocations
         * ({@link JsonPoolListener#onCapRejections}). The listener runs on a daemon thread of the
         * pool, never on an allocating thread. A second call replaces the first.
         *
         * @param threshold the fraction of {@linkplain #maxReservedBytes(long) the cap}, in
         *     {@code (0, 1]}
         * @param listener the listener
         * @return this builder
         * @throws NullPointerException if {@code listener} is null
         * @throws IllegalArgumentException if {@code threshold} is not in {@code (0, 1]}
         */
        public Builder pressureListener(double threshold, JsonPoolListener listener) {
            Objects.requireNonNull(listener, "listener");
            if (!(threshold > 0 && threshold <= 1)) {
                throw new IllegalArgumentException("threshold: " + threshold + " (expected: > 0 and <= 1)");
            }
            this.pressureThreshold = threshold;
            this.listener = listener;
            return this;
        }

        /**
         * Sets the size of each reservation from the operating system.
         *
         * @param bytes a multiple of 8 KiB from 64 KiB to 1 GiB
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder chunkBytes(long bytes) {
            if (bytes < 64 * 1024 || bytes > (1L << 30) || bytes % SizeClasses.PAGE_SIZE != 0) {
                throw new IllegalArgumentException("chunkBytes: " + bytes
                        + " (expected: a multiple of 8192 from 65536 to 1073741824)");
            }
            this.chunkBytes = bytes;
            return this;
        }

        /**
         * Sets the cap on native memory the pool may reserve at once.
         *
         * @param bytes {@code >= 8192}
         * @return this builder
         * @throws IllegalArgumentException if below one page
         */
        public Builder maxReservedBytes(long bytes) {
            if (bytes < SizeClasses.PAGE_SIZE) {
                throw new IllegalArgumentException("maxReservedBytes: " + bytes + " (expected: >= 8192)");
            }
            this.capBytes = bytes;
            return this;
        }

        /**
         * Sets how long an allocation at the cap waits for other arenas to free memory before it
         * throws {@link JsonPoolExhaustedException}; zero (the default) fails fast.
         *
         * @param wait {@code >= 0}
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder capWait(Duration wait) {
            Objects.requireNonNull(wait, "wait");
            if (wait.isNegative()) {
                throw new IllegalArgumentException("capWait: " + wait + " (expected: >= 0)");
            }
            this.capWait = wait;
            return this;
        }

        /**
         * Sets how long memory stays idle before a background scavenger returns it to the operating
         * system; zero disables the scavenger (then only {@link JsonPool#trim()} returns memory).
         *
         * @param timeout {@code >= 0}
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder idleTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("idleTimeout: " + timeout + " (expected: >= 0)");
            }
            this.idleTimeout = timeout;
            return this;
        }

        /**
         * Sets the budget of arenas opened with {@link JsonPool#openArena()}.
         *
         * @param bytes {@code > 0}; {@link Long#MAX_VALUE} (the default) for none
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder defaultArenaBudget(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("defaultArenaBudget: " + bytes + " (expected: > 0)");
            }
            this.defaultBudget = bytes;
            return this;
        }

        /**
         * Sets the limits of parses into this pool's arenas that are given none.
         *
         * @param limits the limits ({@link JsonLimits#defaults()} by default)
         * @return this builder
         * @throws NullPointerException if {@code limits} is null
         */
        public Builder limits(JsonLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * {@return a new pool with these settings}
         *
         * @throws IllegalArgumentException if {@link #registerMXBean(boolean)} is on and the
         *     pool's object name is registered already (another pool of this name)
         * @throws IllegalStateException if {@link #registerMXBean(boolean)} is on and the MBean
         *     server refuses the MXBean for another reason
         */
        public JsonPool build() {
            return build(false);
        }

        private JsonPool build(boolean isDefault) {
            return new JsonPool(this, isDefault);
        }
    }
}
