package dev.steadfast.engine.cluster;

import dev.steadfast.CircuitState;
import dev.steadfast.ClusterStatus;
import dev.steadfast.FleetBreakerView;
import dev.steadfast.FleetQuotaView;
import dev.steadfast.RateLimitExceededException;
import dev.steadfast.RateLimitType;
import dev.steadfast.Scope;
import dev.steadfast.engine.GuardPolicy;
import dev.steadfast.engine.Strategy;
import dev.steadfast.engine.breaker.BreakerPolicy;
import dev.steadfast.engine.cluster.TestFleet.Member;
import dev.steadfast.engine.ratelimit.RateLimitPolicy;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The views of the fleet that {@code CircuitBreakerHandle.fleet()} and {@code RateLimiterHandle.fleet()} give, across
 * three members on one in-memory backend in virtual time: each member sees every member's window as published, the
 * fleet's decision with its origin, and the quota's lease; a local policy has none.
 */
class FleetViewTest {

    private static final BreakerPolicy PAYMENTS = BreakerPolicy.builder().requestVolumeThreshold(100)
            .failureRatio(0.5).delay(Duration.ofSeconds(10)).scope(Scope.CLUSTER).build();
    private static final RateLimitPolicy PARTNER = new RateLimitPolicy(100, Duration.ofHours(1).toNanos(), 0,
            RateLimitType.FIXED, Scope.CLUSTER);

    private static Strategy<Object> chain(Member m) {
        return m.chain(GuardPolicy.builder("com.acme.Payments#charge()").breaker("payments", PAYMENTS).build());
    }

    private static Strategy<Object> partner(Member m) {
        return m.chain(GuardPolicy.builder("com.acme.Partner#call()").rateLimit("partner", PARTNER).build());
    }

    /** {@code n} admitted calls; leases arrive off the call path, so a rejected call waits a little and tries again. */
    private static void admitted(TestFleet fleet, Strategy<Object> chain, int n) throws Exception {
        int done = 0;
        for (int attempt = 0; done < n && attempt < 1000; attempt++) {
            try {
                chain.call(() -> "ok");
                done++;
            } catch (RateLimitExceededException e) {
                fleet.advance(Duration.ofMillis(10));
            }
        }
        assertEquals(n, done);
    }

    private static void calls(Strategy<Object> chain, int failures, int successes) throws Exception {
        for (int i = 0; i < failures; i++) {
            assertThrows(IOException.class, () -> chain.call(() -> {
                throw new IOException("down");
            }));
        }
        for (int i = 0; i < successes; i++) {
            chain.call(() -> "ok");
        }
    }

    @Test
    void everyMemberSeesEveryWindowAndTheDecisionWithItsOrigin() throws Exception {
        try (TestFleet fleet = new TestFleet()) {
            fleet.cluster.latency(Duration.ofMillis(2));
            Member a = fleet.join("a");
            Member b = fleet.join("b");
            Member c = fleet.join("c");
            Strategy<Object> onA = chain(a);
            Strategy<Object> onB = chain(b);
            Strategy<Object> onC = chain(c);
            Strategy<Object> partnerOnA = partner(a);
            Strategy<Object> partnerOnB = partner(b);
            fleet.advance(Duration.ofMillis(300));

            calls(onA, 3, 1);
            calls(onB, 0, 2);
            calls(onC, 1, 1);
            admitted(fleet, partnerOnB, 10);
            admitted(fleet, partnerOnA, 4);
            fleet.advance(Duration.ofMillis(600));

            FleetBreakerView seenByB = b.engine.breakers().get("payments").fleet().orElseThrow();
            assertEquals("b", seenByB.member());
            assertEquals(ClusterStatus.CONNECTED, seenByB.status());
            assertNull(seenByB.decision(), "no decision yet");
            assertEquals(List.of("b", "a", "c"), seenByB.windows().stream().map(w -> w.member()).toList(),
                    "itself first, then the others by id");
            assertEquals(List.of(2, 4, 2), seenByB.windows().stream().map(w -> w.calls()).toList());
            assertEquals(List.of(0, 3, 1), seenByB.windows().stream().map(w -> w.failures()).toList());

            FleetQuotaView quotaOnA = a.engine.rateLimiters().get("partner").fleet().orElseThrow();
            assertEquals("a", quotaOnA.member());
            assertEquals(ClusterStatus.CONNECTED, quotaOnA.status());
            assertEquals(3, quotaOnA.members());
            assertEquals(100, quotaOnA.limit());
            assertEquals(4, quotaOnA.used());
            assertTrue(quotaOnA.leased() >= 4, quotaOnA.toString());
            assertTrue(quotaOnA.fleetLeft() >= 0, quotaOnA.toString());
            assertTrue(quotaOnA.othersLeased() >= 10, "b holds at least what it spent: " + quotaOnA);

            c.engine.breakers().get("payments").forceOpen();
            fleet.advance(Duration.ofMillis(300));
            FleetBreakerView after = a.engine.breakers().get("payments").fleet().orElseThrow();
            assertEquals(CircuitState.FORCED_OPEN, after.decision());
            assertEquals("c", after.origin());
            assertEquals(fleet.clock.instant().minusMillis(300).toEpochMilli(), after.decidedAt().toEpochMilli(), 50);
        }
    }

    @Test
    void aLocalPolicyHasNoFleetView() throws Exception {
        try (TestFleet fleet = new TestFleet()) {
            Member a = fleet.join("a");
            a.chain(GuardPolicy.builder("com.acme.Local#call()")
                    .breaker("local", BreakerPolicy.builder().build())
                    .rateLimit("local-limit", new RateLimitPolicy(5, Duration.ofSeconds(1).toNanos(), 0,
                            RateLimitType.FIXED, Scope.LOCAL)).build());
            assertTrue(a.engine.breakers().get("local").fleet().isEmpty());
            assertTrue(a.engine.rateLimiters().get("local-limit").fleet().isEmpty());
        }
    }
}
