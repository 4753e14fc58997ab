package dev.steadfast.tck.breaker;

import dev.steadfast.CircuitBreaker;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

/** Names the "audit" breaker with the same failOn as {@link AuditTrail}, listed in the other order. */
@ApplicationScoped
public class AuditArchive {

    @CircuitBreaker(name = "audit", failOn = {TimeoutException.class, IOException.class})
    public String archive() {
        return "archived";
    }
}
