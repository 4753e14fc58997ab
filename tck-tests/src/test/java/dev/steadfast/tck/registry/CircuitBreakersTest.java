package dev.steadfast.tck.registry;

import dev.steadfast.CircuitBreakerHandle;
import dev.steadfast.CircuitBreakerStats;
import dev.steadfast.CircuitBreakers;
import dev.steadfast.CircuitOpenException;
import dev.steadfast.StateTransition;
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
import java.util.NoSuchElementException;

import static dev.steadfast.CircuitState.CLOSED;
import static dev.steadfast.CircuitState.FORCED_OPEN;
import static dev.steadfast.CircuitState.OPEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The injectable {@link CircuitBreakers} registry and its handles ({@code docs/operations.md}). */
@EnableWeld
class CircuitBreakersTest {

    private static final String COUNT = Inventory.class.getName() + "#count";
    private static final String RESERVE = Inventory.class.getName() + "#reserve";
    private static final CircuitBreakerStats NO_CALLS = new CircuitBreakerStats(0, 0, 0, 0, 0);

    @WeldSetup
    public WeldInitiator weld = SteadfastWeld.withRequestScope(Inventory.class, Shipping.class);

    @Inject
    Inventory inventory;

    @Inject
    Shipping shipping;

    @Inject
    CircuitBreakers breakers;

    @Test
    void allListsEveryBreakerSortedByNameFromDeploymentOnBeforeAnyCall() {
        List<String> names = breakers.all().stream().map(CircuitBreakerHandle::name).toList();

        assertEquals(List.of(COUNT, RESERVE, "shipping"), names);
        for (CircuitBreakerHandle b : breakers.all()) {
            assertEquals(CLOSED, b.state(), b.name());
            assertEquals(NO_CALLS, b.stats(), b.name());
            assertEquals(List.of(), b.transitions(), b.name());
        }
        assertEquals(0, inventory.invocations());
        assertEquals(0, shipping.invocations());
        assertThrows(UnsupportedOperationException.class, () -> breakers.all().clear(), "an unmodifiable snapshot");
    }

    @Test
    void findsABreakerByItsRegistryNameOrNothing() {
        assertEquals("shipping", breakers.find("shipping").orElseThrow().name());
        assertEquals(COUNT, breakers.find(COUNT).orElseThrow().name());
        assertTrue(breakers.find("billing").isEmpty());
        assertTrue(breakers.find(Inventory.class.getName() + "#invocations").isEmpty(), "an unguarded method");
    }

    @Test
    void getOfAnUnknownNameThrowsNoSuchElementExceptionListingTheKnownNames() {
        NoSuchElementException e = assertThrows(NoSuchElementException.class, () -> breakers.get("billing"));

        assertTrue(e.getMessage().contains("billing"), e.getMessage());
        assertTrue(e.getMessage().contains("shipping"), e.getMessage());
        assertTrue(e.getMessage().contains(COUNT), e.getMessage());
    }

    @Test
    void statsCountEveryCallMadeByOutcome() throws IOException {
        CircuitBreakerHandle count = breakers.get(COUNT);
        inventory.count(false);
        inventory.count(false);
        inventory.count(false);
        assertThrows(IOException.class, () -> inventory.count(true));
        assertEquals(new CircuitBreakerStats(4, 3, 1, 0, 0), count.stats(), "1 failure of 4 keeps it closed");

        assertThrows(IOException.class, () -> inventory.count(true));
        assertEquals(new CircuitBreakerStats(5, 3, 2, 0, 1), count.stats(), "2 failures of 4 opened it");

        assertThrows(CircuitOpenException.class, () -> inventory.count(false));
        assertThrows(CircuitOpenException.class, () -> inventory.count(false));
        assertEquals(new CircuitBreakerStats(7, 3, 2, 2, 1), count.stats());

        assertEquals(NO_CALLS, breakers.get(RESERVE).stats(), "the other method of the bean has its own breaker");
        assertEquals(CLOSED, breakers.get(RESERVE).state());
    }

    @Test
    void transitionsRecordEveryStateChangeWithItsTimeOldestFirst() {
        CircuitBreakerHandle b = breakers.get("shipping");
        Instant beforeOpen = Instant.now();
        assertThrows(IOException.class, () -> shipping.ship(true));
        assertThrows(IOException.class, () -> shipping.ship(true));
        Instant afterOpen = Instant.now();
        b.forceOpen();
        b.reset();
        Instant afterReset = Instant.now();

        List<StateTransition> t = b.transitions();

        assertEquals(List.of(CLOSED + ">" + OPEN, OPEN + ">" + FORCED_OPEN, FORCED_OPEN + ">" + CLOSED),
                t.stream().map(x -> x.from() + ">" + x.to()).toList());
        assertWithin(beforeOpen, t.get(0).at(), afterOpen);
        assertWithin(t.get(0).at(), t.get(1).at(), afterReset);
        assertWithin(t.get(1).at(), t.get(2).at(), afterReset);
    }

    @Test
    void transitionsKeepTheLast32() {
        CircuitBreakerHandle b = breakers.get(RESERVE);
        for (int i = 0; i < 20; i++) {
            b.forceOpen();
            b.reset();
        }

        List<StateTransition> t = b.transitions();

        assertEquals(32, t.size());
        assertEquals(CLOSED + ">" + FORCED_OPEN, t.get(0).from() + ">" + t.get(0).to());
        assertEquals(FORCED_OPEN + ">" + CLOSED, last(t));
    }

    @Test
    void resetClosesTheBreakerAndClearsItsWindowAndCounters() throws IOException {
        CircuitBreakerHandle b = breakers.get("shipping");
        assertThrows(IOException.class, () -> shipping.ship(true));
        assertThrows(IOException.class, () -> shipping.ship(true));
        assertThrows(CircuitOpenException.class, () -> shipping.ship(false));

        b.reset();

        assertEquals(CLOSED, b.state());
        assertEquals(NO_CALLS, b.stats());
        assertEquals(OPEN + ">" + CLOSED, last(b.transitions()));
        assertThrows(IOException.class, () -> shipping.ship(true));
        assertEquals(CLOSED, b.state(), "the two failures before the reset are gone from the window");
        assertEquals("shipped 4", shipping.ship(false));
        assertEquals(new CircuitBreakerStats(2, 1, 1, 0, 0), b.stats());
    }

    @Test
    void forceOpenRejectsEveryCallWithStateForcedOpenUntilReset() throws IOException {
        CircuitBreakerHandle b = breakers.get(COUNT);

        b.forceOpen();

        assertEquals(FORCED_OPEN, b.state());
        CircuitOpenException e = assertThrows(CircuitOpenException.class, () -> inventory.count(false));
        assertEquals(COUNT, e.getBreakerName());
        assertEquals(FORCED_OPEN, e.getState());
        assertEquals(Duration.ZERO, e.getRetryAfter(), "only the operator knows when it ends");
        assertTrue(e.getMessage().contains("FORCED_OPEN"), e.getMessage());
        assertEquals(1, inventory.reserve(false), "other breakers are untouched");
        assertEquals(1, inventory.invocations(), "the rejected call was not invoked");

        b.reset();

        assertEquals(2, inventory.count(false));
        assertEquals(CLOSED, b.state());
    }

    @Test
    void forceOpenOfABreakerThatIsAlreadyForcedOpenChangesNothing() {
        CircuitBreakerHandle b = breakers.get(RESERVE);
        b.forceOpen();
        b.forceOpen();

        assertEquals(1, b.stats().stateChanges());
        assertEquals(List.of(CLOSED + ">" + FORCED_OPEN), b.transitions().stream()
                .map(x -> x.from() + ">" + x.to()).toList());
        assertEquals(CLOSED, breakers.get(COUNT).state());
    }

    private static String last(List<StateTransition> transitions) {
        StateTransition t = transitions.get(transitions.size() - 1);
        return t.from() + ">" + t.to();
    }

    private static void assertWithin(Instant from, Instant at, Instant to) {
        assertFalse(at.isBefore(from), at + " is before " + from);
        assertFalse(at.isAfter(to), at + " is after " + to);
    }
}
