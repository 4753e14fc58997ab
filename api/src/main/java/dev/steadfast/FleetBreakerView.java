package dev.steadfast;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What this instance knows of a fleet-wide ({@link Scope#CLUSTER}) circuit breaker's fleet: the recent windows of the
 * members, as the cluster exchange last heard them, and the fleet's latest decision. A copy the exchange refreshes
 * every exchange interval and on every message it receives; reading it never calls the cluster backend.
 *
 * @param member    this instance's member id
 * @param status    whether fleet decisions reach this instance now
 * @param decision  the fleet's latest decision ({@code OPEN}, {@code CLOSED} or {@code FORCED_OPEN}), or {@code null}
 *                  when this instance has heard none (the fleet is then CLOSED)
 * @param origin    the member id of the member that made {@code decision}, or {@code null} with it
 * @param decidedAt when {@code decision} was made, on the deciding member's clock, or {@code null} with it
 * @param windows   the members' recent windows, this instance's first, then the others' by member id; a member whose
 *                  last summary is older than its validity is left out
 */
public record FleetBreakerView(String member, ClusterStatus status, CircuitState decision, String origin,
        Instant decidedAt, List<MemberWindow> windows) {

    /** Checks the arguments and copies {@code windows}. */
    public FleetBreakerView {
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(status, "status");
        windows = List.copyOf(windows);
    }

    /**
     * One member's recent window of the breaker.
     *
     * @param member   the member's id
     * @param calls    outcomes in its window
     * @param failures failures among them
     * @param state    its breaker's state
     * @param at       when it was published (this instance's own window: when the view was refreshed)
     */
    public record MemberWindow(String member, int calls, int failures, CircuitState state, Instant at) {

        /** Checks the arguments. */
        public MemberWindow {
            Objects.requireNonNull(member, "member");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(at, "at");
        }
    }
}
