package dev.steadfast.engine.fallback;

import dev.steadfast.engine.EngineListener;
import dev.steadfast.engine.FailureRule;
import dev.steadfast.engine.Failures;
import dev.steadfast.engine.Invocation;
import dev.steadfast.engine.Strategy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Answers for a failed synchronous call: tries each fallback of the chain in order until one succeeds; if all fail,
 * the last failure propagates with the earlier ones suppressed. A failure the {@link FailureRule} keeps from fallbacks
 * (a {@code VirtualMachineError}, the caller's interrupt) propagates untouched.
 */
public final class FallbackStrategy<V> implements Strategy<V> {

    private final Strategy<V> next;
    private final String method;
    private final FallbackPolicy policy;
    private final FallbackFunction<V>[] chain;
    private final EngineListener listener;
    private final FailureRule failures;

    public FallbackStrategy(Strategy<V> next, String method, FallbackPolicy policy, EngineListener listener) {
        this(next, method, policy, listener, FailureRule.STEADFAST);
    }

    /** @param failures which failures a fallback may answer for at all */
    @SuppressWarnings("unchecked")
    public FallbackStrategy(Strategy<V> next, String method, FallbackPolicy policy, EngineListener listener,
            FailureRule failures) {
        this.failures = Objects.requireNonNull(failures, "failures");
        this.next = Objects.requireNonNull(next, "next");
        this.method = Objects.requireNonNull(method, "method");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.chain = policy.chain().toArray(new FallbackFunction[0]);
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    @Override
    public V call(Invocation<V> invocation) throws Exception {
        try {
            return next.call(invocation);
        } catch (Throwable failure) {
            if (!failures.mayFallBack(failure, Thread.currentThread().isInterrupted()) || !policy.appliesTo(failure)) {
                throw Failures.sneakyThrow(failure);
            }
            return fallBack(invocation, failure);
        }
    }

    private V fallBack(Invocation<V> invocation, Throwable failure) throws Exception {
        Throwable last = null;
        List<Throwable> earlier = null;
        for (FallbackFunction<V> f : chain) {
            try {
                V v = f.apply(invocation, failure);
                listener.fallbackApplied(method, failure);
                return v;
            } catch (Throwable t) {
                if (last != null) {
                    earlier = earlier != null ? earlier : new ArrayList<>(chain.length);
                    earlier.add(last);
                }
                last = t;
            }
        }
        throw Failures.sneakyThrow(Chain.suppressing(last, earlier));
    }
}
