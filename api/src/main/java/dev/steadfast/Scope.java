package dev.steadfast;

/**
 * Where a named rate limit or circuit breaker decides: in this application instance alone, or across every instance
 * of the application (the fleet) through a cluster backend.
 *
 * <p>{@link #CLUSTER} needs a name (the fleet-wide identity of the limit or breaker) and a cluster backend module
 * ({@code steadfast-hazelcast}, {@code steadfast-redis}) on the classpath. Calls are still decided locally, without a
 * network round trip: a fleet-wide rate limit admits from permits this instance leased ahead of need, a fleet-wide
 * breaker keeps its own window and also opens when the fleet's recent windows fail, by quorum. When the backend is
 * unreachable, both decide locally until it returns (see {@code docs/cluster.md}).
 */
public enum Scope {
    /** Decided by this application instance alone (the default). */
    LOCAL,
    /** Shared by every instance of the application through the cluster backend. */
    CLUSTER
}
