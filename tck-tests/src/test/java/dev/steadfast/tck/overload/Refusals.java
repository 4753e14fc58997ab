package dev.steadfast.tck.overload;

import dev.steadfast.CircuitStateChanged;
import dev.steadfast.RetryRefused;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Observes the events of overload control. */
@ApplicationScoped
public class Refusals {

    private final List<RetryRefused> refused = new CopyOnWriteArrayList<>();
    private final List<CircuitStateChanged> changes = new CopyOnWriteArrayList<>();

    public List<RetryRefused> refused() {
        return List.copyOf(refused);
    }

    public List<CircuitStateChanged> changes() {
        return List.copyOf(changes);
    }

    void refused(@Observes RetryRefused event) {
        refused.add(event);
    }

    void changed(@Observes CircuitStateChanged event) {
        changes.add(event);
    }
}
