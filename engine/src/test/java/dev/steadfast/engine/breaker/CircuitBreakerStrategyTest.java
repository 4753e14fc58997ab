package dev.steadfast.engine.breaker;

import dev.steadfast.CircuitOpenException;
import dev.steadfast.CircuitState;
import dev.steadfast.StateTransition;
import dev.steadfast.engine.EngineListener;
import dev.steadfast.engine.Invocation;
import dev.steadfast.engine.Strategy;
import dev.steadfast.engine.time.Clock;
import dev.steadfast.engine.time.Timer;
import org.junit.jupiter.api.Test;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.steadfast.CircuitState.CLOSED;
import static dev.steadfast.CircuitState.FORCED_OPEN;
import static dev.steadfast.CircuitState.HALF_OPEN;
import static dev.steadfast.CircuitState.OPEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The breaker's state machine (docs/annotations.md), driven through the synchronous strategy with a manual clock. */
class CircuitBreakerStrategyTest extends Fixture {

    private CircuitOpenException rejected(Strategy<String> s) {
        int before = bodyRuns.get();
        CircuitOpenException e = assertThrows(CircuitOpenException.class, () -> s.call(() -> {
            bodyRuns.incrementAndGet();
            return "ran";
        }));
        assertEquals(before, bodyRuns.get(), "a rejected call must not invoke the body");
        return e;
    }

    /** Opens a breaker with a window of {@code window} by failing it {@code window} times. */
    private void open(Breaker b, Strategy<String> s) {
        fail(s, b.policy().requestVolumeThreshold());
        assertEquals(OPEN, b.state());
    }

    // --- CLOSED: the rolling window ------------------------------------------------------------------------------

    @Test
    void takesNoDecisionBeforeTheWindowHasFilledOnce() throws Exception {
        Breaker b = breaker(policy(4, 0.25));
        Strategy<String> s = sync(b);
        fail(s, 3);
        assertEquals(CLOSED, b.state(), "3 failures of a window of 4 not yet filled");
        succeed(s);
        assertEquals(OPEN, b.state(), "the 4th outcome fills the window, which holds 3 failures");
    }

    @Test
    void opensWhenTheFullWindowReachesTheFailureRatio() throws Exception {
        Breaker b = breaker(policy(4, 0.5));
        Strategy<String> s = sync(b);
        succeed(s, 3);
        fail(s);
        assertEquals(CLOSED, b.state(), "1 of 4 is below 0.5");
        fail(s);
        assertEquals(OPEN, b.state(), "2 of the last 4 reach 0.5");
    }

    @Test
    void opensAfterFiveConsecutiveFailures() throws Exception {
        Breaker b = breaker(policy(5, 1.0));
        Strategy<String> s = sync(b);
        fail(s, 4);
        succeed(s);
        fail(s, 4);
        assertEquals(CLOSED, b.state(), "never 5 failures in a row so far");
        fail(s);
        assertEquals(OPEN, b.state());
    }

    @Test
    void theRollingWindowForgetsOldOutcomes() throws Exception {
        Breaker b = breaker(policy(4, 0.75)); // 3 failures of the last 4
        Strategy<String> s = sync(b);
        fail(s, 2);
        succeed(s, 2);
        fail(s); // F S S F: the first failure has rolled out
        fail(s); // S S F F: so has the second
        assertEquals(CLOSED, b.state(), "4 failures in 6 calls, never 3 in the last 4");
        fail(s); // S F F F
        assertEquals(OPEN, b.state());
    }

    @Test
    void skipOnFailuresAndFailuresOutsideFailOnCountAsSuccesses() throws Exception {
        Breaker b = breaker(BreakerPolicy.builder().requestVolumeThreshold(2).failureRatio(1.0)
                .delay(Duration.ofNanos(DELAY)).failOn(List.of(IOException.class))
                .skipOn(List.of(FileNotFoundException.class)).build());
        Strategy<String> s = sync(b);
        assertThrows(FileNotFoundException.class, () -> s.call(() -> {
            throw new FileNotFoundException("skipOn");
        }));
        assertThrows(IllegalStateException.class, () -> s.call(() -> {
            throw new IllegalStateException("not in failOn");
        }));
        fail(s);
        assertEquals(CLOSED, b.state(), "only one of the last two counted as a failure");
        assertEquals(2, b.stats().successfulCalls());
        assertEquals(1, b.stats().failedCalls());
        fail(s);
        assertEquals(OPEN, b.state());
    }

    @Test
    void slowCallsCountAsFailuresThoughTheCallerGetsTheResult() throws Exception {
        long threshold = Duration.ofMillis(100).toNanos();
        Breaker b = breaker(BreakerPolicy.builder().requestVolumeThreshold(2).failureRatio(1.0)
                .delay(Duration.ofNanos(DELAY)).slowCallThreshold(Duration.ofNanos(threshold)).build());
        Strategy<String> s = sync(b);
        assertEquals("at the threshold", s.call(() -> {
            clock.advance(Duration.ofMillis(100));
            return "at the threshold";
        }));
        assertEquals("slow", s.call(() -> {
            clock.advance(Duration.ofMillis(101));
            return "slow";
        }));
        assertEquals(CLOSED, b.state(), "a call that takes exactly the threshold is not slow");
        assertEquals("slow", s.call(() -> {
            clock.advance(Duration.ofMillis(150));
            return "slow";
        }));
        assertEquals(OPEN, b.state());
        assertEquals(2, b.stats().failedCalls());
    }

    @Test
    void readsNoClockOnTheClosedPathWithoutASlowCallThreshold() throws Exception {
        Breaker b = breaker(policy(2, 1.0));
        Clock failing = new Clock() {
            @Override
            public long nanoTime() {
                throw new AssertionError("the clock was read on the closed path");
            }

            @Override
            public Instant instant() {
                throw new AssertionError("the clock was read on the closed path");
            }

            @Override
            public void sleep(long nanos) {
                throw new AssertionError("the breaker slept");
            }
        };
        Strategy<String> s = new CircuitBreakerStrategy<>(Invocation::proceed, METHOD, b, failing, events);
        assertEquals("ok", s.call(() -> "ok"));
        assertThrows(IOException.class, () -> s.call(() -> {
            throw new IOException("counted");
        }));
        assertEquals(1, b.stats().successfulCalls());
        assertEquals(1, b.stats().failedCalls());
    }

    // --- OPEN --------------------------------------------------------------------------------------------------

    @Test
    void rejectsWithoutInvokingTheBodyWhileOpen() {
        Breaker b = breaker(policy(2, 1.0));
        Strategy<String> s = sync(b);
        open(b, s);
        clock.advance(Duration.ofSeconds(2));

        CircuitOpenException e = rejected(s);

        assertEquals(NAME, e.getBreakerName());
        assertEquals(OPEN, e.getState());
        assertEquals(Duration.ofSeconds(3), e.getRetryAfter());
        assertEquals("Circuit 'payments' is OPEN; retry after 3.0 s", e.getMessage());
        assertEquals(List.of(METHOD), events.rejections);
        assertEquals(1, b.stats().rejectedCalls());
    }

    @Test
    void movesToHalfOpenByTheTimerWithoutTraffic() {
        Breaker b = breaker(policy(2, 1.0));
        open(b, sync(b));
        clock.advance(Duration.ofMillis(4_999));
        assertEquals(OPEN, b.state());
        clock.advance(Duration.ofMillis(1));
        assertEquals(HALF_OPEN, b.state());
        assertEquals(List.of(NAME + ": CLOSED -> OPEN", NAME + ": OPEN -> HALF_OPEN"), events.events);
        assertEquals(0, timer.pending());
    }

    @Test
    void aCallAfterTheDelayMovesToHalfOpenWhenTheTimerIsLate() throws Exception {
        Timer late = (delay, action) -> () -> {
        };
        Breaker b = new Breaker(NAME, policy(2, 1.0), clock, late, events);
        Strategy<String> s = sync(b);
        open(b, s);
        clock.advance(Duration.ofSeconds(5));
        assertEquals(OPEN, b.state(), "nothing moved it yet");

        succeed(s);

        assertEquals(CLOSED, b.state(), "the call became the trial call and closed it");
        assertEquals(List.of(NAME + ": CLOSED -> OPEN", NAME + ": OPEN -> HALF_OPEN", NAME + ": HALF_OPEN -> CLOSED"),
                events.events);
    }

    @Test
    void aZeroDelayMovesToHalfOpenAtOnce() throws Exception {
        Breaker b = breaker(BreakerPolicy.builder().requestVolumeThreshold(2).failureRatio(1.0).delay(Duration.ZERO)
                .build());
        Strategy<String> s = sync(b);
        fail(s, 2);
        assertEquals(HALF_OPEN, b.state());
        succeed(s);
        assertEquals(CLOSED, b.state());
    }

    // --- HALF_OPEN ----------------------------------------------------------------------------------------------

    @Test
    void rejectsTrialCallsBeyondHalfOpenMaxCallsWithAZeroRetryAfter() throws Exception {
        Breaker b = breaker(policy(2, 1.0, 2, 2));
        Strategy<String> s = sync(b);
        open(b, s);
        clock.advance(Duration.ofSeconds(5));
        long first = b.tryAcquire();
        long second = b.tryAcquire();
        assertTrue(Breaker.admitted(first) && Breaker.admitted(second));

        CircuitOpenException e = rejected(s);
        assertEquals(HALF_OPEN, e.getState());
        assertEquals(Duration.ZERO, e.getRetryAfter());

        b.onSuccess(first, 0);
        assertEquals(HALF_OPEN, b.state(), "1 of 2 trial successes");
        succeed(s); // the freed slot admits the next trial, which is the second success
        assertEquals(CLOSED, b.state());
        b.onFailure(second, new IOException(), 0);
        assertEquals(CLOSED, b.state(), "a trial that ends after the breaker closed counts for nothing");
    }

    @Test
    void closesAfterSuccessThresholdTrialSuccessesWithAFreshWindow() throws Exception {
        Breaker b = breaker(policy(2, 1.0, 3, 1));
        Strategy<String> s = sync(b);
        open(b, s);
        clock.advance(Duration.ofSeconds(5));
        succeed(s, 2);
        assertEquals(HALF_OPEN, b.state());
        succeed(s);
        assertEquals(CLOSED, b.state());

        fail(s);
        assertEquals(CLOSED, b.state(), "the failures before it opened are forgotten; the new window is not full");
        fail(s);
        assertEquals(OPEN, b.state());
    }

    @Test
    void aTrialFailureReopensItForAnotherDelay() {
        Breaker b = breaker(policy(2, 1.0, 2, 1));
        Strategy<String> s = sync(b);
        open(b, s);
        clock.advance(Duration.ofSeconds(5));
        fail(s);
        assertEquals(OPEN, b.state());
        assertEquals(Duration.ofSeconds(5), rejected(s).getRetryAfter());
        clock.advance(Duration.ofSeconds(5));
        assertEquals(HALF_OPEN, b.state());
    }

    @Test
    void ignoresOutcomesOfCallsThatStartedInAnEarlierState() throws Exception {
        Breaker b = breaker(policy(2, 1.0));
        Strategy<String> s = sync(b);
        long startedClosed = b.tryAcquire();
        open(b, s);
        List<StateTransition> before = b.transitions();

        b.onFailure(startedClosed, new IOException(), 0);
        assertEquals(before, b.transitions(), "a late failure does not reopen or re-time it");
        clock.advance(Duration.ofSeconds(5));
        b.onSuccess(startedClosed, 0);
        assertEquals(HALF_OPEN, b.state(), "a late success is not a trial success");

        long trial = b.tryAcquire();
        b.reset();
        b.onFailure(trial, new IOException(), 0);
        assertEquals(CLOSED, b.state(), "a trial that straddled a reset counts for nothing");
        fail(s);
        assertEquals(CLOSED, b.state(), "nor does it count in the new window");
        assertEquals(2, b.stats().failedCalls(), "calls that ran count in the stats whatever the state");
    }

    // --- Operators --------------------------------------------------------------------------------------------

    @Test
    void forceOpenRejectsUntilReset() throws Exception {
        Breaker b = breaker(policy(2, 1.0));
        Strategy<String> s = sync(b);
        b.forceOpen();
        b.forceOpen();
        assertEquals(FORCED_OPEN, b.state());
        clock.advance(Duration.ofHours(1));
        assertEquals(FORCED_OPEN, b.state(), "no delay ends a forced open");

        CircuitOpenException e = rejected(s);
        assertEquals(FORCED_OPEN, e.getState());
        assertEquals(Duration.ZERO, e.getRetryAfter());
        assertEquals("Circuit 'payments' is FORCED_OPEN; it rejects calls until it is reset", e.getMessage());

        b.reset();
        succeed(s);
        assertEquals(CLOSED, b.state());
        assertEquals(List.of(NAME + ": CLOSED -> FORCED_OPEN", "rejected " + METHOD + ": CIRCUIT_OPEN",
                NAME + ": FORCED_OPEN -> CLOSED"), events.events);
    }

    @Test
    void forceOpenOverridesAnOpenBreakerAndItsTimer() {
        Breaker b = breaker(policy(2, 1.0));
        open(b, sync(b));
        b.forceOpen();
        assertEquals(0, timer.pending(), "the timer of the OPEN state is cancelled");
        clock.advance(Duration.ofSeconds(5));
        assertEquals(FORCED_OPEN, b.state());
    }

    @Test
    void resetClosesWithAFreshWindowAndClearedCounters() throws Exception {
        Breaker b = breaker(policy(3, 1.0));
        Strategy<String> s = sync(b);
        fail(s, 2);
        b.reset();
        assertEquals(List.of(), b.transitions(), "reset of a closed breaker is no state change");
        assertEquals(0, b.stats().totalCalls());
        fail(s, 2);
        assertEquals(CLOSED, b.state(), "the window restarted: 2 failures do not fill it");

        fail(s);
        assertEquals(OPEN, b.state());
        rejected(s);
        b.reset();

        assertEquals(CLOSED, b.state());
        assertEquals(new dev.steadfast.CircuitBreakerStats(0, 0, 0, 0, 0), b.stats());
        assertEquals(List.of(OPEN, CLOSED), b.transitions().stream().map(StateTransition::to).toList(),
                "the history survives a reset and records it");
        assertEquals(0, timer.pending());
        fail(s, 2);
        assertEquals(CLOSED, b.state());
    }

    @Test
    void keepsTheLast32TransitionsOldestFirst() {
        Breaker b = breaker(policy(2, 1.0));
        Instant origin = clock.instant();
        for (int i = 1; i <= 40; i++) {
            clock.advance(Duration.ofSeconds(1));
            if (i % 2 == 1) {
                b.forceOpen();
            } else {
                b.reset();
            }
        }
        List<StateTransition> t = b.transitions();
        assertEquals(Breaker.HISTORY, t.size());
        assertEquals(new StateTransition(CLOSED, FORCED_OPEN, origin.plusSeconds(9)), t.get(0));
        assertEquals(new StateTransition(FORCED_OPEN, CLOSED, origin.plusSeconds(40)), t.get(31));
        for (int i = 1; i < t.size(); i++) {
            assertEquals(t.get(i - 1).to(), t.get(i).from());
            assertTrue(t.get(i - 1).at().isBefore(t.get(i).at()));
        }
        assertThrows(UnsupportedOperationException.class, () -> t.clear());
    }

    @Test
    void statsCountEveryOutcomeAndStateChange() throws Exception {
        Breaker b = breaker(policy(3, 0.5));
        Strategy<String> s = sync(b);
        succeed(s);
        fail(s, 2); // opens
        rejected(s);
        rejected(s);
        clock.advance(Duration.ofSeconds(5));
        succeed(s); // closes
        assertEquals(new dev.steadfast.CircuitBreakerStats(6, 2, 2, 2, 3), b.stats());
    }

    // --- Events ------------------------------------------------------------------------------------------------

    @Test
    void announcesEveryStateChangeWithTheTimeItHappened() throws Exception {
        Breaker b = breaker(policy(1, 1.0));
        Strategy<String> s = sync(b);
        Instant t0 = clock.instant();
        fail(s);
        clock.advance(Duration.ofSeconds(5));
        succeed(s);

        List<StateTransition> expected = List.of(new StateTransition(CLOSED, OPEN, t0),
                new StateTransition(OPEN, HALF_OPEN, t0.plusSeconds(5)),
                new StateTransition(HALF_OPEN, CLOSED, t0.plusSeconds(5)));
        assertEquals(expected, events.transitions);
        assertEquals(expected, b.transitions());
    }

    @Test
    void aListenerThatThrowsNeverBreaksTheCallNorLaterAnnouncements() {
        AtomicInteger heard = new AtomicInteger();
        EngineListener throwing = new EngineListener() {
            @Override
            public void stateChanged(String name, CircuitState from, CircuitState to, Instant at) {
                heard.incrementAndGet();
                throw new IllegalStateException("observer bug");
            }
        };
        Breaker b = new Breaker(NAME, policy(1, 1.0), clock, timer, throwing);
        fail(sync(b)); // the caller gets its IOException, not the observer's exception
        assertEquals(OPEN, b.state());
        clock.advance(Duration.ofSeconds(5));
        assertEquals(HALF_OPEN, b.state());
        assertEquals(2, heard.get());
    }

    @Test
    void aListenerMayChangeTheStateFromItsCallbackAndEventsStayInOrder() {
        List<String> heard = new ArrayList<>();
        Breaker[] holder = new Breaker[1];
        EngineListener resetsOnOpen = new EngineListener() {
            @Override
            public void stateChanged(String name, CircuitState from, CircuitState to, Instant at) {
                heard.add(from + " -> " + to);
                if (to == OPEN) {
                    holder[0].reset();
                    heard.add("reset returned");
                }
            }
        };
        Breaker b = new Breaker(NAME, policy(1, 1.0), clock, timer, resetsOnOpen);
        holder[0] = b;
        fail(sync(b));
        assertEquals(CLOSED, b.state());
        assertEquals(List.of("CLOSED -> OPEN", "reset returned", "OPEN -> CLOSED"), heard,
                "a change made inside a callback is announced after that callback returns");
    }

    @Test
    void aSharedBreakerCountsTheCallsOfEveryMethodThatNamesIt() {
        Breaker b = breaker(policy(2, 1.0));
        Strategy<String> charge = sync(b, "com.acme.Payments#charge(String)");
        Strategy<String> refund = sync(b, "com.acme.Refunds#refund(String)");
        fail(charge);
        fail(refund);
        assertEquals(OPEN, b.state());
        rejected(refund);
        assertEquals(List.of("com.acme.Refunds#refund(String)"), events.rejections);
    }

    @Test
    void checksItsArguments() {
        Breaker b = breaker(policy(2, 1.0));
        assertThrows(NullPointerException.class, () -> new Breaker(null, policy(1, 1), clock, timer, events));
        assertThrows(NullPointerException.class, () -> new Breaker(NAME, null, clock, timer, events));
        assertThrows(NullPointerException.class, () -> new Breaker(NAME, policy(1, 1), null, timer, events));
        assertThrows(NullPointerException.class, () -> new Breaker(NAME, policy(1, 1), clock, null, events));
        assertThrows(NullPointerException.class, () -> new Breaker(NAME, policy(1, 1), clock, timer, null));
        assertThrows(NullPointerException.class,
                () -> new CircuitBreakerStrategy<String>(null, METHOD, b, clock, events));
        assertThrows(NullPointerException.class,
                () -> new CircuitBreakerStrategy<String>(i -> "x", METHOD, null, clock, events));
        long permit = b.tryAcquire();
        assertThrows(IllegalArgumentException.class, () -> b.rejection(permit));
        assertThrows(IllegalArgumentException.class, () -> b.onSuccess(-1, 0));
        assertFalse(Breaker.admitted(-1));
    }
}
