package dev.steadfast;

import java.util.Map;
import java.util.Objects;

/**
 * A health report.
 *
 * @param status   the worst status of any breaker, and at least {@link HealthStatus#DEGRADED} while the cluster is
 *                 {@link ClusterStatus#DEGRADED}; {@link HealthStatus#HEALTHY} when there is nothing to report
 * @param breakers each breaker's status by registry name, sorted by name (unmodifiable)
 * @param cluster  whether the application's fleet-wide policies are in touch with the fleet:
 *                 {@link ClusterStatus#LOCAL} when it has none
 */
public record SystemHealth(HealthStatus status, Map<String, HealthStatus> breakers, ClusterStatus cluster) {

    /** Checks the arguments and makes the map an unmodifiable copy. */
    public SystemHealth {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(cluster, "cluster");
        breakers = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(breakers));
    }

    /** A report of an application without fleet-wide policies ({@link ClusterStatus#LOCAL}). */
    public SystemHealth(HealthStatus status, Map<String, HealthStatus> breakers) {
        this(status, breakers, ClusterStatus.LOCAL);
    }
}
