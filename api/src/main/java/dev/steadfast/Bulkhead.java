package dev.steadfast;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.temporal.ChronoUnit;

/**
 * Limits how many executions of a method run at once.
 *
 * <p>At most {@link #value()} executions run concurrently. An asynchronous method may queue up to
 * {@link #waitingTaskQueue()} more; a synchronous caller may wait up to {@link #maxWait()} for a permit. Beyond those
 * the call is rejected with {@link BulkheadFullException} and the method is not invoked.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Bulkhead {

    /** Concurrent executions allowed. At least 1. Default 10. */
    int value() default 10;

    /** For asynchronous methods, executions that may wait for a permit. At least 0. Default 10. */
    int waitingTaskQueue() default 10;

    /** How long a synchronous caller may wait for a permit, in {@link #maxWaitUnit()}; {@code 0} (default) rejects at once. */
    long maxWait() default 0;

    /** Unit of {@link #maxWait()}. Default {@link ChronoUnit#MILLIS}. */
    ChronoUnit maxWaitUnit() default ChronoUnit.MILLIS;
}
