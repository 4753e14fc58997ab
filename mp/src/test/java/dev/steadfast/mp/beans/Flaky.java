package dev.steadfast.mp.beans;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;

import java.util.concurrent.atomic.AtomicInteger;

/** Fails every call and counts them; one method-level and one class-level-style retry. */
@ApplicationScoped
public class Flaky {

    private final AtomicInteger calls = new AtomicInteger();

    @Retry(maxRetries = 3, jitter = 0)
    public String fail() {
        calls.incrementAndGet();
        throw new IllegalStateException("failure " + calls.get());
    }

    @Retry(maxRetries = 2, jitter = 0)
    @Fallback(fallbackMethod = "fallback")
    public String failWithFallback() {
        calls.incrementAndGet();
        throw new IllegalStateException("failure " + calls.get());
    }

    String fallback() {
        return "fallback after " + calls.get();
    }

    public int calls() {
        return calls.get();
    }
}
