package dev.steadfast;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Answers in place of a failed call.
 *
 * <p>Either a {@link #value() handler} or one or more {@link #fallbackMethod() fallback methods}, never both. Methods
 * are tried in order until one succeeds; if all fail, the last failure propagates with the earlier ones suppressed.
 * A fallback method lives in the bean's class hierarchy, may have any visibility, takes the guarded method's
 * parameters optionally followed by one {@code Throwable} (or narrower) parameter that receives the failure, and
 * returns a type assignable to the guarded method's.
 *
 * <p>{@link #applyOn()} and {@link #skipOn()} match the failure and, for a {@link RetryExhaustedException}, its cause
 * too, so {@code @Fallback(applyOn = IOException.class)} still applies when retries on {@code IOException} run out.
 * A trailing exception parameter likewise receives that cause when its type accepts the cause and not the wrapper.
 *
 * <p>{@code @Fallback} is the only policy that {@code steadfast.enabled=false} leaves on.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Fallback {

    /** A handler class; a CDI bean when it is one, else instantiated once through its no-arg constructor. */
    @SuppressWarnings("rawtypes")
    Class<? extends FallbackHandler> value() default FallbackHandler.None.class;

    /** One fallback method name, or a chain of names tried in order until one succeeds. */
    String[] fallbackMethod() default {};

    /** Failures that trigger the fallback, subclasses included. Default {@code Throwable}. */
    Class<? extends Throwable>[] applyOn() default {Throwable.class};

    /** Failures that propagate without a fallback; wins over {@link #applyOn()}. Default none. */
    Class<? extends Throwable>[] skipOn() default {};
}
