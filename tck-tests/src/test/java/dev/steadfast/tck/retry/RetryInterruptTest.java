package dev.steadfast.tck.retry;

import dev.steadfast.tck.support.SteadfastWeld;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An interrupt during a delay stops retrying at once, keeps the thread's interrupt flag set and propagates the last
 * failure ({@code docs/annotations.md}).
 */
@EnableWeld
class RetryInterruptTest {

    @WeldSetup
    public WeldInitiator weld = SteadfastWeld.of(PatientService.class);

    @Inject
    PatientService service;

    @Test
    void anInterruptDuringTheDelayStopsRetryingAndPropagatesTheLastFailureWithTheFlagSet() throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean interruptedAfterwards = new AtomicBoolean();
        Thread caller = new Thread(() -> {
            try {
                service.fetch();
            } catch (Throwable t) {
                thrown.set(t);
            }
            interruptedAfterwards.set(Thread.currentThread().isInterrupted());
        }, "patient-caller");
        caller.setDaemon(true);
        caller.start();
        assertTrue(service.awaitFirstAttempt(), "the first attempt never ran");

        caller.interrupt();
        caller.join(5_000);

        assertFalse(caller.isAlive(), "still retrying 5 s after the interrupt; the delay is 10 s");
        IOException last = assertInstanceOf(IOException.class, thrown.get());
        assertEquals("failure 1", last.getMessage());
        assertTrue(interruptedAfterwards.get(), "the interrupt flag must stay set");
        assertEquals(1, service.calls(), "no attempt after the interrupt");
    }
}
