package dev.steadfast.guard;

import dev.steadfast.CircuitBreakers;
import dev.steadfast.FaultToleranceHealth;
import dev.steadfast.RateLimiters;
import dev.steadfast.engine.Engines;

/**
 * The registry and health report of the engine that {@link Guard}s run on, for code outside CDI (inside, inject
 * {@link CircuitBreakers} and {@link FaultToleranceHealth}). While a CDI container with Steadfast runs, these are the
 * container's, listing annotated methods' breakers and guards' alike; otherwise the standalone engine's.
 */
public final class Steadfast {

    private Steadfast() {
    }

    /** Every circuit breaker: named ones under their name, a guard's unnamed one under the guard's name. */
    public static CircuitBreakers circuitBreakers() {
        return Engines.current().breakers();
    }

    /** Every named rate limiter (guards' unnamed ones are their own and not listed). */
    public static RateLimiters rateLimiters() {
        return Engines.current().rateLimiters();
    }

    /** The breakers' health: {@code HEALTHY}, {@code DEGRADED} or {@code FAILING}, and overall. */
    public static FaultToleranceHealth health() {
        return Engines.current().health();
    }
}
