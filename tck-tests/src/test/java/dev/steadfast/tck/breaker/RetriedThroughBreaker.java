package dev.steadfast.tck.breaker;

import dev.steadfast.CircuitBreaker;
import dev.steadfast.CircuitOpenException;
import dev.steadfast.FaultToleranceException;
import dev.steadfast.Retry;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Retry outside the breaker (docs/order-and-state.md); each method fails the first {@link #failFirst} calls. */
@ApplicationScoped
public class RetriedThroughBreaker {

    private final AtomicInteger invocations = new AtomicInteger();
    private volatile int failuresBeforeSuccess;

    /** A window of 10: never opens in these tests, just counts. */
    @Retry(maxRetries = 3)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 1.0, delay = 1, delayUnit = ChronoUnit.MINUTES)
    public String counted() throws IOException {
        return attempt();
    }

    /** Opens after two failures, for a minute; the default retryOn does not retry CircuitOpenException. */
    @Retry(maxRetries = 3)
    @CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 1.0, delay = 1, delayUnit = ChronoUnit.MINUTES)
    public String opensMidway() throws IOException {
        return attempt();
    }

    /** Opens after two failures for 100 ms; retryOn names CircuitOpenException, so retries wait for HALF_OPEN. */
    @Retry(maxRetries = 5, retryOn = {IOException.class, CircuitOpenException.class})
    @CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 1.0, delay = 100)
    public String waitsForTheBreaker() throws IOException {
        return attempt();
    }

    /** Retries rejections (with no delay of its own) up to twice. */
    @Retry(maxRetries = 2, retryOn = CircuitOpenException.class)
    @CircuitBreaker(delay = 1, delayUnit = ChronoUnit.MINUTES)
    public String retriesRejections() throws IOException {
        return attempt();
    }

    /** Retries any of Steadfast's own rejections, named through their common base class. */
    @Retry(maxRetries = 1, retryOn = FaultToleranceException.class)
    @CircuitBreaker(delay = 1, delayUnit = ChronoUnit.MINUTES)
    public String retriesAnyRejection() throws IOException {
        return attempt();
    }

    /** retryOn = Exception.class, written out: still not a request to retry Steadfast's own rejections. */
    @Retry(maxRetries = 1, retryOn = Exception.class)
    @CircuitBreaker(delay = 1, delayUnit = ChronoUnit.MINUTES)
    public String retriesExceptions() throws IOException {
        return attempt();
    }

    private String attempt() throws IOException {
        int n = invocations.incrementAndGet();
        if (n <= failuresBeforeSuccess) {
            throw new IOException("failure " + n);
        }
        return "ok after " + n;
    }

    public void failFirst(int n) {
        failuresBeforeSuccess = n;
    }

    public int invocations() {
        return invocations.get();
    }
}
