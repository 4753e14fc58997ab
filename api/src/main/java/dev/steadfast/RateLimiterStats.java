package dev.steadfast;

/**
 * Counters and the current window of one rate limiter.
 *
 * <p>{@code used} and {@code left} describe the window now: for {@code FIXED} the current window, for
 * {@code ROLLING} the last window-long span, for {@code SMOOTH} the bucket ({@code left} = permits in it,
 * {@code used} = {@code limit - left}). For a {@link Scope#CLUSTER} limiter they are the fleet's, as this instance
 * last heard them from the cluster backend plus its own admissions since, so they lag the fleet by up to one exchange
 * (250 ms by default); while {@link ClusterStatus#DEGRADED} they are this instance's local share.
 *
 * @param admittedCalls calls admitted by this instance
 * @param rejectedCalls calls this instance rejected
 * @param used          permits taken in the current window
 * @param left          permits left in the current window
 */
public record RateLimiterStats(long admittedCalls, long rejectedCalls, long used, long left) {

    /** Calls that asked this instance for a permit: admitted + rejected. */
    public long attemptedCalls() {
        return admittedCalls + rejectedCalls;
    }
}
