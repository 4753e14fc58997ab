package dev.steadfast.engine.observe;

import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.BulkheadFullException;
import dev.steadfast.CircuitOpenException;
import dev.steadfast.CircuitState;
import dev.steadfast.RateLimitExceededException;
import dev.steadfast.RateLimitType;
import dev.steadfast.RetryExhaustedException;
import dev.steadfast.TimeoutExceededException;
import dev.steadfast.engine.Engine;
import dev.steadfast.engine.ExceptionMatcher;
import dev.steadfast.engine.GuardPolicy;
import dev.steadfast.engine.Invocation;
import dev.steadfast.engine.RecordingListener;
import dev.steadfast.engine.Strategy;
import dev.steadfast.engine.async.ThreadContext;
import dev.steadfast.engine.breaker.Breaker;
import dev.steadfast.engine.breaker.BreakerPolicy;
import dev.steadfast.engine.bulkhead.BulkheadPolicy;
import dev.steadfast.engine.fallback.FallbackPolicy;
import dev.steadfast.engine.fallback.FallbackStrategy;
import dev.steadfast.engine.ratelimit.RateLimitPolicy;
import dev.steadfast.engine.retry.RetryPolicy;
import dev.steadfast.engine.time.ManualClock;
import dev.steadfast.engine.time.ManualTimer;
import dev.steadfast.engine.timeout.TimeoutPolicy;
import dev.steadfast.spi.CallOutcome;
import dev.steadfast.spi.GuardObserver;
import dev.steadfast.spi.GuardRecorder;
import dev.steadfast.spi.GuardedOperation;
import dev.steadfast.spi.GuardedOperation.Policy;
import dev.steadfast.spi.ObservedBulkhead;
import dev.steadfast.spi.ObservedRateLimit;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.EnumSet;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** What observers are offered and hear, and that unobserved operations are built exactly as without observers. */
class ObservedEngineTest {

    private static final String METHOD = "com.acme.Quotes#fetch(String)";

    private final ManualClock clock = new ManualClock();
    private final ManualTimer timer = new ManualTimer(clock);
    private final RecordingListener listener = new RecordingListener();
    private final Queue<Runnable> executor = new ArrayDeque<>();
    private final Engine engine = new Engine(clock, timer, () -> executor::add, listener, ThreadContext.NONE, () -> {
    });

    private static RetryPolicy retry(int maxRetries) {
        return RetryPolicy.builder().maxRetries(maxRetries).maxDuration(Duration.ZERO).build();
    }

    private static FallbackPolicy fallback(Object answer) {
        return new FallbackPolicy(List.of((invocation, failure) -> answer), ExceptionMatcher.all());
    }

    private static BreakerPolicy opensAfterTwo() {
        return BreakerPolicy.builder().requestVolumeThreshold(2).failureRatio(1.0).delay(ofSeconds(5)).build();
    }

    private static GuardPolicy.Builder guard() {
        return GuardPolicy.builder(METHOD);
    }

    private static Invocation<Object> failing(IOException e) {
        return () -> {
            throw e;
        };
    }

    private RecordingObserver observed() {
        RecordingObserver o = new RecordingObserver(true);
        engine.observe(List.of(o));
        return o;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Zero cost

    @Test
    void withoutObserversTheChainIsExactlyTheUnobservedOne() {
        Strategy<Object> chain = engine.build(guard().fallback(fallback("f")).retry(retry(1)).build());

        assertSame(FallbackStrategy.class, chain.getClass());
    }

    @Test
    void anOperationNoObserverIsInterestedInIsBuiltUnobserved() throws Exception {
        RecordingObserver uninterested = new RecordingObserver(false);
        engine.observe(List.of(uninterested));

        Strategy<Object> sync = engine.build(guard().fallback(fallback("f")).build());
        Strategy<Object> staged = engine.build(guard().returnsStage(true)
                .bulkhead(new BulkheadPolicy(1, 1, 0)).build());

        assertSame(FallbackStrategy.class, sync.getClass());
        assertEquals(2, uninterested.operations.size(), "it was still offered both");
        assertEquals("f", sync.call(failing(new IOException())));
        assertEquals("staged", ((CompletionStage<?>) staged.call(() -> CompletableFuture.completedFuture("staged")))
                .toCompletableFuture().join());
        assertEquals(List.of(), uninterested.heard);
    }

    @Test
    @SuppressWarnings("unchecked")
    void anInterestedObserverGetsTheOutermostStrategy() throws Exception {
        RecordingObserver o = observed();

        assertSame(ObservingStrategy.class, engine.build(guard().retry(retry(1)).build()).getClass());
        // A staged chain is wrapped once more, outermost, by the engine's tracking of pending calls (for close()),
        // which observes nothing; right inside it is the observing strategy, which hears the whole call.
        Strategy<Object> staged = engine.build(guard().returnsStage(true).retry(retry(1)).build());
        ((CompletionStage<Object>) staged.call(() -> CompletableFuture.completedFuture("x"))).toCompletableFuture()
                .join();
        assertEquals(List.of("completed SUCCESS"), o.heard);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // What is offered

    @Test
    void theOperationIsDescribedWithItsPolicies() {
        RecordingObserver o = observed();

        engine.build(guard().asynchronous(true).retry(retry(1)).breaker("payments", opensAfterTwo())
                .bulkhead(new BulkheadPolicy(3, 2, 0)).build());

        GuardedOperation op = o.operations.get(0);
        assertEquals(METHOD, op.method());
        assertTrue(op.returnsStage());
        assertEquals(EnumSet.of(Policy.RETRY, Policy.CIRCUIT_BREAKER, Policy.BULKHEAD, Policy.ASYNCHRONOUS),
                op.policies());
        assertEquals("payments", op.breaker().orElseThrow().name());
        assertEquals(3, op.bulkhead().orElseThrow().maxConcurrent());
        assertSame(op.breaker().orElseThrow(), o.breakers.get(0));
    }

    @Test
    void aSharedBreakerIsOfferedOnceAndItsChangesHeardOnce() throws Exception {
        RecordingObserver o = observed();
        Strategy<Object> first = engine.build(GuardPolicy.builder("A#a()").breaker("shared", opensAfterTwo()).build());
        engine.build(GuardPolicy.builder("B#b()").breaker("shared", opensAfterTwo()).build());

        for (int i = 0; i < 2; i++) {
            assertThrows(IOException.class, () -> first.call(failing(new IOException())));
        }

        assertEquals(1, o.breakers.size());
        assertEquals(2, o.operations.size());
        assertEquals(1, o.heard.stream().filter(h -> h.equals("shared CLOSED -> OPEN")).count());
        assertEquals(1, listener.events(RecordingListener.StateChanged.class).size(),
                "the engine's listener still hears it");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Outcomes and durations

    @Test
    void aSuccessIsMeasuredWithTheClock() throws Exception {
        RecordingObserver o = observed();
        Strategy<Object> chain = engine.build(guard().retry(retry(1)).build());

        assertEquals("quote", chain.call(() -> {
            clock.advance(Duration.ofMillis(1500));
            return "quote";
        }));

        assertEquals(List.of("completed SUCCESS"), o.heard);
        assertEquals(List.of(Duration.ofMillis(1500).toNanos()), o.durations);
    }

    @Test
    void exhaustedRetriesAreHeardAsRetriesThenAFailure() {
        RecordingObserver o = observed();
        Strategy<Object> chain = engine.build(guard().retry(retry(3)).build());

        assertThrows(RetryExhaustedException.class, () -> chain.call(failing(new IOException())));

        assertEquals(List.of("retry 1 after IOException in PT0S", "retry 2 after IOException in PT0S",
                "retry 3 after IOException in PT0S", "exhausted after 4", "completed FAILURE"), o.heard);
        assertEquals(3, listener.events(RecordingListener.RetryScheduled.class).size(),
                "the engine's listener hears the retries too");
    }

    @Test
    void aFallbackAnswerIsItsOwnOutcome() throws Exception {
        RecordingObserver o = observed();
        Strategy<Object> chain = engine.build(guard().fallback(fallback("cached")).retry(retry(1)).build());

        assertEquals("cached", chain.call(failing(new IOException())));
        assertEquals("fresh", chain.call(() -> "fresh"));

        assertEquals(List.of("retry 1 after IOException in PT0S", "exhausted after 2",
                "fallback after RetryExhaustedException", "completed FALLBACK", "completed SUCCESS"), o.heard);
    }

    @Test
    void aFallbackThatFailsToo() {
        RecordingObserver o = observed();
        FallbackPolicy broken = new FallbackPolicy(List.of((invocation, failure) -> {
            throw new IllegalStateException("no cache");
        }), ExceptionMatcher.all());
        Strategy<Object> chain = engine.build(guard().fallback(broken).build());

        assertThrows(IllegalStateException.class, () -> chain.call(failing(new IOException())));

        assertEquals(List.of("completed FAILURE"), o.heard);
    }

    @Test
    void theFallbackStillSeesTheCallsArgumentsAndTarget() throws Exception {
        observed();
        Object target = new Object();
        FallbackPolicy echo = new FallbackPolicy(List.of((invocation, failure) ->
                List.of(invocation.arguments()[0], invocation.target())), ExceptionMatcher.all());
        Strategy<Object> chain = engine.build(guard().fallback(echo).build());

        Object answer = chain.call(new Invocation<>() {
            @Override
            public Object proceed() throws Exception {
                throw new IOException();
            }

            @Override
            public Object[] arguments() {
                return new Object[] {"EUR"};
            }

            @Override
            public Object target() {
                return target;
            }
        });

        assertEquals(List.of("EUR", target), answer);
    }

    @Test
    void timeoutsAreTimedOutEvenAfterRetries() {
        RecordingObserver o = observed();
        Strategy<Object> chain = engine.build(guard().retry(retry(1))
                .timeout(new TimeoutPolicy(ofSeconds(1).toNanos())).build());

        assertThrows(RetryExhaustedException.class, () -> chain.call(() -> {
            clock.advance(ofSeconds(2));
            return "late";
        }));

        assertEquals(List.of("timed out after PT1S", "retry 1 after TimeoutExceededException in PT0S",
                "timed out after PT1S", "exhausted after 2", "completed TIMED_OUT"), o.heard);
        assertEquals(List.of(ofSeconds(4).toNanos()), o.durations);
        assertFalse(Thread.interrupted());
    }

    @Test
    void rejectionsAreTheirOwnOutcomes() throws Exception {
        RecordingObserver o = observed();
        Strategy<Object> breaker = engine.build(guard().breaker("b", opensAfterTwo()).build());
        Strategy<Object> limited = engine.build(GuardPolicy.builder("R#r()")
                .rateLimit(new RateLimitPolicy(1, ofSeconds(60).toNanos(), 0, RateLimitType.FIXED)).build());

        for (int i = 0; i < 2; i++) {
            assertThrows(IOException.class, () -> breaker.call(failing(new IOException())));
        }
        assertThrows(CircuitOpenException.class, () -> breaker.call(() -> "never"));
        assertEquals("once", limited.call(() -> "once"));
        assertThrows(RateLimitExceededException.class, () -> limited.call(() -> "twice"));

        assertEquals(List.of("completed FAILURE", "b CLOSED -> OPEN", "completed FAILURE",
                "rejected CIRCUIT_OPEN", "completed CIRCUIT_OPEN",
                "completed SUCCESS", "rejected RATE_LIMITED", "completed RATE_LIMITED"), o.heard);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Stages

    @Test
    @SuppressWarnings("unchecked")
    void aStageIsRecordedWhenItCompletesAndBeforeTheCallerSeesIt() throws Exception {
        RecordingObserver o = observed();
        Strategy<Object> chain = engine.build(guard().returnsStage(true).retry(retry(0)).build());
        CompletableFuture<Object> body = new CompletableFuture<>();

        CompletableFuture<Object> result = ((CompletionStage<Object>) chain.call(() -> body)).toCompletableFuture();
        List<String> heardWhenCallerSawIt = new java.util.ArrayList<>();
        result.whenComplete((v, e) -> heardWhenCallerSawIt.addAll(o.heard));
        clock.advance(ofSeconds(3));
        assertEquals(List.of(), o.heard, "nothing before the stage completes");

        body.complete("quote");

        assertEquals("quote", result.getNow(null));
        assertEquals(List.of("completed SUCCESS"), heardWhenCallerSawIt);
        assertEquals(List.of(ofSeconds(3).toNanos()), o.durations);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aStagedFallbackAndAStagedFailure() throws Exception {
        RecordingObserver o = observed();
        FallbackPolicy cached = new FallbackPolicy(
                List.of((invocation, failure) -> CompletableFuture.completedFuture("cached")),
                new ExceptionMatcher(List.of(IllegalStateException.class), List.of()));
        Strategy<Object> chain = engine.build(guard().returnsStage(true).fallback(cached).build());

        Object fellBack = ((CompletionStage<Object>) chain.call(
                () -> CompletableFuture.failedFuture(new IllegalStateException()))).toCompletableFuture().join();
        CompletableFuture<Object> failed = ((CompletionStage<Object>) chain.call(
                () -> CompletableFuture.failedFuture(new IOException()))).toCompletableFuture();

        assertEquals("cached", fellBack);
        assertTrue(failed.isCompletedExceptionally());
        assertEquals(List.of("fallback after IllegalStateException", "completed FALLBACK", "completed FAILURE"),
                o.heard);
    }

    @Test
    @SuppressWarnings("unchecked")
    void cancellingTheCallersStageCancelsTheChainsStage() throws Exception {
        RecordingObserver o = observed();
        Strategy<Object> chain = engine.build(guard().returnsStage(true)
                .bulkhead(new BulkheadPolicy(1, 1, 0)).build());
        CompletableFuture<Object> body = new CompletableFuture<>();

        CompletableFuture<Object> result = ((CompletionStage<Object>) chain.call(() -> body)).toCompletableFuture();
        ObservedBulkhead bulkhead = o.operations.get(0).bulkhead().orElseThrow();
        assertEquals(1, bulkhead.inUse());
        assertTrue(result.cancel(true));

        assertEquals(List.of("completed FAILURE"), o.heard);
        assertEquals(1, bulkhead.inUse(), "a plain stage's work goes on after a cancel: it keeps its permit");
        body.complete("late");
        assertEquals(0, bulkhead.inUse(), "the permit came back when the work ended");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Live views

    @Test
    @SuppressWarnings("unchecked")
    void theBulkheadViewReadsTheLiveCounts() throws Exception {
        RecordingObserver o = observed();
        Strategy<Object> chain = engine.build(guard().returnsStage(true)
                .bulkhead(new BulkheadPolicy(1, 1, 0)).build());
        ObservedBulkhead bulkhead = o.operations.get(0).bulkhead().orElseThrow();
        CompletableFuture<Object> first = new CompletableFuture<>();

        chain.call(() -> first);
        chain.call(() -> CompletableFuture.completedFuture("second"));
        CompletableFuture<Object> third = ((CompletionStage<Object>) chain.call(() -> "never")).toCompletableFuture();

        assertEquals(1, bulkhead.inUse());
        assertEquals(1, bulkhead.queued());
        assertInstanceOf(BulkheadFullException.class, assertThrows(java.util.concurrent.CompletionException.class, third::join).getCause());
        first.complete("first");
        executor.poll().run(); // the queued call starts on the executor
        assertEquals(0, bulkhead.inUse());
        assertEquals(0, bulkhead.queued());
        assertEquals(List.of("rejected BULKHEAD_FULL", "completed BULKHEAD_FULL", "completed SUCCESS",
                "completed SUCCESS"), o.heard);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theRateLimitViewReadsTheLivePermits() throws Exception {
        RecordingObserver o = observed();
        Strategy<Object> sync = engine.build(guard()
                .rateLimit(new RateLimitPolicy(3, ofSeconds(10).toNanos(), 0, RateLimitType.FIXED)).build());
        Strategy<Object> staged = engine.build(guard().returnsStage(true)
                .rateLimit(new RateLimitPolicy(2, ofSeconds(1).toNanos(), 0, RateLimitType.SMOOTH)).build());
        ObservedRateLimit limit = o.operations.get(0).rateLimit().orElseThrow();
        ObservedRateLimit stagedLimit = o.operations.get(1).rateLimit().orElseThrow();

        assertEquals(3, limit.limit());
        assertEquals(ofSeconds(10), limit.window());
        assertEquals(RateLimitType.FIXED, limit.type());
        assertEquals(3, limit.available());
        sync.call(() -> "one");
        sync.call(() -> "two");
        assertEquals(1, limit.available());
        assertEquals(2, limit.used());
        clock.advance(ofSeconds(10));
        assertEquals(3, limit.available(), "a new window, read with the engine's clock");

        ((CompletionStage<Object>) staged.call(() -> CompletableFuture.completedFuture("s"))).toCompletableFuture()
                .join();
        assertEquals(1, stagedLimit.available());
        assertFalse(o.operations.get(0).bulkhead().isPresent());
    }

    @Test
    void anOperationWithoutARateLimitHasNoView() {
        RecordingObserver o = observed();

        engine.build(guard().retry(retry(1)).build());

        assertFalse(o.operations.get(0).rateLimit().isPresent());
    }

    @Test
    void timeOpenCountsOpenAndForcedOpenPeriodsOnly() throws Exception {
        RecordingObserver o = observed();
        Strategy<Object> chain = engine.build(guard().breaker("b", opensAfterTwo()).build());
        var view = o.operations.get(0).breaker().orElseThrow();
        Breaker breaker = (Breaker) engine.breakers().get("b");

        clock.advance(ofSeconds(10));
        assertEquals(Duration.ZERO, view.timeOpen(), "closed time does not count");
        for (int i = 0; i < 2; i++) {
            assertThrows(IOException.class, () -> chain.call(failing(new IOException())));
        }
        clock.advance(ofSeconds(2));
        assertEquals(ofSeconds(2), view.timeOpen(), "the open period under way counts");
        assertEquals(CircuitState.OPEN, view.state());
        clock.advance(ofSeconds(3)); // the timer moves it to HALF_OPEN after the 5 s delay
        assertEquals(CircuitState.HALF_OPEN, view.state());
        clock.advance(ofSeconds(7));
        assertEquals(ofSeconds(5), view.timeOpen());
        breaker.forceOpen();
        clock.advance(ofSeconds(1));
        breaker.reset();
        clock.advance(ofSeconds(100));

        assertEquals(ofSeconds(6), view.timeOpen(), "a reset does not clear it");
        assertEquals(List.of("completed FAILURE", "b CLOSED -> OPEN", "completed FAILURE", "b OPEN -> HALF_OPEN",
                "b HALF_OPEN -> FORCED_OPEN", "b FORCED_OPEN -> CLOSED"), o.heard);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Containment

    @Test
    void aThrowingRecorderNeverBreaksTheCall() throws Exception {
        RecordingObserver healthy = new RecordingObserver(true);
        GuardObserver broken = new GuardObserver() {
            @Override
            public GuardRecorder observeOperation(GuardedOperation operation) {
                return new GuardRecorder() {
                    @Override
                    public void completed(CallOutcome outcome, long durationNanos) {
                        throw new IllegalStateException("broken recorder");
                    }

                    @Override
                    public void retryScheduled(int attempt, Throwable failure, Duration delay) {
                        throw new IllegalStateException("broken recorder");
                    }
                };
            }
        };
        engine.observe(List.of(broken, healthy));
        AtomicInteger attempts = new AtomicInteger();
        Strategy<Object> chain = engine.build(guard().retry(retry(1)).build());

        assertEquals("second", chain.call(() -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IOException();
            }
            return "second";
        }));

        assertEquals(List.of("retry 1 after IOException in PT0S", "completed SUCCESS"), healthy.heard);
    }

    @Test
    void anObserverThatThrowsWhenOfferedIsLeftOutForThatOperation() throws Exception {
        RecordingObserver healthy = new RecordingObserver(true);
        GuardObserver broken = operation -> {
            throw new IllegalStateException("broken observer");
        };
        engine.observe(List.of(broken, healthy));

        Strategy<Object> chain = engine.build(guard().retry(retry(0)).build());

        assertEquals("ok", chain.call(() -> "ok"));
        assertEquals(List.of("completed SUCCESS"), healthy.heard);
    }

    @Test
    void closingTheEngineClosesEachObserverOnce() {
        RecordingObserver o = observed();

        engine.close();
        engine.close();

        assertEquals(1, o.closed.get());
    }

    @Test
    void observersAddedAfterABuildDoNotSeeThatChain() throws Exception {
        Strategy<Object> before = engine.build(guard().retry(retry(0)).build());
        RecordingObserver o = observed();

        before.call(() -> "ok");

        assertEquals(List.of(), o.operations);
        assertEquals(List.of(), o.heard);
    }
}
