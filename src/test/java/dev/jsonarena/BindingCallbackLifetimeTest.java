package dev.jsonarena;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The binder calls user code between its reads: each record's canonical constructor. A constructor
 * that closes the arena, or resets it and parses another document into it, makes the bind fail with
 * {@link IllegalStateException}; the bind never returns a value read from the other document, and
 * the pool is idle once the arena is closed.
 */
class BindingCallbackLifetimeTest extends ArenaFixture {
    /** What the next {@link Hook} constructor does to the arena; cleared after each test. */
    private static Consumer<Hook> onConstruct = h -> {};

    record Hook(String name) {
        Hook {
            onConstruct.accept(this);
        }
    }

    record Entry(Hook hook, String after) {}

    record Batch(List<Entry> entries) {}

    private static final String BATCH = "{\"entries\":[" + "{\"hook\":{\"name\":\"a\"},\"after\":\"first-request\"},"
            + "{\"hook\":{\"name\":\"b\"},\"after\":\"first-request\"}]}";
    private static final String OTHER = "{\"entries\":[{\"hook\":{\"name\":\"x\"},\"after\":\"OTHER-REQUEST\"},"
            + "{\"hook\":{\"name\":\"y\"},\"after\":\"OTHER-REQUEST\"}]}";

    @AfterEach
    void clearHook() {
        onConstruct = h -> {};
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Makes the next {@link Hook} constructor reset the arena and parse {@link #OTHER} into it, once. */
    private void resetAndParseOtherAtTheNextConstructor() {
        onConstruct = h -> {
            onConstruct = x -> {};
            arena.reset();
            arena.parse(utf8(OTHER));
        };
    }

    @Test
    void aConstructorThatClosesTheArenaFailsTheBindAndLeavesThePoolIdle() {
        onConstruct = h -> arena.close();
        assertThrows(IllegalStateException.class, () -> arena.parse(utf8(BATCH), Batch.class));
        assertFalse(arena.isOpen());
        DecoderOracle.assertPoolIdle(pool);
    }

    @Test
    void aConstructorThatResetsTheArenaAndParsesAnotherDocumentNeverBindsItsData() {
        resetAndParseOtherAtTheNextConstructor();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> arena.parse(utf8(BATCH), Batch.class));
        assertFalse(String.valueOf(e.getMessage()).contains("OTHER"), e.getMessage());
        assertEquals("x", arena.parse(utf8(OTHER)).at("/entries/0/hook/name").asString(),
                "the arena still serves the request that parsed into it after the failed bind");
        assertThrows(IllegalStateException.class, () -> {
            onConstruct = h -> arena.reset();
            arena.parse(utf8(BATCH), Batch.class);
        });
    }

    @Test
    void aConstructorThatClosesTheArenaFailsABindThroughTheCodecsOfAView() {
        JsonValue root = parse(BATCH);
        onConstruct = h -> arena.close();
        assertThrows(IllegalStateException.class, () -> JsonCodecs.defaults().bind(root, Batch.class));
        DecoderOracle.assertPoolIdle(pool);
    }

    /** A stream of {@code bytes} whose reads run {@code onRead} first. */
    private static InputStream hooked(byte[] bytes, Runnable onRead) {
        return new java.io.ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                onRead.run();
                return super.read(b, off, len);
            }
        };
    }

    @Test
    void aStreamWhoseReadResetsOrParsesIntoTheArenaIsRefusedInATypedParse() {
        IllegalStateException reset = assertThrows(IllegalStateException.class,
                () -> arena.parse(hooked(utf8(BATCH), arena::reset), Batch.class));
        assertTrue(reset.getMessage().contains("in use"), reset.getMessage());
        IllegalStateException parse = assertThrows(IllegalStateException.class,
                () -> arena.parse(hooked(utf8(BATCH), () -> arena.parse(utf8(OTHER))), Batch.class));
        assertTrue(parse.getMessage().contains("in use"), parse.getMessage());
        assertEquals("a", assertDoesNotThrow(() -> arena.parse(new java.io.ByteArrayInputStream(utf8(BATCH)), Batch.class))
                .entries().getFirst().hook().name(), "the arena serves the next parse");
    }

    @Test
    void aStreamWhoseReadClosesTheArenaFailsTheTypedParseAndLeavesThePoolIdle() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> arena.parse(hooked(utf8(BATCH), arena::close), Batch.class));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertFalse(arena.isOpen());
        DecoderOracle.assertPoolIdle(pool);
    }

    @Test
    void aConstructorThatResetsTheArenaDuringATypedParseOfAStreamFailsWithoutTheOtherDocumentsData() {
        resetAndParseOtherAtTheNextConstructor();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> arena.parse(new java.io.ByteArrayInputStream(utf8(BATCH)), Batch.class));
        assertFalse(String.valueOf(e.getMessage()).contains("OTHER"), e.getMessage());
    }
}
