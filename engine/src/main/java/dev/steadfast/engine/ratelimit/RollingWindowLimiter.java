package dev.steadfast.engine.ratelimit;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * {@code ROLLING}: at most {@code limit} admissions in any span of one window. A sliding log: a ring of the times of
 * the last {@code limit} admissions; a call is admitted when the {@code limit}-th admission before it is at least a
 * window old. (That is enough for every span: two admissions {@code limit} apart are a window apart, and any
 * {@code limit + 1} admissions include two that are a multiple of {@code limit} apart.) The retry-after is exact: the
 * time until that admission leaves the window, or until the spacing from the last admission has passed. Memory: 8
 * bytes per permit.
 *
 * <p><b>Why it is safe without a lock.</b> Admission number {@code m} is the thread whose CAS writes its time into
 * slot {@code m % limit}, replacing admission {@code m - limit}; {@link #admitted} then counts it ({@code m} to
 * {@code m + 1}), by that thread or by any other that finds the slot written first, so a thread stopped between the
 * two steps holds nobody up. Every entry carries the parity of its lap ({@code round / limit}) in its top bit. A
 * decision reads {@code admitted} ({@code m}), then the entry of admission {@code m - 1} (for spacing), then slot
 * {@code m % limit}: the other parity there means admission {@code m} has not happened, so that slot still holds
 * admission {@code m - limit} and the entry read before is still admission {@code m - 1}; a second read of
 * {@code admitted}, still {@code m}, excludes that the slot already holds a later lap of the same parity. At that
 * moment the decision's inputs are the current log, exactly: a rejection returns there, and an admission is the CAS
 * of the slot from the very entry it read, which fails if admission {@code m} has happened since. A slot's entry
 * never returns to an earlier value (each lap's time is at least a window after the previous lap's), so the CAS
 * cannot mistake a later lap for the one it read. The retry-after is therefore exact even while another thread is
 * being admitted; an earlier version, which claimed the round first and wrote the time after, could only reject with
 * a full window during that gap, and a call that read the clock a window after that admission (the admission's own
 * reading being old) was rejected with room left ({@code RollingWindowLimiterLincheckTest}).
 */
final class RollingWindowLimiter implements RateLimiter {

    private static final long ODD_LAP = Long.MIN_VALUE;
    private static final long TIME = Long.MAX_VALUE;

    private final int limit;
    private final long window;
    private final long spacing;
    private final long origin;
    private final AtomicLong admitted = new AtomicLong();
    /** Slot {@code r % limit}: {@code ODD_LAP} if {@code r / limit} is odd, plus the time of admission r since the origin. */
    private final AtomicLongArray log;

    RollingWindowLimiter(RateLimitPolicy policy, long origin) {
        this.limit = policy.limit();
        this.window = policy.windowNanos();
        this.spacing = policy.minSpacingNanos();
        this.origin = origin;
        this.log = new AtomicLongArray(limit);
        // The virtual admissions -limit .. -1 of lap -1 (odd): readers of rounds below `limit` never look at times.
        for (int i = 0; i < limit; i++) {
            log.set(i, ODD_LAP);
        }
    }

    @Override
    public long tryAcquire(long nowNanos) {
        long now = Math.max(0, nowNanos - origin);
        while (true) {
            long m = admitted.get();
            long previous = spacing > 0 && m > 0 ? log.get(slot(m - 1)) : 0; // admission m - 1: counted, so written
            long entry = log.get(slot(m));
            if ((entry & ODD_LAP) == lap(m)) {
                admitted.compareAndSet(m, m + 1); // admission m is written but not yet counted: count it, look again
                continue;
            }
            if (admitted.get() != m) {
                continue; // the slot may hold a later lap: look again
            }
            // Here the log holds exactly m admissions: `entry` is admission m - limit, `previous` admission m - 1.
            long wait = 0;
            if (m >= limit) {
                wait = untilOld(entry, window, now);
            }
            if (spacing > 0 && m > 0) {
                wait = Math.max(wait, untilOld(previous, spacing, now));
            }
            if (wait > 0) {
                return wait;
            }
            if (log.compareAndSet(slot(m), entry, lap(m) | now)) {
                admitted.compareAndSet(m, m + 1); // or somebody counted it for us already
                return 0;
            }
        }
    }

    /**
     * The limit minus the admissions of the last window: a binary search for the oldest of the last {@code limit}
     * admissions still inside the window, so reading costs O(log limit), not O(limit). Admissions are logged in about
     * the order of their times (a thread that read the clock earlier may win its CAS a little later), which is exact
     * enough for a view; a slot already overwritten by an admission of the next lap (not yet counted) counts as
     * inside the window (it was admitted just now).
     */
    @Override
    public int available(long nowNanos) {
        long now = Math.max(0, nowNanos - origin);
        long m = admitted.get();
        long lo = Math.max(0, m - limit);
        long hi = m;
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            if (inWindow(mid, now)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return (int) (limit - (m - lo));
    }

    private boolean inWindow(long round, long now) {
        long entry = log.get(slot(round));
        return (entry & ODD_LAP) != lap(round) || now - (entry & TIME) < window;
    }

    /**
     * Nanoseconds from {@code now} until the admission logged as {@code entry} is {@code span} old (at most 0 if it
     * already is). At most {@code span}: a reading older than the admission (a thread that read the clock, then lost
     * the race) is told to wait as if it read the clock at that admission, not longer than the span itself.
     */
    private static long untilOld(long entry, long span, long now) {
        return Math.min(span, (entry & TIME) + span - now);
    }

    private int slot(long round) {
        return (int) (round % limit);
    }

    private long lap(long round) {
        return ((round / limit) & 1) == 0 ? 0 : ODD_LAP;
    }
}
