package dev.steadfast.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real guarded beans on Weld SE, the observer found by ServiceLoader, meters read from the app's registry bean. */
class MicrometerMetricsTest {

    private static final String FLAKY = "dev.steadfast.testsupport.fixtures.Flaky#";
    private static final String LIMITED = "dev.steadfast.testsupport.fixtures.Limited#";
    private static final String CHARGE = "dev.steadfast.testsupport.fixtures.Payments#charge(boolean)";

    private WeldTestContainer container;
    private MeterRegistry registry;

    @BeforeEach
    void start() {
        container = WeldTestContainer.start(new SteadfastExtension(),
                TestRegistry.class, Flaky.class, Payments.class, Limited.class);
        registry = container.select(MeterRegistry.class);
    }

    @AfterEach
    void stop() {
        container.close();
    }

    private double calls(String method, String outcome) {
        return registry.get("steadfast.calls").tags("method", method, "outcome", outcome).counter().count();
    }

    private double counter(String name, String method) {
        return registry.get(name).tags("method", method).counter().count();
    }

    private double rejected(String method, String reason) {
        return registry.get("steadfast.calls.rejected").tags("method", method, "reason", reason).counter().count();
    }

    private double gauge(String name, String... tags) {
        return registry.get(name).tags(tags).gauge().value();
    }

    @Test
    void exhaustedRetriesCountEachRetryAndOneExhaustedFailure() {
        Flaky flaky = container.select(Flaky.class);

        assertThrows(RetryExhaustedException.class, flaky::alwaysFails);

        String method = FLAKY + "alwaysFails()";
        assertEquals(3, counter("steadfast.retries", method));
        assertEquals(1, counter("steadfast.retries.exhausted", method));
        assertEquals(1, calls(method, "failure"));
        assertEquals(0, calls(method, "success"), "the possible outcomes are registered up front");
        Timer duration = registry.get("steadfast.call.duration").tags("method", method, "outcome", "failure")
                .timer();
        assertEquals(1, duration.count());
    }

    @Test
    void retriesThatEndInSuccess() throws IOException {
        assertEquals("third time lucky", container.select(Flaky.class).failsTwice());

        String method = FLAKY + "failsTwice()";
        assertEquals(2, counter("steadfast.retries", method));
        assertEquals(0, counter("steadfast.retries.exhausted", method));
        assertEquals(1, calls(method, "success"));
        assertEquals(0, calls(method, "failure"));
    }

    @Test
    void aFallbackAnswerIsCountedAsFallback() throws IOException {
        assertEquals("cached", container.select(Flaky.class).quote());

        String method = FLAKY + "quote()";
        assertEquals(1, calls(method, "fallback"));
        assertEquals(0, calls(method, "failure"));
        assertEquals(1, counter("steadfast.retries", method));
        assertEquals(1, counter("steadfast.retries.exhausted", method));
        assertEquals(1, registry.get("steadfast.fallbacks").tags("method", method, "fallback", "cached").counter()
                .count(), "the degraded answer, by the fallback that gave it");

        container.select(Flaky.class).quote();
        assertEquals(2, registry.get("steadfast.fallbacks").tags("method", method, "fallback", "cached").counter()
                .count());
        assertTrue(registry.find("steadfast.fallbacks").tags("method", FLAKY + "failsTwice()").counters().isEmpty(),
                "no fallback meter for a method without degraded answers");
    }

    @Test
    void aStageIsCountedWhenItCompletes() {
        Flaky flaky = container.select(Flaky.class);

        assertEquals("staged", flaky.staged(false).toCompletableFuture().join());
        CompletionException failed = assertThrows(CompletionException.class,
                () -> flaky.staged(true).toCompletableFuture().join());

        assertInstanceOf(RetryExhaustedException.class, failed.getCause());
        String method = FLAKY + "staged(boolean)";
        assertEquals(1, calls(method, "success"));
        assertEquals(1, calls(method, "failure"));
        assertEquals(2, counter("steadfast.retries", method));
        assertEquals(1, counter("steadfast.retries.exhausted", method));
    }

    @Test
    void theBreakerStateGaugeTransitionsAndRejections() throws IOException {
        Payments payments = container.select(Payments.class);
        assertEquals(1, gauge("steadfast.circuitbreaker.state", "breaker", "payments", "state", "closed"));
        assertEquals(0, gauge("steadfast.circuitbreaker.state", "breaker", "payments", "state", "open"));
        assertEquals(0, openTime());

        assertThrows(IOException.class, () -> payments.charge(true));
        assertThrows(IOException.class, () -> payments.charge(true));
        assertThrows(CircuitOpenException.class, () -> payments.charge(false));

        assertEquals(0, gauge("steadfast.circuitbreaker.state", "breaker", "payments", "state", "closed"));
        assertEquals(1, gauge("steadfast.circuitbreaker.state", "breaker", "payments", "state", "open"));
        assertEquals(1, transitions("closed", "open"));
        assertEquals(0, transitions("open", "half_open"));
        assertEquals(2, calls(CHARGE, "failure"));
        assertEquals(1, calls(CHARGE, "circuit_open"));
        assertEquals(1, rejected(CHARGE, "circuit_open"));

        container.select(CircuitBreakers.class).get("payments").reset();

        assertEquals(1, transitions("open", "closed"));
        assertEquals(1, gauge("steadfast.circuitbreaker.state", "breaker", "payments", "state", "closed"));
        double open = openTime();
        assertTrue(open > 0, "it was open for a while: " + open);
        assertEquals(open, openTime(), "closed again, the open time stands still");
        assertEquals("charged", payments.charge(false));
        assertEquals(1, calls(CHARGE, "success"));
    }

    private double transitions(String from, String to) {
        return registry.get("steadfast.circuitbreaker.transitions").tags("breaker", "payments", "from", from, "to", to)
                .counter().count();
    }

    private double openTime() {
        return registry.get("steadfast.circuitbreaker.open.time").tags("breaker", "payments").functionCounter()
                .count();
    }

    @Test
    void aFullBulkheadIsARejectionAndTheGaugeShowsTheCallInside() throws Exception {
        Limited limited = container.select(Limited.class);
        String method = LIMITED + "hold(CountDownLatch, CountDownLatch)";
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            Future<String> inside = caller.submit(() -> limited.hold(entered, release));
            assertTrue(entered.await(10, TimeUnit.SECONDS));
            assertEquals(1, gauge("steadfast.bulkhead.in.use", "method", method));

            assertThrows(BulkheadFullException.class, () -> limited.hold(new CountDownLatch(1), release));
            release.countDown();
            assertEquals("held", inside.get(10, TimeUnit.SECONDS));
        } finally {
            caller.shutdownNow();
        }

        assertEquals(0, gauge("steadfast.bulkhead.in.use", "method", method));
        assertEquals(1, rejected(method, "bulkhead_full"));
        assertEquals(1, calls(method, "bulkhead_full"));
        assertEquals(1, calls(method, "success"));
    }

    @Test
    void theQueuedGaugeCountsStagesWaitingForAPermit() {
        Limited limited = container.select(Limited.class);
        String method = LIMITED + "queue(CompletableFuture)";
        CompletableFuture<String> first = new CompletableFuture<>();
        CompletableFuture<String> second = CompletableFuture.completedFuture("second");

        CompletableFuture<String> running = limited.queue(first).toCompletableFuture();
        CompletableFuture<String> waiting = limited.queue(second).toCompletableFuture();
        CompletableFuture<String> rejected = limited.queue(new CompletableFuture<>()).toCompletableFuture();

        assertEquals(1, gauge("steadfast.bulkhead.in.use", "method", method));
        assertEquals(1, gauge("steadfast.bulkhead.queued", "method", method));
        assertInstanceOf(BulkheadFullException.class,
                assertThrows(CompletionException.class, rejected::join).getCause());
        first.complete("first");
        assertEquals("first", running.join());
        assertEquals("second", waiting.orTimeout(10, TimeUnit.SECONDS).join());

        assertEquals(0, gauge("steadfast.bulkhead.in.use", "method", method));
        assertEquals(0, gauge("steadfast.bulkhead.queued", "method", method));
        assertEquals(2, calls(method, "success"));
        assertEquals(1, calls(method, "bulkhead_full"));
    }

    @Test
    void rateLimitedCalls() {
        Limited limited = container.select(Limited.class);

        assertEquals("once", limited.once());
        assertThrows(RateLimitExceededException.class, limited::once);

        String method = LIMITED + "once()";
        assertEquals(1, calls(method, "success"));
        assertEquals(1, calls(method, "rate_limited"));
        assertEquals(1, rejected(method, "rate_limited"));
    }

    @Test
    void timedOutCalls() {
        assertThrows(TimeoutExceededException.class, container.select(Limited.class)::stuck);

        String method = LIMITED + "stuck()";
        assertEquals(1, calls(method, "timed_out"));
        assertEquals(1, counter("steadfast.timeouts", method));
    }
}
