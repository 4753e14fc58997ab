package dev.steadfast.tck.breaker;

import dev.steadfast.CircuitBreaker;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;

import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A new instance per request, one unnamed breaker for all of them: three failures open it for a minute. */
@RequestScoped
public class PerRequestQuote {

    /** Every instance created, and the calls that reached any of them. */
    static final Set<PerRequestQuote> INSTANCES = ConcurrentHashMap.newKeySet();
    static final AtomicInteger INVOCATIONS = new AtomicInteger();

    @PostConstruct
    void created() {
        INSTANCES.add(this);
    }

    @CircuitBreaker(requestVolumeThreshold = 3, failureRatio = 1.0, delay = 1, delayUnit = ChronoUnit.MINUTES)
    public String quote(boolean fail) throws IOException {
        int n = INVOCATIONS.incrementAndGet();
        if (fail) {
            throw new IOException("quote failed " + n);
        }
        return "quote " + n;
    }
}
