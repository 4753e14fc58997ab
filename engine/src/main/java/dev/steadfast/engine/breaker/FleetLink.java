package dev.steadfast.engine.breaker;

import dev.steadfast.CircuitState;

/**
 * What ties a fleet-wide ({@link dev.steadfast.Scope#CLUSTER}) {@link Breaker} to its fleet: implemented by the
 * engine's cluster exchange, attached with {@link Breaker#link}. Every method is called on a call's path or an
 * operator's and must return at once: an implementation only notes the news for the exchange's own thread.
 */
public interface FleetLink {

    /**
     * Whether the fleet's rules apply now: the cluster backend is reachable. While it is not, the breaker decides
     * alone, with its local rules (half-open trials included).
     */
    boolean attached();

    /** The breaker changed state (any thread): the exchange publishes a fresh summary. */
    void changed(CircuitState from, CircuitState to);

    /**
     * A call found no trial slot in the fleet's HALF_OPEN period that followed the OPEN of {@code generation}: the
     * exchange claims one from the fleet for the next call.
     */
    void trialWanted(long generation);

    /** A trial call of that period ended; on a failure the breaker has reopened itself and the fleet should too. */
    void trialFinished(long generation, boolean success);

    /** An operator called {@code forceOpen()} ({@code FORCED_OPEN}) or {@code reset()} ({@code CLOSED}) here. */
    void operatorAction(CircuitState to);

    /**
     * What the exchange knows of the fleet now (the members' windows, the latest decision), for views: a copy it
     * refreshes on its own thread. The default knows nothing.
     */
    default java.util.Optional<dev.steadfast.FleetBreakerView> view() {
        return java.util.Optional.empty();
    }
}
