package dev.jsonarena;

/**
 * What the parser does with an object that names the same key twice, as in
 * {@code {"role":"user","role":"admin"}}.
 *
 * <p>RFC 8259 says only that names "SHOULD be unique" and that receivers of duplicates behave
 * unpredictably. That unpredictability is the danger: when a gateway keeps the first value and
 * the service behind it the last, one request means two things (a known request-smuggling and
 * authorisation-bypass vector). The default, {@link #REJECT}, refuses such documents outright.
 *
 * <p>Thread-safety: an enum; immutable.
 */
public enum DuplicateKeyPolicy {
    /**
     * The default: a document with a duplicate key in any object fails with
     * {@link JsonParseException}.
     */
    REJECT,
    /**
     * The first member with a key is kept and later members with the same key are dropped from the
     * document, as if they had not been written: {@code size()}, iteration and {@code get} all see
     * one member, at the position of the first.
     */
    FIRST_WINS,
    /**
     * The last member with a key is kept and earlier members with the same key are dropped from
     * the document: {@code size()}, iteration and {@code get} all see one member, at the position
     * of the last.
     */
    LAST_WINS
}
