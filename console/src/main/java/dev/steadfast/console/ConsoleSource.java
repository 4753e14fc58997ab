package dev.steadfast.console;

import dev.steadfast.CircuitBreakerStats;
import dev.steadfast.CircuitState;
import dev.steadfast.RateLimitType;
import dev.steadfast.StateTransition;
import dev.steadfast.spi.CallOutcome;
import dev.steadfast.spi.GuardedOperation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Where the numbers of a snapshot come from: one member of a fleet, read once per snapshot. The console aggregates
 * every source it has, merging guarded methods and breakers by name; today that is exactly one, this application. (The
 * fleet of {@code CLUSTER} policies shows from the cluster exchange's views instead, see {@link FleetSection}: the
 * other members' per-method counters are not fetched.)
 *
 * <p>Reading must be cheap and must not block the guarded calls: a source copies counters, it does not stop them.
 */
public interface ConsoleSource {

    /** The member's name as the snapshot lists it. */
    String member();

    /** Every guarded method of the member, with its counters since it was built. */
    List<OperationSample> operations();

    /** Every circuit breaker of the member. */
    List<BreakerSample> breakers();

    /**
     * One guarded method at one moment.
     *
     * @param method    as messages name it, e.g. {@code com.acme.Quotes#fetch(String)}
     * @param policies  its policies
     * @param breaker   the registry name of its circuit breaker, or {@code null}
     * @param outcomes  calls since it was built, by {@link CallOutcome#ordinal()}
     * @param retries   retries scheduled since it was built
     * @param latency   call durations since it was built, counted in the console's latency buckets
     *                  ({@link #LATENCY_BUCKETS} of them: up to 1 µs, then four per power of two of nanoseconds)
     * @param bulkhead  its bulkhead now, or {@code null}
     * @param rateLimit its rate limit now, or {@code null}
     */
    record OperationSample(String method, Set<GuardedOperation.Policy> policies, String breaker, long[] outcomes,
            long retries, long[] latency, BulkheadSample bulkhead, RateLimitSample rateLimit) {
    }

    /** How many entries {@link OperationSample#latency()} has. */
    int LATENCY_BUCKETS = LatencyHistogram.BUCKETS;

    /**
     * A bulkhead now.
     *
     * @param maxConcurrent calls allowed at once
     * @param inUse         calls holding a permit
     * @param queued        calls waiting for one
     */
    record BulkheadSample(int maxConcurrent, int inUse, int queued) {
    }

    /**
     * A rate limit now.
     *
     * @param limit     calls per window
     * @param window    the window
     * @param type      how the window moves
     * @param available permits a call could take now
     */
    record RateLimitSample(int limit, Duration window, RateLimitType type, int available) {
    }

    /**
     * A circuit breaker now.
     *
     * @param name        its registry name
     * @param state       its state
     * @param since       when it entered the state (its last transition, else when it was first seen), or
     *                    {@code null} when unknown
     * @param retryAfter  for an {@code OPEN} breaker, the time until it lets trial calls through; else {@code null}
     * @param stats       its counters since it was built or last reset
     * @param transitions its recent transitions, oldest first
     */
    record BreakerSample(String name, CircuitState state, Instant since, Duration retryAfter, CircuitBreakerStats stats,
            List<StateTransition> transitions) {
    }
}
