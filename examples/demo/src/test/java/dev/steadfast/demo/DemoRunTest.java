package dev.steadfast.demo;

import dev.steadfast.CircuitState;
import dev.steadfast.demo.Timeline.Mark;
import dev.steadfast.demo.Timeline.Outcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A whole run, scaled down to 5 seconds: healthy for 1 s, failing (every answer a 503) for 2 s, healthy for 2 s.
 * With the breaker's delay cut to 500 ms, the failing phase is long enough to open it whatever the timing (the 12
 * clients' first attempts alone fill half of its window with failures), and the last phase long enough for several
 * trial calls, the first of which closes it. The assertions read the run's record, never the clock.
 */
class DemoRunTest {

    private static final String BREAKER_DELAY = "steadfast.circuit-breaker.\"quotes\".delay";
    /** Held, so the level set on it sticks: JUL keeps loggers weakly. */
    private static final Logger ROOT_LOGGER = Logger.getLogger("");
    private static Level rootLevel;

    @BeforeAll
    static void shortBreakerDelayAndQuietLogs() {
        System.setProperty(BREAKER_DELAY, "500ms");
        rootLevel = ROOT_LOGGER.getLevel();
        ROOT_LOGGER.setLevel(Level.WARNING); // every retry is logged at INFO
    }

    @AfterAll
    static void restore() {
        System.clearProperty(BREAKER_DELAY);
        ROOT_LOGGER.setLevel(rootLevel);
    }

    @Test
    void everyRequestIsAccountedForAndTheBreakerOpensThenClosesAgain(@TempDir Path dir) throws Exception {
        Main.Options options = Main.Options.parse("--duration", "5", "--scenario", "healthy:1,failing:2,healthy:2",
                "--report", dir.resolve("report.html").toString());
        ByteArrayOutputStream live = new ByteArrayOutputStream();

        Timeline timeline = Main.run(options, new PrintStream(live, true, StandardCharsets.UTF_8), false);

        assertTrue(timeline.sent() > 0, "no request was sent");
        assertEquals(timeline.sent(), timeline.count(Outcome.SUCCEEDED) + timeline.count(Outcome.FELL_BACK)
                + timeline.count(Outcome.REJECTED) + timeline.count(Outcome.FAILED));
        assertEquals(0, timeline.unaccounted());
        assertTrue(timeline.count(Outcome.SUCCEEDED) > 0, "no fresh answer");
        assertTrue(timeline.count(Outcome.FELL_BACK) > 0, "no cached answer while the service failed");
        assertTrue(timeline.retries() > 0, "no 503 was retried");

        assertEquals(List.of(Phase.HEALTHY, Phase.FAILING, Phase.HEALTHY),
                timeline.phases().stream().map(Mark::value).toList());
        List<CircuitState> states = timeline.breakerStates().stream().map(Mark::value).toList();
        int opened = states.indexOf(CircuitState.OPEN);
        assertTrue(opened > 0, "the breaker never opened: " + states);
        List<CircuitState> afterOpening = states.subList(opened, states.size());
        assertTrue(afterOpening.contains(CircuitState.HALF_OPEN), "no trial: " + states);
        assertTrue(afterOpening.contains(CircuitState.CLOSED), "not closed again: " + states);

        ByteArrayOutputStream summary = new ByteArrayOutputStream();
        Main.printSummary(options, timeline, new PrintStream(summary, true, StandardCharsets.UTF_8));

        String output = live.toString(StandardCharsets.UTF_8);
        assertTrue(output.contains("phase=failing"), "no live line during the failing phase:\n" + output);
        assertFalse(output.contains("\u001b["), "ANSI escapes on a plain output");
        String accounted = String.format("accounted for     %7d of %d   OK", timeline.sent(), timeline.sent());
        assertTrue(summary.toString(StandardCharsets.UTF_8).contains(accounted), summary.toString());
        assertEquals(timeline.count(Outcome.FELL_BACK), timeline.fallbacksAnnounced(),
                "one FallbackApplied event per cached answer: " + timeline.fallbacksByCause());
        String fallbacks = String.format("fallback events   %7d  by cause: ", timeline.fallbacksAnnounced());
        assertTrue(summary.toString(StandardCharsets.UTF_8).contains(fallbacks), summary.toString());
    }

    @Test
    void withConsoleTheRunIsServedLiveAtThePrintedUrl(@TempDir Path dir) throws Exception {
        Main.Options options = Main.Options.parse("--duration", "5", "--clients", "4", "--console",
                "--scenario", "healthy:1,failing:2,healthy:2", "--report", dir.resolve("report.html").toString());
        assertTrue(options.console());
        ByteArrayOutputStream live = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(live, true, StandardCharsets.UTF_8);
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try {
            Future<Timeline> run = runner.submit(() -> Main.run(options, out, false));
            Matcher url = Pattern.compile("Steadfast console: (http://127\\.0\\.0\\.1:\\d+/steadfast) ").matcher("");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!url.reset(live.toString(StandardCharsets.UTF_8)).find()) {
                assertTrue(System.nanoTime() < deadline, "no console URL printed:\n" + live);
                assertFalse(run.isDone(), "the demo ended without a console URL:\n" + live);
                Thread.sleep(50);
            }
            URI console = URI.create(url.group(1) + "/");
            HttpClient http = HttpClient.newHttpClient();

            HttpResponse<String> page = http.send(HttpRequest.newBuilder(console).build(),
                    HttpResponse.BodyHandlers.ofString());
            String snapshot = "";
            Pattern calls = Pattern.compile("QuoteClient#fetch\\(String\\)\".*?\"calls\":([1-9])");
            while (!calls.matcher(snapshot).find()) {
                assertTrue(System.nanoTime() < deadline, "the snapshot never showed the demo's calls: " + snapshot);
                Thread.sleep(200);
                snapshot = http.send(HttpRequest.newBuilder(console.resolve("snapshot")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
            }

            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("Steadfast console"));
            assertTrue(snapshot.contains("\"method\":\"dev.steadfast.demo.QuoteClient#fetch(String)\""), snapshot);
            assertTrue(snapshot.contains("\"name\":\"quotes\""), snapshot);
            assertEquals(0, run.get(60, TimeUnit.SECONDS).unaccounted());
        } finally {
            runner.shutdownNow();
        }
    }

    @Test
    void theReportIsOneSelfContainedPageWithTheTimeline(@TempDir Path dir) throws Exception {
        Scenario scenario = Scenario.parse("healthy:1,down:1", 2000);
        Timeline timeline = new Timeline();
        timeline.start(scenario.durationMillis());
        timeline.phaseStarted(Phase.HEALTHY);
        timeline.requestSent();
        timeline.requestEnded(Outcome.SUCCEEDED, 12_000_000);
        timeline.requestSent();
        timeline.requestEnded(Outcome.FELL_BACK, 300_000);
        timeline.finish();

        String html = Files.readString(HtmlReport.write(dir.resolve("report.html"), scenario, 3, timeline));

        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("<svg"), "no inline SVG");
        assertTrue(html.contains(">healthy<") && html.contains(">down<"), "no phase bands");
        assertTrue(html.contains("1 succeeded, 1 fell back, 0 rejected, 0 failed"), "no bar for second 0");
        assertTrue(html.contains("all accounted for"));
        assertFalse(html.contains("<script"), "a script");
        assertFalse(html.replace("http://www.w3.org/2000/svg", "").contains("http"), "something fetched");
    }
}
