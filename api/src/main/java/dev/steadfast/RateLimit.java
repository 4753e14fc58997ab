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
 *
 * <p>With an empty {@link #name()} there is one limiter per bean class and method. With a name, every method that
 * names it shares one limiter, across beans; their values must agree (or come from the config keys
 * {@code steadfast.rate-limit."<name>".<member>}), else the deployment fails. A named limiter with
 * {@link #scope()} {@link Scope#CLUSTER} is shared by every instance of the application: at most {@link #value()}
 * calls per window across the fleet ({@code FIXED} and {@code SMOOTH}; see {@code docs/cluster.md}).
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

    /** Name of a limiter shared by every method that names it; {@code ""} (default) means one per method. */
    String name() default "";

    /**
     * {@link Scope#LOCAL} (default): the limit is this application instance's. {@link Scope#CLUSTER}: the limit is the
     * whole fleet's; needs a {@link #name()}, {@code type} {@code FIXED} or {@code SMOOTH}, no {@link #minSpacing()},
     * and a cluster backend on the classpath.
     */
    Scope scope() default Scope.LOCAL;
}
