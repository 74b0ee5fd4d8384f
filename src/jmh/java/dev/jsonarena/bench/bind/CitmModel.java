package dev.jsonarena.bench.bind;

import java.util.List;
import java.util.Map;

/** citm_catalog.json as records, the same for every binder compared: every member bound. */
public final class CitmModel {
    private CitmModel() {}

    /** The catalog. */
    public record Citm(Map<String, String> areaNames, Map<String, String> audienceSubCategoryNames,
            Map<String, String> blockNames, Map<String, Event> events, List<Performance> performances,
            Map<String, String> seatCategoryNames, Map<String, String> subTopicNames, Map<String, String> subjectNames,
            Map<String, String> topicNames, Map<String, int[]> topicSubTopics, Map<String, String> venueNames) {}

    /** An event. */
    public record Event(String description, long id, String logo, String name, int[] subTopicIds, String subjectCode,
            String subtitle, int[] topicIds) {}

    /** A performance. */
    public record Performance(long eventId, long id, String logo, String name, List<Price> prices,
            List<SeatCategory> seatCategories, String seatMapImage, long start, String venueCode) {}

    /** A price. */
    public record Price(int amount, long audienceSubCategoryId, long seatCategoryId) {}

    /** A seat category. */
    public record SeatCategory(List<Area> areas, long seatCategoryId) {}

    /** An area. */
    public record Area(long areaId, int[] blockIds) {}
}
