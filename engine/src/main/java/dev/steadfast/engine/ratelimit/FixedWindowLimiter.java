package dev.steadfast.engine.ratelimit;

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
        long start = currentWindow(state, now);
        if (state - start < quota) {
            return 0;
        }
        // Nothing left in the current window: the next permit is in the one after.
        return start + window - Math.max(now, start);
    }

    @Override
    long permits(long state, long now) {
        long start = currentWindow(state, now);
        long taken = state - start; // at most 0 when nothing was taken in the current window yet
        return taken > 0 ? Math.max(0, quota - taken) : quota;
    }

    @Override
    long admit(long state, long now) {
        long start = currentWindow(state, now);
        return (state - start > 0 ? state : start) + 1;
    }

    /**
     * The window a call decided at {@code now} falls in: now's, or the last admission's when that is later. A later
     * one means this thread read the clock, then lost the race to a thread that read it in the next window and was
     * admitted there; time has moved on to that window, so this call counts there too. Judging it by its stale
     * reading would reject it although the current window has room (seen with two threads at a billion calls per
     * second, with a retry-after already in the past).
     */
    private long currentWindow(long state, long now) {
        // state - 1 lies in the window of the last admission (state is that window's start plus the permits taken,
        // at least one), so a full window is never mistaken for the empty next one.
        long mine = windowStart(now);
        long last = windowStart(state - 1);
        return last - mine > 0 ? last : mine; // compared by difference: readings may wrap around
    }

    private long windowStart(long time) {
        return origin + Math.floorDiv(time - origin, window) * window;
    }
}
