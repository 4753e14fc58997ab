package dev.steadfast.opentelemetry;

import dev.steadfast.CallRejected;
import dev.steadfast.FallbackApplied;
import dev.steadfast.RetryExhaustedException;
import dev.steadfast.spi.CallOutcome;
import dev.steadfast.spi.GuardRecorder;
import dev.steadfast.spi.GuardedOperation;
import io.opentelemetry.api.common.Attributes;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static dev.steadfast.opentelemetry.Instruments.BUDGET;
import static dev.steadfast.opentelemetry.Instruments.FALLBACK;
import static dev.steadfast.opentelemetry.Instruments.METHOD;
import static dev.steadfast.opentelemetry.Instruments.OUTCOME;
import static dev.steadfast.opentelemetry.Instruments.REASON;
import static dev.steadfast.opentelemetry.Instruments.value;

/** Records the calls of one guarded method, with its attribute sets prepared once, so recording allocates nothing. */
final class OperationInstruments implements GuardRecorder {

    private static final CallOutcome[] OUTCOMES = CallOutcome.values();
    private static final CallRejected.Reason[] REASONS = CallRejected.Reason.values();

    private final Instruments instruments;
    private final String method;
    private final Attributes attributes;
    private final Attributes[] byOutcome = new Attributes[OUTCOMES.length];
    private final Attributes[] byReason = new Attributes[REASONS.length];
    private volatile Attributes refusedAttributes;
    /** By the fallback that answered, built on its first answer: a chain has a few fallbacks, fixed at deployment. */
    private final Map<String, Attributes> byFallback = new ConcurrentHashMap<>(4);

    OperationInstruments(Instruments instruments, GuardedOperation operation) {
        this.instruments = instruments;
        this.method = operation.method();
        this.attributes = Attributes.of(METHOD, method);
        for (CallOutcome o : OUTCOMES) {
            byOutcome[o.ordinal()] = Attributes.of(METHOD, method, OUTCOME, value(o));
        }
        for (CallRejected.Reason r : REASONS) {
            byReason[r.ordinal()] = Attributes.of(METHOD, method, REASON, value(r));
        }
        operation.bulkhead().ifPresent(b -> instruments.bulkhead(b, attributes));
    }

    @Override
    public void completed(CallOutcome outcome, long durationNanos) {
        instruments.duration.record(durationNanos / 1e9, byOutcome[outcome.ordinal()]);
    }

    @Override
    public void retryScheduled(int attempt, Throwable failure, Duration delay) {
        instruments.retries.add(1, attributes);
    }

    @Override
    public void retriesExhausted(RetryExhaustedException exception) {
        instruments.exhausted.add(1, attributes);
    }

    @Override
    public void retryRefused(int attempt, String budget) {
        // The budget of a method never changes: its attributes are built on the first refusal and kept.
        Attributes a = refusedAttributes;
        if (a == null) {
            a = Attributes.of(METHOD, method, BUDGET, budget);
            refusedAttributes = a;
        }
        instruments.refused.add(1, a);
    }

    @Override
    public void fallbackApplied(FallbackApplied event) {
        Attributes a = byFallback.get(event.fallback());
        if (a == null) {
            a = byFallback.computeIfAbsent(event.fallback(), name -> Attributes.of(METHOD, method, FALLBACK, name));
        }
        instruments.fallbacks.add(1, a);
    }

    @Override
    public void timedOut(Duration timeout) {
        instruments.timeouts.add(1, attributes);
    }

    @Override
    public void rejected(CallRejected.Reason reason) {
        instruments.rejections.add(1, byReason[reason.ordinal()]);
    }

    @Override
    public String toString() {
        return "OpenTelemetry instruments of " + method;
    }
}
