package dev.jsonarena.bench.ingest;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded load on a log-ingest service over loopback: a fixed number of workers, each a platform
 * thread sending one request at a time with {@link HttpURLConnection} (keep-alive connections reused
 * as the JDK does), until a request count or a duration is reached, whichever comes first; it stops
 * by itself. Every answer is checked against its request ({@link IngestRequest#check}) and kept with
 * its timing.
 *
 * <p>Bodies with a size go out with {@code Content-Length} (fixed-length streaming), endless ones
 * with chunked encoding. When the service answers early and closes the connection, the write fails;
 * the answer is still read (the JDK reads the response after a failed body write), and only a
 * failure to read an answer counts as an error.
 *
 * <p>Thread-safety: {@link #run} may be called from any thread; each call is independent.
 */
public final class IngestLoad {
    /**
     * How much load.
     *
     * @param workers threads, each with one request in flight
     * @param duration no request starts after this much time
     * @param maxRequests no more requests than this in all
     * @param readTimeout how long a worker waits for an answer before it counts an error
     * @param drainBytes what the service reads of a body after it has refused it, before it
     *     closes the connection: a hostile body longer than this may have its connection closed
     *     while it is still being sent, and the client then cannot read the answer (HTTP/1.1 without
     *     {@code 100-continue}). Such an outcome is allowed for hostile bodies of this length only,
     *     and counted ({@link Outcome#closedEarly()}).
     */
    public record Settings(int workers, Duration duration, long maxRequests, Duration readTimeout, long drainBytes) {}

    /** Chooses the requests. */
    @FunctionalInterface
    public interface Source {
        /**
         * {@return the request a worker sends next}
         *
         * @param sequence the request's number in the whole load, from 0
         * @param random the worker's own generator (seeded from the load's seed and the worker's index)
         */
        IngestRequest next(long sequence, SplittableRandom random);
    }

    /**
     * One request and what came of it.
     *
     * @param sequence its number in the load
     * @param kind its kind
     * @param hostile whether it was hostile
     * @param bodyBytes the size of its body (the limit of a streamed one)
     * @param sentBytes the bytes of the body written before the service stopped reading (or all)
     * @param status the HTTP status, -1 if no answer was read
     * @param answer the body of the answer, clipped to 300 chars
     * @param connection the {@code Connection} header of the answer
     * @param error what failed on the client side, or null
     * @param problem null if the answer was one the request allows, else what was wrong
     * @param closedEarly whether the service closed the connection of a hostile body longer than
     *     {@link Settings#drainBytes} while it was sent, so that no answer could be read (allowed)
     * @param startNanos when it started ({@link System#nanoTime()})
     * @param endNanos when its answer was read
     */
    public record Outcome(long sequence, String kind, boolean hostile, long bodyBytes, long sentBytes, int status,
                          String answer, String connection, String error, String problem, boolean closedEarly,
                          long startNanos, long endNanos) {
        /** {@return the time from the first byte sent to the last byte of the answer read, in milliseconds} */
        public double latencyMillis() {
            return (endNanos - startNanos) / 1e6;
        }

        @Override
        public String toString() {
            return "#" + sequence + " " + kind + " (" + bodyBytes + " B, " + sentBytes + " sent): "
                    + (problem != null ? problem : closedEarly ? "closed while sent (allowed)" : "ok") + " [status " + status + ", " + latencyMillis() + " ms"
                    + (connection != null ? ", Connection: " + connection : "") + "] " + answer;
        }
    }

    /**
     * Figures of the requests that fell in a window.
     *
     * @param requests requests that started and ended in the window
     * @param ok those of them answered as the request allows
     * @param okBytes the body bytes of those
     * @param failed those answered otherwise or not at all
     * @param seconds the window's length
     * @param p50Millis the median latency of the ok requests
     * @param p99Millis the 99th percentile latency of the ok requests
     */
    public record Window(long requests, long ok, long okBytes, long failed, double seconds, double p50Millis,
                         double p99Millis) {
        /** {@return ok requests per second} */
        public double requestsPerSecond() {
            return ok / seconds;
        }

        /** {@return body bytes of ok requests per second, in MB (10^6 bytes)} */
        public double megabytesPerSecond() {
            return okBytes / seconds / 1e6;
        }
    }

    /**
     * A finished load.
     *
     * @param outcomes every request, in the order they ended
     * @param startNanos when the load started
     * @param endNanos when its last request ended
     */
    public record Result(List<Outcome> outcomes, long startNanos, long endNanos) {
        /** Makes the list immutable. */
        public Result {
            outcomes = List.copyOf(outcomes);
        }

        /** {@return the requests whose answers were wrong or missing} */
        public List<Outcome> problems() {
            return outcomes.stream().filter(o -> o.problem() != null).toList();
        }

        /** {@return for each kind, the count of each status (-1: no answer)} */
        public Map<String, Map<Integer, Long>> statusesByKind() {
            Map<String, Map<Integer, Long>> out = new TreeMap<>();
            outcomes.forEach(o -> out.computeIfAbsent(o.kind(), k -> new TreeMap<>()).merge(o.status(), 1L, Long::sum));
            return out;
        }

        /** {@return the body bytes of all requests of this kind of hostility that were answered as allowed} */
        public long okBytes(boolean hostile) {
            return outcomes.stream().filter(o -> o.hostile() == hostile && o.problem() == null)
                    .mapToLong(Outcome::sentBytes).sum();
        }

        /**
         * {@return the figures of the requests that started at or after {@code from} and ended
         * before {@code to}, both measured from the start of the load}
         */
        public Window window(Duration from, Duration to) {
            long lo = startNanos + from.toNanos();
            long hi = startNanos + to.toNanos();
            List<Outcome> in = outcomes.stream().filter(o -> o.startNanos() >= lo && o.endNanos() < hi).toList();
            List<Double> latencies = new ArrayList<>();
            long ok = 0, bytes = 0;
            for (Outcome o : in) {
                if (o.problem() == null) {
                    ok++;
                    bytes += o.sentBytes();
                    latencies.add(o.latencyMillis());
                }
            }
            Collections.sort(latencies);
            return new Window(in.size(), ok, bytes, in.size() - ok, (hi - lo) / 1e9, percentile(latencies, 50),
                    percentile(latencies, 99));
        }
    }

    private IngestLoad() {}

    /**
     * Runs a load and waits for it to end.
     *
     * @param uri where to {@code POST}
     * @param settings how much load
     * @param seed the seed of the workers' generators
     * @param source chooses each request
     * @return every request's outcome
     */
    public static Result run(URI uri, Settings settings, long seed, Source source) {
        AtomicLong issued = new AtomicLong();
        List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        long deadline = start + settings.duration().toNanos();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < settings.workers(); w++) {
            SplittableRandom random = new SplittableRandom(seed * 1_000_003L + w);
            workers.add(Thread.ofPlatform().name("ingest-load-" + w).start(() -> {
                for (long n; (n = issued.getAndIncrement()) < settings.maxRequests() && System.nanoTime() < deadline; ) {
                    outcomes.add(send(uri, source.next(n, random), n, settings));
                }
            }));
        }
        for (Thread t : workers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the load ran", e);
            }
        }
        return new Result(outcomes, start, System.nanoTime());
    }

    private static Outcome send(URI uri, IngestRequest r, long sequence, Settings settings) {
        long start = System.nanoTime();
        long[] sent = {0};
        int status = -1;
        String answer = "";
        String connection = null;
        String retryAfter = null;
        String error = null;
        boolean writeFailed = false;
        try {
            HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
            c.setConnectTimeout((int) settings.readTimeout().toMillis());
            c.setReadTimeout((int) settings.readTimeout().toMillis());
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", r.contentType());
            if (r.body() != null) {
                c.setFixedLengthStreamingMode(r.body().length);
            } else {
                c.setChunkedStreamingMode(64 << 10);
            }
            IOException writeFailure = null;
            try (OutputStream out = new Counting(c.getOutputStream(), sent)) {
                if (r.body() != null) {
                    for (int off = 0; off < r.body().length; off += 64 << 10) {
                        out.write(r.body(), off, Math.min(64 << 10, r.body().length - off));
                    }
                } else {
                    r.stream().writeTo(out, r.streamLimit());
                }
            } catch (IOException e) {
                writeFailure = e;
                writeFailed = true;
            }
            try {
                status = c.getResponseCode();
                connection = c.getHeaderField("Connection");
                retryAfter = c.getHeaderField("Retry-After");
                try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
                    answer = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            } catch (IOException e) {
                error = (writeFailure != null ? "body write failed (" + writeFailure + "), then " : "")
                        + "no answer: " + e;
            }
            if (error == null && writeFailure != null && !r.hostile()) {
                error = "body write failed: " + writeFailure;
            }
        } catch (IOException e) {
            error = "no connection: " + e;
        }
        long end = System.nanoTime();
        boolean closedEarly = status < 0 && writeFailed && r.hostile() && r.size() > settings.drainBytes();
        String problem = closedEarly ? null : error != null ? error : r.check(status, answer, retryAfter);
        return new Outcome(sequence, r.kind(), r.hostile(), r.size(), sent[0], status, IngestRequest.clip(answer),
                connection, error, problem, closedEarly, start, end);
    }

    /** The nearest-rank percentile of sorted values; 0 when there are none. */
    static double percentile(List<Double> sorted, int percent) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    /** Counts the bytes that reached the connection. */
    private static final class Counting extends FilterOutputStream {
        private final long[] count;

        Counting(OutputStream out, long[] count) {
            super(out);
            this.count = count;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count[0] += len;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count[0]++;
        }
    }
}
