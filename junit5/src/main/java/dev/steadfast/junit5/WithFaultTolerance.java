package dev.steadfast.junit5;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a test class with {@link FaultToleranceTestExtension}: every Steadfast container started while the class runs
 * (by weld-junit5's {@code @EnableWeld}, by hand with Weld SE, or by another framework's extension) runs on a
 * {@link TestClock} the test advances; every circuit breaker, bulkhead and rate limit starts each test fresh; and
 * tests can take a {@link FaultToleranceControl} parameter to force breakers open or closed.
 *
 * <p>Declare it before {@code @EnableWeld} (or any extension that starts the container), so that its callbacks run
 * first:
 * <pre>{@code
 * @WithFaultTolerance
 * @EnableWeld
 * class PaymentsTest { ... }
 * }</pre>
 *
 * <p>The tests of one class share one clock, so they run one after the other ({@link ExecutionMode#SAME_THREAD});
 * with JUnit's parallel execution, different classes still run in parallel, each with its own clock.
 *
 * <p>May be used as a meta-annotation.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(FaultToleranceTestExtension.class)
@Execution(ExecutionMode.SAME_THREAD)
public @interface WithFaultTolerance {

    /**
     * {@code true} (the default): Steadfast's time is a {@link TestClock} that moves only when the test advances it.
     * {@code false}: real time, for tests that want real timeouts; state is still reset between tests and breakers can
     * still be forced, but there is no {@code TestClock} to resolve.
     */
    boolean manualTime() default true;
}
