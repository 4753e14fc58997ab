package dev.steadfast.engine;

import dev.steadfast.BulkheadFullException;
import dev.steadfast.CircuitState;
import dev.steadfast.RateLimitExceededException;
import dev.steadfast.RateLimitType;
import dev.steadfast.engine.async.ThreadContext;
import dev.steadfast.engine.breaker.BreakerPolicy;
import dev.steadfast.engine.fallback.FallbackPolicy;
import dev.steadfast.engine.ratelimit.RateLimitPolicy;
import dev.steadfast.engine.retry.RetryPolicy;
import dev.steadfast.engine.time.ManualClock;
import dev.steadfast.engine.time.ManualTimer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The failure-accounting rule (docs/failure-accounting.md), through chains the engine builds: a
 * {@code VirtualMachineError} and the caller's own interrupt or cancellation are never retried, never counted by a
 * breaker and never sent to a fallback; Steadfast's own bulkhead and rate-limit rejections are not counted by a
 * breaker.
 */
class FailureAccountingTest {

    private static final String METHOD = "com.acme.Payments#charge(String)";

    private final ManualClock clock = new ManualClock();
    private final ManualTimer timer = new ManualTimer(clock);
    private final Engine engine = new Engine(clock, timer, () -> Runnable::run, EngineListener.NONE,
            ThreadContext.NONE, () -> { });
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicInteger fallbacks = new AtomicInteger();

    @AfterEach
    void clearTheInterruptFlag() {
        Thread.interrupted();
    }

    /** Opens after 2 failures out of 2, 5 s delay, one trial. */
    private static BreakerPolicy twoOfTwo() {
        return BreakerPolicy.builder().requestVolumeThreshold(2).failureRatio(1.0).delay(Duration.ofSeconds(5)).build();
    }

    private static RetryPolicy retryOnThrowable(int maxRetries) {
        return RetryPolicy.builder().maxRetries(maxRetries).maxDuration(Duration.ZERO).retryOn(List.of(Throwable.class))
                .build();
    }

    private FallbackPolicy countingFallback(Object answer) {
        return new FallbackPolicy(List.of((invocation, failure) -> {
            fallbacks.incrementAndGet();
            return answer;
        }), ExceptionMatcher.all());
    }

    private GuardPolicy.Builder guard() {
        return GuardPolicy.builder(METHOD);
    }

    private Strategy<Object> chain(GuardPolicy.Builder b) {
        return engine.build(b.build());
    }

    private CircuitState breakerState() {
        return engine.breakers().get(METHOD).state();
    }

    private long failedCalls() {
        return engine.breakers().get(METHOD).stats().failedCalls();
    }

    /** Calls {@code s} with a body that throws {@code failure}; returns what reached the caller. */
    private Throwable callFailing(Strategy<Object> s, Throwable failure) {
        return assertThrows(Throwable.class, () -> s.call(() -> {
            attempts.incrementAndGet();
            throw Failures.sneakyThrow(failure);
        }));
    }

    // --- circuit breaker, synchronous --------------------------------------------------------------------------

    @Test
    void aBreakerDoesNotCountOutOfMemoryErrors() {
        Strategy<Object> s = chain(guard().breaker(METHOD, twoOfTwo()));
        for (int i = 0; i < 2; i++) {
            OutOfMemoryError oom = new OutOfMemoryError("test");
            assertSame(oom, callFailing(s, oom), "a VirtualMachineError propagates untouched");
        }
        assertEquals(CircuitState.CLOSED, breakerState());
        assertEquals(0, failedCalls());
    }

    @Test
    void aBreakerDoesNotCountTheCallersInterrupt() {
        Strategy<Object> s = chain(guard().breaker(METHOD, twoOfTwo()));
        for (int i = 0; i < 2; i++) {
            InterruptedException interrupt = new InterruptedException();
            assertSame(interrupt, callFailing(s, interrupt));
        }
        assertEquals(CircuitState.CLOSED, breakerState());
        assertEquals(0, failedCalls());
    }

    @Test
    void aFailureWhileTheCallersInterruptFlagIsSetIsTheCallersNotTheDependencys() {
        Strategy<Object> s = chain(guard().breaker(METHOD, twoOfTwo()));
        for (int i = 0; i < 2; i++) {
            Thread.currentThread().interrupt(); // e.g. an interruptible channel closed under the body
            callFailing(s, new IOException("closed by interrupt"));
            assertTrue(Thread.interrupted(), "the flag is left as it was");
        }
        assertEquals(CircuitState.CLOSED, breakerState());
    }

    @Test
    void aBreakerDoesNotCountSteadfastsOwnRejectionsFromBelow() {
        Strategy<Object> s = chain(guard().breaker(METHOD, twoOfTwo()));
        callFailing(s, new BulkheadFullException(METHOD, 1, 0));
        callFailing(s, new RateLimitExceededException(METHOD, Duration.ofSeconds(1)));
        assertEquals(CircuitState.CLOSED, breakerState());
        assertEquals(0, failedCalls());
    }

    @Test
    void aBreakerDoesNotCountTheRejectionsOfItsOwnRateLimit() throws Exception {
        Strategy<Object> s = chain(guard().breaker(METHOD, twoOfTwo())
                .rateLimit(new RateLimitPolicy(1, TimeUnit.HOURS.toNanos(1), 0, RateLimitType.FIXED)));
        assertEquals("ok", s.call(() -> "ok"));
        for (int i = 0; i < 2; i++) {
            assertTrue(callFailing(s, new IOException("never runs")) instanceof RateLimitExceededException);
        }
        assertEquals(0, attempts.get());
        assertEquals(CircuitState.CLOSED, breakerState());
    }

    @Test
    void aHalfOpenTrialEndingInAVirtualMachineErrorFreesItsSlotWithoutDeciding() throws Exception {
        Strategy<Object> s = chain(guard().breaker(METHOD, twoOfTwo()));
        callFailing(s, new IOException("down"));
        callFailing(s, new IOException("down"));
        assertEquals(CircuitState.OPEN, breakerState());
        clock.advance(Duration.ofSeconds(5));
        assertEquals(CircuitState.HALF_OPEN, breakerState());

        callFailing(s, new StackOverflowError());

        assertEquals(CircuitState.HALF_OPEN, breakerState(), "the trial decided nothing");
        assertEquals("ok", s.call(() -> "ok"), "and its slot is free for the next trial");
        assertEquals(CircuitState.CLOSED, breakerState());
    }

    // --- retry, synchronous ------------------------------------------------------------------------------------

    @Test
    void aRetryOnThrowableNeverRetriesAStackOverflowError() {
        Strategy<Object> s = chain(guard().retry(retryOnThrowable(3)));
        StackOverflowError soe = new StackOverflowError();
        assertSame(soe, callFailing(s, soe), "propagates untouched, not as RetryExhaustedException");
        assertEquals(1, attempts.get());
    }

    @Test
    void aRetryOnThrowableDoesNotRetryTheCallersInterruptAndKeepsTheFlag() {
        Strategy<Object> s = chain(guard().retry(retryOnThrowable(3)));
        InterruptedException interrupt = new InterruptedException();
        assertSame(interrupt, callFailing(s, interrupt));
        assertEquals(1, attempts.get());
        assertTrue(Thread.interrupted(), "the interrupt is meant for the whole call");
    }

    // --- fallback, synchronous ---------------------------------------------------------------------------------

    @Test
    void aFallbackDoesNotAnswerForAVirtualMachineError() {
        Strategy<Object> s = chain(guard().fallback(countingFallback("cached")));
        OutOfMemoryError oom = new OutOfMemoryError("test");
        assertSame(oom, callFailing(s, oom));
        assertEquals(0, fallbacks.get());
    }

    @Test
    void aFallbackDoesNotAnswerForTheCallersInterrupt() {
        Strategy<Object> s = chain(guard().fallback(countingFallback("cached")));
        InterruptedException interrupt = new InterruptedException();
        assertSame(interrupt, callFailing(s, interrupt));
        assertEquals(0, fallbacks.get());
    }

    @Test
    void aFallbackStillAnswersForSteadfastsOwnRejections() throws Exception {
        Strategy<Object> s = chain(guard().fallback(countingFallback("cached")));
        assertEquals("cached", s.call(() -> {
            throw new BulkheadFullException(METHOD, 1, 0);
        }));
    }

    @Test
    void theWholeStackLetsAVirtualMachineErrorThroughUntouched() {
        Strategy<Object> s = chain(guard().fallback(countingFallback("cached")).retry(retryOnThrowable(3))
                .breaker(METHOD, twoOfTwo()));
        for (int i = 0; i < 2; i++) {
            OutOfMemoryError oom = new OutOfMemoryError("test");
            assertSame(oom, callFailing(s, oom));
        }
        assertEquals(2, attempts.get(), "no retry");
        assertEquals(0, fallbacks.get(), "no fallback");
        assertEquals(CircuitState.CLOSED, breakerState(), "not counted");
    }

    // --- staged ------------------------------------------------------------------------------------------------

    /** Calls a staged chain whose body returns {@code stage}; returns the caller's future. */
    private CompletableFuture<Object> callStaged(Strategy<Object> s, CompletionStage<Object> stage) throws Exception {
        Object result = s.call(() -> {
            attempts.incrementAndGet();
            return stage;
        });
        @SuppressWarnings("unchecked")
        CompletionStage<Object> caller = (CompletionStage<Object>) result;
        return caller.toCompletableFuture();
    }

    /** What {@code f} failed with (it must have failed already), without the JDK's wrappers. */
    private static Throwable failureOf(CompletableFuture<Object> f) throws Exception {
        assertTrue(f.isCompletedExceptionally(), "failed at once");
        return Failures.unwrap(f.handle((value, failure) -> failure).get());
    }

    @Test
    void aStagedBreakerDoesNotCountAStageFailedWithAVirtualMachineError() throws Exception {
        Strategy<Object> s = chain(guard().returnsStage(true).breaker(METHOD, twoOfTwo()));
        for (int i = 0; i < 2; i++) {
            OutOfMemoryError oom = new OutOfMemoryError("test");
            assertSame(oom, failureOf(callStaged(s, CompletableFuture.failedFuture(oom))));
        }
        assertEquals(CircuitState.CLOSED, breakerState());
        assertEquals(0, failedCalls());
    }

    @Test
    void aStagedBreakerDoesNotCountTheCallersCancellation() throws Exception {
        Strategy<Object> s = chain(guard().returnsStage(true).breaker(METHOD, twoOfTwo()));
        for (int i = 0; i < 2; i++) {
            CompletableFuture<Object> body = new CompletableFuture<>();
            CompletableFuture<Object> caller = callStaged(s, body);
            assertTrue(caller.cancel(true));
            assertTrue(body.isCancelled(), "the cancel reached the body");
        }
        assertEquals(CircuitState.CLOSED, breakerState());
        assertEquals(0, failedCalls());
    }

    @Test
    void aStagedFallbackDoesNotAnswerACancelledCall() throws Exception {
        Strategy<Object> s = chain(guard().returnsStage(true)
                .fallback(countingFallback(CompletableFuture.completedFuture("cached"))));
        CompletableFuture<Object> body = new CompletableFuture<>();
        CompletableFuture<Object> caller = callStaged(s, body);

        assertTrue(caller.cancel(true));

        assertTrue(body.isCancelled());
        assertEquals(0, fallbacks.get(), "the caller gave up; nobody wants the fallback's answer");
    }

    @Test
    void aStagedFallbackDoesNotAnswerForAVirtualMachineError() throws Exception {
        Strategy<Object> s = chain(guard().returnsStage(true)
                .fallback(countingFallback(CompletableFuture.completedFuture("cached"))));
        StackOverflowError soe = new StackOverflowError();
        assertSame(soe, failureOf(callStaged(s, CompletableFuture.failedFuture(soe))));
        assertEquals(0, fallbacks.get());
    }

    @Test
    void aStagedRetryOnThrowableNeverRetriesAVirtualMachineError() throws Exception {
        Strategy<Object> s = chain(guard().returnsStage(true).retry(retryOnThrowable(3)));
        StackOverflowError soe = new StackOverflowError();
        assertSame(soe, failureOf(callStaged(s, CompletableFuture.failedFuture(soe))));
        assertEquals(1, attempts.get());
    }

    @Test
    void aStagedRetryDoesNotRetryAStageCancelledUnderIt() throws Exception {
        Strategy<Object> s = chain(guard().returnsStage(true).retry(retryOnThrowable(3)));
        CompletableFuture<Object> cancelled = new CompletableFuture<>();
        cancelled.cancel(true);
        assertTrue(failureOf(callStaged(s, cancelled)) instanceof CancellationException);
        assertEquals(1, attempts.get());
        assertFalse(Thread.currentThread().isInterrupted());
    }

    // --- the MicroProfile rule: only the lists decide ------------------------------------------------------------

    @Test
    void underTheListsOnlyRuleABreakerCountsWhatFailOnMatches() {
        Strategy<Object> s = chain(guard().failures(FailureRule.LISTS_ONLY).breaker(METHOD, twoOfTwo()));
        callFailing(s, new OutOfMemoryError("test"));
        callFailing(s, new BulkheadFullException(METHOD, 1, 0));
        assertEquals(CircuitState.OPEN, breakerState());
    }

    @Test
    void underTheListsOnlyRuleARetryOnThrowableRetriesErrors() {
        Strategy<Object> s = chain(guard().failures(FailureRule.LISTS_ONLY).retry(retryOnThrowable(2)));
        callFailing(s, new StackOverflowError());
        assertEquals(3, attempts.get());
    }

    @Test
    void underTheListsOnlyRuleAFallbackAnswersWhatApplyOnMatches() throws Exception {
        Strategy<Object> s = chain(guard().failures(FailureRule.LISTS_ONLY).fallback(countingFallback("cached")));
        assertEquals("cached", s.call(() -> {
            throw new OutOfMemoryError("test");
        }));
    }

    @Test
    void underTheListsOnlyRuleAStagedBreakerCountsACancellation() throws Exception {
        Strategy<Object> s = chain(guard().failures(FailureRule.LISTS_ONLY).returnsStage(true)
                .breaker(METHOD, twoOfTwo()));
        for (int i = 0; i < 2; i++) {
            callStaged(s, new CompletableFuture<>()).cancel(true);
        }
        assertEquals(CircuitState.OPEN, breakerState());
    }
}
