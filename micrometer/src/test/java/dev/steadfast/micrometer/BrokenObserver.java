package dev.steadfast.micrometer;

import dev.steadfast.spi.GuardObserver;
import dev.steadfast.spi.GuardRecorder;
import dev.steadfast.spi.GuardedOperation;
import dev.steadfast.spi.ObserverContext;
import jakarta.enterprise.context.ApplicationScoped;

/** An application's observer bean that fails to start. */
@ApplicationScoped
public class BrokenObserver implements GuardObserver {

    @Override
    public void init(ObserverContext context) {
        throw new IllegalStateException("no backend configured");
    }

    @Override
    public GuardRecorder observeOperation(GuardedOperation operation) {
        throw new AssertionError("never offered anything: it failed to start");
    }
}
