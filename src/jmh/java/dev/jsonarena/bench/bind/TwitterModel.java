package dev.jsonarena.bench.bind;

import java.util.List;

/**
 * twitter.json as records, the same for every binder compared: the statuses with their user,
 * entities and retweeted status; members without a component (geo, place, the user's profile
 * colours, ...) are skipped by every binder.
 */
public final class TwitterModel {
    private TwitterModel() {}

    /** The document: the statuses. */
    public record Twitter(List<Status> statuses, SearchMetadata search_metadata) {}

    /** One status. */
    public record Status(Metadata metadata, String created_at, long id, String id_str, String text, String source,
            boolean truncated, Long in_reply_to_status_id, String in_reply_to_status_id_str, Long in_reply_to_user_id,
            String in_reply_to_user_id_str, String in_reply_to_screen_name, User user, int retweet_count,
            int favorite_count, Entities entities, boolean favorited, boolean retweeted, String lang,
            Status retweeted_status, Boolean possibly_sensitive) {}

    /** A status's metadata. */
    public record Metadata(String result_type, String iso_language_code) {}

    /** A user. */
    public record User(long id, String id_str, String name, String screen_name, String location, String description,
            String url, int followers_count, int friends_count, int listed_count, String created_at,
            int favourites_count, Integer utc_offset, String time_zone, boolean geo_enabled, boolean verified,
            int statuses_count, String lang, String profile_image_url, boolean default_profile, Boolean following) {}

    /** A status's entities. */
    public record Entities(List<Hashtag> hashtags, List<Url> urls, List<Mention> user_mentions) {}

    /** A hashtag. */
    public record Hashtag(String text, int[] indices) {}

    /** A URL. */
    public record Url(String url, String expanded_url, String display_url, int[] indices) {}

    /** A mention. */
    public record Mention(String screen_name, String name, long id, String id_str, int[] indices) {}

    /** The search's metadata. */
    public record SearchMetadata(double completed_in, long max_id, String max_id_str, String next_results,
            String query, String refresh_url, int count, long since_id, String since_id_str) {}
}
