package dev.steadfast.tck.programmatic;

import dev.steadfast.CircuitBreaker;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;

@ApplicationScoped
public class Payments {

    @CircuitBreaker(name = "card-network", requestVolumeThreshold = 2, failureRatio = 1.0, delay = 60_000)
    public String charge(boolean fail) throws IOException {
        if (fail) {
            throw new IOException("card network down");
        }
        return "charged";
    }
}
