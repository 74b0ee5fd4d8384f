package dev.jsonarena.events;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.EventType;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;
import jdk.jfr.Throttle;

/**
 * {@code dev.jsonarena.Parse}: one JSON text parsed into an arena, timed from the claim of the
 * arena to the end of the parse (for a streamed input this includes the reads of the source).
 *
 * <p>By default only parses of 20 ms or more, as the JDK's own settings keep socket and file
 * reads: a recording that does not name this event (the JDK's {@code default} and {@code profile}
 * settings do not) takes the defaults of its annotations, and a server parses at rates where an
 * event per parse would cost more than many parses and fill the recording. A recording may keep
 * every parse ({@code dev.jsonarena.Parse#threshold=0ms}), a sample of them
 * ({@code dev.jsonarena.Parse#throttle=100/s}; off by default) or turn on stack traces
 * ({@code dev.jsonarena.Parse#stackTrace=true}; off by default: stack walks at these rates would
 * cost more than the parses).
 *
 * <p>Thread-safety: an instance belongs to the thread that parses; load this class only after
 * {@link Jfr#initialized()}.
 */
@Name(ParseEvent.NAME)
@Label("JSON Parse")
@Category("jsonarena")
@Description("A JSON text parsed into an arena: its input, the arena memory held after it, and how it ended")
@StackTrace(false)
@Threshold(ParseEvent.DEFAULT_THRESHOLD)
@Throttle // "off" by default; the annotation gives recordings the throttle setting
public final class ParseEvent extends Event {
    /** The event's name. */
    public static final String NAME = "dev.jsonarena.Parse";
    /** The threshold a recording that does not set one gives this event. */
    public static final String DEFAULT_THRESHOLD = "20 ms";
    /** The outcome of a parse that returned its value. */
    public static final String OK = "ok";
    private static final EventType TYPE = EventType.getEventType(ParseEvent.class);

    @Label("Pool")
    @Description("Name of the pool the arena takes its memory from")
    String pool;

    @Label("Input Kind")
    @Description("byte[], segment, stream, channel, file or record")
    String inputKind;

    @Label("Input Bytes")
    @Description("Bytes of input the parse read: the text's length for byte[] and segment input; for"
            + " a streamed input or a record, from the parse's start to where it stopped (a failed"
            + " streamed parse counts what had been read, read-ahead included)")
    @DataAmount
    long inputBytes;

    @Label("Tokens")
    @Description("Values and member names, as the token limit counts them; for a failed parse, those"
            + " begun before it failed, the failing one included")
    long tokens;

    @Label("Arena Bytes")
    @Description("Bytes of pool memory the arena holds after the parse")
    @DataAmount
    long arenaBytes;

    @Label("Outcome")
    @Description("ok, or the simple class name of the exception the parse threw")
    String outcome;

    /** Use {@link #start}. */
    ParseEvent() {}

    /**
     * {@return a begun event, or null if no running recording has this event enabled}: the check
     * is one flag read; nothing is allocated when it fails
     *
     * @param pool the name of the arena's pool
     * @param inputKind one of the {@link InputKind} names
     */
    static ParseEvent start(String pool, String inputKind) {
        if (!TYPE.isEnabled()) {
            return null;
        }
        ParseEvent e = new ParseEvent();
        e.pool = pool;
        e.inputKind = inputKind;
        e.begin();
        return e;
    }

    /**
     * Ends the event and commits it if it passes the recording's threshold and throttle (its
     * figures are set only then).
     *
     * @param inputBytes the bytes of input read
     * @param tokens the tokens parsed
     * @param arenaBytes the bytes the arena holds now
     * @param failure what the parse threw, or null if it returned its value
     */
    public void finish(long inputBytes, long tokens, long arenaBytes, Throwable failure) {
        end();
        if (!shouldCommit()) {
            return;
        }
        this.inputBytes = inputBytes;
        this.tokens = tokens;
        this.arenaBytes = arenaBytes;
        this.outcome = failure == null ? OK : failure.getClass().getSimpleName();
        commit();
    }
}
