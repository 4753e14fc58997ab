package dev.steadfast.tck.bulkhead;

import dev.steadfast.Bulkhead;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.temporal.ChronoUnit;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** One call at a time; a caller that finds it busy may wait up to 5 s for the permit. */
@ApplicationScoped
public class PatientBulkhead {

    private final AtomicInteger invocations = new AtomicInteger();

    @Bulkhead(value = 1, maxWait = 5, maxWaitUnit = ChronoUnit.SECONDS)
    public String hold(String name, CountDownLatch entered, CountDownLatch release) throws InterruptedException {
        invocations.incrementAndGet();
        entered.countDown();
        if (!release.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the test never released the call");
        }
        return name;
    }

    public int invocations() {
        return invocations.get();
    }
}
