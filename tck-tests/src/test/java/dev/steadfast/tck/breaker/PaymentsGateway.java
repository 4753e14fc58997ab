package dev.steadfast.tck.breaker;

import dev.steadfast.CircuitBreaker;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Charges cards through the shared "payments" breaker. */
@ApplicationScoped
public class PaymentsGateway {

    private final AtomicInteger invocations = new AtomicInteger();

    @CircuitBreaker(name = "payments", requestVolumeThreshold = 3, failureRatio = 1.0, delay = 1,
            delayUnit = ChronoUnit.MINUTES)
    public String charge(boolean fail) throws IOException {
        int n = invocations.incrementAndGet();
        if (fail) {
            throw new IOException("charge failed " + n);
        }
        return "charge " + n;
    }

    public int invocations() {
        return invocations.get();
    }
}
