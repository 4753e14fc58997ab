package dev.steadfast.tck.bulkhead;

import dev.steadfast.Bulkhead;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code @Bulkhead(1)} on the class: every business method gets a bulkhead of its own. */
@ApplicationScoped
@Bulkhead(1)
public class OneAtATimePerMethod {

    public String hold(CountDownLatch entered, CountDownLatch release) throws InterruptedException {
        entered.countDown();
        if (!release.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the test never released the call");
        }
        return "held";
    }

    public String other() {
        return "other";
    }
}
