package dev.steadfast.spi.cluster;

import java.util.concurrent.CompletionStage;

/**
 * One application's open connection to a cluster backend: the three stores Steadfast's fleet-wide policies use and the
 * connection's health.
 *
 * <p><b>Contract for every operation</b> of this type and of the stores it returns:
 * <ul>
 * <li><b>Never blocks the caller.</b> It returns a {@link CompletionStage} at once and does its I/O elsewhere (the
 *     client's own threads); a stage may complete on any thread. Steadfast calls them only from its own cluster thread
 *     and never from a guarded call, but a backend must not rely on that for correctness.</li>
 * <li><b>Thread-safe</b>: Steadfast may have several operations in flight at once.</li>
 * <li><b>Fails by completing exceptionally</b>, never by throwing: a lost connection, a timeout, a server error.
 *     Steadfast also gives up on a stage that has not completed within {@link ClusterContext#requestTimeout()} and
 *     takes the backend for lost; a stage that completes later is ignored. Whatever a lost or late answer did on
 *     the server must be safe to leave there: quotas only ever err on the side of admitting fewer calls.</li>
 * <li><b>Atomic where it says so</b>: the read-modify-write of one key runs as one step on the server (Hazelcast: an
 *     {@code EntryProcessor} on the partition owner; Redis: one Lua script), against every other member.</li>
 * <li><b>Nothing is stored without a time to live.</b> Every write takes a TTL; the arithmetic of
 *     {@link QuotaRules} and {@link FleetStates} says what to store.</li>
 * </ul>
 */
public interface ClusterBackend extends AutoCloseable {

    /** Fleet-wide rate limits: leased permits of fixed windows, and a shared token bucket. */
    QuotaStore quotas();

    /** Fleet-wide circuit breakers: window summaries, fleet transitions, half-open trial claims. */
    BreakerExchange breakers();

    /** Which members of the application are alive. */
    Membership membership();

    /**
     * A round trip to the backend that changes nothing; completes normally when it answers. Steadfast pings while it
     * decides locally, to learn when to rejoin.
     */
    CompletionStage<Void> ping();

    /**
     * Unsubscribes and lets go of what this backend created (a client, a connection, an instance it started); must
     * not shut down what it was given (an application's bean, the server's own instance). Called once, on Steadfast's
     * cluster thread, when the application stops, after Steadfast returned its leases (best effort). Should return
     * within a second or two; must not throw.
     */
    @Override
    void close();
}
