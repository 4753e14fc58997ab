package dev.steadfast.tck.breaker;

import dev.steadfast.CircuitBreaker;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens after two failures, tries again after 100 ms, closes after two successful trials; one trial at a time. A call
 * can be parked inside the method (see {@link #parkNextCall}) to hold a trial slot.
 */
@ApplicationScoped
public class QuickRecovery {

    private final AtomicInteger invocations = new AtomicInteger();
    private volatile boolean failing;
    private volatile CountDownLatch entered;
    private volatile CountDownLatch release;

    @CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 1.0, delay = 100, successThreshold = 2)
    public String call() throws IOException, InterruptedException {
        int n = invocations.incrementAndGet();
        CountDownLatch in = entered;
        if (in != null) {
            entered = null;
            in.countDown();
            if (!release.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        }
        if (failing) {
            throw new IOException("failure " + n);
        }
        return "ok " + n;
    }

    public void startFailing() {
        failing = true;
    }

    public void recover() {
        failing = false;
    }

    /** The next call counts {@code in} down once inside the method, then waits for {@code out}. */
    public void parkNextCall(CountDownLatch in, CountDownLatch out) {
        release = out;
        entered = in;
    }

    public int invocations() {
        return invocations.get();
    }
}
