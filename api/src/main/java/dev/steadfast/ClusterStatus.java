package dev.steadfast;

/**
 * Whether a fleet-wide ({@link Scope#CLUSTER}) rate limit or breaker, or the application, is in touch with its fleet.
 */
public enum ClusterStatus {
    /** Not fleet-wide: a {@link Scope#LOCAL} policy, or an application without {@code CLUSTER} policies. */
    LOCAL,
    /** The cluster backend answers: fleet-wide quotas are exact and fleet decisions reach this instance. */
    CONNECTED,
    /**
     * The cluster backend is unreachable (or not reached yet): this instance decides alone, a fleet-wide rate limit
     * admitting its share of the quota ({@code value / last known member count}), until the backend returns.
     */
    DEGRADED
}
