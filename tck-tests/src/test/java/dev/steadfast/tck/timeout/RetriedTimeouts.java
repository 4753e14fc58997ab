package dev.steadfast.tck.timeout;

import dev.steadfast.Fallback;
import dev.steadfast.Retry;
import dev.steadfast.Timeout;
import dev.steadfast.TimeoutExceededException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/** Timeouts combined with the policies outside them: each retry attempt has its own, the fallback sees it. */
@ApplicationScoped
public class RetriedTimeouts {

    private final AtomicInteger calls = new AtomicInteger();
    private volatile Throwable fallbackSaw;
    private volatile boolean fallbackInterrupted;

    public int calls() {
        return calls.get();
    }

    public Throwable fallbackSaw() {
        return fallbackSaw;
    }

    public boolean fallbackInterrupted() {
        return fallbackInterrupted;
    }

    /** Hangs on its first call only. */
    @Retry(maxRetries = 2)
    @Timeout(100)
    public String hangsOnce() throws InterruptedException {
        if (calls.incrementAndGet() == 1) {
            Thread.sleep(5_000);
        }
        return "answered on call " + calls.get();
    }

    /** Its first stage never completes; the second completes at once. */
    @Retry(maxRetries = 2)
    @Timeout(100)
    public CompletionStage<String> stageHangsOnce() {
        if (calls.incrementAndGet() == 1) {
            return new CompletableFuture<>();
        }
        return CompletableFuture.completedFuture("stage answered on call " + calls.get());
    }

    @Timeout(100)
    @Fallback(fallbackMethod = "tooLate")
    public String hangsWithFallback() throws InterruptedException {
        calls.incrementAndGet();
        Thread.sleep(5_000);
        return "woke up";
    }

    String tooLate(TimeoutExceededException failure) {
        fallbackSaw = failure;
        fallbackInterrupted = Thread.currentThread().isInterrupted();
        return "too late";
    }
}
