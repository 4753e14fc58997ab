package dev.steadfast;

/**
 * Health of one circuit breaker, one component, or all of them, from best to worst (so a report's overall status is
 * the one with the highest ordinal).
 */
public enum HealthStatus {
    /** A breaker: closed, calls pass. A component: working. */
    HEALTHY,
    /** A breaker: half-open, trial calls probe the dependency. A component: working, but impaired. */
    DEGRADED,
    /** A breaker: open or forced open, calls are rejected. A component: not working, or its check failed. */
    FAILING
}
