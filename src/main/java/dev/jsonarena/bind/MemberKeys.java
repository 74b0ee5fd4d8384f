package dev.jsonarena.bind;

import dev.jsonarena.JsonCursor;
import dev.jsonarena.JsonKey;

/**
 * What the API package lends the binders so that a record's members are matched by the document's
 * key ids, integers, instead of by their names' bytes: a binder resolves its components' names
 * once per document ({@link #keyId}), then compares each member's id ({@link #nextMember}) with
 * them. Ids are valid for one document: the one {@link #document} and {@link #epoch} name.
 * Implemented in {@code dev.jsonarena} over the cursor's package-private reads, and handed to
 * {@link Codecs} by {@code JsonCodecs}.
 *
 * <p>Thread-safety: stateless; the cursor passed is the caller's.
 */
public interface MemberKeys {
    /** {@return the document the cursor reads (for identity only)} @throws IllegalStateException if reset or closed */
    Object document(JsonCursor c);

    /** {@return the epoch of that document's arena when it was read} */
    long epoch(JsonCursor c);

    /**
     * Moves into the object the cursor is at, to its first member's value: {@return that member's
     * key id shifted left by 8, or'd with the ordinal of its value's {@link dev.jsonarena.JsonType}},
     * or -1, staying, if the object is empty. One checked read per call.
     *
     * @throws dev.jsonarena.JsonTypeException if not at an object
     * @throws IllegalStateException if the arena was reset or closed
     */
    long enterMembers(JsonCursor c);

    /**
     * Moves to the next member's value of the object {@link #enterMembers} entered: {@return its key
     * id and value type, as that method returns them}, or -1 after the last member, the cursor then
     * back at the object. One checked read per call.
     *
     * @throws IllegalStateException if not at a member's value, or the arena was reset or closed
     */
    long nextMember(JsonCursor c);

    /** {@return the id of {@code key} in the cursor's document, or -1 if no member has that name} */
    int keyId(JsonCursor c, JsonKey key);

    /**
     * {@return {offset, line, column} of the value at the cursor in the input its document was
     * parsed from, each -1 if not known} (see {@link JsonValue}'s type errors); for error paths only
     */
    long[] position(JsonCursor c);
}
