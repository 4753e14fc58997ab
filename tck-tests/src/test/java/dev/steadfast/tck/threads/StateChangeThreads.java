package dev.steadfast.tck.threads;

import dev.steadfast.CircuitStateChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Notes, for every state change it observes, the new state and the thread it was told on. */
@ApplicationScoped
public class StateChangeThreads {

    private final List<String> seen = new CopyOnWriteArrayList<>();

    void onChange(@Observes CircuitStateChanged event) {
        seen.add(event.to() + " on " + Thread.currentThread().getName());
    }

    public List<String> seen() {
        return List.copyOf(seen);
    }
}
