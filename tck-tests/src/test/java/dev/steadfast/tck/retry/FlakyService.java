package dev.steadfast.tck.retry;

import dev.steadfast.Retry;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/** Fails its first {@code n} calls with {@code IOException("failure <call>")}, then answers; three retries. */
@ApplicationScoped
public class FlakyService {

    private final AtomicInteger calls = new AtomicInteger();
    private volatile int failuresBeforeSuccess;

    public void failFirst(int n) {
        failuresBeforeSuccess = n;
        calls.set(0);
    }

    public int calls() {
        return calls.get();
    }

    @Retry(maxRetries = 3)
    public String fetch() throws IOException {
        int call = calls.incrementAndGet();
        if (call <= failuresBeforeSuccess) {
            throw new IOException("failure " + call);
        }
        return "ok after " + call;
    }

    @Retry(maxRetries = 11)
    public String fetchPatiently() throws IOException {
        return fetch();
    }
}
