package dev.steadfast.engine;

import dev.steadfast.FallbackApplied;

import java.util.Objects;

/**
 * An invocation that passes everything on to another one. A strategy (or a front end's hook) that must carry state of
 * one call down the chain, for a decorator further in to find, hands down a subclass of it instead of the invocation it
 * got.
 *
 * @param <V> the result type
 */
public abstract class ForwardingInvocation<V> implements Invocation<V> {

    private final Invocation<V> delegate;

    protected ForwardingInvocation(Invocation<V> delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The invocation this one passes on to. */
    public final Invocation<V> delegate() {
        return delegate;
    }

    @Override
    public V proceed() throws Exception {
        return delegate.proceed();
    }

    @Override
    public Object[] arguments() {
        return delegate.arguments();
    }

    @Override
    public Object target() {
        return delegate.target();
    }

    @Override
    public long startNanos() {
        return delegate.startNanos();
    }

    @Override
    public void fallbackApplied(FallbackApplied event) {
        delegate.fallbackApplied(event);
    }
}
