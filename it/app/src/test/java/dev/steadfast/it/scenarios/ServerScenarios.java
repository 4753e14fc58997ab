package dev.steadfast.it.scenarios;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scenarios every server runs against the test application (module {@code it/app}) over HTTP on 127.0.0.1.
 * A server module extends this class, starts its server, and says where the application answers and which kinds of
 * guarded bean it has ({@code cdi}, and {@code ejb} where the server has EJB). Every call uses its own ledger key,
 * so the scenarios do not depend on their order.
 * <p>
 * The test methods are public: {@code @HelidonTest} runs a test on a proxy that delegates only the methods it can
 * override to the test instance in the container, and a package-private method of another package is not one.
 */
public abstract class ServerScenarios {

    private static final AtomicInteger KEYS = new AtomicInteger();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** The application's root, ending in {@code /}: {@code ft/kinds} resolved against it must answer. */
    protected abstract URI base();

    /** The kinds of guarded bean this server has, in alphabetical order. */
    protected abstract List<String> kinds();

    /**
     * Where the application serves the Steadfast console, relative to {@link #base()}: {@code steadfast} unless its
     * config sets {@code steadfast.console.path}.
     */
    protected String console() {
        return "steadfast";
    }

    /**
     * The console ({@code steadfast-console} in the application, nothing configured but maybe its path) answers: the
     * page with its script, the JSON snapshot with the application's guarded methods and breakers, and the stream,
     * whose snapshots arrive a second apart, as they are written.
     */
    @Test
    public void theConsolePageSnapshotAndStreamAnswer() throws Exception {
        assertEquals(200, get("ft/cdi/flaky?failures=0&key=" + key("console")).statusCode());
        String console = console() + "/";

        HttpResponse<String> page = get(console);
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("<title>Steadfast console</title>"), page.body());
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("script-src 'self'"));
        assertEquals(200, get(console + "assets/console.js").statusCode());

        HttpResponse<String> snapshot = get(console + "snapshot");
        assertEquals(200, snapshot.statusCode(), snapshot.body());
        assertTrue(snapshot.body().startsWith("{\"version\":1,"), snapshot.body());
        assertTrue(snapshot.body().contains("\"method\":\"dev.steadfast.it.app.PricingBean#flaky(String, int)\""),
                snapshot.body());
        assertTrue(snapshot.body().contains("\"name\":\"backend\""), snapshot.body());

        HttpRequest streamRequest = request(console + "stream").header("Accept", "text/event-stream").GET().build();
        HttpResponse<java.io.InputStream> stream = http.send(streamRequest, HttpResponse.BodyHandlers.ofInputStream());
        try (java.io.BufferedReader events = new java.io.BufferedReader(
                new java.io.InputStreamReader(stream.body(), java.nio.charset.StandardCharsets.UTF_8))) {
            assertEquals(200, stream.statusCode());
            assertTrue(stream.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
            List<Long> arrivals = CompletableFuture.supplyAsync(() -> {
                List<Long> at = new ArrayList<>();
                try {
                    String line;
                    while (at.size() < 2 && (line = events.readLine()) != null) {
                        if (line.startsWith("data: {\"version\":1,")) {
                            at.add(System.nanoTime());
                        }
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return at;
            }).get(30, TimeUnit.SECONDS);
            assertEquals(2, arrivals.size(), "two snapshots before the stream ended");
            long apartMillis = (arrivals.get(1) - arrivals.get(0)) / 1_000_000;
            assertTrue(apartMillis >= 500, "the snapshots come as they are written, about a second apart, not"
                    + " buffered together: " + apartMillis + " ms");
        }
        if (!console().equals("steadfast")) {
            assertEquals(404, get("steadfast/snapshot").statusCode(), "only at the configured path");
        }
    }

    @Test
    public void theApplicationHasEveryKindOfGuardedBean() {
        assertEquals(String.join(",", kinds()), get("ft/kinds").body());
    }

    @Test
    public void retryRecoversAFlakyCall() {
        for (String kind : kinds()) {
            String key = key(kind + "-flaky");
            HttpResponse<String> answer = get("ft/" + kind + "/flaky?failures=2&key=" + key);
            assertEquals(200, answer.statusCode(), kind + ": " + answer.body());
            assertEquals("ok after 3 attempts", answer.body(), kind);
            assertEquals(3, ledger(key), kind);
        }
    }

    /** If the interceptor were registered twice, every attempt of the inner chain would run 3 times: 9, not 3. */
    @Test
    public void theInterceptorRunsOncePerCallAndRetriesUntilTheBudgetIsSpent() {
        for (String kind : kinds()) {
            String key = key(kind + "-exhaust");
            int eventsBefore = retryEvents("#exhaust(");
            HttpResponse<String> answer = get("ft/" + kind + "/exhaust?key=" + key);
            assertEquals(502, answer.statusCode(), kind + ": " + answer.body());
            assertTrue(answer.body().startsWith("RetryExhaustedException"), kind + ": " + answer.body());
            assertEquals("3", answer.headers().firstValue("X-Attempts").orElse(""), kind);
            assertEquals(3, ledger(key), kind + ": the method body runs once per attempt");
            assertEquals(2, retryEvents("#exhaust(") - eventsBefore, kind + ": one RetryAttempted event per retry");
        }
    }

    @Test
    public void aConfigOverrideInMicroprofileConfigPropertiesTakesEffect() {
        for (String kind : kinds()) {
            String key = key(kind + "-overridden");
            HttpResponse<String> answer = get("ft/" + kind + "/overridden?key=" + key);
            assertEquals(502, answer.statusCode(), kind + ": " + answer.body());
            assertEquals("5", answer.headers().firstValue("X-Attempts").orElse(""),
                    kind + ": max-retries=4 from the config, not 0 from the annotation");
            assertEquals(5, ledger(key), kind);
        }
    }

    /** The breaker named {@code backend} is shared: failures through one kind of bean open it for every kind. */
    @Test
    public void aBreakerSharedByNameOpensAfterFailuresAndRejectsEveryCaller() {
        assertTrue(post("ft/breakers/backend/reset").body().startsWith("state=CLOSED total=0"));
        String key = key("backend");
        for (int i = 0; i < 4; i++) {
            String kind = kinds().get(i % kinds().size());
            HttpResponse<String> answer = get("ft/" + kind + "/backend?fail=true&key=" + key);
            assertEquals(500, answer.statusCode(), kind + ": " + answer.body());
            assertTrue(answer.body().startsWith("TransientFailure"), kind + ": " + answer.body());
        }
        assertEquals("state=OPEN total=4 successful=0 failed=4 rejected=0", get("ft/breakers/backend").body());
        for (String kind : kinds()) {
            HttpResponse<String> answer = get("ft/" + kind + "/backend?fail=false&key=" + key);
            assertEquals(503, answer.statusCode(), kind + ": " + answer.body());
            assertTrue(answer.body().startsWith("CircuitOpenException"), kind + ": " + answer.body());
            assertEquals("backend", answer.headers().firstValue("X-Breaker").orElse(""), kind);
            assertTrue(answer.headers().firstValue("Retry-After").isPresent(), kind);
        }
        assertEquals(4, ledger(key), "a rejected call never reaches the method");
        assertEquals("state=OPEN total=" + (4 + kinds().size()) + " successful=0 failed=4 rejected=" + kinds().size(),
                get("ft/breakers/backend").body());

        post("ft/breakers/backend/reset");
        for (String kind : kinds()) {
            HttpResponse<String> answer = get("ft/" + kind + "/backend?fail=false&key=" + key);
            assertEquals(200, answer.statusCode(), kind + ": " + answer.body());
        }
        assertEquals("state=CLOSED total=" + kinds().size() + " successful=" + kinds().size()
                + " failed=0 rejected=0", get("ft/breakers/backend").body());
    }

    @Test
    public void aTimeoutEndsASlowCall() {
        for (String kind : kinds()) {
            String key = key(kind + "-slow");
            HttpResponse<String> answer = get("ft/" + kind + "/slow?key=" + key);
            assertEquals(504, answer.statusCode(), kind + ": " + answer.body());
            assertTrue(answer.body().startsWith("TimeoutExceededException"), kind + ": " + answer.body());
            assertEquals(1, ledger(key), kind);
        }
    }

    @Test
    public void aFallbackAnswersWhenRetriesRunOut() {
        for (String kind : kinds()) {
            String key = key(kind + "-quote");
            HttpResponse<String> answer = get("ft/" + kind + "/quote?key=" + key);
            assertEquals(200, answer.statusCode(), kind + ": " + answer.body());
            assertEquals("cached:" + key, answer.body(), kind);
            assertEquals(2, ledger(key), kind);
        }
    }

    /** Two calls park in the bulkhead of 2 behind a gate; a third is rejected; the gate opens and both finish. */
    @Test
    public void aFullBulkheadRejectsTheNextCall() throws Exception {
        for (String kind : kinds()) {
            String gate = key(kind + "-gate");
            List<CompletableFuture<HttpResponse<String>>> parked = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    parked.add(http.sendAsync(request("ft/" + kind + "/held?gate=" + gate).build(),
                            HttpResponse.BodyHandlers.ofString()));
                }
                assertEquals("entered", get("ft/gates/" + gate + "/entered?calls=2").body(), kind);
                HttpResponse<String> rejected = get("ft/" + kind + "/held?gate=" + gate);
                assertEquals(429, rejected.statusCode(), kind + ": " + rejected.body());
                assertTrue(rejected.body().startsWith("BulkheadFullException"), kind + ": " + rejected.body());
            } finally {
                post("ft/gates/" + gate + "/open");
            }
            for (CompletableFuture<HttpResponse<String>> call : parked) {
                HttpResponse<String> answer = call.get(60, TimeUnit.SECONDS);
                assertEquals(200, answer.statusCode(), kind + ": " + answer.body());
                assertEquals("released", answer.body(), kind);
            }
        }
    }

    /**
     * The server's MicroProfile Fault Tolerance retries its own {@code @Retry} (with its own config key raising
     * {@code maxRetries} from 1 to 3) and rethrows the last failure as MicroProfile says; Steadfast leaves it alone.
     */
    @Test
    public void theServersOwnFaultToleranceWorksBesideSteadfast() {
        String key = key("server-ft-flaky");
        HttpResponse<String> flaky = get("ft/server-ft/flaky?failures=2&key=" + key);
        assertEquals(200, flaky.statusCode(), flaky.body());
        assertEquals("ok after 3 attempts", flaky.body());

        String exhausted = key("server-ft-exhaust");
        HttpResponse<String> answer = get("ft/server-ft/exhaust?key=" + exhausted);
        assertEquals(500, answer.statusCode(), answer.body());
        assertTrue(answer.body().startsWith("TransientFailure"), "not wrapped by Steadfast: " + answer.body());
        assertEquals(4, ledger(exhausted), "1 attempt + 3 retries from Retry/maxRetries in the config");
    }

    // --- A MicroProfile Rest Client interface guarded by Steadfast (LoopbackClient), calling this same application.
    // The endpoint counts its requests in the ledger: "N requests" is "the client made N attempts".

    private static final String CLIENT = "dev.steadfast.it.app.LoopbackClient";

    /** 503 with {@code Retry-After: 1} twice, then 200: the retry waits what the server asked, once per attempt. */
    @Test
    public void aRestClientRetryWaitsWhatRetryAfterSays() {
        String key = key("client-retry-after");
        int eventsBefore = retryEvents(CLIENT + "#unavailable(");
        HttpResponse<String> answer = get("ft/client/retry-after?key=" + key);
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals("served " + key + " on request 3", answer.body());
        assertEquals(3, ledger(key), "one request per attempt: the client is intercepted once");
        assertEquals(2, retryEvents(CLIENT + "#unavailable(") - eventsBefore);
        long elapsed = Long.parseLong(answer.headers().firstValue("X-Elapsed-Millis").orElse("0"));
        assertTrue(elapsed >= 2000, "waited " + elapsed + " ms; Retry-After said 1 s, twice");
    }

    /** {@code Retry-After: 86400} on a retry with {@code maxDuration = 5s}: exhausted at once, not after a day. */
    @Test
    public void aRestClientRetryAfterBeyondTheBudgetEndsTheRetriesAtOnce() {
        String key = key("client-beyond-budget");
        HttpResponse<String> answer = get("ft/client/retry-after-beyond-budget?key=" + key);
        assertEquals(502, answer.statusCode(), answer.body());
        assertEquals("1", answer.headers().firstValue("X-Attempts").orElse(""), answer.body());
        assertEquals("3600", answer.headers().firstValue("X-Retry-After").orElse(""), "a day, capped at the hour");
        long elapsed = Long.parseLong(answer.headers().firstValue("X-Elapsed-Millis").orElse("999999"));
        assertTrue(elapsed < 4000, "gave up after " + elapsed + " ms");
        assertEquals(1, ledger(key));
    }

    /** {@code @Timeout(200)} on a client method against a 1 s answer. */
    @Test
    public void aRestClientTimeoutEndsASlowAnswer() {
        String key = key("client-timeout");
        HttpResponse<String> answer = get("ft/client/timeout?key=" + key);
        assertEquals(504, answer.statusCode(), answer.body());
        assertTrue(answer.body().startsWith("TimeoutExceededException"), answer.body());
        // At most one request, no retry. Zero when the deadline cut the call before the request left: Helidon's
        // connector ends on the interrupt, and the first client call of a JVM spends its 200 ms setting up.
        assertTrue(ledger(key) <= 1, "requests: " + ledger(key));
    }

    /** Two failures open the client's breaker; the next call is rejected without a request. */
    @Test
    public void aRestClientBreakerOpensAndRejectsWithoutARequest() {
        String name = CLIENT + "#broken";
        post("ft/breakers/" + name.replace("#", "%23") + "/reset");
        String key = key("client-breaker");
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> answer = get("ft/client/breaker?key=" + key);
            assertEquals(500, answer.statusCode(), answer.body());
            assertTrue(answer.body().startsWith("TransientHttpException: HTTP 500 from GET "), answer.body());
        }
        HttpResponse<String> rejected = get("ft/client/breaker?key=" + key);
        assertEquals(503, rejected.statusCode(), rejected.body());
        assertTrue(rejected.body().startsWith("CircuitOpenException"), rejected.body());
        assertEquals(name, rejected.headers().firstValue("X-Breaker").orElse(""));
        assertEquals(2, ledger(key), "an open breaker sends no request");
        assertTrue(get("ft/breakers/" + name.replace("#", "%23")).body().startsWith("state=OPEN"));
    }

    @Test
    public void aRestClientFallbackAnswersWhenRetriesRunOut() {
        String key = key("client-fallback");
        HttpResponse<String> answer = get("ft/client/fallback?key=" + key);
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals("cached:" + key, answer.body());
        assertEquals(2, ledger(key));
    }

    /**
     * A client built with {@code RestClientBuilder} and wrapped by {@code GuardedRestClients}: where the
     * implementation applies the interface's bindings to built clients itself (Jersey), two Steadfast interceptors
     * surround the call, and it is still guarded once: 3 requests, 2 retry events.
     */
    @Test
    public void aBuiltRestClientIsGuardedOncePerCall() {
        String key = key("client-built");
        int eventsBefore = retryEvents(CLIENT + "#flaky(");
        HttpResponse<String> answer = get("ft/client/built?key=" + key);
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals("ok on request 3", answer.body());
        assertEquals(3, ledger(key));
        assertEquals(2, retryEvents(CLIENT + "#flaky(") - eventsBefore);
    }

    private static String key(String what) {
        return what + "-" + KEYS.incrementAndGet();
    }

    private int ledger(String key) {
        return Integer.parseInt(get("ft/ledger/" + key).body());
    }

    private int retryEvents(String method) {
        return Integer.parseInt(get("ft/events/retry?method=" + method.replace("#", "%23").replace("(", "%28"))
                .body());
    }

    protected HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base().resolve(path)).timeout(Duration.ofSeconds(60));
    }

    protected HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    private HttpResponse<String> post(String path) {
        return send(request(path).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted during " + request.method() + " " + request.uri(), e);
        }
    }
}
