package dev.steadfast.benchmarks.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report names a scenario's results by library, as the tables expect, from JMH's JSON. */
class ReportTest {

    @Test
    void aScenarioOfTheFourLibrariesIsReportedOneColumnPerLibrary(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("results-t1.json");
        Files.writeString(json, "[" + String.join(",",
                result("BreakerBenchmark.call", "{\"library\": \"steadfast\"}", 21.8, 0.0001),
                result("BreakerBenchmark.call", "{\"library\": \"resilience4j\"}", 100, 24),
                result("DirectCallBenchmark.direct", null, 0.551, 0),
                result("DirectCallBenchmark.nanoTime", null, 33.3, 0),
                result("DirectCallBenchmark.twoNanoTimes", null, 66, 0),
                result("DirectCallBenchmark.threeNanoTimes", null, 99, 0)) + "]");
        Report report = new Report();
        report.read(json);

        String md = report.markdown();

        assertContains(md, "| closed circuit breaker | 21.8 ns · 0.0001 B | 100 ns · 24.0 B | – | – | 0.218× | – | – |");
        assertContains(md, "| direct call (anchor) | 0.551 ns · 0 B |");
        assertContains(md, "| BreakerBenchmark.steadfast | 1 | 21.8 |");
        assertContains(md, "**No result** (shown as –) for `BreakerBenchmark.smallrye` at 1 thread, "
                + "`BreakerBenchmark.failsafe` at 1 thread:");
    }

    @Test
    void theClocksFloorSaysWhetherATargetCanBeMetOnThisMachine(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("results-t1.json");
        Files.writeString(json, "[" + String.join(",",
                result("DirectCallBenchmark.twoNanoTimes", null, 66, 0),
                result("DirectCallBenchmark.threeNanoTimes", null, 99, 0),
                result("TimeoutBenchmark.call", "{\"library\": \"smallrye\"}", 427, 537),
                result("FullStackBenchmark.call", "{\"library\": \"smallrye\"}", 1016, 1181),
                result("FullStackBenchmark.call", "{\"library\": \"steadfast\"}", 211, 48.0004),
                result("TimeoutBenchmark.call", "{\"library\": \"steadfast\"}", 130, 56.0001)) + "]");
        Report report = new Report();
        report.read(json);

        String md = report.markdown();

        assertContains(md, "| timeout ≤ 0.15 × SmallRye's | 1 | 2 reads: 0.155× (66.0 / 427 ns) | 0.150× | **no** |");
        assertContains(md, "| full stack ≤ 0.1 × SmallRye's Guard | 1 | 3 reads: 0.0974× (99.0 / 1016 ns) | 0.100× "
                + "| yes |");
        assertContains(md, "| full stack: ≤ 48 B/op | 1 | 48.0 B/op | 48 B/op | yes |");
        assertContains(md, "| timeout: ≤ 48 B/op | 1 | 56.0 B/op | 48 B/op | **no** |");
    }

    private static String result(String benchmark, String params, double ns, double bytes) {
        return "{\"jmhVersion\": \"1.37\", \"benchmark\": \"dev.steadfast.benchmarks." + benchmark + "\","
                + " \"mode\": \"avgt\", \"threads\": 1, \"forks\": 1, \"vmName\": \"VM\", \"vmVersion\": \"17\","
                + " \"jdkVersion\": \"17\", \"warmupIterations\": 0, \"warmupTime\": \"1 s\","
                + " \"measurementIterations\": 1, \"measurementTime\": \"100 ms\","
                + (params == null ? "" : " \"params\": " + params + ",")
                + " \"primaryMetric\": {\"score\": " + ns + ", \"scoreError\": \"NaN\", \"scoreUnit\": \"ns/op\"},"
                + " \"secondaryMetrics\": {\"gc.alloc.rate.norm\": {\"score\": " + bytes + "}}}";
    }

    private static void assertContains(String text, String part) {
        assertTrue(text.contains(part), () -> "missing: " + part + "\nin:\n" + text);
    }
}
