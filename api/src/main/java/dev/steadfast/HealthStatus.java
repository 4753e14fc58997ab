package dev.steadfast;

/** Health of one circuit breaker, or of all of them. */
public enum HealthStatus {
    /** Closed: calls pass. */
    HEALTHY,
    /** Half-open: trial calls probe the dependency. */
    DEGRADED,
    /** Open or forced open: calls are rejected. */
    FAILING
}
