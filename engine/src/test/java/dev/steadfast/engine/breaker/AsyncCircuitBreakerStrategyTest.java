package dev.steadfast.engine.breaker;

import dev.steadfast.CircuitOpenException;
import dev.steadfast.engine.Strategy;
import org.junit.jupiter.api.Test;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static dev.steadfast.CircuitState.CLOSED;
import static dev.steadfast.CircuitState.HALF_OPEN;
import static dev.steadfast.CircuitState.OPEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The breaker around calls that return a {@code CompletionStage}: the stage's completion is the outcome. */
class AsyncCircuitBreakerStrategyTest extends Fixture {

    private static Throwable failureOf(CompletionStage<?> stage) {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> stage.toCompletableFuture().get(5, TimeUnit.SECONDS));
        return e.getCause();
    }

    private CompletionStage<String> call(Strategy<CompletionStage<String>> s, CompletionStage<String> returned)
            throws Exception {
        return s.call(() -> {
            bodyRuns.incrementAndGet();
            return returned;
        });
    }

    @Test
    void theStagesCompletionIsTheOutcomeNotTheCall() throws Exception {
        Breaker b = breaker(policy(2, 1.0));
        Strategy<CompletionStage<String>> s = async(b);
        CompletableFuture<String> first = new CompletableFuture<>();
        CompletableFuture<String> second = new CompletableFuture<>();
        CompletionStage<String> r1 = call(s, first);
        CompletionStage<String> r2 = call(s, second);
        assertEquals(0, b.stats().totalCalls(), "nothing has finished yet");

        IOException down = new IOException("down");
        first.completeExceptionally(down);
        second.completeExceptionally(new CompletionException(down));

        assertEquals(OPEN, b.state());
        assertSame(down, failureOf(r1));
        assertSame(down, failureOf(r2), "the JDK's CompletionException wrapper is removed");
        assertEquals(2, b.stats().failedCalls());
    }

    @Test
    void aRejectedCallReturnsAFailedStageWithoutThrowingOrInvokingTheBody() throws Exception {
        Breaker b = breaker(policy(1, 1.0));
        Strategy<CompletionStage<String>> s = async(b);
        call(s, CompletableFuture.failedFuture(new IOException()));
        assertEquals(OPEN, b.state());
        clock.advance(Duration.ofSeconds(1));

        CompletionStage<String> rejected = call(s, CompletableFuture.completedFuture("never"));

        assertEquals(1, bodyRuns.get());
        CircuitOpenException e = assertInstanceOf(CircuitOpenException.class, failureOf(rejected));
        assertEquals(OPEN, e.getState());
        assertEquals(Duration.ofSeconds(4), e.getRetryAfter());
        assertEquals(List.of(METHOD), events.rejections);
        assertEquals(1, b.stats().rejectedCalls());
    }

    @Test
    void aFailureThrownInsteadOfAStageCountsAsAFailure() throws Exception {
        Breaker b = breaker(policy(1, 1.0));
        Strategy<CompletionStage<String>> s = async(b);
        IllegalStateException thrown = new IllegalStateException("no stage");
        CompletionStage<String> r = s.call(() -> {
            throw thrown;
        });
        assertSame(thrown, failureOf(r));
        assertEquals(OPEN, b.state());
    }

    @Test
    void aNullStageIsASuccessWithANullValue() throws Exception {
        Breaker b = breaker(policy(1, 1.0));
        CompletionStage<String> r = call(async(b), null);
        assertNull(r.toCompletableFuture().get());
        assertEquals(1, b.stats().successfulCalls());
    }

    @Test
    void slowStagesCountAsFailures() throws Exception {
        long threshold = Duration.ofMillis(100).toNanos();
        Breaker b = breaker(BreakerPolicy.builder().requestVolumeThreshold(1).failureRatio(1.0)
                .delay(Duration.ofNanos(DELAY)).slowCallThreshold(Duration.ofNanos(threshold)).build());
        CompletableFuture<String> inner = new CompletableFuture<>();
        CompletionStage<String> r = call(async(b), inner);
        clock.advance(Duration.ofMillis(250));
        inner.complete("late");
        assertEquals("late", r.toCompletableFuture().get());
        assertEquals(OPEN, b.state());
    }

    @Test
    void skipOnAppliesToTheStagesFailure() throws Exception {
        Breaker b = breaker(BreakerPolicy.builder().requestVolumeThreshold(1).failureRatio(1.0)
                .delay(Duration.ofNanos(DELAY)).failOn(List.of(IOException.class))
                .skipOn(List.of(FileNotFoundException.class)).build());
        Strategy<CompletionStage<String>> s = async(b);
        call(s, CompletableFuture.failedFuture(new FileNotFoundException()));
        assertEquals(CLOSED, b.state());
        call(s, CompletableFuture.failedFuture(new IOException()));
        assertEquals(OPEN, b.state());
    }

    @Test
    void aHalfOpenTrialHoldsItsSlotUntilItsStageCompletes() throws Exception {
        Breaker b = breaker(policy(1, 1.0));
        Strategy<CompletionStage<String>> s = async(b);
        call(s, CompletableFuture.failedFuture(new IOException()));
        clock.advance(Duration.ofSeconds(5));
        CompletableFuture<String> trial = new CompletableFuture<>();
        CompletionStage<String> r = call(s, trial);

        CompletionStage<String> second = call(s, CompletableFuture.completedFuture("never"));
        CircuitOpenException e = assertInstanceOf(CircuitOpenException.class, failureOf(second));
        assertEquals(HALF_OPEN, e.getState());
        assertEquals(Duration.ZERO, e.getRetryAfter());

        trial.complete("ok");
        assertEquals(CLOSED, b.state());
        assertEquals("ok", r.toCompletableFuture().get());
        assertTrue(r.toCompletableFuture().isDone());
        assertEquals(2, bodyRuns.get());
    }

    @Test
    void theBreakerHasRecordedTheOutcomeBeforeTheCallerSeesIt() throws Exception {
        Breaker b = breaker(policy(1, 1.0));
        CompletableFuture<String> inner = new CompletableFuture<>();
        CompletableFuture<Object> seen = call(async(b), inner).toCompletableFuture()
                .handle((value, error) -> b.state());
        inner.completeExceptionally(new IOException());
        assertEquals(OPEN, seen.get());
    }
}
