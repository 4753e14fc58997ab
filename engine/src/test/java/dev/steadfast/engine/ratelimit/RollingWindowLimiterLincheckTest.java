package dev.steadfast.engine.ratelimit;

import dev.steadfast.RateLimitType;
import dev.steadfast.engine.LincheckBudget;
import org.jetbrains.kotlinx.lincheck.annotations.Operation;
import org.jetbrains.kotlinx.lincheck.annotations.Param;
import org.jetbrains.kotlinx.lincheck.paramgen.LongGen;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code ROLLING} ({@link RollingWindowLimiter}, a ring of admission times claimed by one CAS on a counter) is
 * linearizable against {@link Spec}, the sliding log written out: every admission time, in order. A ring of 2 in a
 * 4 ns window, read over 12 ns, so the ring wraps several laps; and a ring of 2 in 6 ns with 2 ns of spacing, where
 * a decision reads the slot of the admission just before it, the one being written.
 */
public class RollingWindowLimiterLincheckTest {

    private final RateLimiter ring = RateLimiter.create(new RateLimitPolicy(2, 4, 0, RateLimitType.ROLLING), 0);
    private final RateLimiter spaced = RateLimiter.create(new RateLimitPolicy(2, 6, 2, RateLimitType.ROLLING), 0);

    @Operation
    public long tryAcquire(@Param(gen = LongGen.class, conf = "0:11") long now) {
        return ring.tryAcquire(now);
    }

    @Operation
    public long tryAcquireSpaced(@Param(gen = LongGen.class, conf = "0:11") long now) {
        return spaced.tryAcquire(now);
    }

    @Test
    void isLinearizableUnderModelChecking() {
        LincheckBudget.modelCheck(getClass(), Spec.class);
    }

    @Test
    void isLinearizableUnderStress() {
        LincheckBudget.stress(getClass(), Spec.class);
    }

    /**
     * Regression (found by this test): admission 0 (reading 0) has claimed its round but not yet written its time
     * when the other thread is admitted at 0 and then asks at 5, a window after both. The limiter took the unwritten
     * slot for "admitted just now" and rejected the call at 5 for 4 ns, though the window had room.
     */
    @Test
    void admitsACallAWindowAfterAnAdmissionStillBeingWritten() {
        var s = LincheckBudget.scenario(getClass());
        LincheckBudget.modelCheck(getClass(), Spec.class, s
                .thread(s.op("tryAcquire", 0L))
                .thread(s.op("tryAcquire", 0L), s.op("tryAcquire", 5L))
                .build());
    }

    /**
     * Regression (found by this test): while admission 0 (reading 5) was being written, a call at 6 was told to
     * wait a whole window (4 ns) instead of the 3 ns left until the admission at 5 leaves it.
     */
    @Test
    void tellsTheExactWaitWhileAnAdmissionIsBeingWritten() {
        var s = LincheckBudget.scenario(getClass());
        LincheckBudget.modelCheck(getClass(), Spec.class, s
                .thread(s.op("tryAcquire", 5L))
                .thread(s.op("tryAcquire", 5L), s.op("tryAcquire", 6L))
                .build());
    }

    /**
     * The sliding log: all admission times. A call is admitted when fewer than {@code limit} admissions are logged,
     * or the {@code limit}-th latest is a window old, and (with spacing) the latest is a spacing old; otherwise it
     * waits until both hold, each wait at most its span (a reading older than an admission waits as if read then).
     */
    public static final class Spec {

        private final Log ring = new Log(2, 4, 0);
        private final Log spaced = new Log(2, 6, 2);

        public long tryAcquire(long now) {
            return ring.acquire(now);
        }

        public long tryAcquireSpaced(long now) {
            return spaced.acquire(now);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Spec s && ring.equals(s.ring) && spaced.equals(s.spaced);
        }

        @Override
        public int hashCode() {
            return Objects.hash(ring, spaced);
        }
    }

    static final class Log {

        final int limit;
        final long window;
        final long spacing;
        final List<Long> times = new ArrayList<>();

        Log(int limit, long window, long spacing) {
            this.limit = limit;
            this.window = window;
            this.spacing = spacing;
        }

        long acquire(long now) {
            int n = times.size();
            long wait = 0;
            if (n >= limit) {
                wait = Math.min(window, times.get(n - limit) + window - now);
            }
            if (spacing > 0 && n > 0) {
                wait = Math.max(wait, Math.min(spacing, times.get(n - 1) + spacing - now));
            }
            if (wait > 0) {
                return wait;
            }
            times.add(now);
            return 0;
        }

        @Override
        public boolean equals(Object o) {
            // Only the last `limit` admissions decide anything.
            return o instanceof Log l && tail().equals(l.tail());
        }

        @Override
        public int hashCode() {
            return tail().hashCode();
        }

        private List<Long> tail() {
            return times.subList(Math.max(0, times.size() - limit), times.size());
        }
    }
}
