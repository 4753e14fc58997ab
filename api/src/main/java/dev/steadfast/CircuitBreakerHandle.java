package dev.steadfast;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** An operator's view of and control over one circuit breaker. Thread-safe. */
public interface CircuitBreakerHandle {

    /** The registry name: the breaker's name, or {@code <fully.qualified.Class>#<method>} for an unnamed one. */
    String name();

    /** The current state. */
    CircuitState state();

    /**
     * How long until an {@link CircuitState#OPEN} breaker lets trial calls through (HALF_OPEN), as
     * {@link CircuitOpenException#getRetryAfter()} would say now; empty in any other state (a
     * {@link CircuitState#FORCED_OPEN} breaker waits for an operator, not for time). The default implementation
     * knows no delay and returns empty.
     */
    default Optional<Duration> retryAfter() {
        return Optional.empty();
    }

    /** A consistent snapshot of the counters since the start or the last {@link #reset()}. */
    CircuitBreakerStats stats();

    /** The last 32 state transitions, oldest first. */
    List<StateTransition> transitions();

    /** Moves to {@link CircuitState#CLOSED} with an empty window and counters cleared. */
    void reset();

    /** Moves to {@link CircuitState#FORCED_OPEN}: every call is rejected until {@link #reset()}. */
    void forceOpen();

    /**
     * Whether the breaker is this instance's or the fleet's. For a {@link Scope#CLUSTER} breaker, {@link #reset()} and
     * {@link #forceOpen()} apply to every instance of the fleet (when the cluster backend is reachable; else to this
     * instance alone). The default implementation is {@link Scope#LOCAL}.
     */
    default Scope scope() {
        return Scope.LOCAL;
    }

    /**
     * For a {@link Scope#CLUSTER} breaker, whether fleet decisions reach it ({@link ClusterStatus#CONNECTED}) or it
     * decides alone ({@link ClusterStatus#DEGRADED}); {@link ClusterStatus#LOCAL} for a local one (the default).
     */
    default ClusterStatus clusterStatus() {
        return ClusterStatus.LOCAL;
    }

    /**
     * For a {@link Scope#CLUSTER} breaker, what this instance knows of its fleet: every member's recent window and the
     * fleet's latest decision, as the cluster exchange last received them; empty for a local breaker (the default).
     * Never calls the cluster backend.
     */
    default Optional<FleetBreakerView> fleet() {
        return Optional.empty();
    }
}
