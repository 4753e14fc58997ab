package dev.steadfast;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.temporal.ChronoUnit;
import java.util.function.Predicate;

/**
 * Retries a failed call.
 *
 * <p>A success returns at once. A failure that is not an instance of a {@link #retryOn()} class, or that is an
 * instance of an {@link #abortOn()} class, propagates unwrapped at once. Otherwise the call is attempted again after
 * a delay, until it succeeds or the budget ({@link #maxRetries()} retries, {@link #maxDuration()} in all) is spent;
 * then the caller gets a {@link RetryExhaustedException} carrying the last failure as its cause.
 *
 * <p>Steadfast's own rejections ({@link CircuitOpenException}, {@link BulkheadFullException},
 * {@link RateLimitExceededException}) are retried only when {@link #retryOn()} names their class (or
 * {@link FaultToleranceException}) explicitly. A failure implementing {@link RetryAfterHint} makes the next delay at
 * least as long as its hint. An interrupt during a delay stops retrying, keeps the thread's interrupt flag set and
 * propagates the last failure.
 *
 * <p>On a type, it applies to every business method; on a method, it replaces the one on the type. Every member can be
 * overridden with the config key {@code steadfast."<class>/<method>".retry.<member-in-kebab-case>} and the class and
 * global variants described in the README.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Retry {

    /**
     * Retries after the first attempt; {@code -1} means no count limit, in which case {@link #maxDuration()} bounds
     * the retries. Default {@code 3}: at most four attempts in all.
     */
    int maxRetries() default 3;

    /** Base delay before each retry, in {@link #delayUnit()}. Default {@code 0}. */
    long delay() default 0;

    /** Unit of {@link #delay()}. Default {@link ChronoUnit#MILLIS}. */
    ChronoUnit delayUnit() default ChronoUnit.MILLIS;

    /** How the delay grows from one retry to the next. Default {@link Backoff#CONSTANT}. */
    Backoff backoff() default Backoff.CONSTANT;

    /** Growth factor for {@link Backoff#EXPONENTIAL}: the n-th retry waits {@code delay × factor^(n-1)}. At least 1. */
    double factor() default 2.0;

    /** Cap on any single delay, in {@link #maxDelayUnit()}; {@code 0} means no cap. When set, not below {@link #delay()}. */
    long maxDelay() default 0;

    /** Unit of {@link #maxDelay()}. Default {@link ChronoUnit#MILLIS}. */
    ChronoUnit maxDelayUnit() default ChronoUnit.MILLIS;

    /**
     * Fraction in [0, 1]: each delay is multiplied by a uniform random value in {@code [1 - jitter, 1 + jitter]}
     * (before the {@link #maxDelay()} cap). Default {@code 0}: no jitter.
     */
    double jitter() default 0.0;

    /**
     * Budget for the whole call, all attempts and delays, in {@link #durationUnit()}; {@code 0} means none. No retry
     * starts once its delay would cross the budget. When set, above {@link #delay()}. Default 180 000 ms.
     */
    long maxDuration() default 180_000;

    /** Unit of {@link #maxDuration()}. Default {@link ChronoUnit#MILLIS}. */
    ChronoUnit durationUnit() default ChronoUnit.MILLIS;

    /** Failures that are retried, subclasses included. Default {@code Exception}. */
    Class<? extends Throwable>[] retryOn() default {Exception.class};

    /** Failures that are never retried, subclasses included; wins over {@link #retryOn()}. Default none. */
    Class<? extends Throwable>[] abortOn() default {};

    /**
     * A predicate over the method's result: a result it accepts counts as a failed attempt (an HTTP 503 response, an
     * empty page). The class is used as a CDI bean when it is one, else instantiated once through its no-arg
     * constructor. Default {@link NoResultRetry}: results are never retried.
     */
    Class<? extends Predicate<Object>> retryOnResult() default NoResultRetry.class;
}
