package dev.steadfast.tck.retry;

import dev.steadfast.RetryAttempted;
import dev.steadfast.RetryExhaustedException;
import dev.steadfast.tck.support.SteadfastWeld;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Delays and backoff as the CDI layer resolves them (docs/annotations.md): read from the {@link RetryAttempted} events,
 * not measured. The engine's tests cover the timing itself with a manual clock; these delays are a few milliseconds.
 */
@EnableWeld
class RetryDelayTest {

    @WeldSetup
    public WeldInitiator weld = SteadfastWeld.of(PacedService.class, RetryLog.class, Counters.class);

    @Inject
    PacedService service;

    @Inject
    RetryLog log;

    @Inject
    Counters counters;

    @Test
    void aConstantDelayPrecedesEveryRetry() {
        assertThrows(RetryExhaustedException.class, service::constant);

        assertEquals(List.of(ms(3), ms(3), ms(3)), log.delays());
    }

    @Test
    void anExponentialBackoffMultipliesTheDelayByTheFactorUpToMaxDelay() {
        assertThrows(RetryExhaustedException.class, service::exponential);

        assertEquals(List.of(ms(2), ms(6), ms(18), ms(20)), log.delays(), "2 × 3^n, capped at 20 ms");
    }

    @Test
    void aFibonacciBackoffGrowsTheDelayAlongTheFibonacciSequence() {
        assertThrows(RetryExhaustedException.class, service::fibonacci);

        assertEquals(List.of(ms(1), ms(1), ms(2), ms(3), ms(5)), log.delays());
    }

    @Test
    void eachRetryIsAnnouncedWithTheMethodTheFailedAttemptAndItsFailure() {
        assertThrows(RetryExhaustedException.class, service::constant);

        List<RetryAttempted> events = log.events();
        assertEquals(3, events.size(), "three retries, none announced after the last attempt");
        for (int i = 0; i < events.size(); i++) {
            RetryAttempted e = events.get(i);
            assertEquals(PacedService.class.getName() + "#constant()", e.method());
            assertEquals(i + 1, e.attempt());
            assertEquals("constant " + (i + 1), e.failure().getMessage());
        }
    }

    @Test
    void withoutACountLimitMaxDurationEndsTheRetries() {
        RetryExhaustedException e = assertThrows(RetryExhaustedException.class, service::untilTheBudgetIsSpent);

        int attempts = e.getAttempts();
        assertEquals(attempts, counters.get("untilTheBudgetIsSpent"));
        // Each retry waits at least 50 ms and no retry starts past 400 ms: at most 8 retries.
        assertTrue(attempts >= 2 && attempts <= 9, "attempts " + attempts);
        Duration waited = log.delays().stream().reduce(Duration.ZERO, Duration::plus);
        assertTrue(waited.compareTo(Duration.ofMillis(400)) <= 0, "delays " + log.delays());
        assertTrue(e.getElapsed().compareTo(Duration.ofSeconds(5)) < 0, "elapsed " + e.getElapsed());
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
