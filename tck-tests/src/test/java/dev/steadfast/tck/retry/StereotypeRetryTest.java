package dev.steadfast.tck.retry;

import dev.steadfast.RetryExhaustedException;
import dev.steadfast.tck.support.SteadfastWeld;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@code @Retry} on a CDI stereotype applies to every bean that carries the stereotype (docs/annotations.md). */
@EnableWeld
class StereotypeRetryTest {

    @WeldSetup
    public WeldInitiator weld = SteadfastWeld.of(PaymentsClient.class, OverridingPaymentsClient.class, Counters.class);

    @Inject
    PaymentsClient payments;

    @Inject
    OverridingPaymentsClient overriding;

    @Inject
    Counters counters;

    @Test
    void theStereotypesRetryAppliesToTheBeansMethods() {
        RetryExhaustedException e = assertThrows(RetryExhaustedException.class, payments::charge);

        assertEquals(3, e.getAttempts());
        assertEquals(3, counters.get("charge"));
    }

    @Test
    void theStereotypesRetryOnIsPartOfThePolicy() {
        assertThrows(IllegalStateException.class, payments::refund);

        assertEquals(1, counters.get("refund"), "the stereotype retries I/O failures only");
    }

    @Test
    void aMethodLevelRetryReplacesTheStereotypesOne() {
        RetryExhaustedException e = assertThrows(RetryExhaustedException.class, payments::capture);

        assertEquals(1, e.getAttempts());
        assertEquals(1, counters.get("capture"));
    }

    @Test
    void aRetryOnTheClassWinsOverTheStereotypesOne() {
        RetryExhaustedException e = assertThrows(RetryExhaustedException.class, overriding::charge);

        assertEquals(5, e.getAttempts());
        assertEquals(5, counters.get("override.charge"));
    }
}
