package dev.steadfast.benchmarks.startup;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The medians, what a flavour adds over the plain beans, the targets, and the section of RESULTS.md. */
class StartupReportTest {

    private static final long MS = 1_000_000;

    @Test
    void theMedianOfAnOddCountIsTheMiddleValueAndOfAnEvenCountTheMeanOfTheMiddleTwo() {
        assertEquals(3.0, StartupReport.median(new double[] {9, 1, 3}));
        assertEquals(2.5, StartupReport.median(new double[] {4, 1, 3, 2}));
    }

    @Test
    void aResultLineReadsBackAsTheMeasurementItCameFrom() {
        PhaseProbe.Phases phases = new PhaseProbe.Phases(100, 200, 300, 400, 234_567_890L - 1000);
        Measurement m = new Measurement(Flavour.STEADFAST, 1000, 1_234_567_890L, 20_000_000L, 59_000_000L,
                21_000_000L, phases, 763_160L, false);

        assertEquals(new Measurement(Flavour.STEADFAST, 1000, 1_234_567_890L, 20_000_000L, 59_000_000L, 21_000_000L,
                phases, 763_160L, true), Measurement.parse(m.line(), true));
    }

    @Test
    void whatAFlavourAddsIsItsMedianLessThePlainMedianAtTheSameSize() {
        List<StartupReport.Row> rows = StartupReport.rows(List.of(
                run(Flavour.PLAIN, 1000, 1000, 10_000_000, 100),
                run(Flavour.PLAIN, 1000, 1200, 10_000_000, 120),
                run(Flavour.PLAIN, 1000, 1100, 10_000_000, 110),
                run(Flavour.STEADFAST, 1000, 1500, 10_512_000, 150),
                run(Flavour.STEADFAST, 1000, 9000, 10_512_000, 160),
                run(Flavour.STEADFAST, 1000, 1600, 10_512_000, 170)));
        StartupReport.Row plain = rows.get(0);
        StartupReport.Row steadfast = rows.get(1);

        assertEquals(3, steadfast.runs());
        assertEquals(1100, plain.startupMs(), 1e-9);
        assertEquals(500, steadfast.addedStartupMs(plain), 1e-9, "1,600 − 1,100: the outlier does not count");
        assertEquals(512, steadfast.bytesPerMethod(plain), 1e-9);
        assertEquals(50, steadfast.addedFirstCallsMs(plain), 1e-9);
        assertEquals(250, steadfast.addedPhaseMs(plain, 2), 1e-9, "the beans phase: 650 − 400");
    }

    @Test
    void theTargetsAreMetOrMissedOnTheMeasuredNumbers() {
        List<StartupReport.Row> rows = StartupReport.rows(List.of(
                run(Flavour.PLAIN, 1000, 1000, 10_000_000, 100),
                run(Flavour.INTERCEPTOR, 1000, 1200, 10_500_000, 110),
                run(Flavour.STEADFAST, 1000, 1400, 10_900_000, 150),
                run(Flavour.SMALLRYE, 1000, 2000, 19_000_000, 400)));
        List<StartupReport.Breakers> breakers = List.of(
                StartupReport.Breakers.of("steadfast", 10_000, new long[] {7_200_000, 7_000_000, 9_000_000}),
                StartupReport.Breakers.of("resilience4j", 10_000, new long[] {14_600_000}));

        String targets = StartupReport.targets(rows, breakers);

        assertTrue(targets.contains("| added start-up ≤ 0.5× SmallRye's at 1,000 methods | 0.40× (+400 ms vs +1000 ms) "
                + "| yes |"), targets);
        assertTrue(targets.contains("| (the same over one no-op interceptor on every method: each library's own part) "
                + "| 0.25× (+200 ms vs +800 ms; the interception itself +200 ms) | yes |"), targets);
        assertTrue(targets.contains("| ≤ 1 KB retained per guarded method (1,000 methods) | 900 B, of which "
                + "Steadfast's own objects 800 B | yes |"), targets);
        assertTrue(targets.contains("| ≤ 300 B per CLOSED breaker | 720 B | **no** |"), targets);
        assertTrue(targets.contains("| no WELD-000411 from Steadfast's extension | not logged | yes |"), targets);
    }

    @Test
    void writingTheSectionReplacesOnlyTheOldOne(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("RESULTS.md");
        Files.writeString(file, "# Results\n\n" + StartupReport.BEGIN + "\nold\n" + StartupReport.END
                + "\n\n<!-- timer-scale:begin -->\nkept\n<!-- timer-scale:end -->\n");
        List<StartupReport.Row> rows = StartupReport.rows(List.of(run(Flavour.PLAIN, 100, 900, 5_000_000, 80)));

        StartupReport.write(file, StartupReport.markdown(rows, List.of(), "On a test."));

        String text = Files.readString(file);
        assertFalse(text.contains("\nold\n"), text);
        assertTrue(text.startsWith("# Results\n\n" + StartupReport.BEGIN + "\n## Start-up and footprint"), text);
        assertTrue(text.contains("| 100 | plain | 900 ms |  |  |  | 80 ms |  |  | no |"), text);
        assertTrue(text.contains("| 100 | plain | 100 | 100 | 300 | 100 | 300 |"), text);
        assertTrue(text.endsWith(StartupReport.END + "\n\n<!-- timer-scale:begin -->\nkept\n<!-- timer-scale:end -->\n"),
                text);
    }

    /** A run whose start-up is 100 ms of bootstrap, types and validation each, and half the rest for beans. */
    private static Measurement run(Flavour flavour, int methods, long startupMs, long heap, long firstCallsMs) {
        long beans = (startupMs - 300) / 2;
        PhaseProbe.Phases phases = new PhaseProbe.Phases(100 * MS, 100 * MS, beans * MS, 100 * MS,
                (startupMs - 300 - beans) * MS);
        return new Measurement(flavour, methods, startupMs * MS, heap, firstCallsMs * MS, heap, phases,
                flavour == Flavour.STEADFAST ? 800L * methods : 0, false);
    }
}
