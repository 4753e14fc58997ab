package dev.steadfast.engine.cluster;

import dev.steadfast.RateLimitType;
import dev.steadfast.Scope;
import dev.steadfast.engine.Violation;
import dev.steadfast.engine.GuardPolicy;
import dev.steadfast.engine.breaker.BreakerKeySelector;
import dev.steadfast.engine.breaker.BreakerPolicy;
import dev.steadfast.engine.breaker.KeyedBreakerPolicy;
import dev.steadfast.guard.Guard;
import dev.steadfast.engine.ratelimit.RateLimitPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules of {@code CLUSTER} policies, written once in the policies. */
class ClusterRulesTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    private static List<String> rateLimit(int value, RateLimitType type, long spacing, boolean named) {
        return RateLimitPolicy.violations(value, SECOND, spacing, type, Scope.CLUSTER, named).stream()
                .map(Violation::message).toList();
    }

    @Test
    void aClusterRateLimitIsFixedOrSmoothWithoutSpacingAndNamed() {
        assertEquals(List.of(), rateLimit(100, RateLimitType.FIXED, 0, true));
        assertEquals(List.of(), rateLimit(100, RateLimitType.SMOOTH, 0, true));
        assertEquals(List.of("type ROLLING cannot be kept across a fleet with scope = CLUSTER: a sliding log of the"
                + " fleet's admissions would take a round trip to the cluster backend on every call; use FIXED or"
                + " SMOOTH"), rateLimit(100, RateLimitType.ROLLING, 0, true));
        assertEquals(List.of("minSpacing 10 ms cannot be kept across a fleet with scope = CLUSTER: the time between"
                + " two members' calls would take a round trip to the cluster backend on every call; use 0"),
                rateLimit(100, RateLimitType.FIXED, 10_000_000, true));
        assertEquals(List.of("scope CLUSTER needs a name: the fleet shares a limit by its name; give it one with"
                + " name = \"...\""), rateLimit(100, RateLimitType.FIXED, 0, false));
        assertEquals(List.of("value 1 with type = SMOOTH cannot be shared exactly by a fleet: a bucket of one token"
                + " leaves no time to hand the token to a member; use type = FIXED"),
                rateLimit(1, RateLimitType.SMOOTH, 0, true));
        assertEquals(1, rateLimit(2_000_000, RateLimitType.SMOOTH, 0, true).size(), "more than one per microsecond");
        assertEquals(List.of(), RateLimitPolicy.violations(100, SECOND, 10, RateLimitType.ROLLING, Scope.LOCAL, false)
                .stream().map(Violation::message).toList(), "LOCAL keeps every type");
    }

    @Test
    void aClusterBreakerNeedsANameAndAQuorumOfZeroOrMore() {
        BreakerPolicy.Builder b = BreakerPolicy.builder().scope(Scope.CLUSTER).quorum(-1);
        assertEquals(List.of("quorum -1 is negative; use 0 for a majority of the members that called, or the number"
                        + " of members whose failures may open the fleet",
                "scope CLUSTER needs a name: the fleet shares a breaker by its name, and an unnamed breaker belongs to"
                        + " one method; give it one with name = \"...\""),
                b.violations(false).stream().map(Violation::message).toList());
        assertEquals(List.of(), BreakerPolicy.builder().scope(Scope.CLUSTER).quorum(2).violations(true));
    }

    @Test
    void scopeAndQuorumArePartOfWhatSharingMethodsMustAgreeOn() {
        BreakerPolicy local = BreakerPolicy.builder().build();
        BreakerPolicy fleet = BreakerPolicy.builder().scope(Scope.CLUSTER).quorum(3).build();
        assertEquals("scope LOCAL vs CLUSTER, quorum 0 vs 3", local.differences(fleet));
        RateLimitPolicy a = new RateLimitPolicy(5, SECOND, 0, RateLimitType.FIXED, Scope.CLUSTER);
        RateLimitPolicy b = new RateLimitPolicy(10, 2 * SECOND, 0, RateLimitType.FIXED, Scope.LOCAL);
        assertEquals("value 5 vs 10, window 1 s vs 2 s, scope CLUSTER vs LOCAL", a.differences(b));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RateLimitPolicy(5, SECOND, 0, RateLimitType.ROLLING, Scope.CLUSTER));
        assertTrue(e.getMessage().startsWith("RateLimitPolicy: type ROLLING cannot be kept across a fleet"),
                e.getMessage());
    }

    @Test
    void aKeyedBreakerIsLocalToEachInstance() {
        BreakerPolicy fleet = BreakerPolicy.builder().scope(Scope.CLUSTER).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GuardPolicy.builder("com.acme.Tenants#fetch(String)").breaker("tenants", fleet)
                        .breakerKeys(KeyedBreakerPolicy.builder().build(), BreakerKeySelector.argument(0)).build());
        assertEquals("com.acme.Tenants#fetch(String): a keyed breaker is local to each instance; CLUSTER scope is for"
                + " unkeyed breakers", e.getMessage());
        IllegalArgumentException guard = assertThrows(IllegalArgumentException.class,
                () -> Guard.<String>builder("tenants").circuitBreaker(b -> b.name("tenants").scope(Scope.CLUSTER).keyed()).build());
        assertEquals("Guard 'tenants': circuitBreaker scope CLUSTER with keyed(): a keyed breaker keeps one breaker per"
                + " key on each instance and is never shared by the fleet; use Scope.LOCAL, or an unkeyed named"
                + " breaker for a fleet-wide one", guard.getMessage());
    }
}
