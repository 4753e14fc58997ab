package dev.steadfast;

import java.util.Objects;

/**
 * What this instance knows of a fleet-wide ({@link Scope#CLUSTER}) rate limit's quota in the current window: what it
 * holds and spent, and what the backend last said the fleet had left. A copy the exchange refreshes every exchange
 * interval; reading it never calls the cluster backend.
 *
 * @param member    this instance's member id
 * @param status    whether the limit admits from the fleet's quota now ({@code CONNECTED}) or from the local share
 * @param members   the live members the exchange last heard of, this one included
 * @param limit     calls per window for the whole fleet
 * @param leased    permits this instance holds in the current window: granted by the fleet, or its local share
 * @param used      permits it spent of them
 * @param fleetLeft permits the fleet had left for the window at the backend's last answer, or {@code -1} when unknown
 *                  (no answer yet in this window, degraded, or a {@code SMOOTH} bucket)
 */
public record FleetQuotaView(String member, ClusterStatus status, int members, int limit, long leased, long used,
        long fleetLeft) {

    /** Checks the arguments. */
    public FleetQuotaView {
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(status, "status");
    }

    /**
     * Permits the other members hold in the window, as far as this instance can tell ({@code limit - fleetLeft -
     * leased}, at least 0), or {@code -1} when {@link #fleetLeft()} is unknown.
     */
    public long othersLeased() {
        return fleetLeft < 0 ? -1 : Math.max(0, limit - fleetLeft - leased);
    }
}
