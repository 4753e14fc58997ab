package dev.steadfast.engine;

import static java.time.Duration.ofMillis;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.steadfast.CallRejected;
import dev.steadfast.CircuitState;
import dev.steadfast.RetryExhaustedException;
import dev.steadfast.TimeoutExceededException;
import dev.steadfast.engine.RecordingListener.FallbackApplied;
import dev.steadfast.engine.RecordingListener.RetriesExhausted;
import dev.steadfast.engine.RecordingListener.RetryScheduled;
import dev.steadfast.engine.RecordingListener.TimedOut;
import dev.steadfast.engine.fallback.FallbackPolicy;
import dev.steadfast.engine.fallback.FallbackStrategy;
import dev.steadfast.engine.retry.AsyncRetryStrategy;
import dev.steadfast.engine.retry.RetryPolicy;
import dev.steadfast.engine.retry.RetryStrategy;
import dev.steadfast.engine.time.ManualClock;
import dev.steadfast.engine.time.ManualTimer;
import dev.steadfast.engine.timeout.TimeoutPolicy;
import dev.steadfast.engine.timeout.TimeoutStrategy;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;

class ListenersTest {

    private static final String METHOD = "com.acme.Quotes#fetch(String)";

    private final RecordingListener first = new RecordingListener();
    private final RecordingListener second = new RecordingListener();
    private final ManualClock clock = new ManualClock();

    /** Throws from every announcement. */
    private static final EngineListener THROWING = new EngineListener() {
        @Override
        public void retryScheduled(String method, int attempt, Throwable failure, Duration delay) {
            throw new IllegalStateException("listener bug");
        }

        @Override
        public void retriesExhausted(String method, RetryExhaustedException exception) {
            throw new IllegalStateException("listener bug");
        }

        @Override
        public void timedOut(String method, Duration timeout) {
            throw new IllegalStateException("listener bug");
        }

        @Override
        public void fallbackApplied(String method, Throwable failure) {
            throw new IllegalStateException("listener bug");
        }

        @Override
        public void callRejected(String method, CallRejected.Reason reason) {
            throw new NoClassDefFoundError("a listener whose class is missing something");
        }

        @Override
        public void stateChanged(String name, CircuitState from, CircuitState to, Instant at) {
            throw new IllegalStateException("listener bug");
        }
    };

    private static void announceEverything(EngineListener l, IOException failure, RetryExhaustedException e) {
        l.retryScheduled(METHOD, 1, failure, ofMillis(100));
        l.retriesExhausted(METHOD, e);
        l.timedOut(METHOD, Duration.ofSeconds(1));
        l.fallbackApplied(METHOD, failure);
        l.callRejected(METHOD, CallRejected.Reason.BULKHEAD_FULL);
        l.stateChanged("payments", CircuitState.CLOSED, CircuitState.OPEN, Instant.EPOCH);
    }

    @Test
    void noListenersIsTheNoOpListener() {
        assertSame(EngineListener.NONE, Listeners.of(List.of()));
    }

    @Test
    void everyListenerHearsEveryAnnouncementInOrder() {
        IOException failure = new IOException();
        RetryExhaustedException e = new RetryExhaustedException("x", failure, 2, Duration.ZERO, null);

        announceEverything(Listeners.of(List.of(first, second)), failure, e);

        assertEquals(6, first.events().size());
        assertEquals(first.events(), second.events());
        assertEquals(new RetryScheduled(METHOD, 1, failure, ofMillis(100)), first.events().get(0));
    }

    @Test
    void aThrowingListenerDoesNotStopTheOthers() {
        IOException failure = new IOException();
        RetryExhaustedException e = new RetryExhaustedException("x", failure, 2, Duration.ZERO, null);
        EngineListener all = Listeners.of(List.of(THROWING, first, THROWING, second));

        assertDoesNotThrow(() -> announceEverything(all, failure, e));

        assertEquals(6, first.events().size());
        assertEquals(6, second.events().size());
    }

    @Test
    void aLoneThrowingListenerIsContainedToo() {
        EngineListener only = Listeners.of(List.of(THROWING));

        assertDoesNotThrow(() -> announceEverything(only, new IOException(),
                new RetryExhaustedException("x", null, 1, Duration.ZERO, 1)));
    }

    @Test
    void theListIsFixedWhenBuilt() {
        List<EngineListener> source = new ArrayList<>(List.of(first));
        EngineListener l = Listeners.of(source);
        source.add(second);

        l.timedOut(METHOD, Duration.ofSeconds(1));

        assertEquals(1, first.events().size());
        assertEquals(0, second.events().size());
    }

    @Test
    void aThrowingListenerDoesNotBreakARetriedCall() throws Exception {
        EngineListener listeners = Listeners.of(List.of(THROWING, first));
        RetryStrategy<Object> retry = new RetryStrategy<>(Invocation::proceed, METHOD, retryPolicy(3), clock,
                listeners);
        int[] calls = {0};

        Object result = retry.call(() -> {
            if (++calls[0] < 3) {
                throw new IOException();
            }
            return "quote";
        });

        assertEquals("quote", result);
        assertEquals(2, first.events(RetryScheduled.class).size());
    }

    @Test
    void aThrowingListenerDoesNotReplaceTheRetryExhaustedException() {
        EngineListener listeners = Listeners.of(List.of(THROWING, first));
        RetryStrategy<Object> retry = new RetryStrategy<>(Invocation::proceed, METHOD, retryPolicy(1), clock,
                listeners);

        RetryExhaustedException e = assertThrows(RetryExhaustedException.class, () -> retry.call(() -> {
            throw new IOException();
        }));

        assertEquals(List.of(new RetriesExhausted(METHOD, e)), first.events(RetriesExhausted.class));
    }

    @Test
    void aThrowingListenerDoesNotStopAnAsynchronousRetry() {
        ManualTimer timer = new ManualTimer(clock);
        EngineListener listeners = Listeners.of(List.of(THROWING, first));
        AsyncRetryStrategy<Object> retry = new AsyncRetryStrategy<>(Invocation::proceed, METHOD, retryPolicy(1),
                clock, timer, Runnable::run, listeners);
        int[] calls = {0};

        CompletionStage<Object> result = retry.call(() -> ++calls[0] == 1
                ? CompletableFuture.failedFuture(new IOException())
                : CompletableFuture.completedFuture("quote"));
        clock.advance(ofMillis(10));

        assertEquals("quote", result.toCompletableFuture().getNow(null));
        assertEquals(1, first.events(RetryScheduled.class).size());
    }

    @Test
    void aThrowingListenerDoesNotReplaceTheTimeout() {
        ManualTimer timer = new ManualTimer(clock);
        TimeoutStrategy<Object> timeout = new TimeoutStrategy<>(Invocation::proceed, METHOD,
                new TimeoutPolicy(Duration.ofSeconds(1).toNanos()), clock, timer, Listeners.of(List.of(THROWING,
                        first)));

        assertThrows(TimeoutExceededException.class, () -> timeout.call(() -> {
            clock.advance(Duration.ofSeconds(2));
            return "late";
        }));
        assertEquals(1, first.events(TimedOut.class).size());
        assertFalse(Thread.interrupted());
    }

    @Test
    void aThrowingListenerDoesNotTurnASuccessfulFallbackIntoAFailure() throws Exception {
        List<String> fallbacksTried = new ArrayList<>();
        FallbackPolicy policy = new FallbackPolicy(List.of((i, f) -> {
            fallbacksTried.add("first");
            return "cached";
        }, (i, f) -> {
            fallbacksTried.add("second");
            return "second";
        }), ExceptionMatcher.all());
        FallbackStrategy<Object> fallback = new FallbackStrategy<>(Invocation::proceed, METHOD, policy,
                Listeners.of(List.of(THROWING, first)));

        assertEquals("cached", fallback.call(() -> {
            throw new IOException();
        }));
        assertEquals(List.of("first"), fallbacksTried);
        assertEquals(1, first.events(FallbackApplied.class).size());
    }

    private static RetryPolicy retryPolicy(int maxRetries) {
        return RetryPolicy.builder().maxRetries(maxRetries).delay(ofMillis(10)).maxDuration(java.time.Duration.ZERO)
                .build();
    }
}
