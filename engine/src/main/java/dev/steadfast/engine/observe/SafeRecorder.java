package dev.steadfast.engine.observe;

import dev.steadfast.CallRejected;
import dev.steadfast.FallbackApplied;
import dev.steadfast.RetryExhaustedException;
import dev.steadfast.spi.CallOutcome;
import dev.steadfast.spi.GuardRecorder;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The recorders of one operation seen as one: each hears every call, and one that throws is logged and skipped, so
 * an observer never breaks the guarded call.
 */
final class SafeRecorder implements GuardRecorder {

    private static final System.Logger LOG = System.getLogger("dev.steadfast");

    private final String method;
    private final GuardRecorder[] recorders;

    SafeRecorder(String method, List<GuardRecorder> recorders) {
        this.method = method;
        this.recorders = recorders.toArray(new GuardRecorder[0]);
    }

    @Override
    public void completed(CallOutcome outcome, long durationNanos) {
        // On every call: a plain loop, no lambda.
        for (GuardRecorder r : recorders) {
            try {
                r.completed(outcome, durationNanos);
            } catch (RuntimeException | LinkageError e) {
                failed(r, e);
            }
        }
    }

    @Override
    public void retryScheduled(int attempt, Throwable failure, Duration delay) {
        each(r -> r.retryScheduled(attempt, failure, delay));
    }

    @Override
    public void retriesExhausted(RetryExhaustedException exception) {
        each(r -> r.retriesExhausted(exception));
    }

    @Override
    public void retryRefused(int attempt, String budget) {
        each(r -> r.retryRefused(attempt, budget));
    }

    @Override
    public void timedOut(Duration timeout) {
        each(r -> r.timedOut(timeout));
    }

    @Override
    public void fallbackApplied(Throwable failure) {
        each(r -> r.fallbackApplied(failure));
    }

    @Override
    public void fallbackApplied(FallbackApplied event) {
        each(r -> r.fallbackApplied(event));
    }

    @Override
    public void rejected(CallRejected.Reason reason) {
        each(r -> r.rejected(reason));
    }

    private void each(Consumer<GuardRecorder> event) {
        for (GuardRecorder r : recorders) {
            try {
                event.accept(r);
            } catch (RuntimeException | LinkageError e) {
                failed(r, e);
            }
        }
    }

    private void failed(GuardRecorder r, Throwable e) {
        LOG.log(Level.WARNING, () -> "Steadfast observer " + r + " of " + method + " failed; the guarded call goes on",
                e);
    }
}
