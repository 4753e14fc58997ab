package dev.steadfast.impl.core;

import dev.steadfast.impl.core.breaker.BreakerPolicy;
import dev.steadfast.impl.core.fallback.FallbackPolicy;
import dev.steadfast.impl.core.retry.RetryPolicy;
import dev.steadfast.impl.core.timeout.TimeoutPolicy;

import java.util.Objects;

/**
 * Everything the engine needs to build the strategy chain of one guarded operation, produced by a front end
 * (annotations read by the CDI layer, or the programmatic builder). A {@code null} policy is absent.
 *
 * @param name         the operation as messages name it, e.g. {@code com.acme.Quotes#fetch(String)}
 * @param returnsStage the operation returns a {@code CompletionStage}: strategies work on the stage
 * @param asynchronous the body runs on the asynchronous executor (implies {@code returnsStage})
 * @param breakerName  the registry name of the circuit breaker; several operations may share one
 */
public record GuardPolicy(String name, boolean returnsStage, boolean asynchronous, FallbackPolicy fallback,
        RetryPolicy retry, String breakerName, BreakerPolicy breaker, TimeoutPolicy timeout) {

    public GuardPolicy {
        Objects.requireNonNull(name, "name");
        if ((breaker == null) != (breakerName == null)) {
            throw new IllegalArgumentException(name + ": a circuit breaker needs both a name and a policy");
        }
        if (asynchronous && !returnsStage) {
            throw new IllegalArgumentException(name + ": an asynchronous operation must return a CompletionStage");
        }
    }

    /** Whether any policy is present. */
    public boolean isEmpty() {
        return !asynchronous && fallback == null && retry == null && breaker == null && timeout == null;
    }
}
