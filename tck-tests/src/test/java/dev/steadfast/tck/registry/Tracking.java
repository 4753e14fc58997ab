package dev.steadfast.tck.registry;

import dev.steadfast.CircuitBreaker;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;

/** One failure opens it, for 100 ms only: the real clock moves it to HALF_OPEN soon after. */
@ApplicationScoped
public class Tracking {

    @CircuitBreaker(requestVolumeThreshold = 1, failureRatio = 1.0, delay = 100)
    public String track(boolean fail) throws IOException {
        if (fail) {
            throw new IOException("no signal");
        }
        return "on its way";
    }
}
