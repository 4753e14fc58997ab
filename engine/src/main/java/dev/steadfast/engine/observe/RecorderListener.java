package dev.steadfast.engine.observe;

import dev.steadfast.CallRejected;
import dev.steadfast.FallbackApplied;
import dev.steadfast.RetryExhaustedException;
import dev.steadfast.engine.EngineListener;
import dev.steadfast.spi.GuardRecorder;

import java.time.Duration;

/**
 * Hands the announcements of one observed operation's strategies to its recorder. Part of that operation's listener
 * list only, so the method name needs no lookup; breaker state changes reach observers per breaker instead.
 */
final class RecorderListener implements EngineListener {

    private final GuardRecorder recorder;

    RecorderListener(GuardRecorder recorder) {
        this.recorder = recorder;
    }

    @Override
    public void retryScheduled(String method, int attempt, Throwable failure, Duration delay) {
        recorder.retryScheduled(attempt, failure, delay);
    }

    @Override
    public void retriesExhausted(String method, RetryExhaustedException exception) {
        recorder.retriesExhausted(exception);
    }

    @Override
    public void retryRefused(String method, int attempt, String budget) {
        recorder.retryRefused(attempt, budget);
    }

    @Override
    public void timedOut(String method, Duration timeout) {
        recorder.timedOut(timeout);
    }

    @Override
    public void fallbackApplied(FallbackApplied event) {
        // Its elapsed time comes from the observing strategy's own start reading (ObservedCall#startNanos), so this
        // listener needs no timing of its own.
        recorder.fallbackApplied(event);
    }

    @Override
    public void callRejected(String method, CallRejected.Reason reason) {
        recorder.rejected(reason);
    }
}
