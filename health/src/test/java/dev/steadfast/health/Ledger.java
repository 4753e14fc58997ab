package dev.steadfast.health;

import dev.steadfast.ComponentCheck;
import dev.steadfast.HealthStatus;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A component whose check hangs until released, ignoring interrupts: the worst kind. Times out after 200 ms. */
@ApplicationScoped
public class Ledger implements ComponentCheck {

    private final CountDownLatch release = new CountDownLatch(1);

    /** Lets a hung check return. */
    public void release() {
        release.countDown();
    }

    @Override
    public String name() {
        return "ledger";
    }

    @Override
    public HealthStatus check() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() - deadline < 0) {
            try {
                if (release.await(1, TimeUnit.SECONDS)) {
                    return HealthStatus.HEALTHY;
                }
            } catch (InterruptedException ignored) {
                // goes on hanging
            }
        }
        return HealthStatus.HEALTHY;
    }

    @Override
    public Optional<Duration> timeout() {
        return Optional.of(Duration.ofMillis(200));
    }
}
