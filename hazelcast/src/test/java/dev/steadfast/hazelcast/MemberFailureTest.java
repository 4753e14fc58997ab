package dev.steadfast.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import dev.steadfast.ClusterStatus;
import dev.steadfast.HealthStatus;
import dev.steadfast.RateLimitExceededException;
import dev.steadfast.RateLimitType;
import dev.steadfast.Scope;
import dev.steadfast.engine.GuardPolicy;
import dev.steadfast.engine.Strategy;
import dev.steadfast.engine.ratelimit.RateLimitPolicy;
import dev.steadfast.hazelcast.Fleet.Member;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import static dev.steadfast.hazelcast.HazelcastFleetTest.alignToWindow;
import static dev.steadfast.hazelcast.HazelcastFleetTest.await;
import static dev.steadfast.hazelcast.HazelcastFleetTest.sleepUntilEpoch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What happens to a fleet when Hazelcast members die, each test on a grid of its own: a member (Steadfast and its
 * Hazelcast member) killed mid-window leaves the quota held and every call accounted for; a Steadfast member whose
 * whole grid dies falls back to its local share within a second, without any call waiting, reports DEGRADED, and
 * follows the fleet again when a grid is back.
 */
class MemberFailureTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final int QUOTA = 100;
    private static final RateLimitPolicy PARTNER = new RateLimitPolicy(QUOTA, SECOND, 0, RateLimitType.FIXED,
            Scope.CLUSTER);
    private static final GuardPolicy CALL = GuardPolicy.builder("com.acme.Partner#call()")
            .rateLimit("partner", PARTNER).build();

    private static long micros(AtomicLongArray a, int i) {
        return TimeUnit.NANOSECONDS.toMicros(a.get(i));
    }

    @Test
    void aMemberKilledMidWindowLeavesTheQuotaHeldAndEveryCallAccountedFor() throws Exception {
        try (Grid grid = Grid.start(3); Fleet fleet = new Fleet()) {
            List<Member> members = List.of(fleet.join("a", grid.name(0)), fleet.join("b", grid.name(1)),
                    fleet.join("c", grid.name(2)));
            List<Strategy<Object>> chains = new ArrayList<>();
            for (Member m : members) {
                chains.add(m.chain(CALL));
            }
            for (Member m : members) {
                await(() -> m.engine.rateLimiters().get("partner").clusterStatus() == ClusterStatus.CONNECTED,
                        Duration.ofSeconds(15), () -> m + " connects");
            }
            Member a = members.get(0);
            alignToWindow(a, SECOND, SECOND / 2);
            long first;
            long killedIn;
            Hammer hammer = new Hammer(members, chains, 2, SECOND);
            try {
                first = a.window(System.nanoTime(), SECOND) + 1;
                sleepUntilEpoch(a, (first + 1) * SECOND + SECOND / 2); // the middle of the second full window
                // Mid-window: c's process dies, its calls and its Hazelcast member with it (no goodbye, no leases
                // given back), and the partitions it owned move to the survivors' backups.
                killedIn = a.window(System.nanoTime(), SECOND);
                hammer.stop("c");
                grid.terminate(2);
                TimeUnit.MILLISECONDS.sleep(8_000);
            } finally {
                hammer.close();
            }
            assertEquals(List.of(), hammer.failures);
            Map<Long, Long> perWindow = hammer.admittedPerWindow();
            List<Long> full = new ArrayList<>();
            for (long w = first; w < first + 10; w++) {
                full.add(perWindow.getOrDefault(w, 0L));
            }
            System.out.println("Hazelcast CLUSTER FIXED " + QUOTA + "/s, a member killed in window "
                    + (killedIn - first) + ", admitted per window: " + full);
            for (long admitted : perWindow.values()) {
                assertTrue(admitted <= QUOTA, "a window admitted " + admitted + ": " + perWindow);
            }
            for (Member m : members) {
                long[] t = hammer.totals(m.id);
                assertEquals(t[0], t[1] + t[2], m + ": every call admitted or rejected");
            }
            // Once the grid has noticed (heartbeats, 3 s) and the survivors' leases size to two members again, the
            // two use the whole quota.
            for (int w = full.size() - 3; w < full.size(); w++) {
                assertTrue(full.get(w) >= QUOTA * 95 / 100, "after the kill, window " + w + ": " + full);
            }
        }
    }

    @Test
    void aMemberThatLosesItsGridDecidesOnItsShareWithinASecondWithoutWaitingAndRejoins() throws Exception {
        try (Grid grid = Grid.start(3); Fleet fleet = new Fleet()) {
            // Two Steadfast members connected as Hazelcast clients: the grid is three servers they can both lose.
            HazelcastInstance clientX = grid.client(grid.clusterName + "-x");
            grid.client(grid.clusterName + "-y");
            Member x = fleet.join("x", clientX.getName());
            Member y = fleet.join("y", grid.clusterName + "-y");
            Strategy<Object> callX = x.chain(CALL);
            y.chain(CALL);
            for (Member m : List.of(x, y)) {
                await(() -> m.engine.rateLimiters().get("partner").clusterStatus() == ClusterStatus.CONNECTED,
                        Duration.ofSeconds(20), () -> m + " connects");
            }
            await(() -> x.engine.cluster().members() == 2, Duration.ofSeconds(5), () -> "x sees y");

            // A caller on x, every 2 ms, timing each call.
            // The slowest call before the loss, while the grid is down, and while it restarts (three members starting
            // on this machine's cores).
            AtomicLongArray slowest = new AtomicLongArray(3);
            AtomicInteger phase = new AtomicInteger();
            AtomicLong admitted = new AtomicLong();
            AtomicLong rejected = new AtomicLong();
            AtomicLong attempted = new AtomicLong();
            AtomicBoolean running = new AtomicBoolean(true);
            Thread caller = new Thread(() -> {
                while (running.get()) {
                    long t0 = System.nanoTime();
                    attempted.incrementAndGet();
                    try {
                        callX.call(() -> "ok");
                        admitted.incrementAndGet();
                    } catch (RateLimitExceededException e) {
                        rejected.incrementAndGet();
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                    slowest.accumulateAndGet(phase.get(), System.nanoTime() - t0, Math::max);
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "caller-x");
            caller.start();
            Thread.sleep(1_000);

            long lost = System.nanoTime();
            phase.set(1);
            grid.terminateAll();
            await(() -> x.engine.cluster().status() == ClusterStatus.DEGRADED, Duration.ofSeconds(5),
                    () -> "x degrades");
            long fallbackMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lost);
            assertEquals(ClusterStatus.DEGRADED, x.engine.rateLimiters().get("partner").clusterStatus());
            assertEquals(ClusterStatus.DEGRADED, x.engine.health().report().cluster());
            assertTrue(x.engine.health().report().status().compareTo(HealthStatus.HEALTHY) != 0,
                    "health is at least DEGRADED: " + x.engine.health().report().status());

            // A whole window on the local share: value / 2 members.
            alignToWindow(x, SECOND, 0);
            long before = admitted.get();
            alignToWindow(x, SECOND, SECOND - TimeUnit.MILLISECONDS.toNanos(5));
            long inWindow = admitted.get() - before;

            long back = System.nanoTime();
            phase.set(2);
            grid.startMembers();
            long startedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - back);
            await(() -> x.engine.cluster().status() == ClusterStatus.CONNECTED, Duration.ofSeconds(30),
                    () -> "x rejoins");
            long rejoinMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - back);
            await(() -> x.engine.rateLimiters().get("partner").clusterStatus() == ClusterStatus.CONNECTED,
                    Duration.ofSeconds(5), () -> "x's limiter follows the fleet again");
            running.set(false);
            caller.join(5_000);
            assertEquals(attempted.get(), admitted.get() + rejected.get(), "every call of x admitted or rejected");
            System.out.println("Hazelcast grid lost: x DEGRADED after " + fallbackMillis + " ms, admitted "
                    + inWindow + " in a window on its share of " + QUOTA / 2 + ", slowest call (us) before / during the"
                    + " loss / while the grid restarts: " + micros(slowest, 0) + " / " + micros(slowest, 1) + " / "
                    + micros(slowest, 2) + "; grid restarted in " + startedMillis
                    + " ms, x CONNECTED " + rejoinMillis + " ms after the restart began");
            assertTrue(fallbackMillis <= 1_000, "local fallback within 1 s: " + fallbackMillis + " ms");
            assertTrue(inWindow > 0 && inWindow <= QUOTA / 2, "the local share, value / 2: " + inWindow);
            // A call waiting for the grid would wait for a Hazelcast invocation (seconds, up to two minutes);
            // what remains is this machine's scheduling noise.
            for (int i = 0; i < 3; i++) {
                assertTrue(slowest.get(i) < TimeUnit.MILLISECONDS.toNanos(400), "no call waited for the grid: phase "
                        + i + ", " + micros(slowest, i) + " us");
            }
        }
    }
}
