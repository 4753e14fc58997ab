package dev.steadfast.mp.beans;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.atomic.AtomicInteger;

/** Guarded by Steadfast's own annotation only: the MicroProfile front end must leave it alone. */
@ApplicationScoped
public class SteadfastOnly {

    private final AtomicInteger calls = new AtomicInteger();

    @dev.steadfast.Retry(maxRetries = 2)
    public void fail() {
        calls.incrementAndGet();
        throw new IllegalStateException("failure");
    }

    public int calls() {
        return calls.get();
    }
}
