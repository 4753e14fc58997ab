package dev.steadfast.spi.cluster;

import java.util.Set;

/**
 * Steadfast's inbox, given to a backend through {@link ClusterContext#listener()}. Every method is thread-safe,
 * returns at once (it only queues the news for Steadfast's cluster thread), never throws, and may be called from any
 * thread: the backend's event, listener or I/O threads. Messages may arrive late, twice or out of order, and those this
 * member sent itself come back too: Steadfast orders fleet transitions by {@link FleetState#generation()} and
 * expires summaries by {@link BreakerSummary#validForMillis()}.
 */
public interface ClusterListener {

    /** Another member's (or this member's own) window summary of a fleet-wide breaker. */
    void summary(BreakerSummary summary);

    /** A fleet transition a {@link BreakerExchange#propose} stored: delivered to every member, the proposer too. */
    void transition(FleetState state);

    /**
     * The members now live, for a backend that learns it by events (Hazelcast's membership listener). Optional:
     * Steadfast also learns it from every {@link Membership#heartbeat}.
     */
    default void members(Set<String> members) {
    }

    /**
     * The backend lost its connection (a disconnected client, a cluster this member left). Steadfast decides locally
     * from now on and probes with {@link ClusterBackend#ping()} until it answers.
     */
    void connectionLost(Throwable cause);

    /** The backend has its connection back; Steadfast confirms with a {@link ClusterBackend#ping()} and rejoins. */
    void connectionRestored();

    /**
     * Delivers a message decoded with {@link Wire#decode}: a {@link BreakerSummary} to {@link #summary}, a
     * {@link FleetState} to {@link #transition}.
     */
    default void deliver(ClusterMessage message) {
        if (message instanceof BreakerSummary s) {
            summary(s);
        } else if (message instanceof FleetState f) {
            transition(f);
        }
    }
}
