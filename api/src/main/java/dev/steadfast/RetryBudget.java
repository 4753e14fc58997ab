package dev.steadfast;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.temporal.ChronoUnit;

/**
 * Caps the retries of a {@link Retry} to a fraction of the calls, so that a failing dependency never receives a retry
 * storm: with {@code maxRetries = 3} and no budget, a dependency at 100% failure gets four times its traffic exactly
 * when it is weakest; with the default budget, at most 1.1 times plus a small reserve.
 *
 * <p>Every call (its first attempt) deposits {@link #ratio()} retry tokens; every retry withdraws one. Deposits and
 * withdrawals count for {@link #window()}, then expire. A reserve of {@link #minPerSecond()} × {@code window} tokens
 * is always there, so a service with little traffic can still retry. When the balance holds less than one token, the
 * retry is not made: the call ends at once in a {@link RetryExhaustedException} whose
 * {@link RetryExhaustedException#getRetryBudget()} names the budget. The retry's own limits ({@code maxRetries},
 * {@code maxDuration}) still apply.
 *
 * <p>Requires {@link Retry} on the same method (directly, from its class or a stereotype). Every method (and
 * programmatic guard) naming one budget shares it, and must agree on its values; set them once with
 * {@code steadfast.retry-budget."<name>".<member>}. With an empty {@link #name()} the budget is the method's own,
 * registered as {@code <fully.qualified.Class>#<method>}. The budgets are listed by the injectable
 * {@link RetryBudgets}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RetryBudget {

    /** Name of a budget shared by every method that names it; {@code ""} (default) means one per method. */
    String name() default "";

    /** Retry tokens each call deposits, in [0, 1]; 0.1 (default) allows retries for one call in ten. */
    double ratio() default 0.1;

    /** Retries per second always allowed, whatever the traffic: a reserve of {@code minPerSecond × window}. At least 0. Default 10. */
    int minPerSecond() default 10;

    /** How long deposits and withdrawals count, in {@link #windowUnit()}: positive, at most a day. Default 10 s. */
    long window() default 10;

    /** Unit of {@link #window()}. Default {@link ChronoUnit#SECONDS}. */
    ChronoUnit windowUnit() default ChronoUnit.SECONDS;
}
