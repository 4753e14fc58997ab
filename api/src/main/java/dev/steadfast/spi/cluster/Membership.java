package dev.steadfast.spi.cluster;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Which members of the application are alive: what a fleet-wide rate limit divides its quota by when the backend is
 * lost, and what sizes its leases. A member is an application instance running Steadfast (not a Hazelcast member:
 * an application connected as a Hazelcast client is a member, the servers it connects to are not).
 *
 * <p>Hazelcast: an {@code IMap} entry per member with a TTL (membership events may speed it up through
 * {@link ClusterListener#members}); Redis: a sorted set of member ids scored by expiry, or one key per member with a
 * TTL, refreshed by each heartbeat. The general contract of {@link ClusterBackend} applies.
 */
public interface Membership {

    /**
     * Announces this member as alive for {@code ttl} (Steadfast repeats it every {@link ClusterContext#interval()},
     * with a TTL of several intervals) and answers the members alive now, this one included.
     */
    CompletionStage<Set<String>> heartbeat(Duration ttl);

    /** Removes this member at once (the application stops) instead of letting its announcement expire. */
    CompletionStage<Void> leave();
}
