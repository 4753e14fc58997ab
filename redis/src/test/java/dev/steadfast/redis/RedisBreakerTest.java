package dev.steadfast.redis;

import dev.steadfast.CircuitBreakerHandle;
import dev.steadfast.CircuitOpenException;
import dev.steadfast.ClusterStatus;
import dev.steadfast.Scope;
import dev.steadfast.engine.GuardPolicy;
import dev.steadfast.engine.Strategy;
import dev.steadfast.engine.breaker.BreakerPolicy;
import dev.steadfast.redis.RedisFleet.Member;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.steadfast.CircuitState.CLOSED;
import static dev.steadfast.CircuitState.FORCED_OPEN;
import static dev.steadfast.CircuitState.HALF_OPEN;
import static dev.steadfast.CircuitState.OPEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A {@code CLUSTER} circuit breaker of three engines in one JVM on a real {@code redis-server}, in real time: the
 * fleet opens by quorum only, every member gets the decision (and one until-time), half-open trials are limited
 * fleet-wide, and an operator's action on one member reaches all.
 */
class RedisBreakerTest {

    private static final Duration INTERVAL = Duration.ofMillis(100);
    private static RedisServer server;

    @BeforeAll
    static void startRedis() throws Exception {
        server = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        server.close();
    }

    /** A window of 30 that no member fills with the calls below alone: only the fleet's windows can open it. */
    private static BreakerPolicy payments(double ratio, Duration delay) {
        return BreakerPolicy.builder().requestVolumeThreshold(30).failureRatio(ratio).delay(delay)
                .successThreshold(1).halfOpenMaxCalls(1).scope(Scope.CLUSTER).build();
    }

    private static CircuitBreakerHandle breaker(Member m) {
        return m.engine.breakers().get("payments");
    }

    private static List<Strategy<Object>> fleetOf3(RedisFleet fleet, BreakerPolicy policy) throws Exception {
        List<Strategy<Object>> chains = new ArrayList<>();
        for (String id : List.of("a", "b", "c")) {
            Member m = fleet.join(id);
            chains.add(m.chain(GuardPolicy.builder("com.acme.Payments#charge()").breaker("payments", policy).build()));
        }
        for (Member m : fleet.members) {
            Eventually.await(30, () -> breaker(m).clusterStatus() == ClusterStatus.CONNECTED, () -> m + " joins");
        }
        Thread.sleep(3 * INTERVAL.toMillis()); // every member heard every other's heartbeat
        return chains;
    }

    private static void failOrRejected(Strategy<Object> chain) {
        try {
            chain.call(() -> {
                throw new IOException("down");
            });
        } catch (IOException | CircuitOpenException expected) {
            return;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("the call succeeded");
    }

    @Test
    void oneSickMemberOfThreeOpensNoOtherMemberEvenWhenTheFleetsRatioIsCrossed() throws Exception {
        try (RedisFleet fleet = new RedisFleet(server, INTERVAL)) {
            List<Strategy<Object>> c = fleetOf3(fleet, payments(0.3, Duration.ofSeconds(10)));
            for (int round = 0; round < 15; round++) {
                failOrRejected(c.get(0));
                c.get(1).call(() -> "ok");
                c.get(2).call(() -> "ok");
                Thread.sleep(10);
            }
            Thread.sleep(10 * INTERVAL.toMillis()); // summaries exchanged many times over
            // 45 calls, 15 failures: the fleet's ratio (0.33) is crossed over its volume, but by one member only.
            for (Member m : fleet.members) {
                assertEquals(CLOSED, breaker(m).state(), m + " opened by one sick member: " + m.transitions);
            }
        }
    }

    @Test
    void failuresFromEveryMemberOpenAllOfThemWithOneUntilTime() throws Exception {
        try (RedisFleet fleet = new RedisFleet(server, INTERVAL)) {
            List<Strategy<Object>> c = fleetOf3(fleet, payments(0.5, Duration.ofSeconds(10)));
            for (int round = 0; round < 12; round++) {
                for (Strategy<Object> each : c) {
                    failOrRejected(each);
                }
                Thread.sleep(10);
            }
            for (Member m : fleet.members) {
                // the state first, then the event, which reaches listeners on the engine's executor
                Eventually.await(5, () -> breaker(m).state() == OPEN && m.lastTransitionAt.containsKey("payments OPEN"),
                        () -> m + " opens: " + m.transitions);
            }
            List<Instant> opened = new ArrayList<>();
            List<Long> untils = new ArrayList<>();
            for (Member m : fleet.members) {
                opened.add(m.lastTransitionAt.get("payments OPEN"));
                untils.add(System.currentTimeMillis() + breaker(m).retryAfter().orElseThrow().toMillis());
                String origin = m.transitions.get(0).substring(m.transitions.get(0).lastIndexOf(' ') + 1);
                assertTrue(List.of("a", "b", "c").contains(origin), "decided by a fleet member: " + m.transitions);
            }
            Duration spread = Duration.between(opened.stream().min(Instant::compareTo).orElseThrow(),
                    opened.stream().max(Instant::compareTo).orElseThrow());
            long untilSpread = untils.stream().mapToLong(Long::longValue).max().orElseThrow()
                    - untils.stream().mapToLong(Long::longValue).min().orElseThrow();
            System.out.println("CLUSTER breaker on Redis: every member OPEN within " + spread.toMillis()
                    + " ms of the first; until-times within " + untilSpread + " ms");
            assertTrue(spread.toMillis() <= 500, "every member opened within 500 ms of the first: " + spread);
            assertTrue(untilSpread <= 100, "one until-time for the fleet: " + untils);
            assertThrows(CircuitOpenException.class, () -> c.get(1).call(() -> "not called"));
            String key = fleet.prefix() + "breaker:payments";
            assertTrue(server.redis().pttl(key) > 0, key + " has a TTL");
        }
    }

    @Test
    void halfOpenTrialsAreLimitedAcrossTheFleetAndOneSuccessClosesEveryMember() throws Exception {
        try (RedisFleet fleet = new RedisFleet(server, INTERVAL)) {
            List<Strategy<Object>> c = fleetOf3(fleet, payments(0.5, Duration.ofSeconds(1)));
            for (int round = 0; round < 12; round++) {
                for (Strategy<Object> each : c) {
                    failOrRejected(each);
                }
                Thread.sleep(10);
            }
            for (Member m : fleet.members) {
                Eventually.await(5, () -> breaker(m).state() == HALF_OPEN, () -> m + " half-open: " + m.transitions);
            }
            // a's calls are rejected until it holds the fleet's one trial slot; then it holds it with a slow call.
            CountDownLatch inTrial = new CountDownLatch(1);
            CountDownLatch finish = new CountDownLatch(1);
            CompletableFuture<Object> trial = null;
            for (int attempt = 0; attempt < 100 && trial == null; attempt++) {
                CompletableFuture<Object> t = CompletableFuture.supplyAsync(() -> {
                    try {
                        return c.get(0).call(() -> {
                            inTrial.countDown();
                            assertTrue(finish.await(20, TimeUnit.SECONDS));
                            return "recovered";
                        });
                    } catch (Exception e) {
                        throw new java.util.concurrent.CompletionException(e);
                    }
                });
                if (inTrial.await(100, TimeUnit.MILLISECONDS)) {
                    trial = t;
                }
            }
            assertTrue(trial != null, "a got a trial slot");
            for (int i = 0; i < 5; i++) {
                for (Strategy<Object> other : c.subList(1, 3)) {
                    CircuitOpenException e = assertThrows(CircuitOpenException.class, () -> other.call(() -> "x"));
                    assertEquals(HALF_OPEN, e.getState(), "no slot for b or c while a holds the fleet's only one");
                }
                Thread.sleep(INTERVAL.toMillis());
            }
            finish.countDown();
            assertEquals("recovered", trial.get(10, TimeUnit.SECONDS));
            for (Member m : fleet.members) {
                Eventually.await(5, () -> breaker(m).state() == CLOSED
                        && m.lastTransitionAt.containsKey("payments CLOSED"),
                        () -> m + " closes: " + m.transitions);
                assertTrue(m.transitions.get(m.transitions.size() - 1).endsWith("HALF_OPEN->CLOSED by a"),
                        m.transitions.toString());
            }
        }
    }

    @Test
    void forceOpenAndResetOnOneMemberApplyToEveryMemberNamingTheOrigin() throws Exception {
        try (RedisFleet fleet = new RedisFleet(server, INTERVAL)) {
            List<Strategy<Object>> c = fleetOf3(fleet, payments(0.5, Duration.ofSeconds(10)));
            List<Member> m = fleet.members;
            breaker(m.get(0)).forceOpen();
            assertEquals(FORCED_OPEN, breaker(m.get(0)).state(), "at once on the member the operator used");
            for (Member each : m) {
                Eventually.await(5, () -> breaker(each).state() == FORCED_OPEN
                        && each.lastTransitionAt.containsKey("payments FORCED_OPEN"),
                        () -> each + ": " + each.transitions);
            }
            assertEquals(List.of("payments CLOSED->FORCED_OPEN by a"), m.get(1).transitions);
            assertEquals(List.of("payments CLOSED->FORCED_OPEN by local"), m.get(0).transitions);
            assertThrows(CircuitOpenException.class, () -> c.get(2).call(() -> "x"));

            breaker(m.get(1)).reset();
            for (Member each : m) {
                Eventually.await(5, () -> breaker(each).state() == CLOSED
                        && each.lastTransitionAt.containsKey("payments CLOSED"), () -> each + ": " + each.transitions);
            }
            assertEquals("payments FORCED_OPEN->CLOSED by b", m.get(2).transitions.get(1));
            assertEquals("ok", c.get(2).call(() -> "ok"));
        }
    }
}
