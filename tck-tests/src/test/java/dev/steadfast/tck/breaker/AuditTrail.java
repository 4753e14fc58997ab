package dev.steadfast.tck.breaker;

import dev.steadfast.CircuitBreaker;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

/** Names the "audit" breaker with failOn = {IOException, TimeoutException}. */
@ApplicationScoped
public class AuditTrail {

    @CircuitBreaker(name = "audit", failOn = {IOException.class, TimeoutException.class})
    public String write() {
        return "written";
    }
}
