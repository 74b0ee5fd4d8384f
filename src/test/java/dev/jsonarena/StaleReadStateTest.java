package dev.jsonarena;

import static dev.jsonarena.DecoderSupport.utf8;
import static org.junit.jupiter.api.Assertions.*;

import dev.jsonarena.tape.Document;
import java.lang.reflect.Field;
import org.junit.jupiter.api.Test;

/**
 * A view read on another thread after its arena was closed passes its epoch check, then the pooled
 * memory goes to the next request and the same document object is parsed into again, then the
 * read goes on: it must write none of the document's read state that the new request reads (the
 * name cache, container indexes, the scan state, the decoder's arrays). Each test replays that
 * interleaving deterministically by calling the document's reads with the old epoch, as the stale
 * read does after its check.
 */
class StaleReadStateTest {
    private static final String WIDE_A = wide("a", 20);
    private static final String WIDE_B = wide("b", 20);

    private static String wide(String prefix, int members) {
        StringBuilder sb = new StringBuilder("{\"list\":[");
        for (int i = 0; i < 40; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"x\":").append(i).append('}');
        }
        sb.append("],\"obj\":{");
        for (int i = 0; i < members; i++) {
            sb.append(i == 0 ? "" : ",").append('"').append(prefix).append(i).append("\":").append(i);
        }
        return sb.append("}}").toString();
    }

    /** Two requests, one after the other, on one pooled memory: the second reuses the first's document object. */
    private record Requests(JsonPool pool, Document doc, long staleEpoch, JsonArena current, JsonValue root) implements AutoCloseable {
        static Requests of(String first, String second) {
            JsonPool pool = DecoderSupport.pool();
            JsonArena a = pool.openArena();
            JsonValue old = a.parse(utf8(first));
            Document doc = old.doc;
            long e1 = old.epoch;
            a.close();
            JsonArena b = pool.openArena();
            JsonValue root = b.parse(utf8(second));
            assertSame(doc, root.doc, "the second request reuses the document object");
            assertNotEquals(e1, root.epoch);
            return new Requests(pool, doc, e1, b, root);
        }

        @Override
        public void close() {
            current.close();
            DecoderOracle.assertPoolIdle(pool);
            pool.close();
        }
    }

    @Test
    void aStaleReadCachesNoNameInTheNewParse() {
        try (Requests r = Requests.of(WIDE_A, WIDE_B)) {
            JsonValue obj = r.root().asObject().get("obj");
            int id = r.doc().keyId("b3");
            String stale = r.doc().keyName(id, r.staleEpoch());
            assertEquals("b3", stale, "the stale read decodes the new bytes (and its own check then fails)");
            String current = null;
            for (JsonObject.Member m : obj.asObject()) {
                if (m.key().equals("b3")) {
                    current = m.key();
                }
            }
            assertEquals("b3", current);
            assertNotSame(stale, current, "the name the stale read made was not cached for the new request");
        }
    }

    @Test
    void aStaleReadBuildsNoIndexInTheNewRequestsArena() {
        try (Requests r = Requests.of(WIDE_A, WIDE_B)) {
            int list = r.root().asObject().get("list").index;
            int obj = r.root().asObject().get("obj").index;
            int id = r.doc().keyId("b7");
            long reserved = r.current().bytesReserved();
            for (int i = 0; i < 200; i++) { // enough lookups to index the object, if it were allowed
                assertTrue(r.doc().member(obj, id, r.staleEpoch()) > 0);
            }
            assertTrue(r.doc().element(list, 30, r.staleEpoch()) > 0);
            assertEquals(0, r.doc().indexBytes(), "no index built for a stale epoch");
            assertEquals(reserved, r.current().bytesReserved());
            assertEquals(7, r.root().asObject().get("obj").asObject().getLong("b7", -1));
        }
    }

    @Test
    void aStaleReadLeavesTheScanStateOfTheCurrentEpochAlone() throws ReflectiveOperationException {
        try (Requests r = Requests.of(WIDE_A, WIDE_B)) {
            JsonObject obj = r.root().asObject().get("obj").asObject();
            assertEquals(5, obj.getLong("b5", -1)); // the current request starts a scan of obj
            Object before = scanState(r.doc());
            assertNotNull(before);
            int id = r.doc().keyId("b9");
            r.doc().member(r.root().asObject().get("obj").index, id, r.staleEpoch());
            Object after = scanState(r.doc());
            assertNotSame(before, after, "the stale read scanned with a state of its own epoch");
            Field epoch = after.getClass().getDeclaredField("epoch");
            epoch.setAccessible(true);
            assertEquals(r.staleEpoch(), epoch.getLong(after));
            assertEquals(6, obj.getLong("b6", -1), "the current request's reads go on correctly");
        }
    }

    @Test
    void aDecodeThatFindsTheArraysTakenUsesArraysOfItsOwn() throws ReflectiveOperationException {
        try (Requests r = Requests.of(WIDE_A, "[\"caf\u00e9 au lait\", \"plain ascii text\"]")) {
            Field decoderField = Document.class.getDeclaredField("decoder");
            decoderField.setAccessible(true);
            Object decoder = decoderField.get(r.doc());
            Field scratch = decoder.getClass().getDeclaredField("scratch");
            scratch.setAccessible(true);
            Object held = scratch.get(decoder);
            scratch.set(decoder, null); // as while a stale read on another thread decodes through them
            JsonArray a = r.root().asArray();
            assertEquals("caf\u00e9 au lait", a.get(0).asString());
            assertEquals("plain ascii text", a.get(1).asString());
            assertNotNull(scratch.get(decoder), "arrays are put back after a decode");
            assertNotSame(held, scratch.get(decoder), "the decode did not use the held arrays");
        }
    }

    @Test
    void anErrorAStaleReadMadeFromTheNewRequestsMemoryIsNotHandedToIt() {
        try (Requests r = Requests.of(WIDE_A, "{\"secret\": \"token-of-request-2\"}")) {
            // what a stale read's type error built from the new request's tape would say
            JsonTypeException fromNewMemory = new JsonTypeException("NUMBER", JsonType.STRING, "/secret");
            RuntimeException thrown = r.doc().torn(r.staleEpoch(), fromNewMemory);
            assertInstanceOf(IllegalStateException.class, thrown);
            assertEquals(0, thrown.getSuppressed().length, "nothing of the other request rides along");
            assertNull(thrown.getCause());
            assertFalse(thrown.getMessage().contains("secret"));
            assertSame(fromNewMemory, r.doc().torn(r.root().epoch, fromNewMemory), "a current read gets its own error");
        }
    }

    private static Object scanState(Document doc) throws ReflectiveOperationException {
        Field indexes = Document.class.getDeclaredField("indexes");
        indexes.setAccessible(true);
        Object ci = indexes.get(doc);
        Field scan = ci.getClass().getDeclaredField("scan");
        scan.setAccessible(true);
        return scan.get(ci);
    }
}
