package dev.steadfast.guard;

import dev.steadfast.Backoff;
import dev.steadfast.engine.ExceptionMatcher;
import dev.steadfast.engine.retry.RetryPolicy;

import java.time.Duration;
import java.util.List;
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

    private int maxRetries = 3;
    private Duration delay = Duration.ZERO;
    private Backoff backoff = Backoff.CONSTANT;
    private double factor = 2.0;
    private Duration maxDelay = Duration.ZERO;
    private double jitter;
    private Duration maxDuration = Duration.ofMinutes(3);
    private List<Class<? extends Throwable>> retryOn = List.of(Exception.class);
    private List<Class<? extends Throwable>> abortOn = List.of();
    private Predicate<? super T> retryOnResult;

    RetryOptions() {
    }

    /** Retries after the first attempt; {@code -1} for no count limit (then {@link #maxDuration} bounds it). */
    public RetryOptions<T> maxRetries(int value) {
        this.maxRetries = value;
        return this;
    }

    /** The base delay before each retry. */
    public RetryOptions<T> delay(Duration value) {
        this.delay = value;
        return this;
    }

    public RetryOptions<T> backoff(Backoff value) {
        this.backoff = Objects.requireNonNull(value, "backoff");
        return this;
    }

    /** The growth factor of {@link Backoff#EXPONENTIAL}, at least 1. */
    public RetryOptions<T> factor(double value) {
        this.factor = value;
        return this;
    }

    /** A cap on any single delay; {@link Duration#ZERO} for none. */
    public RetryOptions<T> maxDelay(Duration value) {
        this.maxDelay = value;
        return this;
    }

    /** Each delay is multiplied by a uniform random value in [1 - jitter, 1 + jitter]; within [0, 1]. */
    public RetryOptions<T> jitter(double value) {
        this.jitter = value;
        return this;
    }

    /** The budget of the whole call, all attempts and delays; {@link Duration#ZERO} for none. */
    public RetryOptions<T> maxDuration(Duration value) {
        this.maxDuration = value;
        return this;
    }

    /** The failures that are retried, subclasses included (replaces the default {@code Exception}). */
    @SafeVarargs
    public final RetryOptions<T> retryOn(Class<? extends Throwable>... failures) {
        this.retryOn = Rules.listOf(failures, "retryOn");
        return this;
    }

    /** The failures never retried; wins over {@link #retryOn}. */
    @SafeVarargs
    public final RetryOptions<T> abortOn(Class<? extends Throwable>... failures) {
        this.abortOn = Rules.listOf(failures, "abortOn");
        return this;
    }

    /** A result this predicate accepts counts as a failed attempt (an HTTP 503 response, say). */
    public RetryOptions<T> retryOnResult(Predicate<? super T> predicate) {
        this.retryOnResult = Objects.requireNonNull(predicate, "retryOnResult");
        return this;
    }

    @SuppressWarnings("unchecked")
    RetryPolicy toPolicy(Rules rules) {
        if (maxRetries < -1) {
            throw rules.broken("retry maxRetries", maxRetries, "is below -1; use -1 for no count limit");
        }
        long delayNanos = rules.nanos("retry delay", delay);
        if (!(factor >= 1)) {
            throw rules.broken("retry factor", factor, "is below 1; a backoff factor must be at least 1");
        }
        long maxDelayNanos = rules.nanos("retry maxDelay", maxDelay);
        if (maxDelayNanos > 0 && maxDelayNanos < delayNanos) {
            throw rules.broken("retry maxDelay", maxDelay, "is below delay " + delay
                    + "; a cap must not be below the delay");
        }
        rules.within01("retry jitter", jitter);
        long maxDurationNanos = rules.nanos("retry maxDuration", maxDuration);
        if (maxDurationNanos > 0 && maxDurationNanos <= delayNanos) {
            throw rules.broken("retry maxDuration", maxDuration, "is not above delay " + delay
                    + "; no retry could start within it");
        }
        if (maxRetries == -1 && maxDurationNanos == 0) {
            throw rules.broken("retry maxRetries", maxRetries, "(no count limit) needs a maxDuration, but"
                    + " maxDuration is 0; the retries would never end");
        }
        return new RetryPolicy(maxRetries, delayNanos, backoff, factor, maxDelayNanos, jitter, maxDurationNanos,
                new ExceptionMatcher(retryOn, abortOn), (Predicate<Object>) retryOnResult);
    }
}
