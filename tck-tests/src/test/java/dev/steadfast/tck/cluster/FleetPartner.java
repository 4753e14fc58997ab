package dev.steadfast.tck.cluster;

import dev.steadfast.RateLimit;
import dev.steadfast.Scope;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.temporal.ChronoUnit;

@ApplicationScoped
public class FleetPartner {

    @RateLimit(name = "fleet-partner", value = 10, window = 1, windowUnit = ChronoUnit.HOURS, scope = Scope.CLUSTER)
    public String call() {
        return "call";
    }
}
