package dev.steadfast.tck.registry;

import dev.steadfast.CircuitBreakers;
import dev.steadfast.CircuitOpenException;
import dev.steadfast.tck.support.Eventually;
import dev.steadfast.tck.support.SteadfastWeld;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static dev.steadfast.CircuitState.CLOSED;
import static dev.steadfast.CircuitState.HALF_OPEN;
import static dev.steadfast.CircuitState.OPEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** An observer that throws never breaks the guarded call (docs/operations.md): the caller sees what it would have. */
@EnableWeld
class ThrowingObserverTest {

    @WeldSetup
    public WeldInitiator weld = SteadfastWeld.withRequestScope(Shipping.class, Courier.class, Tracking.class,
            ClumsyObserver.class);

    @Inject
    Shipping shipping;

    @Inject
    Courier courier;

    @Inject
    Tracking tracking;

    @Inject
    ClumsyObserver observer;

    @Inject
    CircuitBreakers breakers;

    @Test
    void theCallThatOpensTheBreakerStillGetsItsOwnFailure() {
        assertThrows(IOException.class, () -> shipping.ship(true));

        IOException e = assertThrows(IOException.class, () -> shipping.ship(true));

        assertEquals("ship failed 2", e.getMessage());
        assertEquals(1, observer.notified(), "the observer was told about CLOSED -> OPEN, and threw");
        assertEquals(OPEN, breakers.get("shipping").state());
    }

    @Test
    void aRejectedCallStillGetsCircuitOpenException() {
        assertThrows(IOException.class, () -> shipping.ship(true));
        assertThrows(IOException.class, () -> shipping.ship(true));

        CircuitOpenException e = assertThrows(CircuitOpenException.class, () -> shipping.ship(false));

        assertEquals("shipping", e.getBreakerName());
        assertEquals(2, observer.notified(), "the state change and the rejection");
        assertEquals(2, shipping.invocations());
    }

    @Test
    void aRetryGoesOnWhenItsObserverThrows() throws IOException {
        assertEquals("delivered on attempt 2", courier.deliver());

        assertEquals(1, observer.notified());
    }

    @Test
    void theTimerStillMovesTheBreakerOnAndTrialsStillCloseIt() throws IOException {
        assertThrows(IOException.class, () -> tracking.track(true));
        String name = Tracking.class.getName() + "#track";

        Eventually.await(() -> breakers.get(name).state() == HALF_OPEN, () -> name + " is "
                + breakers.get(name).state());
        // The timer publishes HALF_OPEN and hands the notification off: wait for it before the next call.
        Eventually.await(() -> observer.notified() == 2, () -> "notified " + observer.notified() + " times");
        assertEquals("on its way", tracking.track(false));

        assertEquals(CLOSED, breakers.get(name).state());
        // Notifications are delivered in order, one thread at a time: the one still delivering the previous change
        // may deliver this one too, just after the call returned.
        Eventually.await(() -> observer.notified() == 3, () -> "CLOSED -> OPEN, OPEN -> HALF_OPEN (off the timer's"
                + " thread), HALF_OPEN -> CLOSED; notified " + observer.notified() + " times");
    }
}
