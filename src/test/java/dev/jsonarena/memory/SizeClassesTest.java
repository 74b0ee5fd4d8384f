package dev.jsonarena.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The size-class table: exhaustive over every small size, so no sampling is needed. Proves that
 * the lookup table and the formula agree, that each size gets the smallest class that fits, and
 * that the waste bounds stated in {@link SizeClasses}' javadoc hold.
 */
class SizeClassesTest {

    @Test
    void everySizeMapsToTheSmallestClassThatFitsByTableAndByFormula() {
        for (int n = 0; n <= SizeClasses.MAX_SMALL; n++) {
            int byTable = SizeClasses.classOf(n);
            int byFormula = SizeClasses.classOfByFormula(n);
            assertEquals(byTable, byFormula, "class of " + n + " bytes: table vs formula");
            assertTrue(SizeClasses.size(byTable) >= n,
                    "size " + n + ": class " + byTable + " of " + SizeClasses.size(byTable) + " B does not fit it");
            if (byTable > 0) {
                assertTrue(SizeClasses.size(byTable - 1) < n, "size " + n + ": class " + (byTable - 1)
                        + " of " + SizeClasses.size(byTable - 1) + " B also fits, so class " + byTable + " is not the smallest");
            }
        }
    }

    @Test
    void wasteStaysWithinTheStatedBound() {
        for (int n = 1; n <= SizeClasses.MAX_SMALL; n++) {
            int slot = SizeClasses.size(SizeClasses.classOf(n));
            long waste = slot - n;
            if (n <= 128) {
                assertTrue(waste < 16, "size " + n + ": waste " + waste + " B (expected: < 16 B)");
            } else {
                assertTrue(waste * 5 < slot, "size " + n + ": waste " + waste + " B of a " + slot
                        + " B slot (expected: < 20%)");
            }
        }
        // a request of 0 bytes takes the smallest slot
        assertEquals(0, SizeClasses.classOf(0));
    }

    @Test
    void spanTailIsUnderAnEighthOfTheSpanAndSpansHoldAtLeastEightSlots() {
        for (int c = 0; c < SizeClasses.COUNT; c++) {
            long span = (long) SizeClasses.pagesPerSpan(c) * SizeClasses.PAGE_SIZE;
            int slot = SizeClasses.size(c);
            long tail = span - (long) SizeClasses.slotsPerSpan(c) * slot;
            assertTrue(tail >= 0 && tail < slot, "class " + c + ": tail " + tail + " B is not the remainder");
            assertTrue(tail * 8 < span, "class " + c + " (" + slot + " B): span tail " + tail + " B of "
                    + span + " B (expected: < 1/8)");
            assertTrue(SizeClasses.slotsPerSpan(c) >= 8, "class " + c + ": " + SizeClasses.slotsPerSpan(c)
                    + " slots per span (expected: >= 8)");
        }
    }

    @Test
    void tableIsStrictlyIncreasingSixteenByteAlignedAndCoversMinToMax() {
        assertEquals(SizeClasses.MIN_SIZE, SizeClasses.size(0));
        assertEquals(SizeClasses.MAX_SMALL, SizeClasses.size(SizeClasses.COUNT - 1));
        for (int c = 0; c < SizeClasses.COUNT; c++) {
            assertEquals(0, SizeClasses.size(c) % SizeClasses.MIN_SIZE, "class " + c + " is not 16-byte aligned");
            if (c > 0) {
                assertTrue(SizeClasses.size(c) > SizeClasses.size(c - 1), "class " + c + " is not larger than class " + (c - 1));
            }
        }
        assertEquals(1 << SizeClasses.PAGE_SHIFT, SizeClasses.PAGE_SIZE);
    }

    @Test
    void countMatchesTheNumberOfClassesReached() {
        assertEquals(SizeClasses.COUNT, SizeClasses.classOf(SizeClasses.MAX_SMALL) + 1);
        java.util.Set<Integer> reached = new java.util.HashSet<>();
        for (int n = 0; n <= SizeClasses.MAX_SMALL; n++) {
            reached.add(SizeClasses.classOf(n));
        }
        assertEquals(SizeClasses.COUNT, reached.size(), "every class is the class of some size");
        assertThrows(ArrayIndexOutOfBoundsException.class, () -> SizeClasses.size(SizeClasses.COUNT));
    }

    @Test
    void rejectsSizesOutsideTheSmallRangeNamingTheArgument() {
        for (long bad : new long[] {-1, Long.MIN_VALUE, SizeClasses.MAX_SMALL + 1, Long.MAX_VALUE}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SizeClasses.classOf(bad));
            assertTrue(e.getMessage().startsWith("bytes: " + bad), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> SizeClasses.classOfByFormula(bad));
            assertTrue(e.getMessage().startsWith("bytes: " + bad), e.getMessage());
        }
    }

    /** The table drawn in the class javadoc is the table the code computes. */
    @Test
    void javadocTableMatchesTheComputedTable() throws IOException {
        Path source = Path.of("src/main/java/dev/jsonarena/memory/SizeClasses.java");
        assumeTrue(Files.isRegularFile(source), "source not found from " + Path.of("").toAbsolutePath());
        Pattern cell = Pattern.compile("(\\d+)\\s+([\\d,]+)\\s+(\\d+)\\s+(\\d+)");
        List<int[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(source)) {
            if (!line.startsWith(" *   ") && !line.startsWith(" *  ")) {
                continue;
            }
            Matcher m = cell.matcher(line);
            while (m.find()) {
                rows.add(new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2).replace(",", "")),
                        Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4))});
            }
        }
        assertEquals(SizeClasses.COUNT, rows.size(), "rows in the javadoc table");
        for (int[] r : rows) {
            int c = r[0];
            assertEquals(SizeClasses.size(c), r[1], "javadoc size of class " + c);
            assertEquals(SizeClasses.pagesPerSpan(c), r[2], "javadoc pages/span of class " + c);
            assertEquals(SizeClasses.slotsPerSpan(c), r[3], "javadoc slots/span of class " + c);
        }
    }
}
