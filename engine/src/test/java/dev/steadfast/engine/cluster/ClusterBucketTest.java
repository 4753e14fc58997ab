package dev.steadfast.engine.cluster;

import dev.steadfast.ClusterStatus;
import dev.steadfast.RateLimitType;
import dev.steadfast.Scope;
import dev.steadfast.engine.GuardPolicy;
import dev.steadfast.engine.Strategy;
import dev.steadfast.engine.cluster.TestFleet.Member;
import dev.steadfast.engine.ratelimit.RateLimitPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A {@code CLUSTER} {@code SMOOTH} rate limit: one token bucket for the whole fleet. Under more demand than it allows,
 * the fleet admits no more than one bucket would (its capacity plus one token per interval), and nearly that.
 */
class ClusterBucketTest {

    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final int RATE = 50;

    @Test
    void threeMembersWithTwoThreadsEachAdmitNoMoreThanOneBucketWould() throws Exception {
        RateLimitPolicy smooth = new RateLimitPolicy(RATE, SECOND.toNanos(), 0, RateLimitType.SMOOTH, Scope.CLUSTER);
        try (TestFleet fleet = new TestFleet()) {
            fleet.cluster.latency(Duration.ofMillis(2));
            List<Member> members = List.of(fleet.join("a"), fleet.join("b"), fleet.join("c"));
            List<Strategy<Object>> chains = new ArrayList<>();
            for (Member m : members) {
                chains.add(m.chain(GuardPolicy.builder("com.acme.Feed#poll()").rateLimit("feed", smooth).build()));
            }
            fleet.advance(Duration.ofMillis(300));
            for (Member m : members) {
                assertEquals(ClusterStatus.CONNECTED, m.engine.rateLimiters().get("feed").clusterStatus());
            }
            long total = 0;
            int seconds = 6;
            try (Hammer hammer = new Hammer(TestFleet.ids(members), chains, 2)) {
                for (int s = 0; s < seconds; s++) {
                    hammer.startPhase();
                    for (int step = 0; step < 20; step++) {
                        hammer.awaitProgress(1);
                        fleet.advance(Duration.ofMillis(50));
                    }
                    hammer.endPhase();
                    long second = hammer.admitted();
                    assertTrue(second <= 2L * RATE, "any one second: a full bucket and its refill at most: " + second);
                    total += second;
                }
                assertEquals(List.of(), hammer.failures);
            }
            long bound = RATE + (long) seconds * RATE; // capacity + one token per interval over the run
            assertTrue(total <= bound, "over " + seconds + " s the fleet admitted " + total + " > " + bound);
            assertTrue(total >= (long) seconds * RATE * 90 / 100, "and nearly all of it: " + total);
        }
    }
}
