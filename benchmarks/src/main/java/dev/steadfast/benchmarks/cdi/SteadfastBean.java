package dev.steadfast.benchmarks.cdi;

import dev.steadfast.Bulkhead;
import dev.steadfast.CircuitBreaker;
import dev.steadfast.Fallback;
import dev.steadfast.Retry;
import dev.steadfast.Timeout;
import dev.steadfast.benchmarks.Work;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Steadfast's full stack by annotations, configured as the programmatic benchmarks ({@code Settings}): retry 3 times
 * 10 ms apart (3 min budget), breaker of 20 calls at 50 % open for 5 s, timeout 1 s, bulkhead 10, fallback method.
 */
@ApplicationScoped
public class SteadfastBean {

    @Retry(maxRetries = 3, delay = 10)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000)
    @Timeout(1000)
    @Bulkhead(10)
    @Fallback(fallbackMethod = "fallback")
    public String work() {
        return Work.RESULT;
    }

    String fallback() {
        return Work.FALLBACK;
    }
}
