package dev.steadfast.engine.timeout;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.steadfast.TimeoutExceededException;
import dev.steadfast.engine.Invocation;
import dev.steadfast.engine.RecordingListener;
import dev.steadfast.engine.RecordingListener.TimedOut;
import dev.steadfast.engine.time.ManualClock;
import dev.steadfast.engine.time.ManualTimer;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class AsyncTimeoutStrategyTest {

    private static final String METHOD = "com.acme.Quotes#fetchAsync(String)";

    private final ManualClock clock = new ManualClock();
    private final ManualTimer timer = new ManualTimer(clock);
    private final RecordingListener listener = new RecordingListener();
    private final AsyncTimeoutStrategy<Object> strategy = new AsyncTimeoutStrategy<>(Invocation::proceed, METHOD,
            new TimeoutPolicy(TimeUnit.SECONDS.toNanos(1)), clock, timer, listener);

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
    void completesExceptionallyWithTimeoutExceededWhenTheClockPassesTheDeadline() {
        CompletableFuture<Object> inner = new CompletableFuture<>();

        CompletableFuture<Object> result = strategy.call(() -> inner).toCompletableFuture();
        clock.advance(ofMillis(999));
        assertFalse(result.isDone(), "not before the deadline");
        clock.advance(ofMillis(1));

        TimeoutExceededException e = assertInstanceOf(TimeoutExceededException.class, failureOf(result));
        assertEquals(ofSeconds(1), e.getTimeout());
        assertTrue(e.getMessage().contains(METHOD), e.getMessage());
        assertEquals(List.of(new TimedOut(METHOD, ofSeconds(1))), listener.events());
    }

    @Test
    void cancelsTheInnerFutureAtTheDeadline() {
        CompletableFuture<Object> inner = new CompletableFuture<>();

        strategy.call(() -> inner);
        clock.advance(ofSeconds(1));

        assertTrue(inner.isCancelled());
    }

    @Test
    void completesNormallyWhenTheInnerStageCompletesFirst() {
        CompletableFuture<Object> inner = new CompletableFuture<>();

        CompletableFuture<Object> result = strategy.call(() -> inner).toCompletableFuture();
        clock.advance(ofMillis(500));
        inner.complete("quote");

        assertEquals("quote", result.getNow(null));
        assertEquals(0, timer.pending(), "the deadline is disarmed");
        clock.advance(ofSeconds(5));
        assertEquals("quote", result.getNow(null));
        assertFalse(inner.isCancelled());
        assertEquals(List.of(), listener.events());
    }

    @Test
    void anInnerStageAlreadyCompleteLeavesNoPendingTimerTask() {
        CompletionStage<Object> result = strategy.call(() -> CompletableFuture.completedFuture("now"));

        assertEquals("now", result.toCompletableFuture().getNow(null));
        assertEquals(0, timer.pending());
    }

    @Test
    void anInnerFailureBeforeTheDeadlinePropagatesUnwrapped() {
        IOException failure = new IOException();
        CompletableFuture<Object> inner = new CompletableFuture<>();

        CompletionStage<Object> result = strategy.call(() -> inner);
        inner.completeExceptionally(new CompletionException(failure));

        assertSame(failure, failureOf(result));
        assertEquals(0, timer.pending());
    }

    @Test
    void aCallThatThrowsCompletesTheStageWithTheFailureAndArmsNoTimer() {
        IOException failure = new IOException();

        CompletionStage<Object> result = strategy.call(() -> {
            throw failure;
        });

        assertSame(failure, failureOf(result));
        assertEquals(0, timer.pending());
    }

    @Test
    void aLateInnerResultDoesNotOverrideTheTimeout() {
        CompletableFuture<Object> source = new CompletableFuture<>();
        // A minimal stage: cancelling its toCompletableFuture() copy does not stop the source.
        CompletionStage<Object> inner = source.minimalCompletionStage();

        CompletionStage<Object> result = strategy.call(() -> inner);
        clock.advance(ofSeconds(1));
        source.complete("too late");

        assertInstanceOf(TimeoutExceededException.class, failureOf(result));
    }

    @Test
    void anInnerStageThatCannotBeCancelledStillTimesOut() {
        NotAFuture<Object> inner = new NotAFuture<>();

        CompletionStage<Object> result = strategy.call(() -> inner);
        clock.advance(ofSeconds(1));

        assertInstanceOf(TimeoutExceededException.class, failureOf(result));
        assertFalse(inner.isCancelled());
    }

    @Test
    void oneInstanceTimesEachCallFromItsOwnStart() {
        CompletableFuture<Object> first = new CompletableFuture<>();
        CompletableFuture<Object> second = new CompletableFuture<>();

        CompletableFuture<Object> r1 = strategy.call(() -> first).toCompletableFuture();
        clock.advance(ofMillis(600));
        CompletableFuture<Object> r2 = strategy.call(() -> second).toCompletableFuture();
        clock.advance(ofMillis(400));

        assertTrue(r1.isCompletedExceptionally());
        assertFalse(r2.isDone());
        clock.advance(ofMillis(600));
        assertTrue(r2.isCompletedExceptionally());
    }

    @Test
    void constructorRejectsMissingCollaborators() {
        TimeoutPolicy p = new TimeoutPolicy(1);
        assertThrows(NullPointerException.class, () -> new AsyncTimeoutStrategy<Object>(null, METHOD, p, clock,
                timer, listener));
        assertThrows(NullPointerException.class,
                () -> new AsyncTimeoutStrategy<Object>(Invocation::proceed, METHOD, p, null, timer, listener));
        assertThrows(NullPointerException.class,
                () -> new AsyncTimeoutStrategy<Object>(Invocation::proceed, METHOD, p, clock, null, listener));
    }

    /** A stage whose {@code toCompletableFuture()} is unsupported, as {@link CompletionStage} allows. */
    private static final class NotAFuture<T> extends CompletableFuture<T> {

        @Override
        public CompletableFuture<T> toCompletableFuture() {
            throw new UnsupportedOperationException();
        }
    }
}
