package dev.steadfast.mp.beans;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Methods whose rejections must reach the caller as MicroProfile exceptions. */
@ApplicationScoped
public class Guards {

    @CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 1.0, delay = 60_000)
    public void breaker() {
        throw new IllegalStateException("failure");
    }

    @Bulkhead(1)
    public void bulkhead(CountDownLatch entered, CountDownLatch release) throws InterruptedException {
        entered.countDown();
        release.await(30, TimeUnit.SECONDS);
    }

    @Timeout(50)
    public void timeout(CountDownLatch never) throws InterruptedException {
        never.await(30, TimeUnit.SECONDS);
    }
}
