package dev.jsonarena.bench;

import dev.jsonarena.JsonKey;

/**
 * The one field {@link RecordReaderBenchmark} reads from each record, so that every implementation
 * does real work with what it parsed: a string member of object records, or a string element of
 * array records, compared with one value.
 *
 * <p>The generated log records ({@link GeneratedJson#NDJSON}) are objects with a member
 * {@code "level"}; amazon_cellphones.ndjson's records are arrays
 * ({@code ["asin","brand","title",...]}, a header line then 792 products), so there the field is
 * element 1, the brand (the header's element 1 is the string {@code "brand"}).
 *
 * @param member the member name, or null for array records
 * @param index the element index for array records, -1 for object records
 * @param match the value whose records are counted in {@link RecordTotals#matches()}
 */
public record RecordField(String member, int index, String match) {
    /** The level of a generated log record; {@code ERROR} records are counted. */
    public static final RecordField LEVEL = new RecordField("level", -1, "ERROR");
    /** The brand of an amazon_cellphones.ndjson product; {@code Samsung} records are counted. */
    public static final RecordField AMAZON_BRAND = new RecordField(null, 1, "Samsung");
    /** The corpus file of JSON Lines. */
    public static final String AMAZON = "amazon_cellphones.ndjson";

    /** {@return the field read from {@code input}'s records} */
    public static RecordField of(String input) {
        return AMAZON.equals(input) ? AMAZON_BRAND : LEVEL;
    }

    /** {@return whether the records are objects (else arrays)} */
    public boolean objects() {
        return member != null;
    }

    /** {@return the member as a {@link JsonKey}, or null for array records} */
    public JsonKey key() {
        return member == null ? null : JsonKey.of(member);
    }
}
