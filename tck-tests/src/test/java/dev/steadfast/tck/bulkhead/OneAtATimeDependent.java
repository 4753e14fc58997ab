package dev.steadfast.tck.bulkhead;

import dev.steadfast.Bulkhead;
import jakarta.enterprise.context.Dependent;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A dependent bean: an instance per injection point, yet all share one bulkhead (docs/order-and-state.md). */
@Dependent
public class OneAtATimeDependent {

    @Bulkhead(1)
    public String hold(CountDownLatch entered, CountDownLatch release) throws InterruptedException {
        entered.countDown();
        if (!release.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the test never released the call");
        }
        return "done";
    }
}
