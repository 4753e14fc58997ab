package dev.steadfast.engine.retry;

import dev.steadfast.Backoff;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * A {@link RetryPolicy.Builder} (which starts from the {@code @Retry} defaults) with varargs failure lists, so each
 * test states only what it changes.
 */
final class Policies {

    private final RetryPolicy.Builder builder = RetryPolicy.builder();

    static Policies retry() {
        return new Policies();
    }

    Policies maxRetries(int n) {
        builder.maxRetries(n);
        return this;
    }

    Policies delay(Duration d) {
        builder.delay(d);
        return this;
    }

    Policies backoff(Backoff b) {
        builder.backoff(b);
        return this;
    }

    Policies factor(double f) {
        builder.factor(f);
        return this;
    }

    Policies maxDelay(Duration d) {
        builder.maxDelay(d);
        return this;
    }

    Policies jitter(double j) {
        builder.jitter(j);
        return this;
    }

    Policies maxDuration(Duration d) {
        builder.maxDuration(d);
        return this;
    }

    @SafeVarargs
    @SuppressWarnings("varargs")
    final Policies retryOn(Class<? extends Throwable>... classes) {
        builder.retryOn(List.of(classes));
        return this;
    }

    @SafeVarargs
    @SuppressWarnings("varargs")
    final Policies abortOn(Class<? extends Throwable>... classes) {
        builder.abortOn(List.of(classes));
        return this;
    }

    Policies retryOnResult(Predicate<Object> p) {
        builder.retryOnResult(p);
        return this;
    }

    RetryPolicy build() {
        return builder.build();
    }
}
