package dev.steadfast;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Limits how many executions of a method run at once, with a limit that follows the dependency's latency instead of a
 * fixed number: it falls when calls queue up in the dependency (latency rises above its no-load latency, or calls time
 * out or are rejected downstream) and rises while latency stays at its floor and the limit is in use.
 *
 * <p>A call beyond the current limit is rejected at once with {@link BulkheadFullException}, whose
 * {@link BulkheadFullException#getMaxConcurrentCalls()} is the limit at that moment; nothing waits. Works for
 * synchronous methods and for methods returning a {@code CompletionStage} (a call runs until its stage completes).
 *
 * <p>The algorithm (docs/overload.md): calls are measured in windows of about one round trip (as many calls as the
 * limit); per window, the queue in the dependency is estimated as {@code limit × (1 − noLoad / latency)} (Vegas's
 * estimate, the gradient of Gradient2); a queue above 6·log10(limit) moves the limit to {@code limit × gradient +
 * 3·log10(limit)} (at most halving it), a queue below 3·log10(limit) raises it by the difference when at least half the
 * limit was in use; a timeout, interrupt or downstream rejection in the window multiplies it by {@link #backoffRatio()}.
 * The no-load latency is the least window latency seen recently, refreshed by probe windows at three quarters of the
 * limit.
 *
 * <p>Not together with {@link Bulkhead} on one method (the deployment fails). On a type, it applies to every business
 * method. Members can be overridden with {@code steadfast."<class>/<method>".adaptive-bulkhead.<member>} and the class
 * and global variants.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface AdaptiveBulkhead {

    /** The limit before anything was measured, within [{@link #minLimit()}, {@link #maxLimit()}]. Default 20. */
    int initialLimit() default 20;

    /** The limit never falls below this. At least 1. Default 1. */
    int minLimit() default 1;

    /** The limit never rises above this. At least {@link #minLimit()}. Default 200. */
    int maxLimit() default 200;

    /** What a window with a timeout or downstream rejection multiplies the limit by, in [0.5, 1). Default 0.9. */
    double backoffRatio() default 0.9;
}
