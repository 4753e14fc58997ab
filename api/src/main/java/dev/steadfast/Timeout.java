package dev.steadfast;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.temporal.ChronoUnit;

/**
 * Bounds how long a call may take.
 *
 * <p>Synchronous methods run on the caller's thread; at the deadline that thread is interrupted, and when the method
 * returns or throws past the deadline the caller gets a {@link TimeoutExceededException} whatever the method returned.
 * The thread's interrupt flag is cleared afterwards. For a method returning a {@code CompletionStage}, the returned
 * stage completes exceptionally with {@link TimeoutExceededException} at the deadline. Timeouts share one timer: no
 * thread is started per call.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Timeout {

    /** The time allowed, in {@link #unit()}. At least 1. Default 1000 ms. */
    long value() default 1000;

    /** Unit of {@link #value()}. Default {@link ChronoUnit#MILLIS}. */
    ChronoUnit unit() default ChronoUnit.MILLIS;
}
