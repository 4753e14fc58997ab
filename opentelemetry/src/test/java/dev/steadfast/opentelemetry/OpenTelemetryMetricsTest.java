package dev.steadfast.opentelemetry;

import static dev.steadfast.opentelemetry.Instruments.BREAKER;
import static dev.steadfast.opentelemetry.Instruments.METHOD;
import static dev.steadfast.opentelemetry.Instruments.OUTCOME;
import static dev.steadfast.opentelemetry.Instruments.ORIGIN;
import static dev.steadfast.opentelemetry.Instruments.PREVIOUS_STATE;
import static dev.steadfast.opentelemetry.Instruments.REASON;
import static dev.steadfast.opentelemetry.Instruments.STATE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.BulkheadFullException;
import dev.steadfast.CircuitBreakers;
import dev.steadfast.CircuitOpenException;
import dev.steadfast.RateLimitExceededException;
import dev.steadfast.RetryExhaustedException;
import dev.steadfast.TimeoutExceededException;
import dev.steadfast.impl.cdi.SteadfastExtension;
import dev.steadfast.testsupport.WeldTestContainer;
import dev.steadfast.testsupport.fixtures.Flaky;
import dev.steadfast.testsupport.fixtures.Limited;
import dev.steadfast.testsupport.fixtures.Payments;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real guarded beans on Weld SE, the observer found by ServiceLoader, metrics from the app's OpenTelemetry bean. */
class OpenTelemetryMetricsTest {

    private static final String FLAKY = "dev.steadfast.testsupport.fixtures.Flaky#";
    private static final String LIMITED = "dev.steadfast.testsupport.fixtures.Limited#";
    private static final String CHARGE = "dev.steadfast.testsupport.fixtures.Payments#charge(boolean)";

    private WeldTestContainer container;
    private InMemoryMetricReader reader;

    @BeforeEach
    void start() {
        container = WeldTestContainer.start(new SteadfastExtension(),
                TestOpenTelemetry.class, Flaky.class, Payments.class, Limited.class);
        reader = container.select(TestOpenTelemetry.class).reader();
    }

    @AfterEach
    void stop() {
        container.close();
    }

    private static Attributes method(String method) {
        return Attributes.of(METHOD, method);
    }

    private static Attributes outcome(String method, String outcome) {
        return Attributes.of(METHOD, method, OUTCOME, outcome);
    }

    @Test
    void exhaustedRetriesCountEachRetryAndOneExhaustedFailure() {
        assertThrows(RetryExhaustedException.class, container.select(Flaky.class)::alwaysFails);

        String method = FLAKY + "alwaysFails()";
        Metrics m = new Metrics(reader);
        assertEquals(3, m.longValue("steadfast.retries", method(method)));
        assertEquals(1, m.longValue("steadfast.retries.exhausted", method(method)));
        HistogramPointData calls = m.histogram("steadfast.call.duration", outcome(method, "failure"));
        assertEquals(1, calls.getCount());
        assertEquals(List.of(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0),
                calls.getBoundaries(), "buckets in seconds");
        MetricData duration = m.metric("steadfast.call.duration").orElseThrow();
        assertEquals("s", duration.getUnit());
        assertEquals("dev.steadfast", duration.getInstrumentationScopeInfo().getName());
    }

    @Test
    void aFallbackAnswerAndASuccessAfterRetries() throws IOException {
        Flaky flaky = container.select(Flaky.class);

        assertEquals("cached", flaky.quote());
        assertEquals("third time lucky", flaky.failsTwice());

        Metrics m = new Metrics(reader);
        assertEquals(1, m.histogram("steadfast.call.duration", outcome(FLAKY + "quote()", "fallback")).getCount());
        assertEquals(1, m.histogram("steadfast.call.duration", outcome(FLAKY + "failsTwice()", "success")).getCount());
        assertEquals(2, m.longValue("steadfast.retries", method(FLAKY + "failsTwice()")));
        assertEquals(1, m.longValue("steadfast.fallbacks", Attributes.of(METHOD, FLAKY + "quote()",
                Instruments.FALLBACK, "cached")), "the degraded answer, by the fallback that gave it");
        assertEquals(List.of(Attributes.of(METHOD, FLAKY + "quote()", Instruments.FALLBACK, "cached")),
                m.metric("steadfast.fallbacks").orElseThrow().getData().getPoints().stream()
                        .map(p -> p.getAttributes()).toList(), "nothing for the method that recovered");
    }

    @Test
    void theBreakerStateTransitionsAndRejections() throws IOException {
        Payments payments = container.select(Payments.class);
        Attributes payments0 = Attributes.of(BREAKER, "payments");
        assertEquals(1, new Metrics(reader).longValue("steadfast.circuit_breaker.state",
                Attributes.of(BREAKER, "payments", STATE, "closed")));

        assertThrows(IOException.class, () -> payments.charge(true));
        assertThrows(IOException.class, () -> payments.charge(true));
        assertThrows(CircuitOpenException.class, () -> payments.charge(false));

        Metrics open = new Metrics(reader);
        assertEquals(0, open.longValue("steadfast.circuit_breaker.state",
                Attributes.of(BREAKER, "payments", STATE, "closed")));
        assertEquals(1, open.longValue("steadfast.circuit_breaker.state",
                Attributes.of(BREAKER, "payments", STATE, "open")));
        assertEquals(1, open.longValue("steadfast.circuit_breaker.transitions",
                Attributes.of(BREAKER, "payments", PREVIOUS_STATE, "closed", STATE, "open", ORIGIN, "local")));
        assertEquals(1, open.histogram("steadfast.call.duration", outcome(CHARGE, "circuit_open")).getCount());
        assertEquals(2, open.histogram("steadfast.call.duration", outcome(CHARGE, "failure")).getCount());
        assertEquals(1, open.longValue("steadfast.rejections",
                Attributes.of(METHOD, CHARGE, REASON, "circuit_open")));

        container.select(CircuitBreakers.class).get("payments").reset();

        Metrics closed = new Metrics(reader);
        double openTime = closed.doubleValue("steadfast.circuit_breaker.open.time", payments0);
        assertTrue(openTime > 0, "it was open for a while: " + openTime);
        assertEquals(openTime, new Metrics(reader).doubleValue("steadfast.circuit_breaker.open.time", payments0));
        assertEquals(1, closed.longValue("steadfast.circuit_breaker.transitions",
                Attributes.of(BREAKER, "payments", PREVIOUS_STATE, "open", STATE, "closed", ORIGIN, "local")));
    }

    @Test
    void aFullBulkheadIsARejectionAndInUseShowsTheCallInside() throws Exception {
        Limited limited = container.select(Limited.class);
        String method = LIMITED + "hold(CountDownLatch, CountDownLatch)";
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            Future<String> inside = caller.submit(() -> limited.hold(entered, release));
            assertTrue(entered.await(10, TimeUnit.SECONDS));
            assertEquals(1, new Metrics(reader).longValue("steadfast.bulkhead.in_use", method(method)));
            assertEquals(0, new Metrics(reader).longValue("steadfast.bulkhead.queued", method(method)));

            assertThrows(BulkheadFullException.class, () -> limited.hold(new CountDownLatch(1), release));
            release.countDown();
            assertEquals("held", inside.get(10, TimeUnit.SECONDS));
        } finally {
            caller.shutdownNow();
        }

        Metrics m = new Metrics(reader);
        assertEquals(0, m.longValue("steadfast.bulkhead.in_use", method(method)));
        assertEquals(1, m.longValue("steadfast.rejections", Attributes.of(METHOD, method, REASON, "bulkhead_full")));
        assertEquals(1, m.histogram("steadfast.call.duration", outcome(method, "bulkhead_full")).getCount());
        assertEquals(1, m.histogram("steadfast.call.duration", outcome(method, "success")).getCount());
    }

    @Test
    void rateLimitedAndTimedOutCalls() {
        Limited limited = container.select(Limited.class);

        assertEquals("once", limited.once());
        assertThrows(RateLimitExceededException.class, limited::once);
        assertThrows(TimeoutExceededException.class, limited::stuck);

        Metrics m = new Metrics(reader);
        assertEquals(1, m.histogram("steadfast.call.duration", outcome(LIMITED + "once()", "rate_limited")).getCount());
        assertEquals(1, m.longValue("steadfast.rejections",
                Attributes.of(METHOD, LIMITED + "once()", REASON, "rate_limited")));
        assertEquals(1, m.histogram("steadfast.call.duration", outcome(LIMITED + "stuck()", "timed_out")).getCount());
        assertEquals(1, m.longValue("steadfast.timeouts", method(LIMITED + "stuck()")));
    }
}
