package dev.steadfast.tck.degradation;

import dev.steadfast.FallbackApplied;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every {@link FallbackApplied} event. */
@ApplicationScoped
public class FallbackWatcher {

    private final List<FallbackApplied> heard = new CopyOnWriteArrayList<>();

    void on(@Observes FallbackApplied event) {
        heard.add(event);
    }

    public List<FallbackApplied> heard() {
        return List.copyOf(heard);
    }
}
