package dev.steadfast.engine.fallback;

import dev.steadfast.engine.Invocation;

/**
 * One fallback of a chain: a handler or a fallback method, already resolved by the front end.
 *
 * @param <V> the guarded call's result type (a stage type for methods returning {@code CompletionStage})
 */
@FunctionalInterface
public interface FallbackFunction<V> {

    /**
     * @param invocation the failed call (its arguments and target)
     * @param failure    what it failed with
     */
    V apply(Invocation<V> invocation, Throwable failure) throws Exception;
}
