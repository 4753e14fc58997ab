package dev.steadfast.tck.programmatic;

import dev.steadfast.CircuitBreakers;
import dev.steadfast.CircuitOpenException;
import dev.steadfast.CircuitState;
import dev.steadfast.guard.Guard;
import dev.steadfast.guard.Steadfast;
import dev.steadfast.tck.support.TestContainer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A guard built while a container runs joins its registry and shares breakers by name (docs/programmatic.md). */
class GuardInContainerTest {

    private static Guard<String> cardNetworkGuard() {
        return Guard.<String>builder("refunds-client")
                .circuitBreaker(b -> b.name("card-network").requestVolumeThreshold(2).failureRatio(1.0)
                        .delay(Duration.ofMinutes(1)))
                .build();
    }

    @Test
    void aGuardNamingAnAnnotatedBreakerSharesItsState() {
        try (TestContainer c = TestContainer.start(Payments.class)) {
            Payments payments = c.select(Payments.class);
            Guard<String> refunds = cardNetworkGuard();

            assertThrows(IOException.class, () -> payments.charge(true));
            assertThrows(IOException.class, () -> refunds.call(() -> {
                throw new IOException("refund failed");
            }));

            assertThrows(CircuitOpenException.class, () -> payments.charge(false));
            assertThrows(CircuitOpenException.class, () -> refunds.call(() -> "refunded"));
            assertEquals(CircuitState.OPEN, c.select(CircuitBreakers.class).get("card-network").state());
        }
    }

    @Test
    void theGuardsUnnamedBreakerIsListedInTheInjectedRegistry() {
        try (TestContainer c = TestContainer.start(Payments.class)) {
            Guard.<String>builder("audit-client").circuitBreaker().build();

            CircuitBreakers injected = c.select(CircuitBreakers.class);
            assertEquals(CircuitState.CLOSED, injected.get("audit-client").state());
            assertSame(injected.get("card-network"), Steadfast.circuitBreakers().get("card-network"));
        }
    }

    @Test
    void aGuardDisagreeingWithAnAnnotatedBreakerFailsToBuild() {
        try (TestContainer c = TestContainer.start(Payments.class)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Guard.<String>builder("other").circuitBreaker(b -> b.name("card-network")).build());
            assertTrue(e.getMessage().contains("card-network"), e.getMessage());
        }
    }
}
