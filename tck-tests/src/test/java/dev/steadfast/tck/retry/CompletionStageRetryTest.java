package dev.steadfast.tck.retry;

import dev.steadfast.RetryExhaustedException;
import dev.steadfast.tck.support.SteadfastWeld;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A method returning a {@code CompletionStage} is guarded on the stage ({@code docs/annotations.md}): an exceptional
 * completion is a failed attempt, and a retry invokes the method again.
 */
@EnableWeld
class CompletionStageRetryTest {

    @WeldSetup
    public WeldInitiator weld = SteadfastWeld.of(StagedService.class);

    @Inject
    StagedService service;

    @Test
    void aStageThatCompletesExceptionallyIsRetriedUntilOneCompletesNormally() throws Exception {
        service.failFirst(2);

        assertEquals("ok after 3", await(service.fetch()));
        assertEquals(3, service.calls());
    }

    @Test
    void whenEveryStageFailsTheReturnedStageFailsWithRetryExhausted() {
        service.failFirst(10);

        ExecutionException e = assertThrows(ExecutionException.class, () -> await(service.fetch()));

        RetryExhaustedException exhausted = assertInstanceOf(RetryExhaustedException.class, e.getCause());
        assertEquals(4, exhausted.getAttempts());
        assertEquals(4, service.calls());
        assertInstanceOf(IOException.class, exhausted.getCause());
        assertEquals("failure 4", exhausted.getCause().getMessage());
    }

    @Test
    void aMethodThatThrowsInsteadOfReturningAStageIsRetriedLikeAFailedStage() throws Exception {
        service.throwFirst(2);

        assertEquals("ok after 3", await(service.fetch()));
        assertEquals(3, service.calls());
    }

    @Test
    void aStageFailingWithAnAbortOnFailureIsNotRetriedAndFailsUnwrapped() {
        ExecutionException e = assertThrows(ExecutionException.class, () -> await(service.reject("x")));

        assertInstanceOf(IllegalArgumentException.class, e.getCause());
        assertEquals("bad input x", e.getCause().getMessage());
        assertEquals(1, service.calls());
    }

    @Test
    void aStageWhoseResultIsRejectedIsRetried() throws Exception {
        service.failFirst(2);

        assertEquals("data 3", await(service.poll()));
        assertEquals(3, service.calls());
    }

    @Test
    void theFailureOfAStageIsWhatItCompletedWithNotTheCompletionExceptionAroundIt() {
        ExecutionException e = assertThrows(ExecutionException.class, () -> await(service.fetchElsewhere()));

        RetryExhaustedException exhausted = assertInstanceOf(RetryExhaustedException.class, e.getCause());
        assertEquals(3, exhausted.getAttempts(), "retryOn = IOException matched the failure inside");
        assertInstanceOf(IOException.class, exhausted.getCause());
        assertEquals("remote failure 3", exhausted.getCause().getMessage());
    }

    private static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
