package dev.steadfast.tck.cluster;

import dev.steadfast.CircuitStateChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every {@link CircuitStateChanged} of its container. */
@ApplicationScoped
public class BreakerEvents {

    private final List<CircuitStateChanged> seen = new CopyOnWriteArrayList<>();

    void on(@Observes CircuitStateChanged e) {
        seen.add(e);
    }

    public List<CircuitStateChanged> seen() {
        return List.copyOf(seen);
    }
}
