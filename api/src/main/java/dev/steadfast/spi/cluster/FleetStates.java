package dev.steadfast.spi.cluster;

/**
 * The arithmetic a backend performs, atomically, for {@link BreakerExchange#propose} and the trial claims: the
 * reference every backend implements, as {@link QuotaRules} is for quotas. Pure functions.
 */
public final class FleetStates {

    /** An expected generation that matches whatever is stored: operators' actions, which always win. */
    public static final long ANY = -1;

    private FleetStates() {
    }

    /**
     * A proposal against the stored state ({@code null} when absent or expired): it wins when nothing is stored, when
     * {@code expectedGeneration} is {@link #ANY}, or when it equals the stored generation; the state stored then is
     * the proposal with generation {@code max(proposal.generation(), stored.generation() + 1)}. Otherwise the stored
     * state stays and is the answer.
     *
     * @return the state stored after the proposal: the winner's (store it, with the caller's TTL, and publish it to
     *         every member) or the unchanged one (publish nothing)
     */
    public static FleetState accept(FleetState stored, long expectedGeneration, FleetState proposal) {
        if (stored == null || expectedGeneration == ANY || stored.generation() == expectedGeneration) {
            long floor = stored == null ? 1 : stored.generation() + 1;
            return proposal.withGeneration(Math.max(proposal.generation(), floor));
        }
        return stored;
    }

    /**
     * Whether {@code stored}, the answer of a proposal, is that proposal: it won. Compares everything but the
     * generation, which the store may have raised.
     */
    public static boolean won(FleetState stored, FleetState proposal) {
        // Field by field rather than the record's equals, which goes through a JDK-wide cache of method handles.
        return stored.breaker().equals(proposal.breaker()) && stored.state() == proposal.state()
                && stored.untilEpochMillis() == proposal.untilEpochMillis()
                && stored.origin().equals(proposal.origin()) && stored.operator() == proposal.operator()
                && stored.atEpochMillis() == proposal.atEpochMillis() && stored.generation() >= proposal.generation();
    }

    /**
     * {@link BreakerExchange#claimTrial}: the stored trial record of one breaker and generation is a pair (trials in
     * flight, successes so far), absent: (0, 0).
     *
     * @return the new record when the claim is granted ({@code inFlight < max}), else {@code null} (nothing changes)
     */
    public static Trials claim(Trials stored, int max) {
        Trials t = stored == null ? Trials.NONE : stored;
        return t.inFlight() < max ? new Trials(t.inFlight() + 1, t.successes()) : null;
    }

    /** {@link BreakerExchange#finishTrial}: the new record; its {@code successes} are the answer. */
    public static Trials finish(Trials stored, TrialOutcome outcome) {
        Trials t = stored == null ? Trials.NONE : stored;
        return new Trials(Math.max(0, t.inFlight() - 1),
                t.successes() + (outcome == TrialOutcome.SUCCEEDED ? 1 : 0));
    }

    /**
     * Trial calls of one HALF_OPEN period of the fleet.
     *
     * @param inFlight  slots claimed and not yet finished
     * @param successes trials that succeeded
     */
    public record Trials(int inFlight, int successes) implements java.io.Serializable {

        /** Nothing claimed yet. */
        public static final Trials NONE = new Trials(0, 0);
    }
}
