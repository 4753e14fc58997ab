package dev.steadfast.tck.config;

import dev.steadfast.RetryExhaustedException;
import dev.steadfast.tck.support.TestContainer;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The levels (docs/configuration.md) of {@code retry.max-retries}: method key, then class key, then global, then the
 * annotation's own value; the most specific one set wins.
 */
class RetryKeyPrecedenceTest {

    private static final String MAX_RETRIES = "retry.max-retries";

    @Test
    void theAnnotationsValueAppliesWhenNoKeyIsSet() {
        try (TestContainer c = start(Map.of())) {
            assertEquals(6, attempts(c, "stock"));
        }
    }

    @Test
    void theGlobalKeyReplacesTheAnnotationsValueEverywhere() {
        try (TestContainer c = start(Map.of(Keys.global(MAX_RETRIES), "2"))) {
            assertEquals(3, attempts(c, "stock"));
            assertEquals(3, attempts(c, "reserve"));
            assertEquals(3, attempts(c, "track"));
        }
    }

    @Test
    void theClassKeyWinsOverTheGlobalKeyForThatClassOnly() {
        try (TestContainer c = start(Map.of(
                Keys.global(MAX_RETRIES), "2",
                Keys.type(InventoryClient.class, MAX_RETRIES), "1"))) {
            assertEquals(2, attempts(c, "stock"));
            assertEquals(2, attempts(c, "reserve"));
            assertEquals(3, attempts(c, "track"), "ShippingClient still follows the global key");
        }
    }

    @Test
    void theMethodKeyWinsOverTheClassKeyForThatMethodOnly() {
        try (TestContainer c = start(Map.of(
                Keys.global(MAX_RETRIES), "2",
                Keys.type(InventoryClient.class, MAX_RETRIES), "1",
                Keys.method(InventoryClient.class, "stock", MAX_RETRIES), "0"))) {
            assertEquals(1, attempts(c, "stock"));
            assertEquals(2, attempts(c, "reserve"), "reserve still follows the class key");
            assertEquals(3, attempts(c, "track"));
        }
    }

    @Test
    void theMethodKeyWinsOverTheGlobalKeyWithoutAClassKey() {
        try (TestContainer c = start(Map.of(
                Keys.global(MAX_RETRIES), "2",
                Keys.method(InventoryClient.class, "reserve", MAX_RETRIES), "4"))) {
            assertEquals(5, attempts(c, "reserve"));
            assertEquals(3, attempts(c, "stock"));
        }
    }

    @Test
    void theClassKeyAppliesToAClassLevelAnnotation() {
        try (TestContainer c = start(Map.of(Keys.type(ShippingClient.class, MAX_RETRIES), "1"))) {
            assertEquals(2, attempts(c, "track"));
            assertEquals(6, attempts(c, "stock"), "another class keeps its annotation's value");
        }
    }

    @Test
    void theMethodKeyAppliesToAMethodGuardedByAClassLevelAnnotation() {
        try (TestContainer c = start(Map.of(
                Keys.type(ShippingClient.class, MAX_RETRIES), "1",
                Keys.method(ShippingClient.class, "track", MAX_RETRIES), "3"))) {
            assertEquals(4, attempts(c, "track"));
        }
    }

    @Test
    void aKeyForAnotherMemberOrAnnotationDoesNotChangeMaxRetries() {
        // timeout.max-retries is read by nothing: strict config (StrictConfigTest) would fail the deployment on it.
        try (TestContainer c = start(Map.of(StrictConfigKey.OFF, "false",
                Keys.method(InventoryClient.class, "stock", "timeout.max-retries"), "0",
                Keys.method(InventoryClient.class, "stock", "retry.max-duration"), "1h"))) {
            assertEquals(6, attempts(c, "stock"));
        }
    }

    private static TestContainer start(Map<String, String> config) {
        return TestContainer.start(config, InventoryClient.class, ShippingClient.class, Counters.class);
    }

    /** Calls the method once and returns how many times it was invoked, checked against the exception's count. */
    private static int attempts(TestContainer c, String method) {
        RetryExhaustedException e = assertThrows(RetryExhaustedException.class, () -> {
            switch (method) {
                case "stock" -> c.select(InventoryClient.class).stock();
                case "reserve" -> c.select(InventoryClient.class).reserve();
                case "track" -> c.select(ShippingClient.class).track();
                default -> throw new IllegalArgumentException(method);
            }
        });
        int invoked = c.select(Counters.class).get(method);
        assertEquals(invoked, e.getAttempts(), "invocations of " + method + " and RetryExhaustedException agree");
        return invoked;
    }
}
