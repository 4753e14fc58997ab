package dev.steadfast.tck.retry;

import dev.steadfast.Retry;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/** Throws whatever it is told to; retries I/O failures except a missing file. */
@ApplicationScoped
public class SelectiveService {

    private final AtomicInteger calls = new AtomicInteger();

    @Retry(maxRetries = 2, retryOn = IOException.class, abortOn = FileNotFoundException.class)
    public String call(Exception failure) throws Exception {
        calls.incrementAndGet();
        throw failure;
    }

    /** Retries everything but an {@code IllegalArgumentException}: abortOn alone, retryOn left at its default. */
    @Retry(maxRetries = 2, abortOn = IllegalArgumentException.class)
    public String callAbortingOnBadInput(Exception failure) throws Exception {
        calls.incrementAndGet();
        throw failure;
    }

    /** Every default: retryOn = Exception, abortOn = none. */
    @Retry(maxRetries = 2)
    public String callWithDefaults(Throwable failure) throws Throwable {
        calls.incrementAndGet();
        throw failure;
    }

    public int calls() {
        return calls.get();
    }
}
