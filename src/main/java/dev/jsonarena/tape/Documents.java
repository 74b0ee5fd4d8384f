package dev.jsonarena.tape;

import dev.jsonarena.memory.ArenaMemory;
import java.util.Arrays;

/**
 * The reusable {@link Document} objects of one arena. It is kept in the arena's pooled
 * {@link ArenaMemory} (as its decoder state), so it survives the arena's close and serves the next
 * request that gets the same memory: a steady stream of requests allocates no {@code Document}.
 * Reuse is safe because every view checks the arena epoch, which moves on at every reset and close.
 *
 * <p>Thread-safety: not thread-safe; used by the arena's one thread at a time.
 */
public final class Documents implements ArenaMemory.DecoderState {
    private Document[] documents = new Document[2];
    private int count;
    private long epoch = -1;

    private Documents() {}

    /** {@return the documents of {@code memory}, created on its first parse} */
    public static Documents of(ArenaMemory memory) {
        ArenaMemory.DecoderState state = memory.decoderState();
        if (state instanceof Documents d) {
            return d;
        }
        Documents d = new Documents();
        memory.setDecoderState(d);
        return d;
    }

    /** {@return an unused document for a new parse in the current epoch of {@code memory}} */
    public Document next(ArenaMemory memory) {
        long e = memory.epoch();
        if (e != epoch) {
            count = 0;
            epoch = e;
        }
        if (count == documents.length) {
            documents = Arrays.copyOf(documents, count * 2);
        }
        Document doc = documents[count];
        if (doc == null) {
            doc = documents[count] = new Document(memory);
        }
        return doc;
    }

    /** Marks the document returned by {@link #next} as live (its parse succeeded). */
    public void commit() {
        count++;
    }

    /** Drops the inputs of the documents of the epoch that just ended (only those can keep one). */
    @Override
    public void releaseInputs() {
        for (int i = 0; i < count; i++) {
            documents[i].releaseInput();
        }
    }
}
