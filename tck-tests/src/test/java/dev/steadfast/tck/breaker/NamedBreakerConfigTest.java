package dev.steadfast.tck.breaker;

import dev.steadfast.CircuitBreakers;
import dev.steadfast.CircuitOpenException;
import dev.steadfast.tck.support.TestContainer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static dev.steadfast.CircuitState.CLOSED;
import static dev.steadfast.CircuitState.OPEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A named breaker's parameters must agree on every method naming it, or come from
 * {@code steadfast.circuit-breaker."<name>".<member>} (docs/annotations.md, docs/configuration.md, docs/validation.md).
 */
class NamedBreakerConfigTest {

    private static final String PAYMENTS_VOLUME = "steadfast.circuit-breaker.\"payments\".request-volume-threshold";
    private static final String CHARGE = PaymentsGateway.class.getName() + "#charge(boolean)";
    private static final String REFUND = PaymentsRefunds.class.getName() + "#refund(boolean)";

    @Test
    void methodsNamingOneBreakerWithDifferentParametersFailTheDeployment() {
        List<String> errors = TestContainer.deploymentErrors(PaymentsGateway.class, PaymentsRefunds.class);

        String message = errors.get(0);
        assertTrue(message.contains("\"payments\""), message);
        assertTrue(message.contains(CHARGE), message);
        assertTrue(message.contains(REFUND), message);
        assertTrue(message.contains("disagree"), message);
        assertTrue(message.contains("requestVolumeThreshold"), "names the member that differs: " + message);
    }

    @Test
    void aDisagreementIsReportedOnceNamingTheMethods() {
        List<String> errors = TestContainer.deploymentErrors(PaymentsGateway.class, PaymentsRefunds.class);

        assertEquals(1, errors.size(), errors.toString());
    }

    @Test
    void classListsThatDifferOnlyInOrderAgree() {
        try (TestContainer c = TestContainer.start(AuditTrail.class, AuditArchive.class)) {
            assertEquals("written", c.select(AuditTrail.class).write());
            assertEquals("archived", c.select(AuditArchive.class).archive());
        }
    }

    @Test
    void theNamedConfigKeyAppliesToEveryMethodNamingTheBreaker() {
        try (TestContainer c = TestContainer.start(Map.of(PAYMENTS_VOLUME, "2"), PaymentsGateway.class,
                PaymentsLedger.class)) {
            PaymentsGateway gateway = c.select(PaymentsGateway.class);
            PaymentsLedger ledger = c.select(PaymentsLedger.class);
            CircuitBreakers breakers = c.select(CircuitBreakers.class);

            assertThrows(IOException.class, () -> ledger.record(true));
            assertThrows(IOException.class, () -> gateway.charge(true));

            assertEquals(OPEN, breakers.get("payments").state(), "opened after 2 failures, not the annotations' 3");
            assertThrows(CircuitOpenException.class, () -> gateway.charge(false));
            assertThrows(CircuitOpenException.class, () -> ledger.record(false));
        }
    }

    @Test
    void theNamedConfigKeyResolvesADisagreementBetweenTheAnnotations() {
        try (TestContainer c = TestContainer.start(Map.of(PAYMENTS_VOLUME, "2"), PaymentsGateway.class,
                PaymentsRefunds.class)) {
            PaymentsGateway gateway = c.select(PaymentsGateway.class);
            PaymentsRefunds refunds = c.select(PaymentsRefunds.class);
            CircuitBreakers breakers = c.select(CircuitBreakers.class);

            assertThrows(IOException.class, () -> refunds.refund(true));
            assertEquals(CLOSED, breakers.get("payments").state());
            assertThrows(IOException.class, () -> refunds.refund(true));

            assertEquals(OPEN, breakers.get("payments").state());
            CircuitOpenException e = assertThrows(CircuitOpenException.class, () -> gateway.charge(false));
            assertEquals("payments", e.getBreakerName());
            assertEquals(0, gateway.invocations());
        }
    }

    @Test
    void theNamedConfigKeyWinsOverTheMethodKey() {
        Map<String, String> config = Map.of(
                PAYMENTS_VOLUME, "2",
                "steadfast.\"" + PaymentsGateway.class.getName() + "/charge\".circuit-breaker.request-volume-threshold",
                "10");
        try (TestContainer c = TestContainer.start(config, PaymentsGateway.class)) {
            PaymentsGateway gateway = c.select(PaymentsGateway.class);

            assertThrows(IOException.class, () -> gateway.charge(true));
            assertThrows(IOException.class, () -> gateway.charge(true));

            assertEquals(OPEN, c.select(CircuitBreakers.class).get("payments").state());
        }
    }
}
