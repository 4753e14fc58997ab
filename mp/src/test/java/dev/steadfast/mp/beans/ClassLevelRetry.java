package dev.steadfast.mp.beans;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;

import java.util.concurrent.atomic.AtomicInteger;

/** A retry on the class: every business method retries. */
@ApplicationScoped
@Retry(maxRetries = 1, jitter = 0)
public class ClassLevelRetry {

    private final AtomicInteger calls = new AtomicInteger();

    public void fail() {
        calls.incrementAndGet();
        throw new IllegalStateException("failure");
    }

    public int calls() {
        return calls.get();
    }
}
