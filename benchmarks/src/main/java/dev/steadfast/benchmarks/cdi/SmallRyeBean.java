package dev.steadfast.benchmarks.cdi;

import dev.steadfast.benchmarks.Work;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * The same full stack with the MicroProfile Fault Tolerance annotations, run by SmallRye Fault Tolerance's CDI
 * interceptor. MicroProfile's retry jitter (200 ms by default) is set to 0 as in the others.
 */
@ApplicationScoped
public class SmallRyeBean {

    @Retry(maxRetries = 3, delay = 10, maxDuration = 180000, jitter = 0)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000, successThreshold = 1)
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
