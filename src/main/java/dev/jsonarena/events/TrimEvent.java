package dev.jsonarena.events;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.EventType;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * {@code dev.jsonarena.Trim}: a pool returning idle memory to the operating system, timed (the
 * flush of the caches, the release of idle chunks and the C-heap trim). Emitted for every
 * {@code JsonPool.trim()}, and for the scavenger and the cap's own flush only when they released
 * a chunk.
 *
 * <p>Thread-safety: an instance belongs to the thread that trims; load this class only after
 * {@link Jfr#initialized()}.
 */
@Name(TrimEvent.NAME)
@Label("Pool Trim")
@Category("jsonarena")
@Description("A pool returning idle memory to the operating system")
public final class TrimEvent extends Event {
    /** The event's name. */
    public static final String NAME = "dev.jsonarena.Trim";
    /** Trigger: {@code JsonPool.trim()}. */
    public static final String TRIM = "trim";
    /** Trigger: the pool's scavenger thread, releasing chunks idle for the idle timeout. */
    public static final String SCAVENGER = "scavenger";
    /** Trigger: an allocation at the cap, which returns cached memory before it waits or fails. */
    public static final String CAP = "cap";
    private static final EventType TYPE = EventType.getEventType(TrimEvent.class);

    @Label("Pool")
    @Description("Name of the pool")
    String pool;

    @Label("Trigger")
    @Description("trim (JsonPool.trim), scavenger (idle timeout) or cap (an allocation at the cap)")
    String trigger;

    @Label("Bytes Released")
    @Description("Reserved bytes returned to the operating system")
    @DataAmount
    long bytesReleased;

    @Label("Chunks Released")
    @Description("Chunks returned to the operating system")
    long chunksReleased;

    @Label("Reserved After")
    @Description("Bytes the pool has reserved after the trim")
    @DataAmount
    long reservedAfter;

    TrimEvent() {}

    /** {@return a begun event, or null if no running recording has this event enabled} */
    static TrimEvent start(String pool, String trigger) {
        if (!TYPE.isEnabled()) {
            return null;
        }
        TrimEvent e = new TrimEvent();
        e.pool = pool;
        e.trigger = trigger;
        e.begin();
        return e;
    }

    /**
     * Ends and commits the event (subject to the recording's threshold).
     *
     * @param bytesReleased reserved bytes returned to the operating system
     * @param chunksReleased chunks returned
     * @param reservedAfter the pool's reserved bytes now
     */
    public void finish(long bytesReleased, long chunksReleased, long reservedAfter) {
        this.bytesReleased = bytesReleased;
        this.chunksReleased = chunksReleased;
        this.reservedAfter = reservedAfter;
        commit();
    }
}
