package dev.steadfast.engine.fallback;

import dev.steadfast.Degraded;
import dev.steadfast.FallbackApplied;
import dev.steadfast.RetryExhaustedException;
import dev.steadfast.engine.ExceptionMatcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A fallback chain and the failures it applies to. {@link #appliesTo} matches the failure and, for a
 * {@link RetryExhaustedException}, its cause too; the skip list wins over the apply list.
 *
 * @param chain        the fallbacks, tried in order
 * @param applyOn      the failures they answer for
 * @param names        each fallback's name, for {@link FallbackApplied#fallback()}: a fallback method's name, a
 *                     handler's class; as many as {@code chain}
 * @param flagsAnswers the operation declares {@link Degraded} answers: each fallback's answer (the value of its
 *                     stage, for an operation returning one) reaches the caller as a {@code Degraded} whose reason is
 *                     the call's {@link FallbackApplied}
 */
public record FallbackPolicy(List<FallbackFunction<Object>> chain, ExceptionMatcher applyOn, List<String> names,
        boolean flagsAnswers) {

    public FallbackPolicy {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a fallback needs at least one handler or method");
        }
        Objects.requireNonNull(applyOn, "applyOn");
        names = List.copyOf(names);
        if (names.size() != chain.size()) {
            throw new IllegalArgumentException(names.size() + " names for " + chain.size() + " fallbacks: " + names);
        }
    }

    /** Fallbacks named by their place ({@code fallback-1}, …), answering plain values. */
    public FallbackPolicy(List<FallbackFunction<Object>> chain, ExceptionMatcher applyOn) {
        this(chain, applyOn, numbered("fallback-", chain.size()), false);
    }

    /** {@code prefix1}, {@code prefix2}, … {@code prefix<n>}. */
    public static List<String> numbered(String prefix, int n) {
        List<String> names = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            names.add(prefix + i);
        }
        return names;
    }

    /** The same policy with another chain of as many fallbacks (each one decorating the one in its place). */
    public FallbackPolicy withChain(List<FallbackFunction<Object>> other) {
        return new FallbackPolicy(other, applyOn, names, flagsAnswers);
    }

    public boolean appliesTo(Throwable failure) {
        Throwable cause = failure instanceof RetryExhaustedException ? failure.getCause() : null;
        if (applyOn.excluded(failure) || (cause != null && applyOn.excluded(cause))) {
            return false;
        }
        return applyOn.included(failure) || (cause != null && applyOn.included(cause));
    }

    /**
     * What the caller gets for a fallback's answer (for an operation returning a stage, the stage's value): the answer
     * itself, or, when the policy {@linkplain #flagsAnswers() flags answers}, a {@link Degraded} of its value (the
     * answer's own value when the fallback returned a {@code Degraded} itself) for {@code event}.
     */
    public Object answer(Object value, FallbackApplied event) {
        if (!flagsAnswers) {
            return value;
        }
        return Degraded.of(value instanceof Degraded<?> d ? d.value() : value, event);
    }
}
