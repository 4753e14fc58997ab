package dev.steadfast;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.temporal.ChronoUnit;

/**
 * Stops calling a failing dependency for a while.
 *
 * <p>The breaker keeps a rolling window of the last {@link #requestVolumeThreshold()} outcomes. Once the window has
 * filled, it opens when failures / window ≥ {@link #failureRatio()}. While {@link CircuitState#OPEN OPEN}, calls are
 * rejected with {@link CircuitOpenException} without invoking the method. After {@link #delay()} it turns
 * {@link CircuitState#HALF_OPEN HALF_OPEN} and lets at most {@link #halfOpenMaxCalls()} trial calls through at once;
 * {@link #successThreshold()} successful trials close it, any failed trial opens it again.
 *
 * <p>With an empty {@link #name()} there is one breaker per bean class and method, shared by every instance of the
 * bean. With a name, every method that names it shares one breaker, across beans; their parameters must agree (or come
 * from the config keys {@code steadfast.circuit-breaker."<name>".<member>}), else the deployment fails.
 *
 * <p>"Open after 5 consecutive failures" is {@code requestVolumeThreshold = 5, failureRatio = 1.0}.
 *
 * <p>A named breaker with {@link #scope()} {@link Scope#CLUSTER} is shared by every instance of the application, by
 * quorum: each instance still decides on its own window, and also opens when the fleet's recent windows together
 * cross {@link #failureRatio()} over at least {@link #requestVolumeThreshold()} calls with failures from at least
 * {@link #quorum()} instances. An OPEN decided that way, the HALF_OPEN trials and the operator's {@code forceOpen} and
 * {@code reset} then hold for the whole fleet (see {@code docs/cluster.md}).
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface CircuitBreaker {

    /** Name of a breaker shared by every method that names it; {@code ""} (default) means one per method. */
    String name() default "";

    /** Size of the rolling window of recent calls; no decision before it has filled once. At least 1. Default 20. */
    int requestVolumeThreshold() default 20;

    /** Opens when failures / window ≥ this ratio, in [0, 1]. Default {@code 0.5}. */
    double failureRatio() default 0.5;

    /** Time spent OPEN before trial calls are let through, in {@link #delayUnit()}. Default 5000 ms. */
    long delay() default 5000;

    /** Unit of {@link #delay()}. Default {@link ChronoUnit#MILLIS}. */
    ChronoUnit delayUnit() default ChronoUnit.MILLIS;

    /** Successful trial calls that close the breaker; any trial failure reopens it. At least 1. Default 1. */
    int successThreshold() default 1;

    /** Trial calls allowed at once while HALF_OPEN; more are rejected. At least 1. Default 1. */
    int halfOpenMaxCalls() default 1;

    /** Failures that count as failures, subclasses included. Default {@code Throwable}. */
    Class<? extends Throwable>[] failOn() default {Throwable.class};

    /** Failures that count as successes; wins over {@link #failOn()}. Default none. */
    Class<? extends Throwable>[] skipOn() default {};

    /** A successful call slower than this counts as a failure, in {@link #slowCallUnit()}; {@code 0} (default) is off. */
    long slowCallThreshold() default 0;

    /** Unit of {@link #slowCallThreshold()}. Default {@link ChronoUnit#MILLIS}. */
    ChronoUnit slowCallUnit() default ChronoUnit.MILLIS;

    /**
     * {@link Scope#LOCAL} (default): this application instance's breaker. {@link Scope#CLUSTER}: the fleet's, by
     * quorum; only for a named breaker.
     */
    Scope scope() default Scope.LOCAL;

    /**
     * For {@link Scope#CLUSTER}: how many instances must report failing calls before the fleet's windows may open
     * every instance's breaker. {@code 0} (default): a majority of the instances that called in the window, at least
     * 2. {@code 1} lets any one instance open the whole fleet.
     */
    int quorum() default 0;
}
