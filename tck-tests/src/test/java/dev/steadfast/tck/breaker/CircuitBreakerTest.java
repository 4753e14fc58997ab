package dev.steadfast.tck.breaker;

import dev.steadfast.CircuitBreakerHandle;
import dev.steadfast.CircuitBreakers;
import dev.steadfast.CircuitOpenException;
import dev.steadfast.CircuitState;
import dev.steadfast.tck.support.SteadfastWeld;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import static dev.steadfast.CircuitState.CLOSED;
import static dev.steadfast.CircuitState.OPEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code @CircuitBreaker} (docs/annotations.md): when it opens, what a rejected call sees, which failures count. */
@EnableWeld
class CircuitBreakerTest {

    private static final String FIVE_STRIKES = FiveStrikes.class.getName() + "#call";
    private static final String HALF_OF_FOUR = HalfOfFour.class.getName() + "#call";
    private static final String PICKY = Picky.class.getName() + "#call";

    @WeldSetup
    public WeldInitiator weld = SteadfastWeld.withRequestScope(FiveStrikes.class, HalfOfFour.class, Picky.class,
            Sluggish.class);

    @Inject
    FiveStrikes fiveStrikes;

    @Inject
    HalfOfFour halfOfFour;

    @Inject
    Picky picky;

    @Inject
    Sluggish sluggish;

    @Inject
    CircuitBreakers breakers;

    @Test
    void opensAfterFiveConsecutiveFailures() {
        fiveStrikes.startFailing();
        for (int i = 1; i <= 4; i++) {
            assertThrows(IOException.class, fiveStrikes::call);
            assertEquals(CLOSED, state(FIVE_STRIKES), "after " + i + " failures");
        }

        IOException fifth = assertThrows(IOException.class, fiveStrikes::call);

        assertEquals("failure 5", fifth.getMessage(), "the call that opens it still gets its own failure");
        assertEquals(OPEN, state(FIVE_STRIKES));
    }

    @Test
    void aSuccessAmongTheLastFiveCallsKeepsItClosed() throws IOException {
        fiveStrikes.startFailing();
        for (int i = 0; i < 4; i++) {
            assertThrows(IOException.class, fiveStrikes::call);
        }
        fiveStrikes.recover();
        fiveStrikes.call();
        fiveStrikes.startFailing();
        for (int i = 0; i < 4; i++) {
            assertThrows(IOException.class, fiveStrikes::call);
            assertEquals(CLOSED, state(FIVE_STRIKES), "the success is still among the last five calls");
        }

        assertThrows(IOException.class, fiveStrikes::call);

        assertEquals(OPEN, state(FIVE_STRIKES), "now the last five calls all failed");
    }

    @Test
    void rejectsCallsWhileOpenWithCircuitOpenExceptionWithoutInvokingTheMethod() {
        fiveStrikes.startFailing();
        for (int i = 0; i < 5; i++) {
            assertThrows(IOException.class, fiveStrikes::call);
        }
        fiveStrikes.recover();

        for (int i = 0; i < 3; i++) {
            assertThrows(CircuitOpenException.class, fiveStrikes::call);
        }

        assertEquals(5, fiveStrikes.invocations(), "rejected calls must not reach the method");
    }

    @Test
    void circuitOpenExceptionNamesTheBreakerAndStateAndTheTimeUntilHalfOpen() {
        fiveStrikes.startFailing();
        for (int i = 0; i < 5; i++) {
            assertThrows(IOException.class, fiveStrikes::call);
        }

        CircuitOpenException e = assertThrows(CircuitOpenException.class, fiveStrikes::call);

        assertEquals(FIVE_STRIKES, e.getBreakerName());
        assertEquals(OPEN, e.getState());
        Duration retryAfter = e.getRetryAfter();
        assertTrue(retryAfter.compareTo(Duration.ZERO) > 0, "retry after " + retryAfter);
        assertTrue(retryAfter.compareTo(Duration.ofMinutes(1)) <= 0, "retry after " + retryAfter + " > delay");
        assertEquals(Optional.of(retryAfter), e.retryAfter(), "the hint a @Retry would follow");
        assertTrue(e.getMessage().startsWith("Circuit '" + FIVE_STRIKES + "' is OPEN; retry after "), e.getMessage());
    }

    @Test
    void takesNoDecisionBeforeTheWindowHasFilledOnce() throws IOException {
        for (int i = 0; i < 3; i++) {
            assertThrows(IOException.class, () -> halfOfFour.call(true));
            assertEquals(CLOSED, state(HALF_OF_FOUR), "window of 4 not yet filled after " + (i + 1) + " calls");
        }

        halfOfFour.call(false);

        assertEquals(OPEN, state(HALF_OF_FOUR), "3 failures of 4 >= 0.5");
        assertThrows(CircuitOpenException.class, () -> halfOfFour.call(false));
        assertEquals(4, halfOfFour.invocations());
    }

    @Test
    void opensWhenFailuresInTheRollingWindowReachTheFailureRatio() throws IOException {
        halfOfFour.call(false);
        halfOfFour.call(false);
        halfOfFour.call(false);
        assertThrows(IOException.class, () -> halfOfFour.call(true));
        assertEquals(CLOSED, state(HALF_OF_FOUR), "1 failure of 4 < 0.5");

        assertThrows(IOException.class, () -> halfOfFour.call(true));

        assertEquals(OPEN, state(HALF_OF_FOUR), "the last four calls hold 2 failures: 2 / 4 >= 0.5");
    }

    @Test
    void onlyFailuresMatchedByFailOnCount() {
        for (int i = 0; i < 5; i++) {
            assertThrows(IllegalStateException.class, () -> picky.call(new IllegalStateException("not I/O")));
        }
        assertEquals(CLOSED, state(PICKY), "failures not in failOn count as successes");

        assertThrows(IOException.class, () -> picky.call(new IOException("one")));
        IOException second = assertThrows(IOException.class, () -> picky.call(new IOException("two")));

        assertEquals("two", second.getMessage(), "the failure propagates unwrapped");
        assertEquals(OPEN, state(PICKY));
        assertEquals(5, breakers.get(PICKY).stats().successfulCalls(), "the five IllegalStateExceptions");
        assertEquals(2, breakers.get(PICKY).stats().failedCalls());
    }

    @Test
    void failuresMatchedBySkipOnCountAsSuccessesEvenWhenFailOnMatchesToo() {
        for (int i = 0; i < 5; i++) {
            assertThrows(FileNotFoundException.class, () -> picky.call(new FileNotFoundException("gone")));
        }

        assertEquals(CLOSED, state(PICKY));
        assertEquals(5, breakers.get(PICKY).stats().successfulCalls());
        assertEquals(0, breakers.get(PICKY).stats().failedCalls());

        assertThrows(IOException.class, () -> picky.call(new IOException("one")));
        assertThrows(IOException.class, () -> picky.call(new IOException("two")));
        assertEquals(OPEN, state(PICKY), "skipOn did not switch off the other I/O failures");
    }

    @Test
    void aSuccessfulCallSlowerThanSlowCallThresholdCountsAsAFailure() throws InterruptedException {
        assertEquals("done", sluggish.impatient(50), "a slow call still returns its result");
        assertEquals("done", sluggish.impatient(50));

        String name = Sluggish.class.getName() + "#impatient";
        assertEquals(OPEN, state(name));
        assertEquals(2, breakers.get(name).stats().failedCalls());
        assertThrows(CircuitOpenException.class, () -> sluggish.impatient(0));
    }

    @Test
    void aSuccessfulCallFasterThanSlowCallThresholdCountsAsASuccess() throws InterruptedException {
        sluggish.patient(50);
        sluggish.patient(50);

        String name = Sluggish.class.getName() + "#patient";
        assertEquals(CLOSED, state(name));
        assertEquals(2, breakers.get(name).stats().successfulCalls());
    }

    @Test
    void theRegistryHandleIsTheBreakerTheMethodUses() {
        CircuitBreakerHandle handle = breakers.get(FIVE_STRIKES);
        handle.forceOpen();

        CircuitOpenException e = assertThrows(CircuitOpenException.class, fiveStrikes::call);

        assertEquals(CircuitState.FORCED_OPEN, e.getState());
        assertSame(handle, breakers.find(FIVE_STRIKES).orElseThrow());
        assertEquals(0, fiveStrikes.invocations());
    }

    private CircuitState state(String breaker) {
        return breakers.get(breaker).state();
    }
}
