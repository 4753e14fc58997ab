package dev.steadfast.tck.overload;

import dev.steadfast.AdaptiveBulkhead;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A slow dependency behind an adaptive bulkhead starting at a limit of 2. */
@ApplicationScoped
public class Reports {

    private final CountDownLatch inside = new CountDownLatch(2);
    private final CountDownLatch release = new CountDownLatch(1);

    /** Waits until {@code calls} calls are inside (the client proxy forwards methods, not fields). */
    public boolean awaitInside(int calls) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (inside.getCount() > 2 - calls) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.onSpinWait();
            Thread.yield();
        }
        return true;
    }

    public void release() {
        release.countDown();
    }

    @AdaptiveBulkhead(initialLimit = 2, minLimit = 1, maxLimit = 10)
    public String render() throws InterruptedException {
        inside.countDown();
        if (!release.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("never released");
        }
        return "report";
    }
}
