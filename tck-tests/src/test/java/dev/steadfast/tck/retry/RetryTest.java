package dev.steadfast.tck.retry;

import dev.steadfast.RetryExhaustedException;
import dev.steadfast.tck.support.SteadfastWeld;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code @Retry(maxRetries = 3)} (docs/annotations.md): how many attempts, and what the caller gets at the end. */
@EnableWeld
class RetryTest {

    @WeldSetup
    public WeldInitiator weld = SteadfastWeld.of(FlakyService.class);

    @Inject
    FlakyService service;

    @Test
    void aSuccessOnTheFirstAttemptIsReturnedWithoutRetrying() throws IOException {
        service.failFirst(0);

        assertEquals("ok after 1", service.fetch());
        assertEquals(1, service.calls());
    }

    @Test
    void retriesUntilSuccessThenReturnsTheResult() throws IOException {
        service.failFirst(2);

        assertEquals("ok after 3", service.fetch());
        assertEquals(3, service.calls());
    }

    @Test
    void aSuccessOnTheLastAllowedAttemptStillWins() throws IOException {
        service.failFirst(3);

        assertEquals("ok after 4", service.fetch());
        assertEquals(4, service.calls());
    }

    @Test
    void invokesMaxRetriesPlusOneTimesThenThrowsRetryExhausted() {
        service.failFirst(10);

        RetryExhaustedException e = assertThrows(RetryExhaustedException.class, service::fetch);

        assertEquals(4, service.calls(), "the first attempt and three retries");
        assertEquals(4, e.getAttempts());
    }

    @Test
    void retryExhaustedCarriesTheLastFailureAsCauseAndTheEarlierOnesSuppressed() {
        service.failFirst(10);

        RetryExhaustedException e = assertThrows(RetryExhaustedException.class, service::fetch);

        assertInstanceOf(IOException.class, e.getCause());
        assertEquals("failure 4", e.getCause().getMessage());
        List<String> suppressed = Arrays.stream(e.getSuppressed()).map(Throwable::getMessage).toList();
        assertEquals(List.of("failure 1", "failure 2", "failure 3"), suppressed);
        assertTrue(e.getLastResult().isEmpty(), "the last attempt failed, it returned nothing");
        assertFalse(e.getElapsed().isNegative());
        assertTrue(e.getElapsed().compareTo(Duration.ofSeconds(10)) < 0, "elapsed " + e.getElapsed());
    }

    @Test
    void retryExhaustedKeepsTheEightMostRecentEarlierFailures() {
        service.failFirst(100);

        RetryExhaustedException e = assertThrows(RetryExhaustedException.class, service::fetchPatiently);

        assertEquals(12, e.getAttempts());
        assertEquals("failure 12", e.getCause().getMessage());
        List<String> suppressed = Arrays.stream(e.getSuppressed()).map(Throwable::getMessage).toList();
        assertEquals(List.of("failure 4", "failure 5", "failure 6", "failure 7", "failure 8", "failure 9",
                "failure 10", "failure 11"), suppressed);
    }

    @Test
    void retryExhaustedNamesTheMethodAndTheAttempts() {
        service.failFirst(10);

        RetryExhaustedException e = assertThrows(RetryExhaustedException.class, service::fetch);

        String expectedStart = "Retries exhausted for " + FlakyService.class.getName() + "#fetch() after 4 attempts in ";
        assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
    }

    @Test
    void eachCallGetsAFreshBudget() throws IOException {
        service.failFirst(10);
        assertThrows(RetryExhaustedException.class, service::fetch);

        service.failFirst(3);

        assertEquals("ok after 4", service.fetch(), "the first call's attempts do not count against the second");
    }

    @Test
    void anInterruptedCallerStopsRetryingAtOnceAndKeepsItsInterruptFlag() {
        service.failFirst(10);
        Thread.currentThread().interrupt();
        try {
            IOException e = assertThrows(IOException.class, service::fetch);

            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt flag must stay set");
            assertEquals("failure 1", e.getMessage(), "the last failure propagates unwrapped");
            assertEquals(1, service.calls());
        } finally {
            Thread.interrupted();
        }
    }
}
