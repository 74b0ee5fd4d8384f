package dev.jsonarena;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A streamed parse learns how many characters of a line its window drops from the parser's count
 * of UTF-8 continuation bytes (in strings, in names, in names it predicted without reading them, in
 * a byte order mark) instead of counting them again. An error far into a long line must then have
 * the column a parse of the same bytes as one array gives, for text of one- to four-byte
 * characters, on one line and pretty-printed, with names repeated so that predictions skip them.
 */
class StreamedColumnsTest extends ArenaFixture {
    private static final String[] TEXT = {"a", "é", "ж", "日本", "😀", "ü\u00df", "\u20ac", "x y"};
    private static final String[] NAMES = {"id", "n\u00e4me", "\u540d\u524d", "emoji\ud83d\ude00", "plain"};

    private static String document(SplittableRandom r, int records, boolean pretty) {
        StringBuilder sb = new StringBuilder(pretty ? "[\n" : "[");
        for (int i = 0; i < records; i++) {
            sb.append(i == 0 ? "" : pretty ? ",\n" : ",").append(pretty ? "  {" : "{");
            for (int m = 0; m < NAMES.length; m++) {
                sb.append(m == 0 ? "" : ",").append(pretty ? "\n    " : "").append('"').append(NAMES[m]).append("\":");
                sb.append('"');
                for (int k = r.nextInt(40); k > 0; k--) {
                    sb.append(TEXT[r.nextInt(TEXT.length)]);
                }
                sb.append('"');
            }
            sb.append(pretty ? "\n  }" : "}");
        }
        return sb.toString();
    }

    @Test
    void anErrorFarIntoALineOfMultiByteTextHasTheSameColumnStreamedAsFromAnArray() throws IOException {
        SplittableRandom r = new SplittableRandom(0xC01L);
        for (int trial = 0; trial < 24; trial++) {
            boolean pretty = trial % 3 == 2;
            boolean bom = trial % 4 == 1;
            String text = document(r, 1_000 + r.nextInt(2_000), pretty) + ",\"\u00e9\u00e9\u00e9\" @]";
            byte[] json = ((bom ? "\ufeff" : "") + text).getBytes(StandardCharsets.UTF_8);
            JsonLimits limits = JsonLimits.builder().allowByteOrderMark(bom).build();
            JsonParseException fromArray = assertThrows(JsonParseException.class, () -> arena.parse(json, limits));
            JsonParseException streamed = assertThrows(JsonParseException.class,
                    () -> arena.parse(new ByteArrayInputStream(json), limits));
            String what = "trial " + trial + " (" + json.length + " bytes, pretty " + pretty + ", bom " + bom + ")";
            assertTrue(json.length > 2 * 65_536, what + ": long enough to refill");
            assertEquals(fromArray.offset(), streamed.offset(), what);
            assertEquals(fromArray.line(), streamed.line(), what);
            assertEquals(fromArray.column(), streamed.column(), what);
        }
    }
}
