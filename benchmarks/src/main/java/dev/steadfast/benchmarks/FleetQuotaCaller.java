package dev.steadfast.benchmarks;

import dev.steadfast.ClusterStatus;
import dev.steadfast.RateLimitExceededException;
import dev.steadfast.RateLimitType;
import dev.steadfast.guard.Guard;
import dev.steadfast.guard.Steadfast;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Steadfast's side of the fleet-wide quota benchmarks ({@code ClusterQuotaHazelcastBenchmark},
 * {@code ClusterQuotaRedisBenchmark}): a guard with a {@code CLUSTER} {@code FIXED} limit named {@code partner}, joined
 * to the fleet on whichever backend the system properties chose, warmed up until its leases keep up with one caller,
 * and the count of calls admitted and rejected, so that the report gives the time per admitted call. The backend's
 * own set-up stays with each benchmark.
 */
final class FleetQuotaCaller {

    private final Guard<String> guard;
    private final LongAdder admitted = new LongAdder();
    private final LongAdder rejected = new LongAdder();

    /**
     * Builds the guard (the backend's {@code steadfast.*} system properties already set), waits until it joined the
     * fleet and warms it up.
     *
     * @param quota calls admitted per second by the fleet
     * @param where the backend, for the message when Steadfast does not join it
     */
    FleetQuotaCaller(int quota, String where) throws Exception {
        System.setProperty("steadfast.cluster.application", "bench");
        guard = Guard.<String>builder("cluster-quota")
                .rateLimit(r -> r.name("partner").value(quota).window(Duration.ofSeconds(1))
                        .type(RateLimitType.FIXED).scope(dev.steadfast.Scope.CLUSTER))
                .build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (Steadfast.rateLimiters().get("partner").clusterStatus() != ClusterStatus.CONNECTED) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("Steadfast did not join the fleet on " + where);
            }
            Thread.sleep(10);
        }
        // Leases are sized to the recent rate: until they have grown to this caller's rate, calls may find the
        // permits spent and a refill on its way. Call until two million calls in a row were admitted, with a
        // deadline of its own (joining may have taken most of the first on a loaded machine).
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int inARow = 0;
        while (inARow < 2_000_000) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("Steadfast's leases never kept up with one caller");
            }
            try {
                guard.call(Work.CALL);
                inARow++;
            } catch (RateLimitExceededException refilling) {
                inARow = 0;
            }
        }
        Checks.returnsResult("Steadfast CLUSTER", () -> guard.call(Work.CALL));
    }

    /**
     * One call; a call that finds its instance's permits spent while a refill is on its way is rejected (never
     * admitted on credit) and counted.
     */
    String call() throws Exception {
        try {
            String result = guard.call(Work.CALL);
            admitted.increment();
            return result;
        } catch (RateLimitExceededException e) {
            rejected.increment();
            return null;
        }
    }

    /** What share of the measured calls found a permit: the time per admitted call is the score over it. */
    void report() {
        long a = admitted.sum();
        long r = rejected.sum();
        System.out.printf("%nSteadfast CLUSTER: %d calls admitted, %d rejected while a refill was on its way"
                + " (%.4f%% admitted)%n", a, r, 100.0 * a / Math.max(1, a + r));
    }
}
