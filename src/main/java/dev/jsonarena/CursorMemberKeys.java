package dev.jsonarena;

import dev.jsonarena.bind.MemberKeys;

/**
 * The {@link MemberKeys} of the binders: the cursor's key ids, read through its package-private
 * hooks.
 *
 * <p>Thread-safety: stateless.
 */
final class CursorMemberKeys implements MemberKeys {
    static final CursorMemberKeys INSTANCE = new CursorMemberKeys();

    private CursorMemberKeys() {}

    @Override
    public Object document(JsonCursor c) {
        return c.document();
    }

    @Override
    public long epoch(JsonCursor c) {
        return c.epoch();
    }

    @Override
    public long enterMembers(JsonCursor c) {
        return c.enterMembers();
    }

    @Override
    public long nextMember(JsonCursor c) {
        return c.nextMember();
    }

    @Override
    public int keyId(JsonCursor c, JsonKey key) {
        return c.keyIdOf(key);
    }

    @Override
    public long[] position(JsonCursor c) {
        return c.position();
    }
}
