package dev.steadfast.redis;

import dev.steadfast.ClusterStatus;
import dev.steadfast.RateLimitType;
import dev.steadfast.Scope;
import dev.steadfast.engine.GuardPolicy;
import dev.steadfast.engine.Strategy;
import dev.steadfast.engine.ratelimit.RateLimitPolicy;
import dev.steadfast.redis.RedisFleet.Member;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code CLUSTER} rate limits of three engines in one JVM, each with its own Redis connections, on a real
 * {@code redis-server}, in real time: a {@code FIXED} quota is exact per window under contention and nearly all used;
 * a {@code SMOOTH} one admits no more than one bucket would; every key the backend writes has a TTL.
 */
class RedisQuotaTest {

    private static final long SECOND = 1_000_000_000L;
    private static final int QUOTA = 100;
    private static RedisServer server;

    @BeforeAll
    static void startRedis() throws Exception {
        server = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        server.close();
    }

    private static Strategy<Object> limited(Member m, String name, RateLimitPolicy policy) {
        return m.chain(GuardPolicy.builder("com.acme.Partner#" + name + "()").rateLimit(name, policy).build());
    }

    private static void sleepUntilNextWindowStarts(long windowNanos, long afterNanos) throws InterruptedException {
        long now = Hammer.wallNanos();
        long next = (Math.floorDiv(now, windowNanos) + 1) * windowNanos + afterNanos;
        Thread.sleep((next - now) / 1_000_000, (int) ((next - now) % 1_000_000));
    }

    @Test
    void threeMembersWithFourThreadsEachAdmitAtMostTheQuotaPerWindowAndAtLeast95PercentOfIt() throws Exception {
        RateLimitPolicy partner = new RateLimitPolicy(QUOTA, SECOND, 0, RateLimitType.FIXED, Scope.CLUSTER);
        try (RedisFleet fleet = new RedisFleet(server, Duration.ofMillis(250))) {
            List<Member> members = List.of(fleet.join("a"), fleet.join("b"), fleet.join("c"));
            List<Strategy<Object>> chains = new ArrayList<>();
            for (Member m : members) {
                chains.add(limited(m, "partner", partner));
            }
            for (Member m : members) {
                Eventually.await(30, () -> m.engine.rateLimiters().get("partner").clusterStatus()
                        == ClusterStatus.CONNECTED, () -> m + " joins the fleet");
            }
            sleepUntilNextWindowStarts(SECOND, 0);
            long first = Math.floorDiv(Hammer.wallNanos(), SECOND);
            int windows = 6;
            List<Long> granted = new ArrayList<>();
            Hammer hammer = new Hammer(List.of("a", "b", "c"), chains, 4);
            try (hammer) {
                for (int w = 0; w < windows; w++) {
                    sleepUntilNextWindowStarts(SECOND, 100_000_000L);
                    String key = fleet.prefix() + "quota:partner:" + (first + w);
                    granted.add(Long.parseLong(server.redis().get(key)));
                    assertTrue(server.redis().pttl(key) > 0, key + " has a TTL");
                }
            }
            Map<Long, Long> perWindow = hammer.perWindow(SECOND);
            List<Long> counts = new ArrayList<>();
            List<Long> cores = new ArrayList<>();
            for (int w = 0; w < windows; w++) {
                counts.add(perWindow.getOrDefault(first + w, 0L));
                cores.add(hammer.core(first + w, SECOND, 2_000_000L));
            }
            System.out.println("CLUSTER FIXED " + QUOTA + "/s on Redis, 3 engines x 4 threads: admitted per window "
                    + counts + " (" + cores + " more than 2 ms from an edge), granted by Redis " + granted
                    + ", slowest call " + hammer.slowestNanos.get() / 1000 + " us");
            assertEquals(List.of(), List.copyOf(hammer.failures));
            for (int w = 0; w < windows; w++) {
                assertTrue(granted.get(w) <= QUOTA, "Redis granted " + granted.get(w) + " in window " + w);
                assertTrue(cores.get(w) <= QUOTA, "window " + w + " admitted " + cores.get(w) + ": " + cores);
                assertTrue(counts.get(w) >= QUOTA * 95 / 100, "window " + w + " admitted only " + counts.get(w)
                        + ": " + counts);
            }
            for (String id : List.of("a", "b", "c")) {
                assertEquals(hammer.attempts(id), hammer.admitted(id) + hammer.rejected(id),
                        "every call of " + id + " is admitted or rejected");
            }
            assertTrue(hammer.slowestNanos.get() < SECOND, "no call waits for Redis: the slowest took "
                    + hammer.slowestNanos.get() / 1_000_000 + " ms");
        }
    }

    @Test
    void aSmoothLimitAdmitsNoMoreThanOneBucketWouldAcrossTheFleet() throws Exception {
        int value = 50; // 50 a second: a token every 20 ms
        RateLimitPolicy smooth = new RateLimitPolicy(value, SECOND, 0, RateLimitType.SMOOTH, Scope.CLUSTER);
        try (RedisFleet fleet = new RedisFleet(server, Duration.ofMillis(250))) {
            List<Strategy<Object>> chains = new ArrayList<>();
            for (String id : List.of("a", "b", "c")) {
                Member m = fleet.join(id);
                chains.add(limited(m, "smooth", smooth));
                Eventually.await(30, () -> m.engine.rateLimiters().get("smooth").clusterStatus()
                        == ClusterStatus.CONNECTED, () -> m + " joins the fleet");
            }
            long started = Hammer.wallNanos();
            Hammer hammer = new Hammer(List.of("a", "b", "c"), chains, 2);
            try (hammer) {
                Thread.sleep(3000);
            }
            long span = Hammer.wallNanos() - started;
            long admitted = hammer.admissions.size();
            long bound = value + span / (SECOND / value);
            System.out.println("CLUSTER SMOOTH " + value + "/s on Redis, 3 engines x 2 threads for " + span / 1_000_000
                    + " ms: admitted " + admitted + ", one bucket's bound " + bound);
            assertEquals(List.of(), List.copyOf(hammer.failures));
            assertTrue(admitted <= bound, "admitted " + admitted + " > " + bound);
            assertTrue(admitted >= span / (SECOND / value) / 2, "the fleet used the rate: " + admitted);
            String key = fleet.prefix() + "bucket:smooth";
            assertTrue(server.redis().pttl(key) > 0, key + " has a TTL");
        }
    }

    @Test
    void everyKeyTheBackendWritesHasATimeToLiveAndCarriesTheApplicationsPrefix() throws Exception {
        RateLimitPolicy partner = new RateLimitPolicy(10, SECOND, 0, RateLimitType.FIXED, Scope.CLUSTER);
        try (RedisFleet fleet = new RedisFleet(server, Duration.ofMillis(100))) {
            Member a = fleet.join("a");
            Strategy<Object> chain = limited(a, "ttl", partner);
            Eventually.await(30, () -> a.engine.rateLimiters().get("ttl").clusterStatus() == ClusterStatus.CONNECTED,
                    () -> "a joins the fleet");
            Eventually.await(5, () -> {
                try {
                    chain.call(() -> "ok");
                    return true;
                } catch (Exception rejectedWhileItLeases) {
                    return false;
                }
            }, () -> "a call is admitted");
            Thread.sleep(300); // leases and heartbeats
            List<String> keys = server.keys(fleet.prefix());
            assertTrue(keys.contains(fleet.prefix() + "members"), keys.toString());
            assertTrue(keys.stream().anyMatch(k -> k.startsWith(fleet.prefix() + "quota:ttl:")), keys.toString());
            for (String k : keys) {
                long pttl = server.redis().pttl(k);
                assertTrue(pttl > 0, k + " has PTTL " + pttl);
            }
            assertEquals(List.of(), server.redis().keys("*").stream()
                    .filter(k -> k.startsWith("steadfast:") && !k.startsWith("steadfast:{test-")).toList(),
                    "nothing outside the applications' prefixes");
        }
    }
}
