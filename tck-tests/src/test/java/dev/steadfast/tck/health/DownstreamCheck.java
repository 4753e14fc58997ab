package dev.steadfast.tck.health;

import dev.steadfast.ComponentCheck;
import dev.steadfast.HealthStatus;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A downstream's health URL that hangs, ignoring interrupts, until the test releases it. */
@ApplicationScoped
public class DownstreamCheck implements ComponentCheck {

    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean interrupted;

    @Override
    public String name() {
        return "downstream";
    }

    @Override
    public HealthStatus check() {
        started.countDown();
        while (true) {
            try {
                return release.await(30, TimeUnit.SECONDS) ? HealthStatus.HEALTHY : HealthStatus.FAILING;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
    }

    public boolean awaitStarted() throws InterruptedException {
        return started.await(10, TimeUnit.SECONDS);
    }

    public void release() {
        release.countDown();
    }

    public boolean interrupted() {
        return interrupted;
    }
}
