package dev.jsonarena.testing;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TestReportTable} on reports written here in surefire's format: counts, skipped and failed
 * tests, tries from the properties' output, totals, sorting, and the rewrite between the markers.
 */
class TestReportTableTest {
    @TempDir
    Path tmp;

    private static String report(String name, String attributes, String body) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" version="3.0.2" name="%s" %s>
                  <properties>
                    <property name="java.vm.version" value="25.0.3+9-LTS"/>
                    <property name="java.vendor" value="Eclipse Adoptium"/>
                    <property name="os.name" value="Linux"/>
                    <property name="os.version" value="6.1"/>
                    <property name="os.arch" value="amd64"/>
                    <property name="jsonarena.tries.multiplier" value="1"/>
                  </properties>
                %s
                </testsuite>
                """.formatted(name, attributes, body);
    }

    private Path reports() throws IOException {
        Path surefire = Files.createDirectories(tmp.resolve("surefire-reports"));
        Files.writeString(surefire.resolve("TEST-dev.jsonarena.memory.MemoryPropertyTest.xml"),
                report("dev.jsonarena.memory.MemoryPropertyTest", "time=\"1,234.5\" tests=\"3\" errors=\"0\" skipped=\"0\" failures=\"1\"", """
                  <testcase name="a" classname="dev.jsonarena.memory.MemoryPropertyTest" time="1000.1">
                    <system-out><![CDATA[property 'actions | model': 1500 tries from base seed 0x01
                property 'rollback': 40 tries from base seed 0x02
                ]]></system-out>
                  </testcase>
                  <testcase name="b" classname="dev.jsonarena.memory.MemoryPropertyTest" time="0.1"><failure message="x"/></testcase>
                  <testcase name="c" classname="dev.jsonarena.memory.MemoryPropertyTest" time="0.1"/>"""));
        Files.writeString(surefire.resolve("TEST-dev.jsonarena.CorpusTest.xml"),
                report("dev.jsonarena.CorpusTest", "time=\"0.25\" tests=\"5\" errors=\"1\" skipped=\"4\" failures=\"0\"", ""));
        Files.writeString(surefire.resolve("dev.jsonarena.CorpusTest.txt"), "not a report");
        Path failsafe = Files.createDirectories(tmp.resolve("failsafe-reports"));
        Files.writeString(failsafe.resolve("TEST-dev.jsonarena.MemoryNativeIT.xml"),
                report("dev.jsonarena.MemoryNativeIT", "time=\"95\" tests=\"5\" errors=\"0\" skipped=\"0\" failures=\"0\"", ""));
        return tmp;
    }

    @Test
    void readsCountsTimesAndTriesOfEachReport() throws IOException {
        Path dir = reports();
        List<TestReportTable.Suite> surefire = TestReportTable.read(dir.resolve("surefire-reports"));
        assertEquals(List.of("dev.jsonarena.CorpusTest", "dev.jsonarena.memory.MemoryPropertyTest"),
                surefire.stream().map(TestReportTable.Suite::name).toList());
        TestReportTable.Suite memory = surefire.get(1);
        assertEquals("surefire", memory.runner());
        assertEquals(3, memory.tests());
        assertEquals(1, memory.failed());
        assertEquals(1234.5, memory.seconds());
        assertEquals(List.of(new TestReportTable.Tries("actions | model", 1500), new TestReportTable.Tries("rollback", 40)),
                memory.tries());
        assertEquals(1540, memory.totalTries());
        TestReportTable.Suite corpus = surefire.get(0);
        assertEquals(4, corpus.skipped());
        assertEquals(1, corpus.failed());
        assertEquals("failsafe", TestReportTable.read(dir.resolve("failsafe-reports")).getFirst().runner());
        assertEquals(List.of(), TestReportTable.read(dir.resolve("absent")));
    }

    @Test
    void printsOneRowPerClassSlowestFirstWithTotalsAndOneRowPerProperty() throws IOException {
        Path dir = reports();
        List<TestReportTable.Suite> suites = new java.util.ArrayList<>(TestReportTable.read(dir.resolve("surefire-reports")));
        suites.addAll(TestReportTable.read(dir.resolve("failsafe-reports")));
        String md = TestReportTable.markdown(suites, Instant.parse("2026-12-04T21:05:00Z"), "2 processors");
        assertTrue(md.startsWith("Measured 2026-12-04 21:05 UTC (when the last report was written) on 2 processors;"
                + " Java 25.0.3+9-LTS (Eclipse Adoptium), Linux 6.1 amd64. Run settings: tries default, tries multiplier 1,"
                + " shared corpus ../shared/corpus. Regenerate: `" + TestReportTable.COMMAND + "`.\n"), md);
        List<String> rows = md.lines().filter(l -> l.startsWith("| `") || l.startsWith("| **")).toList();
        assertEquals(List.of(
                "| `memory.MemoryPropertyTest` | surefire | 3 | 0 | 1 | 1,540 | 20 min 35 s |",
                "| `CorpusTest` | surefire | 5 | 4 | 1 |  | 0.3 s |",
                "| `MemoryNativeIT` | failsafe | 5 | 0 | 0 |  | 1 min 35 s |",
                "| **total: 3 classes** (surefire 2, failsafe 1) | | **13** | **4** | **2** | **1,540** | **22 min 10 s** |",
                "| `memory.MemoryPropertyTest` | actions \\| model | 1,500 |",
                "| `memory.MemoryPropertyTest` | rollback | 40 |"), rows);
    }

    @Test
    void updateReplacesOnlyWhatLiesBetweenTheMarkers() {
        String doc = "# Testing\n\nbefore\n" + TestReportTable.BEGIN + "\nold table\n" + TestReportTable.END + "\nafter\n";
        assertEquals("# Testing\n\nbefore\n" + TestReportTable.BEGIN + "\nnew table\n" + TestReportTable.END + "\nafter\n",
                TestReportTable.replaceBetweenMarkers(doc, "new table\n"));
        assertThrows(IllegalArgumentException.class, () -> TestReportTable.replaceBetweenMarkers("no markers", "t"));
    }
}
