package dev.steadfast.tck.cluster;

import dev.steadfast.tck.support.TestContainer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code CLUSTER} policies are checked at deployment like every other value: what a fleet cannot keep exactly, or
 * cannot identify, fails the deployment naming the member, the method, the value and the rule
 * ({@code docs/validation.md}, {@code docs/cluster.md}).
 */
class ClusterValidationTest {

    private static String call(Class<?> bean) {
        return bean.getName() + "#call()";
    }

    @Test
    void anUnnamedClusterRateLimitFailsTheDeployment() {
        assertEquals(List.of("@RateLimit.scope on " + call(UnnamedClusterLimit.class) + ": CLUSTER needs a name: the"
                        + " fleet shares a limit by its name; give it one with name = \"...\""),
                TestContainer.deploymentErrors(UnnamedClusterLimit.class));
    }

    @Test
    void aRollingClusterRateLimitFailsTheDeploymentSayingWhy() {
        assertEquals(List.of("@RateLimit.type on " + call(RollingClusterLimit.class) + ": ROLLING cannot be kept"
                        + " across a fleet with scope = CLUSTER: a sliding log of the fleet's admissions would take a"
                        + " round trip to the cluster backend on every call; use FIXED or SMOOTH"),
                TestContainer.deploymentErrors(RollingClusterLimit.class));
    }

    @Test
    void aClusterRateLimitWithSpacingFailsTheDeployment() {
        assertEquals(List.of("@RateLimit.minSpacing on " + call(SpacedClusterLimit.class) + ": 10 cannot be kept"
                        + " across a fleet with scope = CLUSTER: the time between two members' calls would take a"
                        + " round trip to the cluster backend on every call; use 0"),
                TestContainer.deploymentErrors(SpacedClusterLimit.class));
    }

    @Test
    void aSmoothClusterRateLimitOfOneFailsTheDeployment() {
        assertEquals(List.of("@RateLimit.value on " + call(SmoothOfOne.class) + ": 1 with type = SMOOTH cannot be"
                        + " shared exactly by a fleet: a bucket of one token leaves no time to hand the token to a"
                        + " member; use type = FIXED"),
                TestContainer.deploymentErrors(SmoothOfOne.class));
    }

    @Test
    void anUnnamedClusterBreakerFailsTheDeployment() {
        assertEquals(List.of("@CircuitBreaker.scope on " + call(UnnamedClusterBreaker.class) + ": CLUSTER needs a"
                        + " name: the fleet shares a breaker by its name, and an unnamed breaker belongs to one method;"
                        + " give it one with name = \"...\""),
                TestContainer.deploymentErrors(UnnamedClusterBreaker.class));
    }

    @Test
    void aKeyedClusterBreakerFailsTheDeploymentSayingWhy() {
        assertEquals(List.of("@BreakerKey on " + KeyedClusterBreaker.class.getName() + "#call(String):"
                        + " @CircuitBreaker.scope is CLUSTER, but a keyed breaker keeps one breaker per key on each"
                        + " instance and is never shared by the fleet; use scope = LOCAL (the default) for a keyed"
                        + " breaker, or an unkeyed named breaker for a fleet-wide one"),
                TestContainer.deploymentErrors(KeyedClusterBreaker.class));
    }

    @Test
    void aNegativeQuorumFailsTheDeployment() {
        assertEquals(List.of("@CircuitBreaker.quorum on " + call(NegativeQuorum.class) + ": -1 is negative; use 0 for a"
                        + " majority of the members that called, or the number of members whose failures may open the"
                        + " fleet"),
                TestContainer.deploymentErrors(NegativeQuorum.class));
    }

    @Test
    void scopeFromConfigIsCheckedAndNamesItsKey() {
        String key = "steadfast.rate-limit.\"partner\".scope";
        assertEquals(List.of("@RateLimit.scope on " + PartnerQuotes.class.getName() + "#quote(): 'fleet' (from config"
                        + " key " + key + ") is not one of [LOCAL, CLUSTER]"),
                TestContainer.deploymentErrors(Map.of(key, "fleet"), PartnerQuotes.class));
    }

    @Test
    void aBrokenClusterKeyFailsTheDeployment() {
        assertEquals(List.of("Config key steadfast.cluster.interval: 'soon' is not a time: use a number of"
                        + " milliseconds, a number with ms, s, m or h, or an ISO-8601 duration such as PT0.5S"),
                TestContainer.deploymentErrors(Map.of("steadfast.cluster.interval", "soon"), PartnerQuotes.class));
    }

    @Test
    void aClusterPolicyNeedsTheChosenBackendOnTheClasspath() {
        List<String> errors = TestContainer.deploymentErrors(Map.of("steadfast.cluster.backend", "nope"),
                FleetPartner.class);
        assertEquals(List.of("'fleet-partner' is CLUSTER-wide and steadfast.cluster.backend names 'nope', but the"
                + " cluster backends on the classpath are [memory]"), errors);
    }
}
