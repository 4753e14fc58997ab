package dev.steadfast.engine.breaker;

import dev.steadfast.CircuitBreakerHandle;
import dev.steadfast.CircuitBreakers;
import dev.steadfast.FaultToleranceHealth;
import dev.steadfast.HealthStatus;
import dev.steadfast.SystemHealth;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Health as the breakers see it: CLOSED is {@link HealthStatus#HEALTHY}, HALF_OPEN {@link HealthStatus#DEGRADED},
 * OPEN and FORCED_OPEN {@link HealthStatus#FAILING}; the overall status is the worst one. Thread-safe.
 */
public final class BreakerHealth implements FaultToleranceHealth {

    private final CircuitBreakers breakers;

    public BreakerHealth(CircuitBreakers breakers) {
        this.breakers = Objects.requireNonNull(breakers, "breakers");
    }

    @Override
    public SystemHealth report() {
        Map<String, HealthStatus> each = new HashMap<>();
        HealthStatus worst = HealthStatus.HEALTHY;
        for (CircuitBreakerHandle b : breakers.all()) {
            HealthStatus s = switch (b.state()) {
                case CLOSED -> HealthStatus.HEALTHY;
                case HALF_OPEN -> HealthStatus.DEGRADED;
                case OPEN, FORCED_OPEN -> HealthStatus.FAILING;
            };
            each.put(b.name(), s);
            if (s.ordinal() > worst.ordinal()) {
                worst = s;
            }
        }
        return new SystemHealth(worst, each);
    }
}
