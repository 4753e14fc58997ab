package dev.steadfast.tck.registry;

import dev.steadfast.CallRejected;
import dev.steadfast.CircuitStateChanged;
import dev.steadfast.RetryAttempted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Remembers every Steadfast event it observes, in the order observed. */
@ApplicationScoped
public class BreakerWatcher {

    private final List<CircuitStateChanged> stateChanges = new CopyOnWriteArrayList<>();
    private final List<CallRejected> rejections = new CopyOnWriteArrayList<>();
    private final List<RetryAttempted> retries = new CopyOnWriteArrayList<>();

    void onStateChange(@Observes CircuitStateChanged event) {
        stateChanges.add(event);
    }

    void onRejection(@Observes CallRejected event) {
        rejections.add(event);
    }

    void onRetry(@Observes RetryAttempted event) {
        retries.add(event);
    }

    /** The state changes observed so far (a snapshot). */
    public List<CircuitStateChanged> stateChanges() {
        return List.copyOf(stateChanges);
    }

    /** The rejections observed so far (a snapshot). */
    public List<CallRejected> rejections() {
        return List.copyOf(rejections);
    }

    /** The retries observed so far (a snapshot). */
    public List<RetryAttempted> retries() {
        return List.copyOf(retries);
    }
}
