package dev.jsonarena.events;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.EventType;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Throttle;

/**
 * {@code dev.jsonarena.Parse}: one JSON text parsed into an arena, timed from the claim of the
 * arena to the end of the parse (for a streamed input this includes the reads of the source).
 *
 * <p>Without a stack trace by default: a server parses at rates where stack walks would cost more
 * than the parses. A recording may turn it on ({@code dev.jsonarena.Parse#stackTrace=true}), keep
 * only slow parses ({@code dev.jsonarena.Parse#threshold=1ms}) or a sample
 * ({@code dev.jsonarena.Parse#throttle=100/s}; off by default).
 *
 * <p>Thread-safety: an instance belongs to the thread that parses; load this class only after
 * {@link Jfr#initialized()}.
 */
@Name(ParseEvent.NAME)
@Label("JSON Parse")
@Category("jsonarena")
@Description("A JSON text parsed into an arena: its input, the arena memory held after it, and how it ended")
@StackTrace(false)
@Throttle // "off" by default; the annotation gives recordings the throttle setting
public final class ParseEvent extends Event {
    /** The event's name. */
    public static final String NAME = "dev.jsonarena.Parse";
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
     * Ends and commits the event (subject to the recording's threshold).
     *
     * @param inputBytes the bytes of input read
     * @param tokens the tokens parsed
     * @param arenaBytes the bytes the arena holds now
     * @param failure what the parse threw, or null if it returned its value
     */
    public void finish(long inputBytes, long tokens, long arenaBytes, Throwable failure) {
        this.inputBytes = inputBytes;
        this.tokens = tokens;
        this.arenaBytes = arenaBytes;
        this.outcome = failure == null ? OK : failure.getClass().getSimpleName();
        commit();
    }
}
