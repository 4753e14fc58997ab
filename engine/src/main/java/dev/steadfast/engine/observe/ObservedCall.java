package dev.steadfast.engine.observe;

import dev.steadfast.engine.ForwardingInvocation;
import dev.steadfast.engine.Invocation;
import dev.steadfast.engine.fallback.FallbackFunction;

/**
 * One call of an observed operation that has a fallback: the invocation handed down the chain, which the fallback
 * functions mark when they are tried, so the observing strategy can tell a fallback's answer from the method's.
 */
final class ObservedCall<V> extends ForwardingInvocation<V> {

    /** Written by a fallback before it runs, read when the call ended (after it, on the same or a completing thread). */
    private volatile boolean fellBack;
    /** The observing strategy's start reading, which the fallback strategy reuses to time the guarded part. */
    private final long start;

    ObservedCall(Invocation<V> invocation, long start) {
        super(invocation);
        this.start = start;
    }

    @Override
    public long startNanos() {
        return start;
    }

    boolean fellBack() {
        return fellBack;
    }

    /** {@code f}, marking the call it is tried for. */
    static <V> FallbackFunction<V> marking(FallbackFunction<V> f) {
        return (invocation, failure) -> {
            if (invocation instanceof ObservedCall<?> call) {
                call.fellBack = true;
            }
            return f.apply(invocation, failure);
        };
    }
}
