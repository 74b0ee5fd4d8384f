package dev.jsonarena;

/**
 * Receives a pool's memory alerts: reserved memory crossing a threshold fraction of the pool's cap
 * (an alert before the cap refuses requests, and before the process's memory limit is at risk),
 * its relief, and allocations the cap refused. Registered with
 * {@link JsonPool.Builder#pressureListener(double, JsonPoolListener)}; every method does nothing
 * unless overridden.
 *
 * {@snippet :
 * JsonPool pool = JsonPool.builder()
 *         .maxReservedBytes(512L << 20)
 *         .pressureListener(0.8, new JsonPoolListener() {
 *             @Override
 *             public void onPressure(JsonPoolStats stats, double threshold) {
 *                 log.warn("JSON pool at " + stats.reservedBytes() + " of " + stats.capBytes() + " bytes");
 *             }
 *
 *             @Override
 *             public void onCapRejections(JsonPoolStats stats, long rejections) {
 *                 log.error(rejections + " JSON allocations refused at the cap");
 *             }
 *         })
 *         .build();
 * }
 *
 * <p><b>Hysteresis.</b> With threshold {@code t}, the pool is under pressure from the moment its
 * reserved bytes reach {@code ceil(t × cap)} and until they fall below that level less a tenth of
 * it ({@code 0.9 × t × cap}: 72% of the cap for {@code t = 0.8}); {@link #onPressure} is called
 * once per entry, {@link #onPressureRelieved} once per exit, so they alternate, starting with
 * {@code onPressure}. Reserved bytes move in chunks (4 MiB by default), when a chunk is reserved
 * or released ({@link JsonPool#trim()}, the idle timeout), not with every arena.
 *
 * <p><b>Off the allocation path.</b> The allocating thread only compares a number, counts and wakes
 * the pool's listener thread (a daemon thread named {@code jsonarena-listener-}<i>pool name</i>,
 * started with the pool and ended when it closes); every method runs on that thread, one call at a
 * time, in the order of the events. A slow listener delays its later calls, never an allocation.
 * The {@link JsonPoolStats} given are taken when the call is made, so they may already show the
 * pool past the event (a pressure that was relieved meanwhile is still reported, followed by its
 * relief). An exception thrown by a method is logged (a {@link System.Logger} named
 * {@code dev.jsonarena.JsonPool}, level {@code WARNING}) and does not stop later calls.
 *
 * <p>Thread-safety: implementations are called from the pool's listener thread only.
 */
public interface JsonPoolListener {
    /**
     * Called when the pool's reserved bytes reach the threshold from below.
     *
     * @param stats the pool's memory when the call is made
     * @param threshold the threshold fraction of the cap the listener was registered with
     */
    default void onPressure(JsonPoolStats stats, double threshold) {}

    /**
     * Called when the pool's reserved bytes, after a call of {@link #onPressure}, fall below the
     * relief level ({@code 0.9 × threshold × cap}).
     *
     * @param stats the pool's memory when the call is made
     * @param threshold the threshold fraction of the cap the listener was registered with
     */
    default void onPressureRelieved(JsonPoolStats stats, double threshold) {}

    /**
     * Called when the cap refused allocations (each one a {@link JsonPoolExhaustedException} in the
     * arena that asked): once for every refusal, or, when refusals come faster than the listener
     * thread runs, once for several.
     *
     * @param stats the pool's memory when the call is made; {@link JsonPoolStats#capRejections()}
     *     counts every refusal since the pool was built
     * @param rejections the refusals since the previous call of this method, {@code >= 1}
     */
    default void onCapRejections(JsonPoolStats stats, long rejections) {}
}
