package dev.steadfast.hazelcast;

import dev.steadfast.CircuitOpenException;
import dev.steadfast.CircuitState;
import dev.steadfast.ClusterStatus;
import dev.steadfast.RateLimitType;
import dev.steadfast.Scope;
import dev.steadfast.engine.GuardPolicy;
import dev.steadfast.engine.Strategy;
import dev.steadfast.engine.breaker.BreakerPolicy;
import dev.steadfast.engine.ratelimit.RateLimitPolicy;
import dev.steadfast.hazelcast.Fleet.Member;
import dev.steadfast.hazelcast.Fleet.Transition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static dev.steadfast.CircuitState.CLOSED;
import static dev.steadfast.CircuitState.FORCED_OPEN;
import static dev.steadfast.CircuitState.HALF_OPEN;
import static dev.steadfast.CircuitState.OPEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three Steadfast members on three Hazelcast members in one JVM (TCP-IP join on loopback), in real time: a
 * {@code CLUSTER} quota exact per window and nearly all used under 3 x 4 threads; breakers that open by quorum only,
 * reach every member with one until-time, limit half-open trials fleet-wide, and carry operators' actions to all.
 */
class HazelcastFleetTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static Grid grid;

    @BeforeAll
    static void startGrid() throws Exception {
        grid = Grid.start(3);
    }

    @AfterAll
    static void stopGrid() {
        if (grid != null) {
            grid.close();
        }
    }

    private static Fleet.Member[] threeMembers(Fleet fleet) {
        return new Member[] {fleet.join("a", grid.name(0)), fleet.join("b", grid.name(1)),
                fleet.join("c", grid.name(2))};
    }

    static void await(BooleanSupplier condition, Duration within, Supplier<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + within + ": " + what.get());
            }
            Thread.sleep(5);
        }
    }

    /** Sleeps until {@code m}'s clock is {@code intoNanos} past the start of a fleet window. */
    static void alignToWindow(Member m, long windowNanos, long intoNanos) throws InterruptedException {
        long now = System.nanoTime();
        long epoch = now + dev.steadfast.engine.cluster.RuntimeProbe.offsetNanos(m.engine.cluster());
        long wait = Math.floorMod(intoNanos - epoch, windowNanos);
        TimeUnit.NANOSECONDS.sleep(wait);
    }

    /** Sleeps until {@code m}'s clock reads {@code epochNanos}. */
    static void sleepUntilEpoch(Member m, long epochNanos) throws InterruptedException {
        long epoch = System.nanoTime() + dev.steadfast.engine.cluster.RuntimeProbe.offsetNanos(m.engine.cluster());
        TimeUnit.NANOSECONDS.sleep(Math.max(0, epochNanos - epoch));
    }

    // -------------------------------------------------------------------------------------------------------------
    // Quota

    @Test
    void threeMembersWithFourThreadsEachAdmitAtMostTheQuotaInEachOfTenWindowsAndAtLeast95PercentOfIt()
            throws Exception {
        int quota = 100;
        RateLimitPolicy partner = new RateLimitPolicy(quota, SECOND, 0, RateLimitType.FIXED, Scope.CLUSTER);
        try (Fleet fleet = new Fleet()) {
            List<Member> members = List.of(threeMembers(fleet));
            List<Strategy<Object>> chains = new ArrayList<>();
            for (Member m : members) {
                chains.add(m.chain(GuardPolicy.builder("com.acme.Partner#call()").rateLimit("partner", partner)
                        .build()));
            }
            for (Member m : members) {
                await(() -> m.engine.rateLimiters().get("partner").clusterStatus() == ClusterStatus.CONNECTED,
                        Duration.ofSeconds(15), () -> m + " connects");
            }
            alignToWindow(members.get(0), SECOND, SECOND / 2);
            Map<Long, Long> perWindow;
            long first;
            Hammer hammer = new Hammer(members, chains, 4, SECOND);
            try {
                first = members.get(0).window(System.nanoTime(), SECOND) + 1;
                TimeUnit.MILLISECONDS.sleep(10_700);
            } finally {
                hammer.close();
            }
            perWindow = hammer.admittedPerWindow();
            assertEquals(List.of(), hammer.failures);
            List<Long> full = new ArrayList<>();
            for (long w = first; w < first + 10; w++) {
                full.add(perWindow.getOrDefault(w, 0L));
            }
            System.out.println("Hazelcast CLUSTER FIXED " + quota + "/s, 3 members x 4 threads, admitted per window: "
                    + full + " (all windows seen: " + perWindow.values() + ")");
            for (long admitted : perWindow.values()) {
                assertTrue(admitted <= quota, "a window admitted " + admitted + " > " + quota + ": " + perWindow);
            }
            for (long admitted : full) {
                assertTrue(admitted >= quota * 95 / 100, "a full window admitted only " + admitted + ": " + full);
            }
            for (Member m : members) {
                long[] t = hammer.totals(m.id);
                assertEquals(t[0], t[1] + t[2], m + ": every call admitted or rejected");
            }
        }
    }

    @Test
    void aSmoothClusterLimitAdmitsNoMoreThanOneBucketWouldAcrossTheFleet() throws Exception {
        int quota = 50; // a token every 20 ms
        RateLimitPolicy feed = new RateLimitPolicy(quota, SECOND, 0, RateLimitType.SMOOTH, Scope.CLUSTER);
        try (Fleet fleet = new Fleet()) {
            List<Member> members = List.of(threeMembers(fleet));
            List<Strategy<Object>> chains = new ArrayList<>();
            for (Member m : members) {
                chains.add(m.chain(GuardPolicy.builder("com.acme.Feed#poll()").rateLimit("feed", feed).build()));
            }
            for (Member m : members) {
                await(() -> m.engine.rateLimiters().get("feed").clusterStatus() == ClusterStatus.CONNECTED,
                        Duration.ofSeconds(15), () -> m + " connects");
            }
            alignToWindow(members.get(0), SECOND, SECOND / 2);
            long started = System.nanoTime();
            Hammer hammer = new Hammer(members, chains, 2, SECOND);
            long first;
            try {
                first = members.get(0).window(System.nanoTime(), SECOND) + 1;
                TimeUnit.MILLISECONDS.sleep(3_700);
            } finally {
                hammer.close();
            }
            long span = System.nanoTime() - started; // every admission happened within it
            assertEquals(List.of(), hammer.failures);
            Map<Long, Long> perWindow = hammer.admittedPerWindow();
            long total = perWindow.values().stream().mapToLong(Long::longValue).sum();
            List<Long> full = List.of(perWindow.getOrDefault(first, 0L), perWindow.getOrDefault(first + 1, 0L),
                    perWindow.getOrDefault(first + 2, 0L));
            System.out.println("Hazelcast CLUSTER SMOOTH " + quota + "/s, 3 members x 2 threads for "
                    + TimeUnit.NANOSECONDS.toMillis(span) + " ms: " + total + " admitted (one bucket: at most "
                    + (quota + span * quota / SECOND + 1) + "), per second: " + perWindow.values());
            // One bucket admits at most value + t / interval in any span t (about 50 + 3.7 s x 50/s = 235 in all).
            long bound = quota + span * quota / SECOND + 1;
            assertTrue(total <= bound, "more than one bucket: " + total + " > " + bound);
            for (long second : full) {
                assertTrue(second <= 2L * quota, "more than one bucket in a second: " + full);
            }
            // Once the first burst is spent, the fleet runs at the refill rate (tokens a member took and could not
            // spend within their hold are lost, so the first second after the burst may see fewer).
            for (long second : full.subList(1, 3)) {
                assertTrue(second >= quota * 80 / 100, "the bucket's refill mostly used: " + full);
            }
            for (Member m : members) {
                long[] t = hammer.totals(m.id);
                assertEquals(t[0], t[1] + t[2], m + ": every call admitted or rejected");
            }
        }
    }

    // -------------------------------------------------------------------------------------------------------------
    // Breakers

    private static final String BREAKER = "payments";

    /** A fleet window of 30 calls, which no member fills alone below. */
    private static GuardPolicy payments(double ratio, Duration delay) {
        return GuardPolicy.builder("com.acme.Payments#charge()").breaker(BREAKER, BreakerPolicy.builder()
                .requestVolumeThreshold(30).failureRatio(ratio).delay(delay).successThreshold(1).halfOpenMaxCalls(1)
                .scope(Scope.CLUSTER).build()).build();
    }

    private static List<Strategy<Object>> chains(Member[] members, GuardPolicy policy) throws InterruptedException {
        List<Strategy<Object>> chains = new ArrayList<>();
        for (Member m : members) {
            chains.add(m.chain(policy));
        }
        for (Member m : members) {
            await(() -> m.breaker(BREAKER).clusterStatus() == ClusterStatus.CONNECTED, Duration.ofSeconds(15),
                    () -> m + " connects");
        }
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

    private static void succeed(Strategy<Object> chain) throws Exception {
        assertEquals("ok", chain.call(() -> "ok"));
    }

    @Test
    void oneMemberFailingEveryCallAndTwoHealthyOnesOpenNoMember() throws Exception {
        try (Fleet fleet = new Fleet()) {
            Member[] m = threeMembers(fleet);
            List<Strategy<Object>> c = chains(m, payments(0.3, Duration.ofSeconds(5)));
            for (int round = 0; round < 15; round++) {
                failOrRejected(c.get(0));
                succeed(c.get(1));
                succeed(c.get(2));
                Thread.sleep(20);
            }
            // 45 calls in the fleet's windows, 15 failures: above the ratio of 0.3, but all from one member.
            Thread.sleep(1_500); // six exchange intervals: every summary has reached every member
            for (Member each : m) {
                assertEquals(CLOSED, each.breaker(BREAKER).state(), each + " opened by one sick member: "
                        + each.transitions);
            }
        }
    }

    @Test
    void allThreeFailingOpenEveryMemberWithOneUntilTimeWithin100Milliseconds() throws Exception {
        try (Fleet fleet = new Fleet()) {
            Member[] m = threeMembers(fleet);
            List<Strategy<Object>> c = chains(m, payments(0.5, Duration.ofSeconds(30)));
            for (int round = 0; round < 12; round++) {
                for (Strategy<Object> each : c) {
                    failOrRejected(each);
                }
                Thread.sleep(20);
            }
            for (Member each : m) {
                await(() -> each.breaker(BREAKER).state() == OPEN, Duration.ofSeconds(5), () -> each + " opens: "
                        + each.transitions);
            }
            List<Long> retryAfter = new ArrayList<>();
            for (Member each : m) {
                retryAfter.add(each.breaker(BREAKER).retryAfter().orElseThrow().toMillis());
            }
            long firstOpen = Long.MAX_VALUE;
            long lastOpen = Long.MIN_VALUE;
            String origin = null;
            for (Member each : m) {
                Transition t = each.transitions.get(0);
                assertEquals(OPEN, t.to(), each.transitions.toString());
                firstOpen = Math.min(firstOpen, t.atNanos());
                lastOpen = Math.max(lastOpen, t.atNanos());
                assertTrue(origin == null || origin.equals(t.origin()) || t.origin().equals("local"),
                        "one decision: " + t.origin() + " vs " + origin);
                origin = t.origin().equals("local") ? origin : t.origin();
            }
            long spreadMillis = TimeUnit.NANOSECONDS.toMillis(lastOpen - firstOpen);
            System.out.println("Hazelcast CLUSTER breaker: every member OPEN within " + spreadMillis
                    + " ms of the first; retryAfter read in turn (ms): " + retryAfter);
            assertTrue(spreadMillis <= 100, "every member OPEN within 100 ms of the first: " + spreadMillis);
            long spread = retryAfter.stream().mapToLong(Long::longValue).max().orElseThrow()
                    - retryAfter.stream().mapToLong(Long::longValue).min().orElseThrow();
            assertTrue(spread <= 50, "one until-time for every member: " + retryAfter);
            assertThrows(CircuitOpenException.class, () -> c.get(1).call(() -> "not called"));
        }
    }

    @Test
    void halfOpenTrialsAreLimitedAcrossTheFleetAndOneSuccessClosesEveryMember() throws Exception {
        try (Fleet fleet = new Fleet()) {
            Member[] m = threeMembers(fleet);
            List<Strategy<Object>> c = chains(m, payments(0.5, Duration.ofSeconds(2)));
            for (int round = 0; round < 12; round++) {
                for (Strategy<Object> each : c) {
                    failOrRejected(each);
                }
                Thread.sleep(20);
            }
            for (Member each : m) {
                await(() -> each.breaker(BREAKER).state() == HALF_OPEN, Duration.ofSeconds(10),
                        () -> each + " half-open after the delay: " + each.transitions);
            }

            // Every member keeps trying for 1.5 s; the one that gets the fleet's only slot holds it with a slow call.
            AtomicInteger trials = new AtomicInteger();
            AtomicInteger rejectedHalfOpen = new AtomicInteger();
            CountDownLatch finish = new CountDownLatch(1);
            List<Thread> callers = new ArrayList<>();
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1_500);
            for (Strategy<Object> chain : c) {
                Thread t = new Thread(() -> {
                    while (System.nanoTime() - until < 0) {
                        try {
                            chain.call(() -> {
                                trials.incrementAndGet();
                                assertTrue(finish.await(30, TimeUnit.SECONDS));
                                return "recovered";
                            });
                        } catch (CircuitOpenException e) {
                            if (e.getState() == HALF_OPEN) {
                                rejectedHalfOpen.incrementAndGet();
                            }
                        } catch (Exception e) {
                            throw new AssertionError(e);
                        }
                        try {
                            Thread.sleep(20);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
                callers.add(t);
                t.start();
            }
            Thread.sleep(1_700);
            assertEquals(1, trials.get(), "one trial call in the whole fleet (halfOpenMaxCalls = 1)");
            assertTrue(rejectedHalfOpen.get() > 0, "the others were rejected as HALF_OPEN");

            finish.countDown();
            for (Thread t : callers) {
                t.join(10_000);
            }
            for (Member each : m) {
                await(() -> each.breaker(BREAKER).state() == CLOSED, Duration.ofSeconds(5),
                        () -> each + " closed by the fleet: " + each.transitions);
            }
            succeed(c.get(2));
        }
    }

    @Test
    void forceOpenAndResetOnOneMemberApplyToEveryMemberNamingTheOrigin() throws Exception {
        try (Fleet fleet = new Fleet()) {
            Member[] m = threeMembers(fleet);
            List<Strategy<Object>> c = chains(m, payments(0.5, Duration.ofSeconds(5)));
            succeed(c.get(2));

            long start = System.nanoTime();
            m[0].breaker(BREAKER).forceOpen();
            assertEquals(FORCED_OPEN, m[0].breaker(BREAKER).state(), "at once on the member the operator used");
            for (Member each : m) {
                await(() -> each.breaker(BREAKER).state() == FORCED_OPEN, Duration.ofSeconds(5),
                        () -> each + " follows a: " + each.transitions);
            }
            long reached = TimeUnit.NANOSECONDS.toMillis(m[1].transitions.get(0).atNanos() - start);
            System.out.println("Hazelcast CLUSTER breaker: forceOpen() on a reached b in " + reached + " ms");
            assertEquals("a", m[1].transitions.get(0).origin());
            assertEquals("a", m[2].transitions.get(0).origin());
            assertEquals("local", m[0].transitions.get(0).origin());
            assertThrows(CircuitOpenException.class, () -> c.get(2).call(() -> "not called"));

            m[1].breaker(BREAKER).reset();
            for (Member each : m) {
                await(() -> each.breaker(BREAKER).state() == CLOSED, Duration.ofSeconds(5),
                        () -> each + " follows b's reset: " + each.transitions);
            }
            Transition reset = m[2].transitions.get(m[2].transitions.size() - 1);
            assertEquals(CircuitState.FORCED_OPEN, reset.from());
            assertEquals("b", reset.origin());
            succeed(c.get(0));
        }
    }
}
