package dev.steadfast.tck.restclient;

import dev.steadfast.Retry;
import dev.steadfast.Timeout;
import jakarta.enterprise.context.Dependent;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bean with class-level annotations and a final method. The annotations became interceptor bindings for the sake of
 * rest clients; the bean must deploy and behave as before: the final method unguarded, the others guarded once.
 */
@Dependent
@Retry(maxRetries = 2)
@Timeout(5000)
public class ClassLevelWithFinalMethod {

    private final AtomicInteger attempts = new AtomicInteger();

    public String flaky() throws IOException {
        if (attempts.incrementAndGet() < 3) {
            throw new IOException("attempt " + attempts.get());
        }
        return "after " + attempts.get();
    }

    public final String fixed() {
        return "fixed";
    }
}
