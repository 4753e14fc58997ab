package dev.steadfast.tck.registry;

import dev.steadfast.CallRejected;
import dev.steadfast.CircuitBreakers;
import dev.steadfast.CircuitOpenException;
import dev.steadfast.CircuitStateChanged;
import dev.steadfast.RetryAttempted;
import dev.steadfast.tck.support.Eventually;
import dev.steadfast.tck.support.SteadfastWeld;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.steadfast.CircuitState.CLOSED;
import static dev.steadfast.CircuitState.HALF_OPEN;
import static dev.steadfast.CircuitState.OPEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The CDI events of {@code docs/operations.md}, seen by an ordinary {@code @Observes} method. */
@EnableWeld
class CircuitEventsTest {

    private static final String SHIP = Shipping.class.getName() + "#ship(boolean)";
    private static final String TRACKING = Tracking.class.getName() + "#track";

    @WeldSetup
    public WeldInitiator weld = SteadfastWeld.withRequestScope(Shipping.class, Courier.class, Tracking.class,
            BreakerWatcher.class);

    @Inject
    Shipping shipping;

    @Inject
    Courier courier;

    @Inject
    Tracking tracking;

    @Inject
    BreakerWatcher watcher;

    @Inject
    CircuitBreakers breakers;

    @Test
    void anObserverReceivesTheChangeFromClosedToOpenWithNameStatesAndTime() throws IOException {
        shipping.ship(false);
        assertEquals(List.of(), watcher.stateChanges(), "a successful call changes no state");
        Instant before = Instant.now();
        assertThrows(IOException.class, () -> shipping.ship(true));
        assertThrows(IOException.class, () -> shipping.ship(true));
        Instant after = Instant.now();

        assertEquals(1, watcher.stateChanges().size(), watcher.stateChanges().toString());
        CircuitStateChanged event = watcher.stateChanges().get(0);
        assertEquals("shipping", event.name());
        assertEquals(CLOSED, event.from());
        assertEquals(OPEN, event.to());
        assertFalse(event.at().isBefore(before), event.at() + " is before the calls");
        assertFalse(event.at().isAfter(after), event.at() + " is after the calls");
        assertEquals(breakers.get("shipping").transitions().get(0).at(), event.at(), "the same moment as the registry");
    }

    @Test
    void anObserverReceivesCallRejectedForEveryRejectedCall() {
        assertThrows(IOException.class, () -> shipping.ship(true));
        assertThrows(IOException.class, () -> shipping.ship(true));
        assertEquals(List.of(), watcher.rejections(), "failures are not rejections");

        assertThrows(CircuitOpenException.class, () -> shipping.ship(false));
        assertThrows(CircuitOpenException.class, () -> shipping.ship(false));

        CallRejected expected = new CallRejected(SHIP, CallRejected.Reason.CIRCUIT_OPEN);
        assertEquals(List.of(expected, expected), watcher.rejections());
    }

    @Test
    void anObserverReceivesRetryAttemptedBeforeTheRetry() throws IOException {
        assertEquals("delivered on attempt 2", courier.deliver());

        assertEquals(1, watcher.retries().size(), watcher.retries().toString());
        RetryAttempted event = watcher.retries().get(0);
        assertEquals(Courier.class.getName() + "#deliver()", event.method());
        assertEquals(1, event.attempt());
        assertEquals("van broke down", assertInstanceOf(IOException.class, event.failure()).getMessage());
        assertEquals(Duration.ZERO, event.nextDelay());
    }

    @Test
    void anObserverReceivesEveryChangeOfAFullCycleInOrder() throws IOException {
        assertThrows(IOException.class, () -> tracking.track(true));
        Eventually.await(() -> watcher.stateChanges().size() == 2,
                () -> "events so far: " + watcher.stateChanges());
        tracking.track(false);

        List<CircuitStateChanged> events = watcher.stateChanges();
        assertEquals(List.of(CLOSED + ">" + OPEN, OPEN + ">" + HALF_OPEN, HALF_OPEN + ">" + CLOSED),
                events.stream().map(e -> e.from() + ">" + e.to()).toList());
        for (int i = 0; i < events.size(); i++) {
            assertEquals(TRACKING, events.get(i).name());
            if (i > 0) {
                assertFalse(events.get(i).at().isBefore(events.get(i - 1).at()), "out of order: " + events);
            }
        }
        assertEquals(List.of(), watcher.rejections(), "the timer moved it to HALF_OPEN; no call was rejected");
    }
}
