package dev.jsonarena.bench;

/**
 * What a pass of {@link RecordReaderBenchmark} computes from a stream of records: every
 * implementation must compute the same, which {@code StreamBenchmarksTest} checks.
 *
 * @param records the records read
 * @param fieldChars the sum of the lengths ({@code String.length()}) of the field read from each
 * @param matches how many records' field equals {@link RecordField#match()}
 */
public record RecordTotals(long records, long fieldChars, long matches) {}
