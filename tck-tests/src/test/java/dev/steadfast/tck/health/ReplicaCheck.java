package dev.steadfast.tck.health;

import dev.steadfast.ComponentCheck;
import dev.steadfast.HealthStatus;
import jakarta.enterprise.context.Dependent;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** A check on its own schedule, every 30 s, counting its runs. */
@Dependent
public class ReplicaCheck implements ComponentCheck {

    static final AtomicInteger RUNS = new AtomicInteger();
    static volatile HealthStatus answer = HealthStatus.HEALTHY;

    @Override
    public String name() {
        return "replica";
    }

    @Override
    public HealthStatus check() {
        RUNS.incrementAndGet();
        return answer;
    }

    @Override
    public Optional<Duration> interval() {
        return Optional.of(Duration.ofSeconds(30));
    }
}
