package dev.steadfast;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A health report: every circuit breaker, whether the fleet-wide policies are in touch with the fleet, every
 * registered {@link ComponentCheck}, and the overall status.
 *
 * @param status     the worst status of any breaker or component (FAILING over DEGRADED over HEALTHY), and at least
 *                   {@link HealthStatus#DEGRADED} while the cluster is {@link ClusterStatus#DEGRADED};
 *                   {@link HealthStatus#HEALTHY} when there is nothing to report
 * @param breakers   each breaker's status by registry name, sorted by name (unmodifiable)
 * @param cluster    whether the application's fleet-wide policies are in touch with the fleet:
 *                   {@link ClusterStatus#LOCAL} when it has none
 * @param components each component check's latest result by name, sorted by name (unmodifiable); empty when no check
 *                   is registered
 */
public record SystemHealth(HealthStatus status, Map<String, HealthStatus> breakers, ClusterStatus cluster,
        Map<String, ComponentHealth> components) {

    /** Checks the arguments and makes the maps unmodifiable sorted copies. */
    public SystemHealth {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(cluster, "cluster");
        breakers = Collections.unmodifiableMap(new TreeMap<>(breakers));
        components = Collections.unmodifiableMap(new TreeMap<>(components));
    }

    /** A report of breakers and the cluster status, without component checks. */
    public SystemHealth(HealthStatus status, Map<String, HealthStatus> breakers, ClusterStatus cluster) {
        this(status, breakers, cluster, Map.of());
    }

    /**
     * A report of breakers alone: an application without fleet-wide policies ({@link ClusterStatus#LOCAL}) and
     * without component checks.
     */
    public SystemHealth(HealthStatus status, Map<String, HealthStatus> breakers) {
        this(status, breakers, ClusterStatus.LOCAL, Map.of());
    }
}
