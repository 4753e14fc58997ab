package dev.steadfast.tck.overload;

import dev.steadfast.BreakerFamilyHandle;
import dev.steadfast.CircuitBreakers;
import dev.steadfast.CircuitStateChanged;
import dev.steadfast.KeyedCircuitOpenException;
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

/** Keyed breakers: {@code @BreakerKey} or a key function, one breaker per key, listed by {@link CircuitBreakers}. */
class KeyedBreakerAnnotationTest {

    private static final String GET = Tenants.class.getName() + "#get";

    @Test
    void oneFailingTenantOpensOnlyItsOwnBreakerAndTheEventCarriesTheKey() throws IOException {
        try (TestContainer c = TestContainer.start(Tenants.class, Refusals.class)) {
            Tenants tenants = c.select(Tenants.class);
            assertThrows(IOException.class, () -> tenants.fetch("acme", true));
            assertThrows(IOException.class, () -> tenants.fetch("acme", true));

            KeyedCircuitOpenException e = assertThrows(KeyedCircuitOpenException.class,
                    () -> tenants.fetch("acme", false));

            assertEquals("acme", e.getKey());
            assertEquals("tenants", e.getBreakerName());
            assertEquals("data of globex", tenants.fetch("globex", false));
            CircuitBreakers breakers = c.select(CircuitBreakers.class);
            assertEquals(OPEN, breakers.find("tenants", "acme").orElseThrow().state());
            assertEquals(CLOSED, breakers.find("tenants", "globex").orElseThrow().state());
            List<CircuitStateChanged> changes = c.select(Refusals.class).changes();
            assertEquals(1, changes.size(), changes.toString());
            assertEquals("tenants", changes.get(0).name());
            assertEquals("acme", changes.get(0).key());
            assertEquals(OPEN, changes.get(0).to());
        }
    }

    @Test
    void theRegistryListsFamiliesFromDeploymentOn() {
        try (TestContainer c = TestContainer.start(Tenants.class)) {
            CircuitBreakers breakers = c.select(CircuitBreakers.class);

            assertEquals(List.of(GET, "tenants"), breakers.families().stream().map(BreakerFamilyHandle::name).toList());
            assertTrue(breakers.all().isEmpty(), "keyed breakers are listed as families only");
            assertEquals(0, breakers.family("tenants").orElseThrow().size());
        }
    }

    @Test
    void aKeyFunctionSelectsTheBreakerFromTheArguments() throws IOException {
        try (TestContainer c = TestContainer.start(Tenants.class)) {
            Tenants tenants = c.select(Tenants.class);
            assertThrows(IOException.class, () -> tenants.get("https://a.example/x", true));
            assertThrows(IOException.class, () -> tenants.get("https://a.example/y", true));

            assertThrows(KeyedCircuitOpenException.class, () -> tenants.get("https://a.example/z", false));
            assertEquals("page", tenants.get("https://b.example/x", false));
            assertEquals(OPEN, c.select(CircuitBreakers.class).find(GET, "a.example").orElseThrow().state());
        }
    }

    @Test
    void theNamedBreakersMaxKeysKeyBoundsTheFamily() throws IOException {
        try (TestContainer c = TestContainer.start(Map.of("steadfast.circuit-breaker.\"tenants\".max-keys", "2"),
                Tenants.class)) {
            Tenants tenants = c.select(Tenants.class);
            for (String t : List.of("a", "b", "c", "d", "e")) {
                tenants.fetch(t, false);
            }

            BreakerFamilyHandle family = c.select(CircuitBreakers.class).family("tenants").orElseThrow();
            assertTrue(family.size() <= 2, "size " + family.size());
            assertTrue(family.evictions() >= 3, "evictions " + family.evictions());
        }
    }
}
