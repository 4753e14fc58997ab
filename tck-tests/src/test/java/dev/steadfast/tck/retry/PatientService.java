package dev.steadfast.tck.retry;

import dev.steadfast.Retry;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Always fails, then waits ten seconds before each retry: long enough that only an interrupt ends a delay early. */
@ApplicationScoped
public class PatientService {

    private final AtomicInteger calls = new AtomicInteger();
    private final CountDownLatch firstAttemptDone = new CountDownLatch(1);

    public int calls() {
        return calls.get();
    }

    public boolean awaitFirstAttempt() throws InterruptedException {
        return firstAttemptDone.await(10, TimeUnit.SECONDS);
    }

    @Retry(maxRetries = 3, delay = 10, delayUnit = ChronoUnit.SECONDS, maxDuration = 2, durationUnit = ChronoUnit.MINUTES)
    public String fetch() throws IOException {
        int call = calls.incrementAndGet();
        firstAttemptDone.countDown();
        throw new IOException("failure " + call);
    }
}
