package dev.jsonarena.tape;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A copy from arena memory that fails its final epoch check drops what it buffered
 * ({@link JsonSink#discardSince}): nothing of it is sent by a later flush, while what earlier
 * flushes sent (each checked first) stays sent.
 */
class JsonSinkDiscardTest {
    @Test
    void aGrowingSinkDropsWhatWasWrittenSinceTheMark() {
        JsonSink out = JsonSink.growing();
        out.put("[1,");
        long mark = out.mark();
        out.put("{\"copied\":\"from another request\"}");
        out.discardSince(mark);
        assertEquals("[1,", out.asString());
    }

    @Test
    void aStreamingSinkDropsEverythingBufferedAfterAFlushSinceTheMark() {
        ByteArrayOutputStream target = new ByteArrayOutputStream();
        JsonSink out = JsonSink.acquire().to(target);
        try {
            out.put("[1,");
            long mark = out.mark();
            out.put("\"checked and sent\"");
            out.flush(false);
            out.put(",\"read after the check\"");
            out.discardSince(mark);
            out.flush(true);
            assertEquals("[1,\"checked and sent\"", target.toString(StandardCharsets.UTF_8));

            long again = out.mark();
            out.put("x");
            out.discardSince(again);
            out.put("]");
            out.flush(true);
            assertEquals("[1,\"checked and sent\"]", target.toString(StandardCharsets.UTF_8));
        } finally {
            out.release();
        }
    }
}
