package dev.steadfast.engine.retry;

import static dev.steadfast.engine.retry.Policies.retry;
import static java.time.Duration.ofMillis;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.steadfast.Backoff;
import dev.steadfast.CircuitOpenException;
import dev.steadfast.CircuitState;
import dev.steadfast.RetryExhaustedException;
import dev.steadfast.engine.Invocation;
import dev.steadfast.engine.RecordingListener;
import dev.steadfast.engine.RecordingListener.RetriesExhausted;
import dev.steadfast.engine.RecordingListener.RetryScheduled;
import dev.steadfast.engine.time.ManualClock;
import dev.steadfast.engine.time.ManualTimer;
import dev.steadfast.engine.time.Timer;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class AsyncRetryStrategyTest {

    private static final String METHOD = "com.acme.Quotes#fetchAsync(String)";

    private final ManualClock clock = new ManualClock();
    private final ManualTimer timer = new ManualTimer(clock);
    private final RecordingListener listener = new RecordingListener();

    private AsyncRetryStrategy<Object> strategy(Policies policy) {
        return strategy(policy, Runnable::run);
    }

    private AsyncRetryStrategy<Object> strategy(Policies policy, Executor executor) {
        return new AsyncRetryStrategy<>(Invocation::proceed, METHOD, policy.build(), clock, timer, executor,
                listener);
    }

    private static Throwable failureOf(CompletionStage<?> stage) {
        CompletableFuture<?> f = stage.toCompletableFuture();
        assertTrue(f.isCompletedExceptionally(), "the stage failed");
        try {
            f.join();
        } catch (CompletionException e) {
            return e.getCause();
        } catch (CancellationException e) {
            return e;
        }
        return fail("join should have thrown");
    }

    @Test
    void completesWithTheFirstResultWithoutSchedulingAnything() {
        Stages body = Stages.of("quote");

        CompletionStage<Object> result = strategy(retry().delay(ofMillis(100))).call(body);

        assertEquals("quote", result.toCompletableFuture().getNow(null));
        assertEquals(1, body.calls());
        assertEquals(0, timer.pending());
        assertEquals(List.of(), listener.events());
    }

    @Test
    void runsTheFirstAttemptOnTheCallersThread() {
        AtomicReference<Thread> ran = new AtomicReference<>();
        Invocation<CompletionStage<Object>> body = () -> {
            ran.set(Thread.currentThread());
            return CompletableFuture.completedFuture("ok");
        };

        strategy(retry()).call(body);

        assertSame(Thread.currentThread(), ran.get());
    }

    @Test
    void retriesAFailedStageAfterEachDelayOnTheTimerUntilItSucceeds() {
        Stages body = Stages.of(new IOException("1"), new IOException("2"), "quote");

        CompletableFuture<Object> result = strategy(retry().delay(ofMillis(100))).call(body).toCompletableFuture();

        assertEquals(1, body.calls());
        assertFalse(result.isDone());
        assertEquals(1, timer.pending());

        clock.advance(ofMillis(99));
        assertEquals(1, body.calls(), "no retry before the delay has passed");

        clock.advance(ofMillis(1));
        assertEquals(2, body.calls());
        assertFalse(result.isDone());

        clock.advance(ofMillis(100));
        assertEquals(3, body.calls());
        assertEquals("quote", result.getNow(null));
        assertEquals(0, timer.pending());
    }

    @Test
    void aCallThatThrowsInsteadOfReturningAStageIsRetriedLikeAFailedStage() {
        IOException thrown = new IOException();
        Stages body = Stages.of(new Throws(thrown), "quote");

        CompletionStage<Object> result = strategy(retry()).call(body);

        assertEquals("quote", result.toCompletableFuture().getNow(null));
        assertEquals(2, body.calls());
    }

    @Test
    void retriesRunOnTheExecutorNotOnTheTimer() {
        Queue<Runnable> executor = new ArrayDeque<>();
        Stages body = Stages.of(new IOException(), new IOException(), "quote");

        CompletableFuture<Object> result = strategy(retry().delay(ofMillis(100)), executor::add).call(body)
                .toCompletableFuture();

        clock.advance(ofMillis(100));
        assertEquals(1, body.calls(), "the timer only hands the attempt to the executor");
        assertEquals(1, executor.size());

        executor.poll().run();
        assertEquals(2, body.calls());

        clock.advance(ofMillis(100));
        executor.poll().run();
        assertEquals("quote", result.getNow(null));
    }

    @Test
    void aZeroDelayRetryIsStillHandedToTheExecutor() {
        Queue<Runnable> executor = new ArrayDeque<>();
        Stages body = Stages.of(new IOException(), "quote");

        CompletableFuture<Object> result = strategy(retry(), executor::add).call(body).toCompletableFuture();

        assertEquals(1, body.calls());
        assertEquals(0, timer.pending());
        assertEquals(1, executor.size());
        executor.poll().run();
        assertEquals("quote", result.getNow(null));
    }

    @Test
    void exhaustionCompletesTheStageWithRetryExhaustedException() {
        IOException f1 = new IOException("1");
        IOException f2 = new IOException("2");
        IOException f3 = new IOException("3");
        Stages body = Stages.of(f1, f2, f3);

        CompletionStage<Object> result = strategy(retry().maxRetries(2).delay(ofMillis(50))).call(body);
        clock.advance(ofMillis(50));
        clock.advance(ofMillis(50));

        RetryExhaustedException e = assertInstanceOf(RetryExhaustedException.class, failureOf(result));
        assertEquals(3, body.calls());
        assertEquals(3, e.getAttempts());
        assertEquals(ofMillis(100), e.getElapsed());
        assertSame(f3, e.getCause());
        assertEquals(List.of(f1, f2), Arrays.asList(e.getSuppressed()));
        assertEquals(List.of(new RetryScheduled(METHOD, 1, f1, ofMillis(50)),
                new RetryScheduled(METHOD, 2, f2, ofMillis(50)), new RetriesExhausted(METHOD, e)),
                listener.events());
        assertEquals(0, timer.pending());
    }

    @Test
    void aFailureNotInRetryOnCompletesTheStageWithItUnwrappedAtOnce() {
        IllegalStateException failure = new IllegalStateException();
        Stages body = Stages.of(CompletableFuture.failedFuture(new CompletionException(failure)), "never");

        CompletionStage<Object> result = strategy(retry().retryOn(IOException.class).delay(ofMillis(100)))
                .call(body);

        assertSame(failure, failureOf(result));
        assertEquals(1, body.calls());
        assertEquals(0, timer.pending());
    }

    @Test
    void abortOnWinsOverRetryOn() {
        java.io.FileNotFoundException failure = new java.io.FileNotFoundException();
        Stages body = Stages.of(failure, "never");

        CompletionStage<Object> result = strategy(
                retry().retryOn(IOException.class).abortOn(java.io.FileNotFoundException.class)).call(body);

        assertSame(failure, failureOf(result));
        assertEquals(1, body.calls());
    }

    @Test
    void aCircuitOpenRejectionIsNotRetriedByDefaultButIsWhenNamed() {
        CircuitOpenException rejection = new CircuitOpenException("payments", CircuitState.OPEN, ofMillis(300));

        Stages byDefault = Stages.of(rejection, "never");
        assertSame(rejection, failureOf(strategy(retry()).call(byDefault)));
        assertEquals(1, byDefault.calls());

        Stages named = Stages.of(rejection, "ok");
        CompletableFuture<Object> result = strategy(retry().retryOn(CircuitOpenException.class)).call(named)
                .toCompletableFuture();
        clock.advance(ofMillis(299));
        assertFalse(result.isDone(), "the breaker's retry-after is the delay");
        clock.advance(ofMillis(1));
        assertEquals("ok", result.getNow(null));
    }

    @Test
    void rejectedResultsUntilTheEndExhaustWithNoCauseAndTheLastResult() {
        Stages body = Stages.of(503);

        CompletionStage<Object> result = strategy(
                retry().maxRetries(2).retryOnResult(r -> Integer.valueOf(503).equals(r))).call(body);

        RetryExhaustedException e = assertInstanceOf(RetryExhaustedException.class, failureOf(result));
        assertEquals(3, e.getAttempts());
        assertNull(e.getCause());
        assertEquals(Optional.of(503), e.getLastResult());
    }

    @Test
    void aRetryOnResultPredicateThatThrowsFailsTheStageInsteadOfLeavingItPending() {
        IllegalStateException bug = new IllegalStateException("predicate bug");
        Stages body = Stages.of(200);

        CompletionStage<Object> result = strategy(retry().retryOn(IOException.class).retryOnResult(r -> {
            throw bug;
        })).call(body);

        assertTrue(result.toCompletableFuture().isDone(), "the stage must not stay pending");
        assertSame(bug, failureOf(result));
        assertEquals(1, body.calls());
    }

    @Test
    void exponentialDelaysGoThroughTheTimer() {
        Stages body = Stages.of(new IOException(), new IOException(), "ok");

        CompletableFuture<Object> result = strategy(
                retry().delay(ofMillis(100)).backoff(Backoff.EXPONENTIAL).factor(2)).call(body).toCompletableFuture();

        clock.advance(ofMillis(99));
        assertEquals(1, body.calls());
        clock.advance(ofMillis(1));
        assertEquals(2, body.calls());
        clock.advance(ofMillis(199));
        assertEquals(2, body.calls());
        clock.advance(ofMillis(1));
        assertEquals(3, body.calls());
        assertEquals("ok", result.getNow(null));
    }

    @Test
    void maxDurationEndsRetriesWhoseDelayWouldCrossIt() {
        Stages body = Stages.of(new IOException());

        CompletionStage<Object> result = strategy(
                retry().maxRetries(-1).delay(ofMillis(100)).maxDuration(ofMillis(250))).call(body);
        clock.advance(ofMillis(100));
        clock.advance(ofMillis(100));

        RetryExhaustedException e = assertInstanceOf(RetryExhaustedException.class, failureOf(result));
        assertEquals(3, e.getAttempts());
        assertEquals(ofMillis(200), e.getElapsed());
        assertEquals(0, timer.pending(), "no retry is scheduled past the budget");
    }

    @Test
    void cancellingTheReturnedFutureDuringADelayStopsFurtherAttempts() {
        Stages body = Stages.of(new IOException(), "never");

        CompletableFuture<Object> result = strategy(retry().delay(ofMillis(1000))).call(body).toCompletableFuture();
        assertEquals(1, timer.pending());
        assertTrue(result.cancel(true));
        assertEquals(0, timer.pending(), "the cancelled delay no longer holds on to the call");
        clock.advance(Duration.ofSeconds(10));

        assertEquals(1, body.calls());
        assertTrue(result.isCancelled());
    }

    @Test
    void cancellingTheReturnedFutureWhileAnAttemptIsInFlightStopsFurtherAttempts() {
        CompletableFuture<String> inFlight = new CompletableFuture<>();
        Stages body = Stages.of(inFlight, "never");

        CompletableFuture<Object> result = strategy(retry()).call(body).toCompletableFuture();
        assertTrue(result.cancel(true));
        inFlight.completeExceptionally(new IOException());
        clock.advance(Duration.ofSeconds(10));

        assertEquals(1, body.calls());
        assertEquals(0, timer.pending());
        assertTrue(result.isCancelled());
    }

    @Test
    void aTimerThatRejectsTheDelayEndsTheCallWithTheLastFailure() {
        IOException failure = new IOException();
        Timer shutDown = (delay, action) -> {
            throw new RejectedExecutionException("shut down");
        };
        AsyncRetryStrategy<Object> s = new AsyncRetryStrategy<>(Invocation::proceed, METHOD,
                retry().delay(ofMillis(100)).build(), clock, shutDown, Runnable::run, listener);

        CompletionStage<Object> result = s.call(Stages.of(failure, "never"));

        assertSame(failure, failureOf(result));
    }

    @Test
    void oneInstanceKeepsTheAttemptsOfInterleavedCallsApart() {
        AsyncRetryStrategy<Object> s = strategy(retry().maxRetries(1).delay(ofMillis(100)));
        Stages a = Stages.of(new IOException(), "a");
        Stages b = Stages.of(new IOException(), new IOException());

        CompletableFuture<Object> ra = s.call(a).toCompletableFuture();
        CompletableFuture<Object> rb = s.call(b).toCompletableFuture();
        clock.advance(ofMillis(100));

        assertEquals("a", ra.getNow(null));
        RetryExhaustedException e = assertInstanceOf(RetryExhaustedException.class, failureOf(rb));
        assertEquals(2, e.getAttempts());
    }

    /** A stage-returning body that plays outcomes, one per call, repeating the last one. */
    static final class Stages implements Invocation<CompletionStage<Object>> {

        private final List<Object> outcomes;
        private int calls;

        private Stages(List<Object> outcomes) {
            this.outcomes = outcomes;
        }

        /** A {@link Throwable} becomes a failed stage, a {@link Throws} is thrown, a stage is returned as is. */
        static Stages of(Object... outcomes) {
            return new Stages(new ArrayList<>(List.of(outcomes)));
        }

        synchronized int calls() {
            return calls;
        }

        @Override
        @SuppressWarnings("unchecked")
        public CompletionStage<Object> proceed() throws Exception {
            Object o;
            synchronized (this) {
                o = outcomes.get(Math.min(calls++, outcomes.size() - 1));
            }
            if (o instanceof Throws t) {
                throw t.failure();
            }
            if (o instanceof Throwable t) {
                return CompletableFuture.failedFuture(t);
            }
            if (o instanceof CompletionStage<?> stage) {
                return (CompletionStage<Object>) stage;
            }
            return CompletableFuture.completedFuture(o);
        }
    }

    /** An outcome thrown by the call itself instead of a failed stage. */
    record Throws(Exception failure) {
    }

    @Test
    void constructorRejectsMissingCollaborators() {
        RetryPolicy p = retry().build();
        assertThrows(NullPointerException.class,
                () -> new AsyncRetryStrategy<Object>(Invocation::proceed, METHOD, p, clock, null, Runnable::run,
                        listener));
        assertThrows(NullPointerException.class,
                () -> new AsyncRetryStrategy<Object>(Invocation::proceed, METHOD, p, clock, timer, null, listener));
    }
}
