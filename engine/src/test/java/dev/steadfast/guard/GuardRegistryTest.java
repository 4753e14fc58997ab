package dev.steadfast.guard;

import dev.steadfast.CircuitBreakers;
import dev.steadfast.CircuitState;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.NoSuchElementException;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The registry holds what is in use, not everything ever built: a closed guard's own breaker is unregistered, and
 * {@link CircuitBreakers#remove} takes out a breaker nobody needs any more.
 */
class GuardRegistryTest {

    private static final int GUARDS = 100_000;

    @Test
    void aHundredThousandShortLivedGuardsLeaveTheRegistryAtItsBaseline() throws Exception {
        CircuitBreakers registry = Steadfast.circuitBreakers();
        // A guard kept for the whole test, as an application keeps its long-lived guards: it keeps the engine.
        Guard<String> longLived = Guard.<String>builder("registry-baseline").circuitBreaker().build();
        int baseline = registry.all().size();
        long heapBefore = usedHeapAfterGc();

        for (int i = 0; i < GUARDS; i++) {
            try (Guard<String> g = Guard.<String>builder("short-lived-" + i).circuitBreaker().build()) {
                assertEquals("ok", g.call(() -> "ok"));
            }
        }

        assertEquals(baseline, registry.all().size(), "breakers left in the registry");
        assertTrue(registry.find(longLived.name()).isPresent(), "the long-lived guard's breaker stays");
        long grownBytes = usedHeapAfterGc() - heapBefore;
        // Roughly: 100k registered breakers took ~80 MB; what is left must be noise (and far from one KB a guard).
        assertTrue(grownBytes < 16L * 1024 * 1024, "the heap grew by " + grownBytes / 1024 + " KB");
    }

    @Test
    void closingAGuardUnregistersItsOwnBreakerOnceNoOtherGuardOfThatNameHoldsIt() throws Exception {
        Guard<String> first = Guard.<String>builder("shared-own-breaker").circuitBreaker().build();
        Guard<String> second = Guard.<String>builder("shared-own-breaker").circuitBreaker().build();
        CircuitBreakers registry = Steadfast.circuitBreakers();

        first.close();
        assertTrue(registry.find("shared-own-breaker").isPresent(), "the second guard still holds it");
        assertEquals("ok", second.call(() -> "ok"));

        second.close();
        assertEquals(Optional.empty(), registry.find("shared-own-breaker"));
        assertThrows(IllegalStateException.class, () -> second.call(() -> "closed"));
        second.close(); // idempotent
    }

    @Test
    void closingAGuardLeavesANamedBreakerToTheOthersNamingIt() throws Exception {
        Guard<String> g = Guard.<String>builder("client-of-inventory")
                .circuitBreaker(b -> b.name("inventory-service")).build();

        g.close();

        assertTrue(Steadfast.circuitBreakers().find("inventory-service").isPresent());
        assertTrue(Steadfast.circuitBreakers().remove("inventory-service"));
    }

    @Test
    void removeTakesABreakerOutAndALaterOneOfThatNameStartsAfresh() throws Exception {
        Guard<String> g = Guard.<String>builder("flaky-client")
                .circuitBreaker(b -> b.name("flaky-dependency").requestVolumeThreshold(1).failureRatio(1.0)).build();
        assertThrows(IllegalStateException.class, () -> g.call(() -> {
            throw new IllegalStateException("down");
        }));
        CircuitBreakers registry = Steadfast.circuitBreakers();
        assertEquals(CircuitState.OPEN, registry.get("flaky-dependency").state());

        assertTrue(registry.remove("flaky-dependency"));

        assertFalse(registry.remove("flaky-dependency"), "already gone");
        assertThrows(NoSuchElementException.class, () -> registry.get("flaky-dependency"));
        Guard<String> later = Guard.<String>builder("flaky-client-again")
                .circuitBreaker(b -> b.name("flaky-dependency").requestVolumeThreshold(1).failureRatio(1.0)).build();
        assertEquals(CircuitState.CLOSED, registry.get("flaky-dependency").state());
        assertEquals("up", later.call(() -> "up"));
        registry.remove("flaky-dependency");
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
