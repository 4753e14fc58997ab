package dev.steadfast.tck.retry;

import dev.steadfast.RetryExhaustedException;
import dev.steadfast.tck.support.SteadfastWeld;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Fallback → Retry (docs/order-and-state.md): the fallback runs once, after the retries, and sees the exhaustion;
 * {@code applyOn}/{@code skipOn} and a trailing failure parameter also match its cause ({@code docs/annotations.md}).
 */
@EnableWeld
class RetryWithFallbackTest {

    @WeldSetup
    public WeldInitiator weld = SteadfastWeld.of(QuoteService.class, Counters.class);

    @Inject
    QuoteService service;

    @Inject
    Counters counters;

    @Test
    void theFallbackAnswersOnceTheRetriesAreExhausted() throws IOException {
        assertEquals("last known ACME", service.quote("ACME"));

        assertEquals(3, counters.get("quote"), "every attempt ran before the fallback");
    }

    @Test
    void theFallbackSeesRetryExhaustedWithTheLastFailureAsCause() throws IOException {
        service.quote("ACME");

        RetryExhaustedException seen = assertInstanceOf(RetryExhaustedException.class, service.seenByFallback());
        assertEquals(3, seen.getAttempts());
        assertEquals("quote ACME 3", seen.getCause().getMessage());
    }

    @Test
    void applyOnMatchesTheCauseOfRetryExhausted() throws IOException {
        assertEquals("from disk ACME", service.applyOnTheCause("ACME"));

        assertEquals(3, counters.get("applyOnTheCause"));
    }

    @Test
    void aTrailingParameterThatOnlyTheCauseFitsReceivesTheCause() throws IOException {
        service.applyOnTheCause("ACME");

        IOException seen = assertInstanceOf(IOException.class, service.seenByFallback());
        assertEquals("applyOnTheCause 3", seen.getMessage());
    }

    @Test
    void skipOnMatchingTheCauseLetsRetryExhaustedPropagate() {
        RetryExhaustedException e = assertThrows(RetryExhaustedException.class, service::skipOnTheCause);

        assertEquals(3, e.getAttempts());
        assertInstanceOf(IOException.class, e.getCause());
    }

    @Test
    void anAbortedFailureReachesTheFallbackUnwrappedAfterOneAttempt() throws IOException {
        assertEquals("placeholder", service.aborted());

        assertEquals(1, counters.get("aborted"));
        assertInstanceOf(FileNotFoundException.class, service.seenByFallback());
    }

    @Test
    void onACompletionStageTheFallbackAlsoSeesRetryExhausted() throws Exception {
        assertEquals("cached stage", service.quoteLater().toCompletableFuture().get(10, TimeUnit.SECONDS));

        assertEquals(3, counters.get("quoteLater"));
        RetryExhaustedException seen = assertInstanceOf(RetryExhaustedException.class, service.seenByFallback());
        assertEquals(3, seen.getAttempts());
    }
}
