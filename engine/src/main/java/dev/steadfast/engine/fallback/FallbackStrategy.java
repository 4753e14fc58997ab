package dev.steadfast.engine.fallback;

import dev.steadfast.engine.EngineListener;
import dev.steadfast.engine.Failures;
import dev.steadfast.engine.Invocation;
import dev.steadfast.engine.Strategy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Answers for a failed synchronous call: tries each fallback of the chain in order until one succeeds; if all fail,
 * the last failure propagates with the earlier ones suppressed.
 */
public final class FallbackStrategy<V> implements Strategy<V> {

    private final Strategy<V> next;
    private final String method;
    private final FallbackPolicy policy;
    private final FallbackFunction<V>[] chain;
    private final EngineListener listener;

    @SuppressWarnings("unchecked")
    public FallbackStrategy(Strategy<V> next, String method, FallbackPolicy policy, EngineListener listener) {
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
            if (!policy.appliesTo(failure)) {
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
