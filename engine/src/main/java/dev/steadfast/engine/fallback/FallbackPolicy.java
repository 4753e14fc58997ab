package dev.steadfast.engine.fallback;

import dev.steadfast.RetryExhaustedException;
import dev.steadfast.engine.ExceptionMatcher;

import java.util.List;
import java.util.Objects;

/**
 * A fallback chain and the failures it applies to. {@link #appliesTo} matches the failure and, for a
 * {@link RetryExhaustedException}, its cause too; the skip list wins over the apply list.
 */
public record FallbackPolicy(List<FallbackFunction<Object>> chain, ExceptionMatcher applyOn) {

    public FallbackPolicy {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a fallback needs at least one handler or method");
        }
        Objects.requireNonNull(applyOn, "applyOn");
    }

    public boolean appliesTo(Throwable failure) {
        Throwable cause = failure instanceof RetryExhaustedException ? failure.getCause() : null;
        if (applyOn.excluded(failure) || (cause != null && applyOn.excluded(cause))) {
            return false;
        }
        return applyOn.included(failure) || (cause != null && applyOn.included(cause));
    }
}
