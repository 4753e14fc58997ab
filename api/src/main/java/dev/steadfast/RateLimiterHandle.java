package dev.steadfast;

import java.time.Duration;
import java.util.Optional;

/**
 * An operator's view of one rate limiter. Thread-safe; reading never blocks and never calls the cluster backend.
 */
public interface RateLimiterHandle {

    /** The registry name: the limiter's name, or {@code <fully.qualified.Class>#<method>} for an unnamed one. */
    String name();

    /** How the window moves. */
    RateLimitType type();

    /** Calls admitted per window ({@code @RateLimit.value}); for {@link Scope#CLUSTER}, by the whole fleet. */
    int limit();

    /** The window. */
    Duration window();

    /** Whether the limit is this instance's or the fleet's. */
    Scope scope();

    /**
     * For a {@link Scope#CLUSTER} limiter, whether it admits from the fleet's quota ({@link ClusterStatus#CONNECTED})
     * or from its local share ({@link ClusterStatus#DEGRADED}); {@link ClusterStatus#LOCAL} for a local one.
     */
    ClusterStatus clusterStatus();

    /**
     * The counters since the start (or since the test support rebuilt the limiter) and the current window's
     * permits as this instance knows them.
     */
    RateLimiterStats stats();

    /**
     * For a {@link Scope#CLUSTER} limiter, what this instance knows of the fleet's quota in the current window; empty for
     * a local one (the default). Never calls the cluster backend.
     */
    default Optional<FleetQuotaView> fleet() {
        return Optional.empty();
    }
}
