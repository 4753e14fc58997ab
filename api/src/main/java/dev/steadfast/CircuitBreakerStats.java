package dev.steadfast;

/**
 * Counters of one circuit breaker since the start or its last reset.
 *
 * @param totalCalls      calls that reached the breaker: successful + failed + rejected
 * @param successfulCalls calls that ran and counted as successes
 * @param failedCalls     calls that ran and counted as failures
 * @param rejectedCalls   calls rejected without running
 * @param stateChanges    state transitions
 */
public record CircuitBreakerStats(long totalCalls, long successfulCalls, long failedCalls, long rejectedCalls,
        long stateChanges) {
}
