package dev.steadfast;

import java.util.Map;
import java.util.Objects;

/**
 * A health report.
 *
 * @param status   the worst status of any breaker; {@link HealthStatus#HEALTHY} when there are none
 * @param breakers each breaker's status by registry name, sorted by name (unmodifiable)
 */
public record SystemHealth(HealthStatus status, Map<String, HealthStatus> breakers) {

    /** Checks the arguments and makes the map an unmodifiable copy. */
    public SystemHealth {
        Objects.requireNonNull(status, "status");
        breakers = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(breakers));
    }
}
