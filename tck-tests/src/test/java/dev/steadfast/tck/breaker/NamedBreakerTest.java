package dev.steadfast.tck.breaker;

import dev.steadfast.CircuitBreakerHandle;
import dev.steadfast.CircuitBreakerStats;
import dev.steadfast.CircuitBreakers;
import dev.steadfast.CircuitOpenException;
import dev.steadfast.tck.support.SteadfastWeld;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static dev.steadfast.CircuitState.CLOSED;
import static dev.steadfast.CircuitState.OPEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code @CircuitBreaker(name = "payments")} on two beans: one breaker, shared by name (docs/order-and-state.md). */
@EnableWeld
class NamedBreakerTest {

    @WeldSetup
    public WeldInitiator weld = SteadfastWeld.withRequestScope(PaymentsGateway.class, PaymentsLedger.class);

    @Inject
    PaymentsGateway gateway;

    @Inject
    PaymentsLedger ledger;

    @Inject
    CircuitBreakers breakers;

    @Test
    void failuresThroughOneBeanOpenTheBreakerForTheOther() {
        for (int i = 0; i < 3; i++) {
            assertThrows(IOException.class, () -> gateway.charge(true));
        }

        CircuitOpenException e = assertThrows(CircuitOpenException.class, () -> ledger.record(false));

        assertEquals("payments", e.getBreakerName());
        assertEquals(OPEN, e.getState());
        assertEquals(0, ledger.invocations(), "the other bean's method must not be invoked either");
    }

    @Test
    void outcomesOfEveryMethodNamingItFillOneWindow() {
        assertThrows(IOException.class, () -> gateway.charge(true));
        assertThrows(IOException.class, () -> ledger.record(true));
        assertEquals(CLOSED, breakers.get("payments").state(), "two of a window of three");

        assertThrows(IOException.class, () -> gateway.charge(true));

        assertEquals(OPEN, breakers.get("payments").state());
        assertThrows(CircuitOpenException.class, () -> gateway.charge(false));
        assertThrows(CircuitOpenException.class, () -> ledger.record(false));
    }

    @Test
    void isRegisteredOnceUnderItsNameWithTheCallsOfEveryMethod() throws IOException {
        gateway.charge(false);
        ledger.record(false);
        assertThrows(IOException.class, () -> ledger.record(true));

        List<String> names = breakers.all().stream().map(CircuitBreakerHandle::name).toList();
        assertEquals(List.of("payments"), names);
        assertTrue(breakers.find(PaymentsGateway.class.getName() + "#charge").isEmpty());
        assertEquals(new CircuitBreakerStats(3, 2, 1, 0, 0), breakers.get("payments").stats());
    }

    @Test
    void aResetThroughTheRegistryClosesItForEveryMethod() throws IOException {
        for (int i = 0; i < 3; i++) {
            assertThrows(IOException.class, () -> ledger.record(true));
        }

        breakers.get("payments").reset();

        assertEquals("charge 1", gateway.charge(false));
        assertEquals("record 4", ledger.record(false));
    }
}
