package dev.steadfast.redis;

import dev.steadfast.CircuitBreakerHandle;
import dev.steadfast.CircuitState;
import dev.steadfast.ClusterStatus;
import dev.steadfast.HealthStatus;
import dev.steadfast.RateLimitType;
import dev.steadfast.Scope;
import dev.steadfast.engine.GuardPolicy;
import dev.steadfast.engine.Strategy;
import dev.steadfast.engine.breaker.BreakerPolicy;
import dev.steadfast.engine.ratelimit.RateLimitPolicy;
import dev.steadfast.redis.RedisFleet.Member;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Redis killed ({@code SIGKILL}) under three engines calling a {@code CLUSTER} quota and a {@code CLUSTER} breaker,
 * then started again: no call fails or waits because of it, every member decides locally and reports DEGRADED within a
 * second, and the fleet is exact again once Redis is back, its messages flowing again. Default exchange settings
 * (250 ms interval, 500 ms request timeout, 1 s probe interval): what an application gets.
 */
class RedisOutageTest {

    private static final long SECOND = 1_000_000_000L;
    private static final int QUOTA = 60;

    private static void sleepUntilNextWindowStarts(long afterNanos) throws InterruptedException {
        long now = Hammer.wallNanos();
        long next = (Math.floorDiv(now, SECOND) + 1) * SECOND + afterNanos;
        Thread.sleep((next - now) / 1_000_000, (int) ((next - now) % 1_000_000));
    }

    @Test
    void redisKilledMidRunThenRestartedNeverFailsACallAndTheFleetIsExactAgainAfterwards() throws Exception {
        RateLimitPolicy partner = new RateLimitPolicy(QUOTA, SECOND, 0, RateLimitType.FIXED, Scope.CLUSTER);
        BreakerPolicy payments = BreakerPolicy.builder().requestVolumeThreshold(20).failureRatio(0.5)
                .delay(Duration.ofSeconds(5)).scope(Scope.CLUSTER).build();
        try (RedisServer server = RedisServer.start();
                RedisFleet fleet = new RedisFleet(server, Duration.ofMillis(250))) {
            List<Member> members = List.of(fleet.join("a"), fleet.join("b"), fleet.join("c"));
            List<Strategy<Object>> chains = new ArrayList<>();
            List<Strategy<Object>> charges = new ArrayList<>();
            for (Member m : members) {
                chains.add(m.chain(GuardPolicy.builder("com.acme.Partner#call()").rateLimit("partner", partner)
                        .build()));
                charges.add(m.chain(GuardPolicy.builder("com.acme.Payments#charge()").breaker("payments", payments)
                        .build()));
            }
            for (Member m : members) {
                Eventually.await(30, () -> m.engine.rateLimiters().get("partner").clusterStatus()
                        == ClusterStatus.CONNECTED, () -> m + " joins the fleet");
            }
            sleepUntilNextWindowStarts(0);
            long first = Math.floorDiv(Hammer.wallNanos(), SECOND);
            Hammer hammer = new Hammer(List.of("a", "b", "c"), chains, 2);
            List<Long> degradedAfterMillis = new ArrayList<>();
            List<Long> rejoinedAfterMillis = new ArrayList<>();
            long killedWindow;
            long restartedWindow;
            try (hammer) {
                sleepUntilNextWindowStarts(300_000_000L); // a full window on the fleet, then 300 ms into the next
                long killedAt = System.nanoTime();
                killedWindow = Math.floorDiv(Hammer.wallNanos(), SECOND);
                server.kill();
                for (Member m : members) {
                    Eventually.await(1.0 - (System.nanoTime() - killedAt) / 1e9,
                            () -> m.engine.cluster().status() == ClusterStatus.DEGRADED,
                            () -> m + " reports DEGRADED within 1 s of the kill");
                    degradedAfterMillis.add((System.nanoTime() - killedAt) / 1_000_000);
                }
                for (int i = 0; i < members.size(); i++) {
                    Member m = members.get(i);
                    assertEquals("charged", charges.get(i).call(() -> "charged"), "the breaker decides locally");
                    assertEquals(HealthStatus.DEGRADED, m.engine.health().report().status());
                    assertEquals(ClusterStatus.DEGRADED, m.engine.health().report().cluster());
                    CircuitBreakerHandle b = m.engine.breakers().get("payments");
                    assertEquals(ClusterStatus.DEGRADED, b.clusterStatus());
                }
                sleepUntilNextWindowStarts(0);
                Thread.sleep(2000); // two windows on local shares

                long restartedAt = System.nanoTime();
                server.restart();
                restartedWindow = Math.floorDiv(Hammer.wallNanos(), SECOND);
                for (Member m : members) {
                    Eventually.await(10, () -> m.engine.cluster().status() == ClusterStatus.CONNECTED
                            && m.engine.rateLimiters().get("partner").clusterStatus() == ClusterStatus.CONNECTED
                            && m.engine.breakers().get("payments").clusterStatus() == ClusterStatus.CONNECTED,
                            () -> m + " rejoins");
                    rejoinedAfterMillis.add((System.nanoTime() - restartedAt) / 1_000_000);
                }
                sleepUntilNextWindowStarts(0);
                sleepUntilNextWindowStarts(0);
                sleepUntilNextWindowStarts(0); // two full windows on the fleet again
            }
            long last = Math.floorDiv(Hammer.wallNanos(), SECOND) - 1;

            // The subscriptions came back with the connections: an operator's action on one member reaches the others.
            members.get(0).engine.breakers().get("payments").forceOpen();
            for (Member m : members) {
                Eventually.await(5, () -> m.engine.breakers().get("payments").state() == CircuitState.FORCED_OPEN,
                        () -> m + " follows a's forceOpen() after the restart: " + m.transitions);
            }
            Map<Long, Long> perWindow = hammer.perWindow(SECOND);
            List<Long> counts = new ArrayList<>();
            List<Long> cores = new ArrayList<>();
            for (long w = first; w <= last; w++) {
                counts.add(perWindow.getOrDefault(w, 0L));
                cores.add(hammer.core(w, SECOND, 2_000_000L));
            }
            System.out.println("Redis killed in window " + (killedWindow - first) + ", restarted in window "
                    + (restartedWindow - first) + "; members DEGRADED after " + degradedAfterMillis + " ms, rejoined "
                    + rejoinedAfterMillis + " ms after the restart; admitted per window " + counts + " (" + cores
                    + " more than 2 ms from an edge); slowest call " + hammer.slowestNanos.get() / 1000 + " us");

            assertEquals(List.of(), List.copyOf(hammer.failures), "no call failed because of Redis");
            for (String id : List.of("a", "b", "c")) {
                assertEquals(hammer.attempts(id), hammer.admitted(id) + hammer.rejected(id),
                        "every call of " + id + " is admitted or rejected");
            }
            assertTrue(hammer.slowestNanos.get() < SECOND, "no call waited for Redis: the slowest took "
                    + hammer.slowestNanos.get() / 1_000_000 + " ms");
            for (long w = killedWindow + 1; w < restartedWindow; w++) {
                long n = perWindow.getOrDefault(w, 0L);
                assertTrue(n >= QUOTA / 3, "window " + (w - first) + " on local shares admitted " + n
                        + ": calls go on while Redis is down");
                assertTrue(hammer.core(w, SECOND, 2_000_000L) <= QUOTA, "each member admits at most its share: "
                        + n);
            }
            for (long w = last - 1; w <= last; w++) {
                long n = perWindow.getOrDefault(w, 0L);
                assertTrue(hammer.core(w, SECOND, 2_000_000L) <= QUOTA, "window " + (w - first) + ": " + counts);
                // The fleet grants again (the key below); how fully a fleet uses its quota under contention is
                // RedisQuotaTest's (>= 95 %): here one lease still in flight at a window's end was seen to leave 50 of 60.
                assertTrue(n >= QUOTA / 2, "window " + (w - first) + " after the rejoin: " + counts);
                String key = fleet.prefix() + "quota:partner:" + w;
                String granted = server.redis().get(key);
                assertTrue(granted != null && Long.parseLong(granted) <= QUOTA, key + " = " + granted);
            }
        }
    }
}
