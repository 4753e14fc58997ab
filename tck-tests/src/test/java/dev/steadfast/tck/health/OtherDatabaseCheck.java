package dev.steadfast.tck.health;

import dev.steadfast.ComponentCheck;
import dev.steadfast.HealthStatus;
import jakarta.enterprise.context.ApplicationScoped;

/** A second check named {@code database}: two checks with one name fail the deployment. */
@ApplicationScoped
public class OtherDatabaseCheck implements ComponentCheck {

    @Override
    public String name() {
        return "database";
    }

    @Override
    public HealthStatus check() {
        return HealthStatus.HEALTHY;
    }
}
