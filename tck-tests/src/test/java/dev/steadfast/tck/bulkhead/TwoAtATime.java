package dev.steadfast.tck.bulkhead;

import dev.steadfast.Bulkhead;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** At most two calls at once; a call stays inside the method until the test releases it. */
@ApplicationScoped
public class TwoAtATime {

    private final AtomicInteger invocations = new AtomicInteger();

    @Bulkhead(2)
    public String hold(CountDownLatch entered, CountDownLatch release) throws InterruptedException {
        invocations.incrementAndGet();
        entered.countDown();
        if (!release.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the test never released the call");
        }
        return "done";
    }

    public int invocations() {
        return invocations.get();
    }
}
