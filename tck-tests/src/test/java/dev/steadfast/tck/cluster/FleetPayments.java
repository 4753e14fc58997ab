package dev.steadfast.tck.cluster;

import dev.steadfast.CircuitBreaker;
import dev.steadfast.Scope;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;

@ApplicationScoped
public class FleetPayments {

    @CircuitBreaker(name = "fleet-payments", scope = Scope.CLUSTER, requestVolumeThreshold = 4, failureRatio = 0.5,
            delay = 60_000)
    public String charge(boolean fail) throws IOException {
        if (fail) {
            throw new IOException("declined");
        }
        return "charged";
    }
}
