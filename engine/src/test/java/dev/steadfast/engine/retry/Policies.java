package dev.steadfast.engine.retry;

import dev.steadfast.Backoff;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/** Builds a {@link RetryPolicy} starting from the {@code @Retry} defaults, so each test states only what it changes. */
final class Policies {

    private int maxRetries = 3;
    private Duration delay = Duration.ZERO;
    private Backoff backoff = Backoff.CONSTANT;
    private double factor = 2.0;
    private Duration maxDelay = Duration.ZERO;
    private double jitter;
    private Duration maxDuration = Duration.ofMillis(180_000);
    private List<Class<? extends Throwable>> retryOn = List.of(Exception.class);
    private List<Class<? extends Throwable>> abortOn = List.of();
    private Predicate<Object> retryOnResult;

    static Policies retry() {
        return new Policies();
    }

    Policies maxRetries(int n) {
        maxRetries = n;
        return this;
    }

    Policies delay(Duration d) {
        delay = d;
        return this;
    }

    Policies backoff(Backoff b) {
        backoff = b;
        return this;
    }

    Policies factor(double f) {
        factor = f;
        return this;
    }

    Policies maxDelay(Duration d) {
        maxDelay = d;
        return this;
    }

    Policies jitter(double j) {
        jitter = j;
        return this;
    }

    Policies maxDuration(Duration d) {
        maxDuration = d;
        return this;
    }

    @SafeVarargs
    @SuppressWarnings("varargs")
    final Policies retryOn(Class<? extends Throwable>... classes) {
        retryOn = List.of(classes);
        return this;
    }

    @SafeVarargs
    @SuppressWarnings("varargs")
    final Policies abortOn(Class<? extends Throwable>... classes) {
        abortOn = List.of(classes);
        return this;
    }

    Policies retryOnResult(Predicate<Object> p) {
        retryOnResult = p;
        return this;
    }

    RetryPolicy build() {
        return RetryPolicy.builder().maxRetries(maxRetries).delay(delay).backoff(backoff).factor(factor)
                .maxDelay(maxDelay).jitter(jitter).maxDuration(maxDuration).retryOn(retryOn).abortOn(abortOn)
                .retryOnResult(retryOnResult).build();
    }
}
