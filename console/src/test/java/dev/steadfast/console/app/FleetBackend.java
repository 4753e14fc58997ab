package dev.steadfast.console.app;

import dev.steadfast.CircuitBreaker;
import dev.steadfast.RateLimit;
import dev.steadfast.Scope;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.time.temporal.ChronoUnit;

/** Fleet-wide policies the console's fleet view shows, on the tests' in-memory cluster backend. */
@ApplicationScoped
public class FleetBackend {

    /** The fleet-wide breaker; a name that is HTML, to prove the fleet view shows it as text. */
    public static final String BREAKER = "fleet-<b>payments</b>";
    public static final String LIMIT = "fleet-quota";
    public static final int QUOTA = 100;

    /** A fleet-wide breaker that no window of a test's size opens (it needs 1000 calls). */
    @CircuitBreaker(name = BREAKER, scope = Scope.CLUSTER, requestVolumeThreshold = 1000, failureRatio = 0.5,
            delay = 1, delayUnit = ChronoUnit.HOURS)
    public String charge(boolean fail) throws IOException {
        if (fail) {
            throw new IOException("declined");
        }
        return "charged";
    }

    @RateLimit(name = LIMIT, value = QUOTA, window = 1, windowUnit = ChronoUnit.HOURS, scope = Scope.CLUSTER)
    public String limited() {
        return "admitted";
    }
}
