package dev.steadfast.tck.fallback;

import dev.steadfast.tck.support.SteadfastWeld;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

import java.io.FileNotFoundException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** On a method returning a stage, the fallback answers for the stage's failure (docs/annotations.md). */
@EnableWeld
class CompletionStageFallbackTest {

    @WeldSetup
    public WeldInitiator weld = SteadfastWeld.of(StagedQuotes.class);

    @Inject
    StagedQuotes quotes;

    @Test
    void aStageThatFailsIsAnsweredByTheFallbacksStage() throws Exception {
        assertEquals("cached ACME after feed down", await(quotes.quote("ACME")));
    }

    @Test
    void aMethodThatThrowsInsteadOfReturningAStageIsAnsweredByTheFallback() throws Exception {
        assertEquals("cached ACME after feed misconfigured", await(quotes.quoteThrowing("ACME")));
    }

    @Test
    void aStageThatSucceedsKeepsItsResult() throws Exception {
        assertEquals("live ACME", await(quotes.quoteInTime("ACME")));
    }

    @Test
    void aChainMovesOnWhenAFallbacksStageFails() throws Exception {
        assertEquals("cached ACME after feed down", await(quotes.quoteChained("ACME")));
    }

    @Test
    void aSkippedFailureFailsTheReturnedStage() {
        ExecutionException e = assertThrows(ExecutionException.class, () -> await(quotes.quoteSkipped("ACME")));

        assertInstanceOf(FileNotFoundException.class, e.getCause());
    }

    private static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
