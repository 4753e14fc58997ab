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
 * <p><b>Why it is safe without a lock.</b> Admission number {@code m} is the thread whose CAS moves
 * {@link #admitted} from {@code m} to {@code m + 1}; only then does it write its time into slot {@code m % limit},
 * where it replaces admission {@code m - limit}. Each decision reads {@code admitted}, then the slots it needs, and
 * ends either with that CAS (which fails if anybody was admitted since the read, so the slots read were still
 * current) or, for a rejection, with a second read of {@code admitted} that proves nobody was. The one gap is the
 * moment between a winner's CAS and its write: a slot may still hold the admission one lap older. So every entry
 * carries the parity of its lap ({@code round / limit}) in its top bit; a reader that expects admission
 * {@code r} and finds the other parity knows admission {@code r} is being written right now, that is, it happened
 * just now, and rejects with a full window (or spacing) as retry-after. It cannot be two laps old: the admission of
 * the lap in between had to read this very slot first.
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
            long wait = 0;
            if (m >= limit) {
                wait = sinceAdmission(m - limit, window, now);
            }
            if (spacing > 0 && m > 0) {
                wait = Math.max(wait, sinceAdmission(m - 1, spacing, now));
            }
            if (wait > 0) {
                if (admitted.get() == m) {
                    return wait;
                }
                continue; // somebody was admitted while we looked: decide again on the new log
            }
            if (admitted.compareAndSet(m, m + 1)) {
                log.set(slot(m), lap(m) | now);
                return 0;
            }
        }
    }

    /**
     * The limit minus the admissions of the last window: a binary search over the admissions the log still holds,
     * whose times rise with their rounds (up to the few nanoseconds by which racing threads' readings may cross).
     */
    @Override
    public long available(long nowNanos) {
        long now = Math.max(0, nowNanos - origin);
        long m = admitted.get();
        long lo = Math.max(0, m - limit);
        long hi = m; // first round, in [lo, m], whose admission is inside the window
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            long entry = log.get(slot(mid));
            boolean inside = (entry & ODD_LAP) != lap(mid) || now - (entry & TIME) < window;
            if (inside) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return Math.max(0, limit - (m - lo));
    }

    /** Nanoseconds from {@code now} until admission {@code round} is {@code span} old (at most 0 if it is already). */
    private long sinceAdmission(long round, long span, long now) {
        long entry = log.get(slot(round));
        if ((entry & ODD_LAP) != lap(round)) {
            return span; // admission `round` is being written: it happened just now
        }
        // At most `span`: a reading older than the admission (a thread that read the clock, then lost the race) is
        // told to wait as if it read the clock at that admission, not longer than the window itself.
        return Math.min(span, (entry & TIME) + span - now);
    }

    private int slot(long round) {
        return (int) (round % limit);
    }

    private long lap(long round) {
        return ((round / limit) & 1) == 0 ? 0 : ODD_LAP;
    }
}
