package dev.steadfast.junit5.sample;

import dev.steadfast.CircuitOpenException;
import dev.steadfast.RetryExhaustedException;
import dev.steadfast.TimeoutExceededException;
import dev.steadfast.impl.cdi.SteadfastExtension;
import dev.steadfast.junit5.FaultToleranceControl;
import dev.steadfast.junit5.TestClock;
import dev.steadfast.junit5.WithFaultTolerance;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static dev.steadfast.CircuitState.CLOSED;
import static dev.steadfast.CircuitState.FORCED_OPEN;
import static dev.steadfast.CircuitState.HALF_OPEN;
import static dev.steadfast.CircuitState.OPEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * How a user tests their own guarded bean with the extension and weld-junit5: a breaker that opens after 5 failures
 * and recovers after 30 s, retries, a timeout, in milliseconds of real time.
 */
@WithFaultTolerance
@EnableWeld
class PaymentsClientTest {

    @WeldSetup
    public WeldInitiator weld = WeldInitiator.from(WeldInitiator.createWeld()
            .addExtension(new SteadfastExtension())
            .addBeanClasses(PaymentsClient.class, PaymentGateway.class))
            .build();

    @Inject
    PaymentsClient client;

    @Inject
    PaymentGateway gateway;

    /** Set by the extension (weld-junit5 claims test-method parameters for CDI, so fields it is). */
    TestClock clock;

    FaultToleranceControl control;

    @Test
    void opensAfterFiveFailuresAndRecoversAfterThirtySeconds() throws IOException {
        gateway.goDown();
        for (int i = 0; i < 5; i++) {
            assertThrows(IOException.class, () -> client.charge("order-1"));
        }
        assertEquals(OPEN, control.breaker(PaymentsClient.class, "charge").state());

        CircuitOpenException rejected = assertThrows(CircuitOpenException.class, () -> client.charge("order-1"));
        assertEquals(Duration.ofSeconds(30), rejected.getRetryAfter());
        assertEquals(5, gateway.calls(), "the open breaker did not call the gateway");

        gateway.comeBack();
        clock.advance(Duration.ofSeconds(29));
        assertThrows(CircuitOpenException.class, () -> client.charge("order-1"));

        clock.advance(1, ChronoUnit.SECONDS);
        assertEquals(HALF_OPEN, control.breaker(PaymentsClient.class, "charge").state(),
                "the timer moved it without traffic");
        assertEquals("charge order-1 ok", client.charge("order-1"));
        assertEquals(CLOSED, control.breaker(PaymentsClient.class, "charge").state());
    }

    @Test
    void aFailedTrialCallReopensItForAnotherThirtySeconds() {
        gateway.goDown();
        for (int i = 0; i < 5; i++) {
            assertThrows(IOException.class, () -> client.charge("order-2"));
        }
        clock.advance(Duration.ofSeconds(30));

        assertThrows(IOException.class, () -> client.charge("order-2"));

        assertEquals(OPEN, control.breaker(PaymentsClient.class, "charge").state());
        assertEquals(Duration.ofSeconds(30),
                control.breaker(PaymentsClient.class, "charge").retryAfter().orElseThrow());
    }

    @Test
    void aBreakerForcedOpenRejectsUntilForcedClosed() throws IOException {
        control.forceOpen("ledger");

        CircuitOpenException rejected = assertThrows(CircuitOpenException.class, () -> client.book("entry"));
        assertEquals(FORCED_OPEN, rejected.getState());
        assertEquals(0, gateway.calls());

        control.forceClosed("ledger");

        assertEquals("book entry ok", client.book("entry"));
    }

    @Test
    void anUnnamedBreakerIsForcedByBeanClassAndMethod() throws IOException {
        control.forceOpen(PaymentsClient.class, "charge");
        assertThrows(CircuitOpenException.class, () -> client.charge("order-3"));
        assertEquals("book entry ok", client.book("entry"), "other breakers are untouched");

        control.forceClosed(PaymentsClient.class, "charge");

        assertEquals("charge order-3 ok", client.charge("order-3"));
    }

    @Test
    void forcedClosedFollowsTheRulesAgain() {
        control.forceOpen("ledger");
        control.forceClosed("ledger");
        gateway.goDown();

        assertThrows(IOException.class, () -> client.book("a"));
        assertThrows(IOException.class, () -> client.book("b"));

        assertEquals(OPEN, control.breaker("ledger").state());
    }

    @Test
    void synchronousRetryDelaysPassInVirtualTime() {
        gateway.goDown();

        RetryExhaustedException e = assertThrows(RetryExhaustedException.class, () -> client.refund("order-4"));

        assertEquals(4, e.getAttempts());
        assertEquals(List.of(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(10)), clock.sleeps());
        assertEquals(Duration.ofSeconds(30), e.getElapsed());
        assertEquals(Duration.ofSeconds(30), clock.elapsed());
    }

    @Test
    void asynchronousRetriesWaitForTheTestToAdvanceTheClock() throws Exception {
        gateway.goDown();
        CompletableFuture<String> result = client.chargeLater("order-5").toCompletableFuture();
        clock.awaitPendingTasks(1, Duration.ofSeconds(30));
        assertFalse(result.isDone());
        assertEquals(1, gateway.calls());

        gateway.comeBack();
        clock.advance(Duration.ofSeconds(5));

        assertEquals("charge later order-5 ok", result.get(30, TimeUnit.SECONDS));
        assertEquals(2, gateway.calls());
    }

    @Test
    void aCallThatTakesLongerThanItsTimeoutOnTheTestClockTimesOut() {
        gateway.duringEachCall(() -> clock.advance(Duration.ofSeconds(3)));

        TimeoutExceededException e = assertThrows(TimeoutExceededException.class, () -> client.status("order-6"));

        assertEquals(Duration.ofSeconds(2), e.getTimeout());
        assertFalse(Thread.currentThread().isInterrupted(), "the interrupt does not leak into the test");
    }

    @Test
    void aCallWithinItsTimeoutOnTheTestClockReturns() throws IOException {
        gateway.duringEachCall(() -> clock.advance(Duration.ofSeconds(1)));

        assertEquals("status order-7 ok", client.status("order-7"));
    }

    @Test
    void aRateLimitOpensAgainWhenTheTestClockReachesTheNextWindow() throws Exception {
        client.quote("a");
        client.quote("b");
        assertThrows(dev.steadfast.RateLimitExceededException.class, () -> client.quote("c"));

        clock.advance(Duration.ofMinutes(1));

        assertEquals("quote c ok", client.quote("c"));
    }

    @Test
    void aFullBulkheadRejectsUntilTheRunningCallCompletes() throws Exception {
        CompletableFuture<String> pending = new CompletableFuture<>();
        gateway.settleWith(pending);
        CompletableFuture<String> first = client.settle().toCompletableFuture();

        ExecutionException full = assertThrows(ExecutionException.class,
                () -> client.settle().toCompletableFuture().get(30, TimeUnit.SECONDS));
        assertInstanceOf(dev.steadfast.BulkheadFullException.class, full.getCause());

        pending.complete("settled");
        assertEquals("settled", first.get(30, TimeUnit.SECONDS));
        assertEquals("settled", client.settle().toCompletableFuture().get(30, TimeUnit.SECONDS));
    }
}
