package dev.steadfast.junit5.sample;

import dev.steadfast.impl.cdi.SteadfastExtension;
import dev.steadfast.junit5.FaultToleranceControl;
import dev.steadfast.junit5.TestClock;
import dev.steadfast.junit5.WithFaultTolerance;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.ExplicitParamInjection;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;

import static dev.steadfast.CircuitState.HALF_OPEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** With weld-junit5's {@code @ExplicitParamInjection}, the clock and the control can be test-method parameters. */
@WithFaultTolerance
@EnableWeld
@ExplicitParamInjection
class ExplicitParamInjectionTest {

    @WeldSetup
    public WeldInitiator weld = WeldInitiator.from(WeldInitiator.createWeld()
            .addExtension(new SteadfastExtension())
            .addBeanClasses(PaymentsClient.class, PaymentGateway.class))
            .build();

    @Inject
    PaymentsClient client;

    @Inject
    PaymentGateway gateway;

    @Test
    void recoversAfterThirtySeconds(TestClock clock, FaultToleranceControl control) {
        gateway.goDown();
        for (int i = 0; i < 5; i++) {
            assertThrows(IOException.class, () -> client.charge("order"));
        }

        clock.advance(Duration.ofSeconds(30));

        assertEquals(HALF_OPEN, control.breaker(PaymentsClient.class, "charge").state());
    }
}
