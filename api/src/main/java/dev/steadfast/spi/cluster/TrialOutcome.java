package dev.steadfast.spi.cluster;

/** How a claimed half-open trial slot ended. */
public enum TrialOutcome {
    /** The trial call succeeded. */
    SUCCEEDED,
    /** The trial call failed; the member also proposes OPEN. */
    FAILED,
    /** The member claimed the slot but no call came to use it; it gives the slot back for another member. */
    UNUSED
}
