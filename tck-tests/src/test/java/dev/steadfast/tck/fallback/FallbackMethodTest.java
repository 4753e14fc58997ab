package dev.steadfast.tck.fallback;

import dev.steadfast.tck.support.SteadfastWeld;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@code @Fallback(fallbackMethod)} (docs/annotations.md): chains, a trailing failure parameter, and where a fallback
 * method may live (any visibility, a superclass, an interface default method).
 */
@EnableWeld
class FallbackMethodTest {

    @WeldSetup
    public WeldInitiator weld = SteadfastWeld.of(QuoteBoard.class, FailureAware.class, Catalog.class,
            PriceService.class, CallLog.class);

    @Inject
    QuoteBoard board;

    @Inject
    FailureAware failureAware;

    @Inject
    Catalog catalog;

    @Inject
    PriceService prices;

    @Inject
    CallLog log;

    @Test
    void aChainTriesEachFallbackInOrderUntilOneAnswers() throws IOException {
        assertEquals("cached ACME", board.quote("ACME"));

        assertEquals(List.of("quote", "fromReplica", "fromCache"), log.entries());
    }

    @Test
    void theChainStopsAtTheFirstFallbackThatAnswers() throws IOException {
        assertEquals("first ACME", board.firstWins("ACME"));

        assertEquals(List.of("firstAnswer"), log.entries());
    }

    @Test
    void whenEveryFallbackFailsTheLastFailurePropagatesWithTheEarlierOnesSuppressed() {
        IOException e = assertThrows(IOException.class, () -> board.everythingFails("ACME"));

        assertEquals("cache empty", e.getMessage());
        assertEquals(1, e.getSuppressed().length, () -> List.of(e.getSuppressed()).toString());
        assertEquals(IllegalStateException.class, e.getSuppressed()[0].getClass());
        assertEquals("replica lagging", e.getSuppressed()[0].getMessage());
    }

    @Test
    void aTrailingThrowableParameterReceivesTheFailure() throws IOException {
        assertEquals("a.txt: IOException disk gone", failureAware.read("a.txt"));
    }

    @Test
    void aTrailingParameterMayBeNarrowerThanThrowable() throws IOException {
        assertEquals("a.txt (I/O): disk gone", failureAware.readNarrow("a.txt"));
    }

    @Test
    void aFallbackWhoseFailureParameterTakesTheFailureAnswers() throws Exception {
        assertEquals("io fallback: bad bytes", failureAware.parse("x", new IOException("bad bytes")));
    }

    @Test
    void aFallbackWhoseFailureParameterCannotTakeTheFailureIsSkipped() throws Exception {
        assertEquals("any fallback: bad state", failureAware.parse("x", new IllegalStateException("bad state")));
    }

    @Test
    void aFallbackForAPrimitiveReturnTypeAnswers() {
        assertEquals(0, failureAware.count("visits"));
    }

    @Test
    void aPrivateFallbackMethodInASuperclassIsFoundAndCalled() {
        assertEquals("shelf copy of 42", catalog.find("42"));
    }

    @Test
    void anInterfaceDefaultMethodServesAsFallback() {
        assertEquals("last known price of SKU-1", prices.price("SKU-1"));
    }

    @Test
    void theFallbackReceivesTheCallsArguments() throws IOException {
        assertArrayEquals(new String[] {"cached A", "cached B"},
                new String[] {board.quote("A"), board.quote("B")});
    }
}
