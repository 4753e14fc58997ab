package dev.steadfast.engine;

import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.RetryExhaustedException;
import dev.steadfast.TimeoutExceededException;
import dev.steadfast.engine.async.ThreadContext;
import dev.steadfast.engine.fallback.FallbackFunction;
import dev.steadfast.engine.fallback.FallbackPolicy;
import dev.steadfast.engine.retry.RetryPolicy;
import dev.steadfast.engine.time.ManualClock;
import dev.steadfast.engine.time.ManualTimer;
import dev.steadfast.engine.timeout.TimeoutPolicy;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** How the engine assembles the strategies: which wraps which, and what it starts when. */
class EngineTest {

    private static final String METHOD = "com.acme.Quotes#fetch(String)";

    private final ManualClock clock = new ManualClock();
    private final ManualTimer timer = new ManualTimer(clock);
    private final RecordingListener listener = new RecordingListener();
    private final Queue<Runnable> executor = new ArrayDeque<>();
    private final AtomicInteger executorLookups = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();
    private final Engine engine = new Engine(clock, timer, () -> {
        executorLookups.incrementAndGet();
        return executor::add;
    }, listener, ThreadContext.NONE, closed::incrementAndGet);

    /** The one place that knows GuardPolicy's shape. */
    private static GuardPolicy guard(boolean returnsStage, boolean asynchronous, FallbackPolicy fallback,
            RetryPolicy retry, TimeoutPolicy timeout) {
        return GuardPolicy.builder(METHOD).returnsStage(returnsStage).asynchronous(asynchronous).fallback(fallback)
                .retry(retry).timeout(timeout).build();
    }

    private static RetryPolicy retry(int maxRetries) {
        return RetryPolicy.builder().maxRetries(maxRetries).maxDuration(java.time.Duration.ZERO).build();
    }

    private static TimeoutPolicy oneSecond() {
        return new TimeoutPolicy(ofSeconds(1).toNanos());
    }

    private static FallbackPolicy fallback(FallbackFunction<Object> f, Class<? extends Throwable> applyOn) {
        return new FallbackPolicy(List.of(f), new ExceptionMatcher(List.of(applyOn), List.of()));
    }

    @Test
    void theSyncChainIsFallbackAroundRetryAroundTimeout() throws Exception {
        List<Throwable> fallbackSaw = new ArrayList<>();
        Strategy<Object> chain = engine.build(guard(false, false, fallback((i, f) -> {
            fallbackSaw.add(f);
            return "fallback";
        }, TimeoutExceededException.class), retry(2), oneSecond()));
        AtomicInteger calls = new AtomicInteger();

        Object result = chain.call(() -> {
            calls.incrementAndGet();
            clock.advance(ofSeconds(2)); // every attempt overruns its own timeout
            return "late";
        });

        assertEquals("fallback", result);
        assertEquals(3, calls.get(), "each retry attempt gets its own timeout");
        RetryExhaustedException exhausted = assertInstanceOf(RetryExhaustedException.class, fallbackSaw.get(0));
        assertInstanceOf(TimeoutExceededException.class, exhausted.getCause());
        assertEquals(0, timer.pending());
        assertFalse(Thread.interrupted());
    }

    @Test
    void aSyncChainWithoutPoliciesJustRunsTheBody() throws Exception {
        GuardPolicy none = guard(false, false, null, null, null);

        assertTrue(none.isEmpty());
        assertEquals("quote", engine.build(none).call(() -> "quote"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theStagedChainRetriesAStageThatTimedOut() throws Exception {
        Strategy<Object> chain = engine.build(guard(true, false, null, retry(1), oneSecond()));
        CompletableFuture<Object> slow = new CompletableFuture<>();
        AtomicInteger calls = new AtomicInteger();

        CompletableFuture<Object> result = ((CompletionStage<Object>) chain.call(
                () -> calls.incrementAndGet() == 1 ? slow : CompletableFuture.completedFuture("quote")))
                .toCompletableFuture();
        clock.advance(ofSeconds(1));
        assertTrue(slow.isCancelled(), "the timed-out attempt is cancelled");
        executor.poll().run(); // the retry is dispatched to the executor

        assertEquals("quote", result.getNow(null));
        assertEquals(2, calls.get());
    }

    @Test
    @SuppressWarnings("unchecked")
    void anAsynchronousChainRunsTheBodyOnTheExecutor() throws Exception {
        Strategy<Object> chain = engine.build(guard(true, true, null, null, null));
        Thread caller = Thread.currentThread();
        List<Boolean> onCaller = new ArrayList<>();

        CompletableFuture<Object> result = ((CompletionStage<Object>) chain.call(() -> {
            onCaller.add(Thread.currentThread() == caller);
            return CompletableFuture.completedFuture("quote");
        })).toCompletableFuture();

        assertFalse(result.isDone(), "the caller gets the stage before the body ran");
        assertEquals(List.of(), onCaller);
        executor.poll().run();
        assertEquals("quote", result.getNow(null));
    }

    @Test
    void buildingChainsResolvesNoExecutor() {
        engine.build(guard(true, true, null, retry(3), oneSecond()));
        engine.build(guard(false, false, null, retry(3), oneSecond()));

        assertEquals(0, executorLookups.get());
    }

    @Test
    void theExecutorIsLookedUpOnceOnFirstUse() throws Exception {
        Strategy<Object> chain = engine.build(guard(true, true, null, null, null));

        for (int i = 0; i < 3; i++) {
            chain.call(() -> CompletableFuture.completedFuture(1));
        }

        assertEquals(3, executor.size());
        assertEquals(1, executorLookups.get());
    }

    @Test
    void aStagedFailureReachesTheFallbackAfterTheRetries() throws Exception {
        IOException failure = new IOException();
        Strategy<Object> chain = engine.build(guard(true, false,
                fallback((i, f) -> CompletableFuture.completedFuture("fallback"), IOException.class), retry(0),
                null));

        Object stage = chain.call(() -> CompletableFuture.failedFuture(failure));

        assertEquals("fallback", ((CompletionStage<?>) stage).toCompletableFuture().getNow(null));
    }

    @Test
    void closeRunsTheCloseAction() {
        engine.close();

        assertEquals(1, closed.get());
    }

    @Test
    void anAsynchronousPolicyMustReturnAStage() {
        assertThrows(IllegalArgumentException.class,
                () -> new GuardPolicy(METHOD, false, true, null, null, null, null, null, null, null));
    }
}
