package dev.steadfast.tck.breaker;

import dev.steadfast.CircuitBreaker;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Names the "payments" breaker with another {@code requestVolumeThreshold} than {@link PaymentsGateway}. */
@ApplicationScoped
public class PaymentsRefunds {

    private final AtomicInteger invocations = new AtomicInteger();

    @CircuitBreaker(name = "payments", requestVolumeThreshold = 5, failureRatio = 1.0, delay = 1,
            delayUnit = ChronoUnit.MINUTES)
    public String refund(boolean fail) throws IOException {
        int n = invocations.incrementAndGet();
        if (fail) {
            throw new IOException("refund failed " + n);
        }
        return "refund " + n;
    }

    public int invocations() {
        return invocations.get();
    }
}
