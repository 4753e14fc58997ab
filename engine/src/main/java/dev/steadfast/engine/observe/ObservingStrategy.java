package dev.steadfast.engine.observe;

import dev.steadfast.engine.Failures;
import dev.steadfast.engine.Invocation;
import dev.steadfast.engine.Strategy;
import dev.steadfast.engine.time.Clock;
import dev.steadfast.spi.CallOutcome;
import dev.steadfast.spi.GuardRecorder;

import java.util.Objects;

/**
 * The outermost strategy of an observed synchronous operation: measures each call with the clock and tells the
 * recorder how it ended, before the caller sees the result or the failure. Only operations that some observer is
 * interested in get one. Thread-safe; one instance serves every call of its operation.
 *
 * @param <V> the result type
 */
public final class ObservingStrategy<V> implements Strategy<V> {

    private final Strategy<V> next;
    private final GuardRecorder recorder;
    private final Clock clock;
    private final boolean hasFallback;

    /**
     * @param next        the operation's chain
     * @param recorder    hears every call; must not throw
     * @param clock       measures the calls
     * @param hasFallback the chain has a fallback whose functions mark the call ({@link ObservedCall#marking})
     */
    ObservingStrategy(Strategy<V> next, GuardRecorder recorder, Clock clock, boolean hasFallback) {
        this.next = Objects.requireNonNull(next, "next");
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.hasFallback = hasFallback;
    }

    @Override
    public V call(Invocation<V> invocation) throws Exception {
        long start = clock.nanoTime();
        ObservedCall<V> call = hasFallback ? new ObservedCall<>(invocation, start) : null;
        V result;
        try {
            result = next.call(call != null ? call : invocation);
        } catch (Throwable failure) {
            recorder.completed(Outcomes.of(failure), clock.nanoTime() - start);
            throw Failures.sneakyThrow(failure);
        }
        recorder.completed(call != null && call.fellBack() ? CallOutcome.FALLBACK : CallOutcome.SUCCESS,
                clock.nanoTime() - start);
        return result;
    }
}
