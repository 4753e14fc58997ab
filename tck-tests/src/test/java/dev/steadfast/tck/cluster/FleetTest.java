package dev.steadfast.tck.cluster;

import dev.steadfast.CircuitBreakers;
import dev.steadfast.CircuitOpenException;
import dev.steadfast.CircuitState;
import dev.steadfast.CircuitStateChanged;
import dev.steadfast.ClusterStatus;
import dev.steadfast.FaultToleranceHealth;
import dev.steadfast.HealthStatus;
import dev.steadfast.RateLimitExceededException;
import dev.steadfast.RateLimiterHandle;
import dev.steadfast.RateLimiters;
import dev.steadfast.Scope;
import dev.steadfast.tck.support.Eventually;
import dev.steadfast.tck.support.TestContainer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two containers in one JVM as two members of one fleet, on the in-memory backend that {@code META-INF/services}
 * lists (as a backend module would be found): a {@code CLUSTER} rate limit holds the fleet's quota, a {@code CLUSTER}
 * breaker carries an operator's action to the other member with the origin in the CDI event, and health shows the
 * cluster's status.
 */
class FleetTest {

    @BeforeEach
    void freshServer() {
        MemoryBackendProvider.SERVER.reset();
    }

    private static TestContainer member(String id, Class<?>... beans) {
        return TestContainer.start(Map.of("steadfast.cluster.member-id", id, "steadfast.cluster.interval", "50ms"),
                beans);
    }

    @Test
    void twoMembersShareTheQuotaOfAClusterRateLimit() throws InterruptedException {
        try (TestContainer a = member("node-a", FleetPartner.class);
                TestContainer b = member("node-b", FleetPartner.class)) {
            FleetPartner onA = a.select(FleetPartner.class);
            FleetPartner onB = b.select(FleetPartner.class);
            int admitted = 0;
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (admitted < 10 && System.nanoTime() - deadline < 0) {
                for (FleetPartner p : List.of(onA, onB)) {
                    try {
                        p.call();
                        admitted++;
                    } catch (RateLimitExceededException e) {
                        Thread.sleep(Math.min(20, Math.max(1, e.getRetryAfter().toMillis())));
                    }
                }
            }
            assertEquals(10, admitted, "the fleet's quota is used");
            for (int i = 0; i < 20; i++) {
                assertThrows(RateLimitExceededException.class, onA::call);
                assertThrows(RateLimitExceededException.class, onB::call);
            }
            RateLimiterHandle handleA = a.select(RateLimiters.class).get("fleet-partner");
            RateLimiterHandle handleB = b.select(RateLimiters.class).get("fleet-partner");
            assertEquals(Scope.CLUSTER, handleA.scope());
            assertEquals(ClusterStatus.CONNECTED, handleA.clusterStatus());
            assertEquals(10, handleA.stats().admittedCalls() + handleB.stats().admittedCalls(),
                    "no more than the quota across the fleet");
        }
    }

    @Test
    void forceOpenOnOneMemberReachesTheOtherWhichNamesTheOriginInItsEvent() throws Exception {
        try (TestContainer a = member("node-a", FleetPayments.class, BreakerEvents.class);
                TestContainer b = member("node-b", FleetPayments.class, BreakerEvents.class)) {
            CircuitBreakers onB = b.select(CircuitBreakers.class);
            assertEquals("charged", b.select(FleetPayments.class).charge(false));

            a.select(CircuitBreakers.class).get("fleet-payments").forceOpen();

            Eventually.await(() -> onB.get("fleet-payments").state() == CircuitState.FORCED_OPEN,
                    () -> "b follows a: " + onB.get("fleet-payments").state());
            assertThrows(CircuitOpenException.class, () -> b.select(FleetPayments.class).charge(false));
            List<CircuitStateChanged> seenByB = b.select(BreakerEvents.class).seen();
            assertEquals(new CircuitStateChanged("fleet-payments", CircuitState.CLOSED, CircuitState.FORCED_OPEN,
                    seenByB.get(0).at(), null, "node-a"), seenByB.get(0));
            assertTrue(a.select(BreakerEvents.class).seen().get(0).isLocal(), "a decided it itself");
            assertEquals(Scope.CLUSTER, onB.get("fleet-payments").scope());

            b.select(CircuitBreakers.class).get("fleet-payments").reset();
            CircuitBreakers onA = a.select(CircuitBreakers.class);
            Eventually.await(() -> onA.get("fleet-payments").state() == CircuitState.CLOSED,
                    () -> "a follows b's reset: " + onA.get("fleet-payments").state());
            assertEquals("charged", a.select(FleetPayments.class).charge(false));
        }
    }

    @Test
    void healthReportsTheClusterDegradedWhileTheBackendRefusesAndConnectedWhenItIsBack() {
        try (TestContainer a = member("node-a", FleetPartner.class)) {
            FaultToleranceHealth health = a.select(FaultToleranceHealth.class);
            assertEquals(ClusterStatus.CONNECTED, health.report().cluster());
            assertEquals(HealthStatus.HEALTHY, health.report().status());

            MemoryBackendProvider.SERVER.refuse(true);
            Eventually.await(() -> health.report().cluster() == ClusterStatus.DEGRADED, () -> "degraded");
            assertEquals(HealthStatus.DEGRADED, health.report().status());
            assertEquals("call", a.select(FleetPartner.class).call(), "its local share admits");

            MemoryBackendProvider.SERVER.refuse(false);
            Eventually.await(() -> health.report().cluster() == ClusterStatus.CONNECTED, () -> "connected again");
        }
    }

    @Test
    void anApplicationWithoutClusterPoliciesReportsNoCluster() {
        try (TestContainer c = TestContainer.start(PartnerQuotes.class)) {
            assertEquals(ClusterStatus.LOCAL, c.select(FaultToleranceHealth.class).report().cluster());
        }
    }

    @Test
    void switchedOffClusterPoliciesDecideOnEachInstanceAlone() {
        try (TestContainer c = TestContainer.start(Map.of("steadfast.cluster.enabled", "false"), FleetPartner.class)) {
            RateLimiterHandle h = c.select(RateLimiters.class).get("fleet-partner");
            assertEquals(ClusterStatus.LOCAL, h.clusterStatus());
            for (int i = 0; i < 10; i++) {
                c.select(FleetPartner.class).call();
            }
            assertThrows(RateLimitExceededException.class, () -> c.select(FleetPartner.class).call());
            assertEquals(ClusterStatus.LOCAL, c.select(FaultToleranceHealth.class).report().cluster());
        }
    }

    @Test
    void scopeAndQuorumComeFromTheNamedKeysToo() {
        Map<String, String> config = Map.of("steadfast.circuit-breaker.\"fleet-payments\".scope", "local");
        try (TestContainer c = TestContainer.start(config, FleetPayments.class)) {
            assertEquals(Scope.LOCAL, c.select(CircuitBreakers.class).get("fleet-payments").scope());
            assertEquals(ClusterStatus.LOCAL, c.select(FaultToleranceHealth.class).report().cluster());
        }
    }
}
