package dev.steadfast.engine.breaker;

import dev.steadfast.CircuitBreakerHandle;
import dev.steadfast.CircuitBreakers;
import dev.steadfast.ClusterStatus;
import dev.steadfast.FaultToleranceHealth;
import dev.steadfast.HealthStatus;
import dev.steadfast.SystemHealth;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Health as the breakers see it: CLOSED is {@link HealthStatus#HEALTHY}, HALF_OPEN {@link HealthStatus#DEGRADED},
 * OPEN and FORCED_OPEN {@link HealthStatus#FAILING}; the overall status is the worst one, and at least
 * {@link HealthStatus#DEGRADED} while the cluster is {@link ClusterStatus#DEGRADED}. Thread-safe.
 */
public final class BreakerHealth implements FaultToleranceHealth {

    private final CircuitBreakers breakers;
    private final Supplier<ClusterStatus> cluster;

    /** Health of an application without fleet-wide policies. */
    public BreakerHealth(CircuitBreakers breakers) {
        this(breakers, () -> ClusterStatus.LOCAL);
    }

    /** @param cluster the application's cluster status now */
    public BreakerHealth(CircuitBreakers breakers, Supplier<ClusterStatus> cluster) {
        this.breakers = Objects.requireNonNull(breakers, "breakers");
        this.cluster = Objects.requireNonNull(cluster, "cluster");
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
        ClusterStatus c = cluster.get();
        if (c == ClusterStatus.DEGRADED && worst == HealthStatus.HEALTHY) {
            worst = HealthStatus.DEGRADED;
        }
        return new SystemHealth(worst, each, c);
    }

    @Override
    public ClusterStatus clusterStatus() {
        return cluster.get();
    }
}
