package dev.steadfast.engine.cluster;

import dev.steadfast.CircuitBreakerHandle;
import dev.steadfast.CircuitOpenException;
import dev.steadfast.CircuitState;
import dev.steadfast.ClusterStatus;
import dev.steadfast.Scope;
import dev.steadfast.StateTransition;
import dev.steadfast.engine.GuardPolicy;
import dev.steadfast.engine.Strategy;
import dev.steadfast.engine.breaker.BreakerPolicy;
import dev.steadfast.engine.cluster.TestFleet.Member;
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
 * A {@code CLUSTER} circuit breaker across three members on one in-memory backend, in virtual time: the fleet opens
 * by quorum only, every member gets the same until-time, half-open trials are limited fleet-wide, and operators'
 * actions on one member reach all.
 */
class ClusterBreakerTest {

    private static final Duration DELAY = Duration.ofSeconds(10);

    /** A window of 30 that no member fills with the calls below alone: only the fleet's windows can open it. */
    private static BreakerPolicy payments(double ratio) {
        return BreakerPolicy.builder().requestVolumeThreshold(30).failureRatio(ratio).delay(DELAY)
                .successThreshold(1).halfOpenMaxCalls(1).scope(Scope.CLUSTER).build();
    }

    private static Strategy<Object> chain(Member m, BreakerPolicy policy) {
        return m.chain(GuardPolicy.builder("com.acme.Payments#charge()").breaker("payments", policy).build());
    }

    private static CircuitBreakerHandle breaker(Member m) {
        return m.engine.breakers().get("payments");
    }

    private static void fail(Strategy<Object> chain, int times) {
        for (int i = 0; i < times; i++) {
            assertThrows(IOException.class, () -> chain.call(() -> {
                throw new IOException("down");
            }));
        }
    }

    /** A failing call, or a rejection once the breaker has opened. */
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

    private static void succeed(Strategy<Object> chain, int times) throws Exception {
        for (int i = 0; i < times; i++) {
            chain.call(() -> "ok");
        }
    }

    private static TestFleet fleetOf3(List<Member> members, List<Strategy<Object>> chains, BreakerPolicy policy) {
        TestFleet fleet = new TestFleet();
        fleet.cluster.latency(Duration.ofMillis(2));
        for (String id : List.of("a", "b", "c")) {
            Member m = fleet.join(id);
            members.add(m);
            chains.add(chain(m, policy));
        }
        fleet.advance(Duration.ofMillis(300));
        return fleet;
    }

    @Test
    void oneSickMemberNeverOpensTheFleetEvenWhenTheFleetsRatioIsCrossed() throws Exception {
        List<Member> m = new ArrayList<>();
        List<Strategy<Object>> c = new ArrayList<>();
        try (TestFleet fleet = fleetOf3(m, c, payments(0.3))) {
            for (int round = 0; round < 15; round++) {
                fail(c.get(0), 1);
                succeed(c.get(1), 1);
                succeed(c.get(2), 1);
                fleet.advance(Duration.ofMillis(20));
            }
            fleet.advance(Duration.ofSeconds(1));
            // 45 calls, 15 failures: a ratio of 0.33 over the volume, but all from one member.
            for (Member each : m) {
                assertEquals(CLOSED, breaker(each).state(), each + " opened by one sick member");
            }

            fail(c.get(0), 15); // its own window fills with failures: it opens itself, and only itself
            fleet.advance(Duration.ofSeconds(1));

            assertEquals(OPEN, breaker(m.get(0)).state());
            assertEquals(List.of("payments CLOSED->OPEN by local"), m.get(0).transitions);
            assertEquals(CLOSED, breaker(m.get(1)).state());
            assertEquals(CLOSED, breaker(m.get(2)).state());
        }
    }

    @Test
    void failuresFromEveryMemberOpenAllWithTheSameUntilTimeWithinAFewMilliseconds() throws Exception {
        List<Member> m = new ArrayList<>();
        List<Strategy<Object>> c = new ArrayList<>();
        try (TestFleet fleet = fleetOf3(m, c, payments(0.5))) {
            for (int round = 0; round < 12; round++) {
                for (Strategy<Object> each : c) {
                    failOrRejected(each);
                }
                fleet.advance(Duration.ofMillis(20));
            }
            fleet.advance(Duration.ofMillis(300));

            List<Instant> opened = new ArrayList<>();
            long retryAfter = -1;
            String origin = null;
            for (Member each : m) {
                CircuitBreakerHandle b = breaker(each);
                assertEquals(OPEN, b.state(), each + " is open");
                StateTransition t = b.transitions().get(b.transitions().size() - 1);
                opened.add(t.at());
                long r = b.retryAfter().orElseThrow().toMillis();
                assertTrue(retryAfter < 0 || r == retryAfter, "the same until-time: " + r + " vs " + retryAfter);
                retryAfter = r;
                String o = each.transitions.get(0).substring(each.transitions.get(0).lastIndexOf(' ') + 1);
                assertTrue(origin == null || origin.equals(o), "the same decision: " + o + " vs " + origin);
                origin = o;
            }
            assertTrue(List.of("a", "b", "c").contains(origin), "decided by a fleet member, not locally: " + origin);
            Duration spread = Duration.between(opened.stream().min(Instant::compareTo).orElseThrow(),
                    opened.stream().max(Instant::compareTo).orElseThrow());
            assertTrue(spread.toMillis() <= 100, "every member opened within 100 ms: " + spread);
            assertThrows(CircuitOpenException.class, () -> c.get(1).call(() -> "not called"));
        }
    }

    @Test
    void halfOpenTrialsAreLimitedAcrossTheFleetAndOneSuccessClosesEveryMember() throws Exception {
        List<Member> m = new ArrayList<>();
        List<Strategy<Object>> c = new ArrayList<>();
        try (TestFleet fleet = fleetOf3(m, c, payments(0.5))) {
            openTheFleet(fleet, c);
            fleet.advance(DELAY);
            for (Member each : m) {
                assertEquals(HALF_OPEN, breaker(each).state(), each + " after the delay");
            }

            // a's calls are rejected until it holds a trial slot (another member may hold the only one for a while);
            // then a holds the slot with a slow call.
            CountDownLatch inTrial = new CountDownLatch(1);
            CountDownLatch finish = new CountDownLatch(1);
            CompletableFuture<Object> trial = null;
            for (int attempt = 0; attempt < 40 && trial == null; attempt++) {
                CompletableFuture<Object> t = CompletableFuture.supplyAsync(() -> {
                    try {
                        return c.get(0).call(() -> {
                            inTrial.countDown();
                            assertTrue(finish.await(10, TimeUnit.SECONDS));
                            return "recovered";
                        });
                    } catch (Exception e) {
                        throw new java.util.concurrent.CompletionException(e);
                    }
                });
                if (inTrial.await(200, TimeUnit.MILLISECONDS)) {
                    trial = t;
                } else {
                    assertTrue(t.isCompletedExceptionally(), "rejected while a has no slot");
                    fleet.advance(Duration.ofMillis(100));
                }
            }
            assertTrue(trial != null, "a got a trial slot");

            for (int i = 0; i < 3; i++) {
                for (Strategy<Object> other : c.subList(1, 3)) {
                    CircuitOpenException e = assertThrows(CircuitOpenException.class, () -> other.call(() -> "x"));
                    assertEquals(HALF_OPEN, e.getState());
                }
                fleet.advance(Duration.ofMillis(200));
            }

            finish.countDown();
            assertEquals("recovered", trial.get(10, TimeUnit.SECONDS));
            fleet.advance(Duration.ofMillis(50));
            for (Member each : m) {
                assertEquals(CLOSED, breaker(each).state(), each + " closed by the fleet");
                assertTrue(each.transitions.get(each.transitions.size() - 1).endsWith("HALF_OPEN->CLOSED by a"),
                        each.transitions.toString());
            }
        }
    }

    @Test
    void aFailedTrialReopensEveryMemberWithANewSharedUntilTime() throws Exception {
        List<Member> m = new ArrayList<>();
        List<Strategy<Object>> c = new ArrayList<>();
        try (TestFleet fleet = fleetOf3(m, c, payments(0.5))) {
            openTheFleet(fleet, c);
            fleet.advance(DELAY);
            boolean tried = false;
            for (int attempt = 0; attempt < 40 && !tried; attempt++) {
                try {
                    c.get(1).call(() -> {
                        throw new IOException("still down"); // b's trial fails
                    });
                } catch (IOException e) {
                    tried = true;
                } catch (CircuitOpenException e) {
                    fleet.advance(Duration.ofMillis(100)); // no slot yet
                }
            }
            assertTrue(tried, "b got a trial slot");
            fleet.advance(Duration.ofMillis(50));

            long until = -1;
            for (Member each : m) {
                assertEquals(OPEN, breaker(each).state(), each.transitions.toString());
                long r = breaker(each).retryAfter().orElseThrow().toMillis();
                assertTrue(until < 0 || r == until, "one until-time: " + r + " vs " + until);
                until = r;
            }
            assertTrue(until > DELAY.toMillis() - 100, "a full delay from the failed trial: " + until);
        }
    }

    @Test
    void forceOpenAndResetOnOneMemberApplyToEveryMemberNamingTheOrigin() throws Exception {
        List<Member> m = new ArrayList<>();
        List<Strategy<Object>> c = new ArrayList<>();
        try (TestFleet fleet = fleetOf3(m, c, payments(0.5))) {
            succeed(c.get(2), 5);
            breaker(m.get(0)).forceOpen();
            assertEquals(FORCED_OPEN, breaker(m.get(0)).state(), "at once on the member the operator used");
            fleet.advance(Duration.ofMillis(20));

            for (Member each : m) {
                assertEquals(FORCED_OPEN, breaker(each).state());
            }
            assertEquals(List.of("payments CLOSED->FORCED_OPEN by a"), m.get(1).transitions);
            assertEquals(List.of("payments CLOSED->FORCED_OPEN by local"), m.get(0).transitions);

            breaker(m.get(1)).reset();
            fleet.advance(Duration.ofMillis(20));

            for (Member each : m) {
                assertEquals(CLOSED, breaker(each).state());
                assertEquals(0, breaker(each).stats().totalCalls(), "a reset clears every member's counters");
            }
            assertTrue(m.get(2).transitions.get(1).equals("payments FORCED_OPEN->CLOSED by b"),
                    m.get(2).transitions.toString());
            succeed(c.get(2), 1);
        }
    }

    @Test
    void aMemberThatJoinsLaterStartsFromTheFleetsDecision() throws Exception {
        List<Member> m = new ArrayList<>();
        List<Strategy<Object>> c = new ArrayList<>();
        try (TestFleet fleet = fleetOf3(m, c, payments(0.5))) {
            breaker(m.get(0)).forceOpen();
            fleet.advance(Duration.ofMillis(20));

            Member late = fleet.join("d");
            Strategy<Object> chain = chain(late, payments(0.5));
            fleet.advance(Duration.ofMillis(300));

            assertEquals(FORCED_OPEN, breaker(late).state());
            assertEquals(ClusterStatus.CONNECTED, breaker(late).clusterStatus());
            assertThrows(CircuitOpenException.class, () -> chain.call(() -> "x"));
        }
    }

    @Test
    void theMembersFollowTheFleetWithoutAnyCallReachingTheBackend() throws Exception {
        List<Member> m = new ArrayList<>();
        List<Strategy<Object>> c = new ArrayList<>();
        try (TestFleet fleet = fleetOf3(m, c, payments(0.5))) {
            fleet.cluster.latency(Duration.ofSeconds(3600)); // nothing the backend does arrives within the test
            long before = fleet.cluster.operations();
            succeed(c.get(0), 1000);
            assertEquals(before, fleet.cluster.operations(), "no backend operation on the call path");
        }
    }

    /** Failures on every member, none filling its own window: the fleet opens by quorum. */
    private static void openTheFleet(TestFleet fleet, List<Strategy<Object>> chains) {
        for (int round = 0; round < 12; round++) {
            for (Strategy<Object> each : chains) {
                failOrRejected(each);
            }
            fleet.advance(Duration.ofMillis(20));
        }
        fleet.advance(Duration.ofMillis(100));
        for (Member each : fleet.members) {
            assertEquals(OPEN, each.engine.breakers().get("payments").state());
        }
    }

    @Test
    void aBreakerRemovedFromTheRegistryLeavesTheFleetAndTheNextOfItsNameJoinsIt() throws Exception {
        List<Member> m = new ArrayList<>();
        List<Strategy<Object>> c = new ArrayList<>();
        try (TestFleet fleet = fleetOf3(m, c, payments(0.5))) {
            CircuitBreakerHandle removed = breaker(m.get(0));
            assertTrue(m.get(0).engine.breakers().remove("payments"), "a guard closed, or an operator removed it");
            Strategy<Object> rebuilt = m.get(0).engine.build(GuardPolicy.builder("com.acme.Payments#charge()")
                    .breaker("payments", payments(0.5)).build());
            fleet.advance(Duration.ofMillis(50));
            CircuitBreakerHandle renewed = breaker(m.get(0));
            assertTrue(renewed != removed, "a new breaker of that name");
            assertEquals(ClusterStatus.CONNECTED, renewed.clusterStatus());

            removed.forceOpen();
            fleet.advance(Duration.ofMillis(50));
            assertEquals(CLOSED, state(m.get(1)), "the removed breaker tells the fleet nothing");
            assertEquals(CLOSED, renewed.state());

            breaker(m.get(1)).forceOpen();
            fleet.advance(Duration.ofMillis(50));
            assertEquals(FORCED_OPEN, renewed.state(), "the new breaker follows the fleet");
            assertThrows(CircuitOpenException.class, () -> rebuilt.call(() -> "charged"));
        }
    }

    static CircuitState state(Member m) {
        return breaker(m).state();
    }
}
