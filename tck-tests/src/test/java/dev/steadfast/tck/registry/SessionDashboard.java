package dev.steadfast.tck.registry;

import dev.steadfast.CircuitBreakers;
import dev.steadfast.FaultToleranceHealth;
import dev.steadfast.HealthStatus;
import jakarta.enterprise.context.SessionScoped;
import jakarta.inject.Inject;

import java.io.Serializable;

/** A passivating bean that injects the registry and the health report, as an operator console would. */
@SessionScoped
public class SessionDashboard implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    CircuitBreakers breakers;

    @Inject
    FaultToleranceHealth health;

    public int breakerCount() {
        return breakers.all().size();
    }

    public HealthStatus status() {
        return health.report().status();
    }
}
