package dev.jsonarena.events;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;

/**
 * {@code dev.jsonarena.PoolStatistics}: a periodic snapshot of one live pool, the figures of
 * {@code JsonPoolStats} without the per-class table, once per period for every pool not yet
 * closed (see {@link StatisticsHook}).
 *
 * <p>Thread-safety: emitted on the recorder's periodic thread; load this class only after
 * {@link Jfr#initialized()}.
 */
@Name(PoolStatisticsEvent.NAME)
@Label("Pool Statistics")
@Category("jsonarena")
@Description("The memory of one live jsonarena pool")
@Period("1 s")
@StackTrace(false)
public final class PoolStatisticsEvent extends Event {
    /** The event's name. */
    public static final String NAME = "dev.jsonarena.PoolStatistics";

    @Label("Pool")
    @Description("Name of the pool")
    String pool;

    @Label("Reserved")
    @Description("Native bytes the pool holds from the operating system")
    @DataAmount
    long reservedBytes;

    @Label("In Use")
    @Description("Bytes held by open arenas")
    @DataAmount
    long inUseBytes;

    @Label("Idle")
    @Description("Reserved bytes no arena holds")
    @DataAmount
    long idleBytes;

    @Label("High Water")
    @Description("The most bytes ever reserved at once")
    @DataAmount
    long highWaterBytes;

    @Label("Cap")
    @Description("The cap on reserved bytes")
    @DataAmount
    long capBytes;

    @Label("Open Arenas")
    @Description("Arenas opened and not yet closed")
    long openArenas;

    @Label("Cap Rejections")
    @Description("Allocations refused at the cap, since the pool was built")
    long capRejections;

    @Label("Chunks")
    @Description("Chunks currently reserved")
    long chunks;

    @Label("Chunks Reserved")
    @Description("Chunks ever reserved")
    long chunksReserved;

    @Label("Chunks Released")
    @Description("Chunks ever returned to the operating system")
    long chunksReleased;

    PoolStatisticsEvent() {}

    /**
     * Commits one event with these figures (the periodic hook runs only while a recording has the
     * event enabled).
     *
     * @param pool the pool's name
     * @param reservedBytes native bytes reserved
     * @param inUseBytes bytes held by open arenas
     * @param highWaterBytes the most bytes ever reserved
     * @param capBytes the cap
     * @param openArenas open arenas
     * @param capRejections allocations refused at the cap
     * @param chunks chunks reserved now
     * @param chunksReserved chunks ever reserved
     * @param chunksReleased chunks ever released
     */
    public static void emit(String pool, long reservedBytes, long inUseBytes, long highWaterBytes, long capBytes,
                            long openArenas, long capRejections, long chunks, long chunksReserved,
                            long chunksReleased) {
        PoolStatisticsEvent e = new PoolStatisticsEvent();
        e.pool = pool;
        e.reservedBytes = reservedBytes;
        e.inUseBytes = inUseBytes;
        e.idleBytes = reservedBytes - inUseBytes;
        e.highWaterBytes = highWaterBytes;
        e.capBytes = capBytes;
        e.openArenas = openArenas;
        e.capRejections = capRejections;
        e.chunks = chunks;
        e.chunksReserved = chunksReserved;
        e.chunksReleased = chunksReleased;
        e.commit();
    }
}
