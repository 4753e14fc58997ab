package dev.steadfast;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the parameter whose value selects the circuit breaker of a call: the method's {@link CircuitBreaker} becomes a
 * <em>family</em> of independent breakers, one per key value (a tenant, a host), all with the family's settings. One
 * failing key opens only its own breaker. The key is the argument itself ({@code equals}/{@code hashCode}); a
 * {@code null} argument is the key {@code "null"}. See {@link KeyedBreaker} for the family's memory bounds and for a
 * key function instead of a parameter.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface BreakerKey {
}
