package dev.steadfast.junit5.sample;

import dev.steadfast.CircuitOpenException;
import dev.steadfast.impl.cdi.SteadfastExtension;
import dev.steadfast.junit5.FaultToleranceControl;
import dev.steadfast.junit5.TestClock;
import dev.steadfast.junit5.WithFaultTolerance;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.time.Duration;
import java.util.UUID;

import static dev.steadfast.CircuitState.CLOSED;
import static dev.steadfast.CircuitState.HALF_OPEN;
import static dev.steadfast.CircuitState.OPEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A Weld SE container started by hand in {@code @BeforeAll} and shared by the tests; the clock and the control come
 * in as parameters (no weld-junit5 here to claim them).
 */
@WithFaultTolerance
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HandStartedContainerTest {

    private static WeldContainer container;

    @BeforeAll
    static void startContainer() {
        container = new Weld(UUID.randomUUID().toString()).disableDiscovery()
                .addExtension(new SteadfastExtension())
                .addBeanClasses(PaymentsClient.class, PaymentGateway.class)
                .initialize();
    }

    @AfterAll
    static void stopContainer() {
        container.shutdown();
    }

    private static PaymentsClient client() {
        return container.select(PaymentsClient.class).get();
    }

    private static PaymentGateway gateway() {
        return container.select(PaymentGateway.class).get();
    }

    @Test
    @Order(1)
    void opensAndGoesHalfOpenOnTheTestClock(TestClock clock, FaultToleranceControl control) {
        gateway().goDown();
        for (int i = 0; i < 5; i++) {
            assertThrows(IOException.class, () -> client().charge("order"));
        }
        assertEquals(OPEN, control.breaker(PaymentsClient.class, "charge").state());

        clock.advance(Duration.ofSeconds(30));

        assertEquals(HALF_OPEN, control.breaker(PaymentsClient.class, "charge").state());
        control.forceOpen("ledger");
        gateway().comeBack();
    }

    @Test
    @Order(2)
    void theNextTestFindsEveryBreakerClosedAndCleared(FaultToleranceControl control) throws IOException {
        assertEquals(CLOSED, control.breaker(PaymentsClient.class, "charge").state());
        assertEquals(0, control.breaker(PaymentsClient.class, "charge").stats().totalCalls());
        assertEquals(CLOSED, control.breaker("ledger").state());
        assertEquals("book entry ok", client().book("entry"));
    }

    @Test
    @Order(3)
    void theClockKeepsItsTimeButCountsElapsedFromEachTest(TestClock clock, FaultToleranceControl control) {
        assertEquals(Duration.ZERO, clock.elapsed());
        control.forceOpen(PaymentsClient.class, "charge");

        assertThrows(CircuitOpenException.class, () -> client().charge("order"));

        clock.advance(Duration.ofHours(1));
        assertThrows(CircuitOpenException.class, () -> client().charge("order"), "forced open ignores time");
        assertEquals(Duration.ofHours(1), clock.elapsed());
    }
}
