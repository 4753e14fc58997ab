package dev.steadfast.tck.breaker;

import dev.steadfast.CircuitBreaker;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Books payments through the shared "payments" breaker, with the same parameters as {@link PaymentsGateway}. */
@ApplicationScoped
public class PaymentsLedger {

    private final AtomicInteger invocations = new AtomicInteger();

    @CircuitBreaker(name = "payments", requestVolumeThreshold = 3, failureRatio = 1.0, delay = 1,
            delayUnit = ChronoUnit.MINUTES)
    public String record(boolean fail) throws IOException {
        int n = invocations.incrementAndGet();
        if (fail) {
            throw new IOException("record failed " + n);
        }
        return "record " + n;
    }

    public int invocations() {
        return invocations.get();
    }
}
