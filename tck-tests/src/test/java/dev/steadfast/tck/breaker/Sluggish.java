package dev.steadfast.tck.breaker;

import dev.steadfast.CircuitBreaker;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.temporal.ChronoUnit;

/** Calls that return normally but may take their time. */
@ApplicationScoped
public class Sluggish {

    /** Slower than 1 ms counts as a failure; two such calls open it. */
    @CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 1.0, delay = 1, delayUnit = ChronoUnit.MINUTES,
            slowCallThreshold = 1)
    public String impatient(long sleepMillis) throws InterruptedException {
        Thread.sleep(sleepMillis);
        return "done";
    }

    /** Slower than 10 s counts as a failure. */
    @CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 1.0, delay = 1, delayUnit = ChronoUnit.MINUTES,
            slowCallThreshold = 10, slowCallUnit = ChronoUnit.SECONDS)
    public String patient(long sleepMillis) throws InterruptedException {
        Thread.sleep(sleepMillis);
        return "done";
    }
}
