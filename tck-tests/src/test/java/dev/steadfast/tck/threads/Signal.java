package dev.steadfast.tck.threads;

import dev.steadfast.CircuitBreaker;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;

/** One failure opens it for 100 ms: the timer moves it to HALF_OPEN soon after. */
@ApplicationScoped
public class Signal {

    @CircuitBreaker(requestVolumeThreshold = 1, failureRatio = 1.0, delay = 100)
    public String ping(boolean fail) throws IOException {
        if (fail) {
            throw new IOException("no signal");
        }
        return "pong";
    }
}
