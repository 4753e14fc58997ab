package dev.steadfast.impl.core.ratelimit;

/**
 * {@code FIXED}: windows of {@code window} nanoseconds back to back from the origin, each with a fresh budget of
 * {@code limit} permits. Between the end of one window and the start of the next, up to twice the limit may pass.
 *
 * <p>The state is one time value: the start of the window of the last admission plus the number of permits taken in
 * it ({@code start + k} after the k-th). A state before the current window's start means "nothing taken yet"; a state
 * of {@code start + window} (a window that was filled completely, only possible when {@code limit == window}) reads
 * the same as "nothing taken yet in the next window", which is what it is. Because it is a time, it never wraps or
 * overflows however long the limiter lives; the price is that a window can count at most one permit per nanosecond:
 * a limit above the window's length in nanoseconds (more than a billion calls a second) is capped to it.
 */
final class FixedWindowLimiter extends SingleWordLimiter {

    private final long origin;
    private final long window;
    private final long quota;

    FixedWindowLimiter(RateLimitPolicy policy, long origin) {
        super(origin, policy.minSpacingNanos(), origin);
        this.origin = origin;
        this.window = policy.windowNanos();
        this.quota = Math.min(policy.limit(), window);
    }

    @Override
    long waitNanos(long state, long now) {
        long start = windowStart(now);
        if (state - start < quota) {
            return 0;
        }
        // Nothing left in now's window. (For a reading taken before the last admission's window, nothing is left up
        // to that window either.) The next permit is in the state's window if it has one left, else in the one after.
        long stateWindow = windowStart(state);
        long free = state - stateWindow < quota ? stateWindow : stateWindow + window;
        return free - now;
    }

    @Override
    long admit(long state, long now) {
        long start = windowStart(now);
        return (state - start > 0 ? state : start) + 1;
    }

    private long windowStart(long time) {
        return origin + Math.floorDiv(time - origin, window) * window;
    }
}
