package dev.steadfast.tck.registry;

import dev.steadfast.CallRejected;
import dev.steadfast.CircuitStateChanged;
import dev.steadfast.RetryAttempted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.concurrent.atomic.AtomicInteger;

/** Observes every Steadfast event and throws each time, after counting it. */
@ApplicationScoped
public class ClumsyObserver {

    private final AtomicInteger notified = new AtomicInteger();

    void onStateChange(@Observes CircuitStateChanged event) {
        throw fail(event);
    }

    void onRejection(@Observes CallRejected event) {
        throw fail(event);
    }

    void onRetry(@Observes RetryAttempted event) {
        throw fail(event);
    }

    private IllegalStateException fail(Object event) {
        notified.incrementAndGet();
        return new IllegalStateException("observer bug on " + event);
    }

    /** How many events it was notified of (and threw on). */
    public int notified() {
        return notified.get();
    }
}
