package dev.steadfast.soak.app;

import dev.steadfast.CircuitState;
import dev.steadfast.CircuitStateChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.concurrent.CountDownLatch;

/** Observes the breaker's move to HALF_OPEN, which the timer sets off. */
@ApplicationScoped
public class StateChanges {

    private final CountDownLatch halfOpen = new CountDownLatch(1);

    void onChange(@Observes CircuitStateChanged event) {
        if (event.to() == CircuitState.HALF_OPEN) {
            halfOpen.countDown();
        }
    }

    public CountDownLatch halfOpen() {
        return halfOpen;
    }
}
