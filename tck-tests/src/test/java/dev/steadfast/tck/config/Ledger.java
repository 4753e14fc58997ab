package dev.steadfast.tck.config;

import dev.steadfast.CircuitBreaker;
import dev.steadfast.Retry;
import jakarta.enterprise.context.ApplicationScoped;

/** A retried method and a method behind the breaker named {@code payments}. */
@ApplicationScoped
public class Ledger {

    @Retry(maxRetries = 1)
    public String stock() {
        return "stock";
    }

    @CircuitBreaker(name = "payments")
    public String charge() {
        return "charged";
    }
}
