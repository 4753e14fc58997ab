package dev.steadfast.engine.cluster;

import dev.steadfast.CircuitOpenException;
import dev.steadfast.ClusterStatus;
import dev.steadfast.HealthStatus;
import dev.steadfast.RateLimitExceededException;
import dev.steadfast.RateLimitType;
import dev.steadfast.Scope;
import dev.steadfast.engine.Engine;
import dev.steadfast.engine.EngineListener;
import dev.steadfast.engine.GuardPolicy;
import dev.steadfast.engine.Strategy;
import dev.steadfast.engine.async.ThreadContext;
import dev.steadfast.engine.breaker.BreakerPolicy;
import dev.steadfast.engine.cluster.InMemoryCluster.Mode;
import dev.steadfast.engine.cluster.TestFleet.Member;
import dev.steadfast.engine.ratelimit.RateLimitPolicy;
import dev.steadfast.engine.time.SystemClock;
import dev.steadfast.engine.time.ThreadTimer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.steadfast.CircuitState.CLOSED;
import static dev.steadfast.CircuitState.HALF_OPEN;
import static dev.steadfast.CircuitState.OPEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The backend failing never fails a call: members that lose it decide locally within a second (a fleet-wide limit
 * admitting {@code value / members}), every call is still admitted or rejected at once, health says DEGRADED, and
 * the fleet's rules resume when the backend answers again.
 */
class BackendLossTest {

    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final RateLimitPolicy PARTNER = new RateLimitPolicy(99, SECOND.toNanos(), 0, RateLimitType.FIXED,
            Scope.CLUSTER);

    private static Strategy<Object> partner(Member m) {
        return m.chain(GuardPolicy.builder("com.acme.Partner#call()").rateLimit("partner", PARTNER).build());
    }

    /** One call: true when admitted, false when rate limited; anything else fails the test. */
    private static boolean call(Strategy<Object> chain) {
        try {
            chain.call(() -> "ok");
            return true;
        } catch (RateLimitExceededException e) {
            return false;
        } catch (Exception e) {
            throw new AssertionError("a call failed because of the backend", e);
        }
    }

    @Test
    void aSilentBackendTurnsEveryFleetWideLimitIntoItsLocalShareWithinOneSecondAndBack() {
        try (TestFleet fleet = new TestFleet()) {
            fleet.cluster.latency(Duration.ofMillis(2));
            List<Member> members = List.of(fleet.join("a"), fleet.join("b"), fleet.join("c"));
            List<Strategy<Object>> chains = new ArrayList<>();
            for (Member m : members) {
                chains.add(partner(m));
            }
            fleet.advance(fleet.untilNextWindow(SECOND));
            long[] attempted = new long[3];
            long[] admitted = new long[3];

            fleet.cluster.mode(Mode.SILENT);
            Duration degradedAfter = null;
            for (int step = 0; step < 100 && degradedAfter == null; step++) {
                for (int i = 0; i < 3; i++) {
                    attempted[i]++;
                    admitted[i] += call(chains.get(i)) ? 1 : 0;
                }
                fleet.advance(Duration.ofMillis(10));
                if (members.stream().allMatch(m -> m.cluster().status() == ClusterStatus.DEGRADED)) {
                    degradedAfter = Duration.ofMillis(10L * (step + 1));
                }
            }
            assertTrue(degradedAfter != null && degradedAfter.compareTo(SECOND) <= 0,
                    "every member decides locally within 1 s: " + degradedAfter);
            for (Member m : members) {
                assertEquals(ClusterStatus.DEGRADED, m.engine.rateLimiters().get("partner").clusterStatus());
                assertEquals(ClusterStatus.DEGRADED, m.engine.health().report().cluster());
                assertEquals(HealthStatus.DEGRADED, m.engine.health().report().status());
            }

            // A whole window of local decisions: each member admits its share, 99 / 3.
            fleet.advance(fleet.untilNextWindow(SECOND));
            for (int i = 0; i < 3; i++) {
                int admittedHere = 0;
                for (int n = 0; n < 200; n++) {
                    attempted[i]++;
                    if (call(chains.get(i))) {
                        admitted[i]++;
                        admittedHere++;
                    }
                }
                assertEquals(33, admittedHere, members.get(i) + " admits value / members locally");
            }
            for (int i = 0; i < 3; i++) {
                RateLimiterStatsCheck.accounted(members.get(i), attempted[i], admitted[i]);
            }

            // The backend answers again: within a probe (1 s) the members follow the fleet, and the fleet's
            // windows hold the quota again.
            fleet.cluster.mode(Mode.UP);
            fleet.advance(Duration.ofMillis(1600));
            for (Member m : members) {
                assertEquals(ClusterStatus.CONNECTED, m.cluster().status(), m + " rejoined");
                assertEquals(ClusterStatus.CONNECTED, m.engine.health().report().cluster());
            }
            fleet.advance(fleet.untilNextWindow(SECOND));
            long total = 0;
            for (int step = 0; step < 18; step++) {
                for (int i = 0; i < 3; i++) {
                    for (int n = 0; n < 20; n++) {
                        total += call(chains.get(i)) ? 1 : 0;
                    }
                }
                fleet.advance(Duration.ofMillis(50));
            }
            assertTrue(total <= 99 && total >= 94, "the fleet's quota again: " + total);
        }
    }

    @Test
    void aRefusingBackendIsLeftAtOnceAndTheLimitKeepsItsShareOfTheCurrentWindow() {
        try (TestFleet fleet = new TestFleet()) {
            List<Member> members = List.of(fleet.join("a"), fleet.join("b"), fleet.join("c"));
            List<Strategy<Object>> chains = new ArrayList<>();
            for (Member m : members) {
                chains.add(partner(m));
            }
            fleet.advance(fleet.untilNextWindow(SECOND));
            int before = 0;
            for (int n = 0; n < 20; n++) {
                before += call(chains.get(0)) ? 1 : 0;
                fleet.advance(Duration.ofMillis(1));
            }

            fleet.cluster.mode(Mode.REFUSING);
            fleet.settle();

            assertEquals(ClusterStatus.DEGRADED, members.get(0).cluster().status(), "told at once");
            int after = 0;
            for (int n = 0; n < 100; n++) {
                after += call(chains.get(0)) ? 1 : 0;
            }
            assertEquals(33, before + after, "this window: its share in all, counting what it admitted before");
        }
    }

    @Test
    void aFleetBreakerDecidesLocallyWhileTheBackendIsLostAndFollowsTheFleetAgainAfter() throws Exception {
        BreakerPolicy payments = BreakerPolicy.builder().requestVolumeThreshold(30).failureRatio(0.5)
                .delay(Duration.ofSeconds(10)).scope(Scope.CLUSTER).build();
        try (TestFleet fleet = new TestFleet()) {
            fleet.cluster.latency(Duration.ofMillis(2));
            List<Member> members = List.of(fleet.join("a"), fleet.join("b"), fleet.join("c"));
            List<Strategy<Object>> chains = new ArrayList<>();
            for (Member m : members) {
                chains.add(m.chain(GuardPolicy.builder("com.acme.Payments#charge()").breaker("payments", payments)
                        .build()));
            }
            fleet.advance(Duration.ofMillis(300));
            for (int round = 0; round < 12; round++) {
                for (Strategy<Object> c : chains) {
                    try {
                        c.call(() -> {
                            throw new IOException("down");
                        });
                    } catch (IOException | CircuitOpenException expected) {
                        // failing, then rejected once the fleet opened
                    }
                }
                fleet.advance(Duration.ofMillis(20));
            }
            for (Member m : members) {
                assertEquals(OPEN, m.engine.breakers().get("payments").state());
            }

            fleet.cluster.mode(Mode.SILENT);
            fleet.advance(Duration.ofSeconds(10));
            for (Member m : members) {
                assertEquals(HALF_OPEN, m.engine.breakers().get("payments").state());
                assertEquals(ClusterStatus.DEGRADED, m.engine.breakers().get("payments").clusterStatus());
            }

            // Lost, each member runs its own trial (no fleet slot to claim) and closes itself.
            for (Strategy<Object> c : chains) {
                assertEquals("ok", c.call(() -> "ok"));
            }
            for (Member m : members) {
                assertEquals(CLOSED, m.engine.breakers().get("payments").state());
                assertTrue(m.transitions.get(m.transitions.size() - 1).endsWith("HALF_OPEN->CLOSED by local"));
            }

            fleet.cluster.mode(Mode.UP);
            fleet.advance(Duration.ofMillis(1600));
            members.get(2).engine.breakers().get("payments").forceOpen();
            fleet.advance(Duration.ofMillis(50));
            for (Member m : members) {
                assertEquals(ClusterStatus.CONNECTED, m.engine.breakers().get("payments").clusterStatus());
                assertEquals(dev.steadfast.CircuitState.FORCED_OPEN, m.engine.breakers().get("payments").state(),
                        "the fleet's operator actions reach " + m + " again");
            }
        }
    }

    @Test
    void onTheRealWorkerThreadCallsNeverWaitForABackendThatNeverAnswers() throws Exception {
        InMemoryCluster silent = new InMemoryCluster(SystemClock.INSTANCE, new ThreadTimer("memory-cluster", Runnable::run));
        silent.mode(Mode.SILENT);
        ThreadTimer timer = new ThreadTimer("steadfast-timer-test", Runnable::run);
        Engine engine = new Engine(SystemClock.INSTANCE, timer, () -> Runnable::run, EngineListener.NONE,
                ThreadContext.NONE, timer::shutdown);
        try {
            ClusterSettings settings = ClusterSettings.defaults().with("solo", Duration.ofMillis(50),
                    Duration.ofMillis(200), Duration.ofMillis(100));
            engine.configureCluster(ClusterSetup.builder(settings).providers(List.of(silent.provider())).build());
            Strategy<Object> chain = engine.build(GuardPolicy.builder("com.acme.Partner#call()")
                    .rateLimit("partner", new RateLimitPolicy(1_000_000, SECOND.toNanos(), 0, RateLimitType.FIXED,
                            Scope.CLUSTER))
                    .build());

            long start = System.nanoTime();
            int admitted = 0;
            for (int i = 0; i < 10_000; i++) {
                admitted += call(chain) ? 1 : 0;
            }
            long took = System.nanoTime() - start;
            assertTrue(took < TimeUnit.SECONDS.toNanos(10), "10,000 calls took " + took / 1_000_000 + " ms");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (engine.cluster().status() != ClusterStatus.DEGRADED && System.nanoTime() - deadline < 0) {
                Thread.sleep(10);
            }
            assertEquals(ClusterStatus.DEGRADED, engine.cluster().status());
            assertTrue(admitted > 0, "the local share admits before the backend ever answered");
        } finally {
            engine.close();
        }
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().equals("steadfast-cluster") && t.isAlive()),
                "the exchange's thread stopped with the engine");
    }

    /** Every call of a member is admitted or rejected, and its limiter's counters agree. */
    private static final class RateLimiterStatsCheck {

        static void accounted(Member m, long attempted, long admitted) {
            var stats = m.engine.rateLimiters().get("partner").stats();
            assertEquals(attempted, stats.admittedCalls() + stats.rejectedCalls(), m + ": admitted + rejected");
            assertEquals(admitted, stats.admittedCalls(), m + ": admitted");
        }
    }

    @Test
    void aCallWhileTheBackendIsBeingReachedIsDecidedLocally() {
        try (TestFleet fleet = new TestFleet()) {
            Member a = fleet.join("a");
            Strategy<Object> chain = partner(a); // the worker has not run: the backend is not reached yet
            assertEquals(ClusterStatus.DEGRADED, a.cluster().status());
            assertTrue(call(chain), "the local share admits while joining");
            fleet.settle();
            assertEquals(ClusterStatus.CONNECTED, a.cluster().status());
        }
    }
}
