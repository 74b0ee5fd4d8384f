package dev.jsonarena.bench.ingest;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Set;

/**
 * One request of a load on a log-ingest service ({@code POST /logs}): what is sent and what the
 * service must answer.
 *
 * <p>A body is either bytes sent with a {@code Content-Length}, or an endless stream sent with
 * chunked transfer encoding until the service stops reading or {@code streamLimit} bytes are out.
 *
 * @param kind the name of the kind of request, for reports ({@code array}, {@code deep-nesting}, ...)
 * @param hostile whether the body is meant to hurt the service
 * @param contentType the {@code Content-Type}
 * @param body the body, or null for a streamed one
 * @param stream writes the streamed body, or null
 * @param streamLimit the most bytes of a streamed body the client sends
 * @param statuses the statuses the service may answer with
 * @param reply the exact body of a 200 answer, or null when any is fine
 */
public record IngestRequest(String kind, boolean hostile, String contentType, byte[] body, EndlessBody stream,
                            long streamLimit, Set<Integer> statuses, String reply) {
    /** Writes a body that never ends by itself. */
    @FunctionalInterface
    public interface EndlessBody {
        /**
         * Writes the body until {@code limit} bytes are out or a write fails.
         *
         * @param out where to write
         * @param limit the most bytes to write
         * @throws IOException if a write fails (the service closed the connection)
         */
        void writeTo(OutputStream out, long limit) throws IOException;
    }

    /** Makes the statuses immutable. */
    public IngestRequest {
        statuses = Set.copyOf(statuses);
        if ((body == null) == (stream == null)) {
            throw new IllegalArgumentException("kind " + kind + ": exactly one of body and stream (expected: one)");
        }
    }

    /** {@return a request the service must answer with 200 and the batch's exact counts} */
    public static IngestRequest good(String kind, LogBatch batch) {
        return new IngestRequest(kind, false, batch.contentType(), batch.body(), null, 0, Set.of(200),
                batch.expectedReply());
    }

    /**
     * Checks an answer.
     *
     * @param status the HTTP status, or -1 if none was read
     * @param answer the body of the answer
     * @param retryAfter the {@code Retry-After} header, or null
     * @return null if the answer is one this request allows, else what is wrong with it
     */
    public String check(int status, String answer, String retryAfter) {
        if (!statuses.contains(status)) {
            return "status " + status + " (expected: one of " + statuses + ")";
        }
        if (status == 200 && reply != null && !reply.equals(answer)) {
            return "answer " + clip(answer) + " (expected: " + clip(reply) + ")";
        }
        if (status == 400 && !(answer.contains("\"line\":") && answer.contains("\"column\":") && answer.contains("\"offset\":"))) {
            return "a 400 without line, column and offset: " + clip(answer);
        }
        if (status == 503 && retryAfter == null) {
            return "a 503 without Retry-After";
        }
        return null;
    }

    /** {@return the size of the body, or the limit of a streamed one} */
    public long size() {
        return body != null ? body.length : streamLimit;
    }

    static String clip(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...(" + s.length() + " chars)";
    }
}
