package dev.steadfast.tck.health;

import dev.steadfast.ComponentCheck;
import dev.steadfast.HealthStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A component check bean whose answer the test sets; it uses a request-scoped bean, and records its threads. */
@ApplicationScoped
public class DatabaseCheck implements ComponentCheck {

    @Inject
    RequestTrace trace;

    private volatile HealthStatus answer = HealthStatus.HEALTHY;
    private final List<String> ranOn = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
        return "database";
    }

    @Override
    public HealthStatus check() {
        trace.touch(); // throws ContextNotActiveException without an active request context
        ranOn.add(Thread.currentThread().getName());
        return answer;
    }

    public void answer(HealthStatus status) {
        this.answer = status;
    }

    public List<String> ranOn() {
        return List.copyOf(ranOn);
    }
}
