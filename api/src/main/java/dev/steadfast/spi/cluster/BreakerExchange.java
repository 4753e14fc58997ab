package dev.steadfast.spi.cluster;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The fleet's circuit breakers. Every member keeps deciding on its own breaker on the call path; what goes through
 * here is off that path, on Steadfast's cluster thread: window summaries published at an interval, fleet decisions
 * (stored atomically, then broadcast), and the fleet-wide limit on half-open trials. The general contract of
 * {@link ClusterBackend} applies (non-blocking, thread-safe, fails by completing exceptionally).
 *
 * <h2>How each backend maps onto it</h2>
 * <ul>
 * <li>Hazelcast: summaries and transitions on one {@code ITopic} (or reliable topic) per application; fleet states
 *     and trial records in an {@code IMap} changed by {@code EntryProcessor}s (TTL through
 *     {@code ExtendedMapEntry.setValue(value, ttl, unit)}), a successful proposal then published on the topic.</li>
 * <li>Redis: {@code PUBLISH} on one channel per application, received on a pub/sub connection; fleet states and trial
 *     records in keys changed by one Lua script each ({@code PEXPIRE} in the same script), a successful proposal
 *     published by the same script.</li>
 * </ul>
 * Messages are delivered to every member's {@link ClusterListener} (the sender's too); {@link Wire} encodes them as
 * text.
 */
public interface BreakerExchange {

    /**
     * Sends this member's window summary to every member ({@link ClusterListener#summary}). Fire and forget: it
     * completes when sent; no storage, no TTL on the server (receivers expire it).
     */
    CompletionStage<Void> publish(BreakerSummary summary);

    /**
     * Atomically compares the stored fleet state of {@code proposal.breaker()} with {@code expectedGeneration} and,
     * when the proposal wins ({@link FleetStates#accept}), stores it with {@code ttl} and then delivers it to every
     * member ({@link ClusterListener#transition}), this one included.
     *
     * @param expectedGeneration the generation the member believes stored (0 for none), or {@link FleetStates#ANY}
     * @return the state stored afterwards: the proposal (possibly with a raised generation) when it won, else the
     *         state that was there
     */
    CompletionStage<FleetState> propose(FleetState proposal, long expectedGeneration, Duration ttl);

    /** The stored fleet state of {@code breaker}, or empty: what a member that joins or rejoins starts from. */
    CompletionStage<Optional<FleetState>> read(String breaker);

    /**
     * Atomically claims one half-open trial slot of {@code breaker} in the HALF_OPEN period that follows the OPEN of
     * {@code generation}, if fewer than {@code max} are claimed and unfinished ({@link FleetStates#claim}); the record
     * lives for {@code ttl}.
     *
     * @return whether the slot is this member's
     */
    CompletionStage<Boolean> claimTrial(String breaker, long generation, int max, Duration ttl);

    /**
     * Atomically ends a slot claimed with {@link #claimTrial} ({@link FleetStates#finish}).
     *
     * @return the trials of that generation that succeeded so far, this one included
     */
    CompletionStage<Integer> finishTrial(String breaker, long generation, TrialOutcome outcome, Duration ttl);
}
