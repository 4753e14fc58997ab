package dev.steadfast.guard;

import dev.steadfast.CircuitBreakers;
import dev.steadfast.FaultToleranceHealth;
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

    /**
     * The health report: each breaker and each registered component check {@code HEALTHY}, {@code DEGRADED} or
     * {@code FAILING}, and overall (the worst). Register checks of code without CDI here:
     * <pre>{@code
     * FaultToleranceHealth.Registration r = Steadfast.health().register(new DiskSpaceCheck());
     * }</pre>
     * Without a container they run on demand with a 2 s timeout unless they say otherwise
     * ({@link dev.steadfast.ComponentCheck#interval()}, {@link dev.steadfast.ComponentCheck#timeout()}); a check
     * registered here belongs to the engine that is current now, and is not moved to a container started later.
     */
    public static FaultToleranceHealth health() {
        return Engines.current().health();
    }
}
