package dev.jsonarena.testing;

import java.io.IOException;

/**
 * An {@link Appendable} for tests that sees every piece it is given through one method: the
 * single-char and sub-sequence forms hand their text to {@link #append(CharSequence)}, which a
 * test overrides to record the piece or to misbehave (close an arena, call back into the writer).
 *
 * <p>Thread-safety: as the subclass.
 */
public abstract class PieceAppendable implements Appendable {
    @Override
    public abstract Appendable append(CharSequence piece) throws IOException;

    @Override
    public final Appendable append(CharSequence csq, int start, int end) throws IOException {
        return append(csq.subSequence(start, end));
    }

    @Override
    public final Appendable append(char c) throws IOException {
        return append(String.valueOf(c));
    }
}
