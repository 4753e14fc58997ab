package dev.steadfast;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.temporal.ChronoUnit;

/**
 * Limits how many calls a method accepts per time window.
 *
 * <p>At most {@link #value()} calls are admitted per {@link #window()}, and consecutive calls are at least
 * {@link #minSpacing()} apart. A call beyond that is rejected with {@link RateLimitExceededException}, which tells when
 * a permit will be free, and the method is not invoked.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RateLimit {

    /** Calls admitted per window. At least 1. Default 100. */
    int value() default 100;

    /** Length of the window, in {@link #windowUnit()}. At least 1. Default 1 s. */
    long window() default 1;

    /** Unit of {@link #window()}. Default {@link ChronoUnit#SECONDS}. */
    ChronoUnit windowUnit() default ChronoUnit.SECONDS;

    /** Least time between two admitted calls, in {@link #minSpacingUnit()}; {@code 0} (default) is off. */
    long minSpacing() default 0;

    /** Unit of {@link #minSpacing()}. Default {@link ChronoUnit#MILLIS}. */
    ChronoUnit minSpacingUnit() default ChronoUnit.MILLIS;

    /** How the window moves. Default {@link RateLimitType#FIXED}. */
    RateLimitType type() default RateLimitType.FIXED;
}
