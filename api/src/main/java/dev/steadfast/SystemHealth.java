package dev.steadfast;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A health report: every circuit breaker and every registered {@link ComponentCheck}, and the overall status.
 *
 * @param status     the worst status of any breaker or component (FAILING over DEGRADED over HEALTHY);
 *                   {@link HealthStatus#HEALTHY} when there are none
 * @param breakers   each breaker's status by registry name, sorted by name (unmodifiable)
 * @param components each component check's latest result by name, sorted by name (unmodifiable); empty when no check
 *                   is registered
 */
public record SystemHealth(HealthStatus status, Map<String, HealthStatus> breakers,
        Map<String, ComponentHealth> components) {

    /** Checks the arguments and makes the maps unmodifiable sorted copies. */
    public SystemHealth {
        Objects.requireNonNull(status, "status");
        breakers = Collections.unmodifiableMap(new TreeMap<>(breakers));
        components = Collections.unmodifiableMap(new TreeMap<>(components));
    }

    /** A report of breakers alone. */
    public SystemHealth(HealthStatus status, Map<String, HealthStatus> breakers) {
        this(status, breakers, Map.of());
    }
}
