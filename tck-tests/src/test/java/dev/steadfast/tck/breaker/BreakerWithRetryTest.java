package dev.steadfast.tck.breaker;

import dev.steadfast.CircuitBreakerStats;
import dev.steadfast.CircuitBreakers;
import dev.steadfast.CircuitOpenException;
import dev.steadfast.RetryExhaustedException;
import dev.steadfast.tck.support.SteadfastWeld;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

import static dev.steadfast.CircuitState.CLOSED;
import static dev.steadfast.CircuitState.FORCED_OPEN;
import static dev.steadfast.CircuitState.OPEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Retry is outside the breaker (docs/order-and-state.md): each attempt passes it and counts; a rejection is retried
 * only when retryOn names {@link CircuitOpenException} ({@code docs/annotations.md}).
 */
@EnableWeld
class BreakerWithRetryTest {

    private static final String PREFIX = RetriedThroughBreaker.class.getName() + "#";

    @WeldSetup
    public WeldInitiator weld = SteadfastWeld.withRequestScope(RetriedThroughBreaker.class);

    @Inject
    RetriedThroughBreaker bean;

    @Inject
    CircuitBreakers breakers;

    @Test
    void everyRetryAttemptCountsInTheBreaker() throws Exception {
        bean.failFirst(2);

        assertEquals("ok after 3", bean.counted());

        assertEquals(new CircuitBreakerStats(3, 1, 2, 0, 0), breakers.get(PREFIX + "counted").stats());
    }

    @Test
    void aBreakerOpenedByEarlierAttemptsIsNotRetriedByDefault() {
        bean.failFirst(100);

        CircuitOpenException e = assertThrows(CircuitOpenException.class, bean::opensMidway,
                "the rejection propagates unwrapped, not as RetryExhaustedException");

        assertEquals(PREFIX + "opensMidway", e.getBreakerName());
        assertEquals(2, bean.invocations(), "two attempts ran and opened it; the third was rejected, not retried");
        assertEquals(new CircuitBreakerStats(3, 0, 2, 1, 1), breakers.get(PREFIX + "opensMidway").stats());
        assertEquals(OPEN, breakers.get(PREFIX + "opensMidway").state());
    }

    @Test
    void aRejectionIsRetriedWhenRetryOnNamesCircuitOpenException() {
        breakers.get(PREFIX + "retriesRejections").forceOpen();

        RetryExhaustedException e = assertThrows(RetryExhaustedException.class, bean::retriesRejections);

        assertEquals(3, e.getAttempts(), "the first attempt and two retries");
        CircuitOpenException cause = assertInstanceOf(CircuitOpenException.class, e.getCause());
        assertEquals(FORCED_OPEN, cause.getState());
        assertEquals(0, bean.invocations());
        assertEquals(3, breakers.get(PREFIX + "retriesRejections").stats().rejectedCalls());
    }

    @Test
    void aRejectionIsRetriedWhenRetryOnNamesFaultToleranceException() {
        breakers.get(PREFIX + "retriesAnyRejection").forceOpen();

        RetryExhaustedException e = assertThrows(RetryExhaustedException.class, bean::retriesAnyRejection);

        assertEquals(2, e.getAttempts());
        assertInstanceOf(CircuitOpenException.class, e.getCause());
        assertEquals(2, breakers.get(PREFIX + "retriesAnyRejection").stats().rejectedCalls());
    }

    @Test
    void retryOnExceptionDoesNotRetryARejection() {
        breakers.get(PREFIX + "retriesExceptions").forceOpen();

        assertThrows(CircuitOpenException.class, bean::retriesExceptions);

        assertEquals(1, breakers.get(PREFIX + "retriesExceptions").stats().rejectedCalls(), "one attempt only");
    }

    @Test
    void aRetriedRejectionWaitsUntilTheBreakerLetsATrialThrough() throws Exception {
        bean.failFirst(2);

        assertEquals("ok after 3", bean.waitsForTheBreaker(),
                "two failures opened it; the rejected attempt's retry waited for HALF_OPEN and its trial succeeded");

        CircuitBreakerStats stats = breakers.get(PREFIX + "waitsForTheBreaker").stats();
        assertEquals(3, bean.invocations());
        assertEquals(2, stats.failedCalls());
        assertEquals(1, stats.successfulCalls());
        assertTrue(stats.rejectedCalls() >= 1, "at least one attempt found it open: " + stats);
        assertEquals(CLOSED, breakers.get(PREFIX + "waitsForTheBreaker").state());
    }
}
