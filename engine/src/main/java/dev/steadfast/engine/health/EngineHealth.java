package dev.steadfast.engine.health;

import dev.steadfast.ClusterStatus;
import dev.steadfast.ComponentCheck;
import dev.steadfast.ComponentHealth;
import dev.steadfast.FaultToleranceHealth;
import dev.steadfast.HealthStatus;
import dev.steadfast.SystemHealth;

import java.util.Map;
import java.util.Objects;

/**
 * An engine's health report: what its breakers' report says (with the cluster status), and its component checks
 * beside them. The overall status is the worst of all (docs/degradation.md says why no other rule is offered).
 * Thread-safe.
 */
public final class EngineHealth implements FaultToleranceHealth {

    private final FaultToleranceHealth breakers;
    private final ComponentChecks checks;

    /**
     * @param breakers the breakers' own report
     * @param checks   the registered component checks
     */
    public EngineHealth(FaultToleranceHealth breakers, ComponentChecks checks) {
        this.breakers = Objects.requireNonNull(breakers, "breakers");
        this.checks = Objects.requireNonNull(checks, "checks");
    }

    @Override
    public SystemHealth report() {
        SystemHealth b = breakers.report();
        if (checks.isEmpty()) {
            return b;
        }
        Map<String, ComponentHealth> components = checks.report();
        HealthStatus worst = b.status();
        for (ComponentHealth c : components.values()) {
            if (c.status().ordinal() > worst.ordinal()) {
                worst = c.status();
            }
        }
        return new SystemHealth(worst, b.breakers(), b.cluster(), components);
    }

    @Override
    public ClusterStatus clusterStatus() {
        return breakers.clusterStatus(); // runs no component check
    }

    @Override
    public Registration register(ComponentCheck check) {
        return checks.register(check);
    }

    /** The component checks, for the front end that configures and registers them. */
    public ComponentChecks checks() {
        return checks;
    }

    @Override
    public String toString() {
        return "FaultToleranceHealth[" + breakers + ", checks]";
    }
}
