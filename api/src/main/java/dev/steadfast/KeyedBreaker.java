package dev.steadfast;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.temporal.ChronoUnit;

/**
 * Makes the method's {@link CircuitBreaker} keyed, and bounds the family's memory: one independent breaker per key,
 * selected by the {@link BreakerKey} parameter or by {@link #keyFunction()}. Without this annotation a
 * {@code @BreakerKey} parameter alone makes the breaker keyed with these defaults.
 *
 * <p>A key whose breaker is CLOSED and unused for {@link #keyIdleEviction()} is forgotten (its next call starts a fresh
 * window). The family holds at most {@link #maxKeys()} keys: a new key beyond that first evicts the least recently
 * used CLOSED keys; a key that is OPEN, HALF_OPEN or forced open is never evicted. When every key held may not be
 * evicted, calls of new keys share one overflow breaker of the family, listed under the key {@code "other"}.
 *
 * <p>Members can be overridden with {@code steadfast.circuit-breaker."<name>".<member>} for a named breaker (all
 * methods naming it must agree), and the method, class and global keys of {@code circuit-breaker}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface KeyedBreaker {

    /** Computes the key from the arguments; the default uses the {@link BreakerKey} parameter. */
    Class<? extends BreakerKeyFunction> keyFunction() default BreakerKeyFunction.None.class;

    /** The most keys the family holds at once. At least 1. Default 10,000. */
    int maxKeys() default 10_000;

    /** A CLOSED key unused this long is evicted, in {@link #keyIdleEvictionUnit()}; positive. Default 10 min. */
    long keyIdleEviction() default 10;

    /** Unit of {@link #keyIdleEviction()}. Default {@link ChronoUnit#MINUTES}. */
    ChronoUnit keyIdleEvictionUnit() default ChronoUnit.MINUTES;
}
