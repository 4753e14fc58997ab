package dev.steadfast.engine.observe;

import dev.steadfast.CallRejected;
import dev.steadfast.CircuitState;
import dev.steadfast.RetryExhaustedException;
import dev.steadfast.spi.BreakerRecorder;
import dev.steadfast.spi.CallOutcome;
import dev.steadfast.spi.GuardObserver;
import dev.steadfast.spi.GuardRecorder;
import dev.steadfast.spi.GuardedOperation;
import dev.steadfast.spi.ObservedBreaker;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what it was offered and everything its recorders heard, in order, as strings. Thread-safe. */
final class RecordingObserver implements GuardObserver {

    final List<GuardedOperation> operations = new CopyOnWriteArrayList<>();
    final List<ObservedBreaker> breakers = new CopyOnWriteArrayList<>();
    final List<String> heard = new CopyOnWriteArrayList<>();
    final List<Long> durations = new CopyOnWriteArrayList<>();
    final java.util.concurrent.atomic.AtomicInteger closed = new java.util.concurrent.atomic.AtomicInteger();
    private final boolean interested;

    RecordingObserver(boolean interested) {
        this.interested = interested;
    }

    @Override
    public GuardRecorder observeOperation(GuardedOperation operation) {
        operations.add(operation);
        if (!interested) {
            return null;
        }
        return new GuardRecorder() {
            @Override
            public void completed(CallOutcome outcome, long durationNanos) {
                heard.add("completed " + outcome);
                durations.add(durationNanos);
            }

            @Override
            public void retryScheduled(int attempt, Throwable failure, Duration delay) {
                heard.add("retry " + attempt + " after " + failure.getClass().getSimpleName() + " in " + delay);
            }

            @Override
            public void retriesExhausted(RetryExhaustedException exception) {
                heard.add("exhausted after " + exception.getAttempts());
            }

            @Override
            public void timedOut(Duration timeout) {
                heard.add("timed out after " + timeout);
            }

            @Override
            public void fallbackApplied(Throwable failure) {
                heard.add("fallback after " + failure.getClass().getSimpleName());
            }

            @Override
            public void rejected(CallRejected.Reason reason) {
                heard.add("rejected " + reason);
            }
        };
    }

    @Override
    public void close() {
        closed.incrementAndGet();
    }

    @Override
    public BreakerRecorder observeBreaker(ObservedBreaker breaker) {
        breakers.add(breaker);
        return interested ? new BreakerRecorder() {
            @Override
            public void stateChanged(CircuitState from, CircuitState to, Instant at) {
                heard.add(breaker.name() + " " + from + " -> " + to);
            }
        } : null;
    }
}
