package dev.steadfast.tck.registry;

import dev.steadfast.CircuitBreakers;
import dev.steadfast.guard.Guard;
import dev.steadfast.tck.lifecycle.SharedDependency;
import dev.steadfast.tck.support.TestContainer;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The registry does not only grow: {@link CircuitBreakers#remove} takes out a breaker nobody needs, except one that
 * annotated methods use (it lives as long as the application), and closing a programmatic guard unregisters its own
 * breaker.
 */
class RemoveBreakerTest {

    @Test
    void aBreakerThatAnnotatedMethodsUseCannotBeRemoved() {
        try (TestContainer c = TestContainer.start(Inventory.class, SharedDependency.class)) {
            CircuitBreakers breakers = c.select(CircuitBreakers.class);
            String unnamed = Inventory.class.getName() + "#count";

            IllegalStateException e = assertThrows(IllegalStateException.class, () -> breakers.remove(unnamed));
            assertTrue(e.getMessage().contains(unnamed) && e.getMessage().contains("annotated methods"),
                    e.getMessage());
            assertThrows(IllegalStateException.class, () -> breakers.remove("shared"));
            assertTrue(breakers.find(unnamed).isPresent());
            assertTrue(breakers.find("shared").isPresent());
        }
    }

    @Test
    void aGuardsBreakerIsRemovedAndAClosedGuardsOwnBreakerIsUnregistered() throws Exception {
        try (TestContainer c = TestContainer.start(Inventory.class)) {
            CircuitBreakers breakers = c.select(CircuitBreakers.class);
            Guard<String> named = Guard.<String>builder("pricing-client")
                    .circuitBreaker(b -> b.name("pricing")).build();
            Guard<String> own = Guard.<String>builder("audit-client").circuitBreaker().build();
            assertEquals("ok", named.call(() -> "ok"));

            assertTrue(breakers.remove("pricing"));
            assertFalse(breakers.remove("pricing"));
            own.close();

            assertEquals(Optional.empty(), breakers.find("pricing"));
            assertEquals(Optional.empty(), breakers.find("audit-client"));
            assertEquals("still works", named.call(() -> "still works"), "a guard goes on with its breaker");
        }
    }
}
