package dev.steadfast.engine.fallback;

import dev.steadfast.FallbackApplied;
import dev.steadfast.engine.EngineListener;
import dev.steadfast.engine.FailureRule;
import dev.steadfast.engine.Failures;
import dev.steadfast.engine.Invocation;
import dev.steadfast.engine.Strategy;
import dev.steadfast.engine.time.Clock;
import dev.steadfast.engine.time.SystemClock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Answers for a failed synchronous call: tries each fallback of the chain in order until one succeeds; if all fail,
 * the last failure propagates with the earlier ones suppressed. A failure the {@link FailureRule} keeps from fallbacks
 * (a {@code VirtualMachineError}, the caller's interrupt) propagates untouched.
 *
 * <p>A fallback that answers is announced as a {@link FallbackApplied} (to the listener and to the call's invocation)
 * before its answer is returned, {@linkplain FallbackPolicy#answer flagged} as degraded when the policy says so. The
 * happy path reads the clock only when the strategy is {@code timed} (someone shows the event's elapsed time to
 * users); otherwise the elapsed time comes from the invocation's own start, or is zero.
 */
public final class FallbackStrategy<V> implements Strategy<V> {

    private final Strategy<V> next;
    private final String method;
    private final FallbackPolicy policy;
    private final FallbackFunction<V>[] chain;
    private final EngineListener listener;
    private final FailureRule failures;
    private final Clock clock;
    private final boolean timed;

    public FallbackStrategy(Strategy<V> next, String method, FallbackPolicy policy, EngineListener listener) {
        this(next, method, policy, listener, FailureRule.STEADFAST);
    }

    /** @param failures which failures a fallback may answer for at all */
    public FallbackStrategy(Strategy<V> next, String method, FallbackPolicy policy, EngineListener listener,
            FailureRule failures) {
        this(next, method, policy, listener, failures, SystemClock.INSTANCE, false);
    }

    /**
     * @param failures which failures a fallback may answer for at all
     * @param clock    measures how long the guarded part took
     * @param timed    read the clock when every call starts; otherwise only on the failure path
     */
    @SuppressWarnings("unchecked")
    public FallbackStrategy(Strategy<V> next, String method, FallbackPolicy policy, EngineListener listener,
            FailureRule failures, Clock clock, boolean timed) {
        this.failures = Objects.requireNonNull(failures, "failures");
        this.next = Objects.requireNonNull(next, "next");
        this.method = Objects.requireNonNull(method, "method");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.chain = policy.chain().toArray(new FallbackFunction[0]);
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timed = timed;
    }

    @Override
    public V call(Invocation<V> invocation) throws Exception {
        long start = timed ? clock.nanoTime() : Invocation.UNTIMED;
        try {
            return next.call(invocation);
        } catch (Throwable failure) {
            if (!failures.mayFallBack(failure, Thread.currentThread().isInterrupted()) || !policy.appliesTo(failure)) {
                throw Failures.sneakyThrow(failure);
            }
            return fallBack(invocation, failure, Elapsed.since(start, invocation, clock));
        }
    }

    @SuppressWarnings("unchecked")
    private V fallBack(Invocation<V> invocation, Throwable failure, Duration elapsed) throws Exception {
        Throwable last = null;
        List<Throwable> earlier = null;
        for (int i = 0; i < chain.length; i++) {
            V v;
            try {
                v = chain[i].apply(invocation, failure);
            } catch (Throwable t) {
                if (last != null) {
                    earlier = earlier != null ? earlier : new ArrayList<>(chain.length);
                    earlier.add(last);
                }
                last = t;
                continue;
            }
            FallbackApplied event = new FallbackApplied(method, failure, policy.names().get(i), i + 1, elapsed);
            listener.fallbackApplied(event);
            invocation.fallbackApplied(event);
            return (V) policy.answer(v, event);
        }
        throw Failures.sneakyThrow(Chain.suppressing(last, earlier));
    }
}
