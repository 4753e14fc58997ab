package dev.steadfast.tck.registry;

import dev.steadfast.CircuitBreakers;
import dev.steadfast.FaultToleranceHealth;
import dev.steadfast.SystemHealth;
import dev.steadfast.tck.support.Eventually;
import dev.steadfast.tck.support.SteadfastWeld;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;

import static dev.steadfast.CircuitState.HALF_OPEN;
import static dev.steadfast.HealthStatus.DEGRADED;
import static dev.steadfast.HealthStatus.FAILING;
import static dev.steadfast.HealthStatus.HEALTHY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link FaultToleranceHealth} (docs/operations.md): closed is HEALTHY, half-open DEGRADED, open or forced open
 * FAILING; the overall status is the worst.
 */
@EnableWeld
class FaultToleranceHealthTest {

    private static final String TRACKING = Tracking.class.getName() + "#track";

    @WeldSetup
    public WeldInitiator weld = SteadfastWeld.withRequestScope(Shipping.class, Tracking.class);

    @Inject
    Shipping shipping;

    @Inject
    Tracking tracking;

    @Inject
    FaultToleranceHealth health;

    @Inject
    CircuitBreakers breakers;

    @Test
    void isHealthyWhileEveryBreakerIsClosed() {
        assertEquals(new SystemHealth(HEALTHY, Map.of("shipping", HEALTHY, TRACKING, HEALTHY)), health.report());
    }

    @Test
    void anOpenBreakerIsFailingAndSoIsTheOverallStatus() {
        openShipping();

        assertEquals(new SystemHealth(FAILING, Map.of("shipping", FAILING, TRACKING, HEALTHY)), health.report());
    }

    @Test
    void aForcedOpenBreakerIsFailing() {
        breakers.get(TRACKING).forceOpen();

        assertEquals(new SystemHealth(FAILING, Map.of("shipping", HEALTHY, TRACKING, FAILING)), health.report());
    }

    @Test
    void aHalfOpenBreakerIsDegradedAndTheOverallStatusIsTheWorst() {
        assertThrows(IOException.class, () -> tracking.track(true));
        Eventually.await(() -> breakers.get(TRACKING).state() == HALF_OPEN,
                () -> TRACKING + " is " + breakers.get(TRACKING).state());

        assertEquals(new SystemHealth(DEGRADED, Map.of("shipping", HEALTHY, TRACKING, DEGRADED)), health.report());

        openShipping();

        assertEquals(new SystemHealth(FAILING, Map.of("shipping", FAILING, TRACKING, DEGRADED)), health.report());
    }

    @Test
    void eachReportIsFresh() {
        openShipping();
        SystemHealth whileOpen = health.report();

        breakers.get("shipping").reset();

        assertEquals(FAILING, whileOpen.status(), "an earlier report is a snapshot");
        assertEquals(new SystemHealth(HEALTHY, Map.of("shipping", HEALTHY, TRACKING, HEALTHY)), health.report());
    }

    private void openShipping() {
        assertThrows(IOException.class, () -> shipping.ship(true));
        assertThrows(IOException.class, () -> shipping.ship(true));
    }
}
