package dev.steadfast.health;

import dev.steadfast.ComponentCheck;
import dev.steadfast.HealthStatus;
import jakarta.enterprise.context.ApplicationScoped;

/** A component only some requests need: its answer is set by the test. */
@ApplicationScoped
public class SearchIndex implements ComponentCheck {

    private volatile HealthStatus answer = HealthStatus.HEALTHY;

    /** What the next checks answer. */
    public void answer(HealthStatus status) {
        this.answer = status;
    }

    @Override
    public String name() {
        return "search-index";
    }

    @Override
    public HealthStatus check() {
        return answer;
    }
}
