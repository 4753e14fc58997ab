package dev.steadfast.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.CircuitBreakers;
import dev.steadfast.CircuitOpenException;
import dev.steadfast.CircuitState;
import dev.steadfast.console.app.Backend;
import dev.steadfast.console.support.EmbeddedConsole;
import dev.steadfast.console.support.Http;
import dev.steadfast.console.support.TestSecurity;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The console's endpoints over HTTP, as {@code curl} (or the page) uses them. */
class ConsoleEndpointsTest {

    private static final Map<String, String> CONTROL_ON = Map.of(ConsoleConfig.CONTROL, "true");

    private static JsonObject operation(JsonObject snapshot, String method) {
        return snapshot.getJsonArray("operations").getValuesAs(JsonObject.class).stream()
                .filter(o -> o.getString("method").equals(method)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + method + " in " + snapshot));
    }

    private static JsonObject breaker(JsonObject snapshot, String name) {
        return snapshot.getJsonArray("breakers").getValuesAs(JsonObject.class).stream()
                .filter(o -> o.getString("name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no breaker " + name + " in " + snapshot));
    }

    @Test
    void theSnapshotShowsEveryGuardedMethodAndBreakerWithTheirNumbers() throws Exception {
        try (EmbeddedConsole app = EmbeddedConsole.start(Map.of(), Backend.class)) {
            Backend backend = app.select(Backend.class);
            for (int i = 0; i < 4; i++) {
                assertThrows(IOException.class, () -> backend.charge(true));
            }
            assertThrows(CircuitOpenException.class, () -> backend.charge(false));
            assertEquals("cached", backend.quote(true));
            assertEquals("fresh", backend.quote(false));
            for (int i = 0; i < 3; i++) {
                backend.limited();
            }

            JsonObject s = Http.snapshot(app.root().resolve("steadfast/"));

            assertEquals(1, s.getInt("version"));
            assertEquals("local", s.getJsonArray("members").getString(0));
            JsonObject charge = operation(s, "dev.steadfast.console.app.Backend#charge(boolean)");
            assertEquals(5, charge.getInt("calls"));
            assertEquals(4, charge.getJsonObject("outcomes").getInt("failure"));
            assertEquals(1, charge.getJsonObject("outcomes").getInt("circuit_open"));
            assertEquals("payments", charge.getString("breaker"));
            assertEquals("OPEN", charge.getString("breakerState"));
            JsonObject quote = operation(s, "dev.steadfast.console.app.Backend#quote(boolean)");
            assertEquals(1, quote.getJsonObject("outcomes").getInt("fallback"));
            assertEquals(1, quote.getJsonObject("outcomes").getInt("success"));
            assertEquals(1, quote.getInt("retries"));
            JsonObject limit = operation(s, "dev.steadfast.console.app.Backend#limited()").getJsonObject("rateLimit");
            assertEquals(5, limit.getInt("limit"));
            assertEquals(3, limit.getInt("used"));
            assertEquals(2, limit.getInt("left"));
            assertEquals(3_600_000, limit.getInt("windowMillis"));
            JsonObject bulkhead = operation(s, "dev.steadfast.console.app.Backend#hold(CountDownLatch, CountDownLatch)")
                    .getJsonObject("bulkhead");
            assertEquals(2, bulkhead.getInt("maxConcurrent"));
            assertEquals(0, bulkhead.getInt("inUse"));

            JsonObject payments = breaker(s, "payments");
            assertEquals("OPEN", payments.getString("state"));
            assertTrue(payments.getJsonNumber("retryAfterMillis").longValue() > 3_500_000);
            assertEquals(1, payments.getJsonArray("transitions").size());
            assertEquals(4, payments.getJsonObject("stats").getInt("failed"));
            assertEquals("payments", s.getJsonArray("breakers").getJsonObject(0).getString("name"),
                    "the open breaker comes first");
            assertEquals("dev.steadfast.console.app.Backend#charge(boolean)",
                    s.getJsonArray("operations").getJsonObject(0).getString("method"), "its method comes first");
        }
    }

    @Test
    void theBulkheadShowsTheCallsHoldingAPermit() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try (EmbeddedConsole app = EmbeddedConsole.start(Map.of(), Backend.class)) {
            Backend backend = app.select(Backend.class);
            CountDownLatch entered = new CountDownLatch(2);
            CountDownLatch release = new CountDownLatch(1);
            Future<String> a = callers.submit(() -> backend.hold(entered, release));
            Future<String> b = callers.submit(() -> backend.hold(entered, release));
            assertTrue(entered.await(10, java.util.concurrent.TimeUnit.SECONDS));

            JsonObject bulkhead = operation(Http.snapshot(app.root().resolve("steadfast/")),
                    "dev.steadfast.console.app.Backend#hold(CountDownLatch, CountDownLatch)").getJsonObject("bulkhead");
            release.countDown();

            assertEquals(2, bulkhead.getInt("inUse"));
            assertEquals("held", a.get());
            assertEquals("held", b.get());
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void theStreamSendsASnapshotEverySecond() throws Exception {
        try (EmbeddedConsole app = EmbeddedConsole.start(Map.of(), Backend.class);
             Http.EventStream stream = Http.stream(app.root().resolve("steadfast/stream"))) {
            assertEquals(200, stream.response.statusCode());
            assertTrue(stream.response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
            Backend backend = app.select(Backend.class);

            JsonObject first = stream.nextSnapshot();
            backend.quote(false);
            backend.quote(false);
            JsonObject second = stream.nextSnapshot();

            assertEquals(first.getInt("seq") + 1, second.getInt("seq"));
            long gap = second.getJsonNumber("time").longValue() - first.getJsonNumber("time").longValue();
            assertTrue(gap >= 900 && gap < 5_000, "one second apart: " + gap + " ms");
            assertEquals(2, operation(second, "dev.steadfast.console.app.Backend#quote(boolean)").getInt("calls"));
            assertFalse(operation(second, "dev.steadfast.console.app.Backend#quote(boolean)")
                    .isNull("callsPerSecond"), "a rate from the second sample on");
        }
    }

    @Test
    void nothingIsSampledWhileNobodyWatches() throws Exception {
        try (EmbeddedConsole app = EmbeddedConsole.start(Map.of(), Backend.class)) {
            app.select(Backend.class).quote(false);
            Thread.sleep(2_500); // two and a half seconds in which a background sampler would have run twice

            JsonObject first = Http.snapshot(app.root().resolve("steadfast/"));

            assertEquals(1, first.getInt("seq"), "the first sample is the one this request asked for");
            assertEquals(1, operation(first, "dev.steadfast.console.app.Backend#quote(boolean)").getInt("calls"));
        }
    }

    @Test
    void aStreamWhoseClientLeftEndsWithinSeconds() throws Exception {
        try (EmbeddedConsole app = EmbeddedConsole.start(Map.of(), Backend.class)) {
            Console console = app.select(Console.class);
            try (Http.EventStream stream = Http.stream(app.root().resolve("steadfast/stream"))) {
                stream.nextSnapshot();
                assertEquals(1, console.openStreams());
            }
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(15);
            while (console.openStreams() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(0, console.openStreams(), "the next write found the client gone");
        }
    }

    @Test
    void thePageIsServedWithItsAssetsAndAStrictContentSecurityPolicy() throws Exception {
        try (EmbeddedConsole app = EmbeddedConsole.start(Map.of(), Backend.class)) {
            HttpResponse<String> page = Http.get(app.root().resolve("steadfast"));
            HttpResponse<String> script = Http.get(app.root().resolve("steadfast/assets/console.js"));
            HttpResponse<String> css = Http.get(app.root().resolve("steadfast/assets/console.css"));
            HttpResponse<String> other = Http.get(app.root().resolve("steadfast/assets/console.html"));

            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("<base href=\"steadfast/\">"), page.body());
            assertTrue(page.body().contains("data-control=\"off\""));
            assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("script-src 'self'"));
            assertEquals(200, script.statusCode());
            assertTrue(script.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"));
            assertEquals(200, css.statusCode());
            assertEquals(404, other.statusCode());
            assertTrue(Http.get(app.root().resolve("steadfast/")).body().contains("<base href=\"./\">"));
        }
    }

    @Test
    void actionsAreAbsentWhenControlIsOff() throws Exception {
        try (EmbeddedConsole app = EmbeddedConsole.start(Map.of(), Backend.class)) {
            HttpResponse<String> r = Http.post(app.root().resolve("steadfast/breakers/force-open"),
                    Map.of("name", "payments"), TestSecurity.HEADER, "operator");

            assertEquals(404, r.statusCode());
            assertTrue(r.body().contains(ConsoleConfig.CONTROL + "=true"), r.body());
            assertEquals(CircuitState.CLOSED, app.select(CircuitBreakers.class).get("payments").state());
            assertTrue(Http.get(app.root().resolve("steadfast"), TestSecurity.HEADER, "operator").body()
                    .contains("data-control=\"off\" data-csrf=\"\""));
        }
    }

    @Test
    void withControlOnAnOperatorForcesOpenAndResetsWithTheToken() throws Exception {
        try (EmbeddedConsole app = EmbeddedConsole.start(CONTROL_ON, Backend.class)) {
            URI console = app.root().resolve("steadfast/");
            String token = token(Http.get(console, TestSecurity.HEADER, "operator").body());
            CircuitBreakers breakers = app.select(CircuitBreakers.class);

            HttpResponse<String> forced = Http.post(console.resolve("breakers/force-open"), Map.of("name", "payments"),
                    TestSecurity.HEADER, "operator", "X-Steadfast-Csrf", token);
            assertEquals(200, forced.statusCode(), forced.body());
            assertEquals("FORCED_OPEN", Http.json(forced.body()).getString("state"));
            assertEquals(CircuitState.FORCED_OPEN, breakers.get("payments").state());

            HttpResponse<String> reset = Http.post(console.resolve("breakers/reset"), Map.of("name", "payments"),
                    TestSecurity.HEADER, "operator", "X-Steadfast-Csrf", token);
            assertEquals(200, reset.statusCode(), reset.body());
            assertEquals(CircuitState.CLOSED, breakers.get("payments").state());

            assertEquals(404, Http.post(console.resolve("breakers/reset"), Map.of("name", "nope"),
                    TestSecurity.HEADER, "operator", "X-Steadfast-Csrf", token).statusCode());
        }
    }

    @Test
    void withControlOnCallersWithoutTheRoleOrTheTokenAreRefused() throws Exception {
        try (EmbeddedConsole app = EmbeddedConsole.start(CONTROL_ON, Backend.class)) {
            URI console = app.root().resolve("steadfast/");
            String operatorToken = token(Http.get(console, TestSecurity.HEADER, "operator").body());
            String viewerPage = Http.get(console, TestSecurity.HEADER, "viewer").body();
            URI forceOpen = console.resolve("breakers/force-open");
            Map<String, String> payments = Map.of("name", "payments");

            assertTrue(viewerPage.contains("data-control=\"denied\" data-csrf=\"\""), viewerPage);
            assertEquals(403, Http.post(forceOpen, payments).statusCode(), "anonymous");
            assertEquals(403, Http.post(forceOpen, payments, TestSecurity.HEADER, "viewer",
                    "X-Steadfast-Csrf", operatorToken).statusCode(), "not in the role, even with a token");
            assertEquals(403, Http.post(forceOpen, payments, TestSecurity.HEADER, "operator").statusCode(),
                    "no token");
            assertEquals(403, Http.post(forceOpen, payments, TestSecurity.HEADER, "operator",
                    "X-Steadfast-Csrf", operatorToken + "x").statusCode(), "a wrong token");
            assertEquals(405, Http.get(forceOpen, TestSecurity.HEADER, "operator").statusCode(), "GET never acts");
            assertEquals(CircuitState.CLOSED, app.select(CircuitBreakers.class).get("payments").state());
        }
    }

    @Test
    void aConfiguredPathServesTheConsoleThereAndNotAtTheDefault() throws Exception {
        try (EmbeddedConsole app = EmbeddedConsole.start(Map.of(ConsoleConfig.PATH, "/ops/steadfast/"),
                Backend.class)) {
            HttpResponse<String> page = Http.get(app.root().resolve("ops/steadfast"));
            HttpResponse<String> snapshot = Http.get(app.root().resolve("ops/steadfast/snapshot?x=1"));

            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("<base href=\"steadfast/\">"), "relative to ops/: " + page.body());
            assertEquals(200, snapshot.statusCode());
            assertNotNull(Http.json(snapshot.body()).getJsonArray("operations"));
            assertEquals(404, Http.get(app.root().resolve("steadfast/snapshot")).statusCode());
            assertEquals(404, Http.get(app.root().resolve("steadfast")).statusCode());
        }
    }

    @Test
    void aBrokenValueFailsTheDeploymentNamingTheKeyAndTheValue() {
        RuntimeException e = assertThrows(RuntimeException.class, () -> EmbeddedConsole.start(
                Map.of(ConsoleConfig.CONTROL, "yes", ConsoleConfig.PATH, "a b"), Backend.class).close());

        String message = String.valueOf(e.getMessage()) + e.getCause();
        assertTrue(message.contains("steadfast.console.control: 'yes' is not true or false"), message);
        assertTrue(message.contains("steadfast.console.path: 'a b'"), message);
    }

    private static String token(String page) {
        Matcher m = Pattern.compile("data-control=\"on\" data-csrf=\"([^\"]+)\"").matcher(page);
        assertTrue(m.find(), "no token for an operator: " + page);
        return m.group(1);
    }
}
