package dev.steadfast.guard;

import dev.steadfast.Backoff;
import dev.steadfast.engine.retry.RetryPolicy;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The retry of a {@link Guard}, with {@link dev.steadfast.Retry @Retry}'s defaults and meaning: 3 retries, no delay,
 * constant backoff (factor 2 when exponential), no delay cap, no jitter, a 180 s budget, retry on every
 * {@link Exception}, abort on none, no result retried. Values are checked when the guard is built.
 *
 * @param <T> the guarded call's result type
 */
public final class RetryOptions<T> {

    private final RetryPolicy.Builder policy = RetryPolicy.builder();

    RetryOptions() {
    }

    /** Retries after the first attempt; {@code -1} for no count limit (then {@link #maxDuration} bounds it). */
    public RetryOptions<T> maxRetries(int value) {
        policy.maxRetries(value);
        return this;
    }

    /** The base delay before each retry. */
    public RetryOptions<T> delay(Duration value) {
        policy.delay(value);
        return this;
    }

    public RetryOptions<T> backoff(Backoff value) {
        policy.backoff(value);
        return this;
    }

    /** The growth factor of {@link Backoff#EXPONENTIAL}, at least 1. */
    public RetryOptions<T> factor(double value) {
        policy.factor(value);
        return this;
    }

    /** A cap on any single delay; {@link Duration#ZERO} for none. */
    public RetryOptions<T> maxDelay(Duration value) {
        policy.maxDelay(value);
        return this;
    }

    /** Each delay is multiplied by a uniform random value in [1 - jitter, 1 + jitter]; within [0, 1]. */
    public RetryOptions<T> jitter(double value) {
        policy.jitter(value);
        return this;
    }

    /** The budget of the whole call, all attempts and delays; {@link Duration#ZERO} for none. */
    public RetryOptions<T> maxDuration(Duration value) {
        policy.maxDuration(value);
        return this;
    }

    /** The failures that are retried, subclasses included (replaces the default {@code Exception}). */
    @SafeVarargs
    public final RetryOptions<T> retryOn(Class<? extends Throwable>... failures) {
        policy.retryOn(Rules.listOf(failures, "retryOn"));
        return this;
    }

    /** The failures never retried; wins over {@link #retryOn}. */
    @SafeVarargs
    public final RetryOptions<T> abortOn(Class<? extends Throwable>... failures) {
        policy.abortOn(Rules.listOf(failures, "abortOn"));
        return this;
    }

    /** A result this predicate accepts counts as a failed attempt (an HTTP 503 response, say). */
    @SuppressWarnings("unchecked")
    public RetryOptions<T> retryOnResult(Predicate<? super T> predicate) {
        policy.retryOnResult((Predicate<Object>) Objects.requireNonNull(predicate, "retryOnResult"));
        return this;
    }

    RetryPolicy toPolicy(Rules rules) {
        rules.check(policy.violations(), member -> "retry " + member);
        return policy.build();
    }
}
