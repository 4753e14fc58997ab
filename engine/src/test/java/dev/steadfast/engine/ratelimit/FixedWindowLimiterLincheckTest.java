package dev.steadfast.engine.ratelimit;

import dev.steadfast.engine.LincheckBudget;
import dev.steadfast.RateLimitType;
import org.jetbrains.kotlinx.lincheck.annotations.Operation;
import org.jetbrains.kotlinx.lincheck.annotations.Param;
import org.jetbrains.kotlinx.lincheck.paramgen.LongGen;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code FIXED} (the single-word CAS of {@link SingleWordLimiter}, {@link FixedWindowLimiter}) is linearizable: every
 * history of concurrent {@code tryAcquire(now)} calls, clock readings included, is one that {@link Spec} produces
 * when the same calls run one at a time in some order consistent with real time. Readings span three windows of
 * 4 ns with 2 permits each, so calls cross window edges, and a thread may decide on a reading older than an
 * admission it loses the race to (the stale reading that once rejected calls with room left). A second limiter
 * checks the spaced path (a pair swapped by reference) with a window exactly filled by its limit (2 per 2 ns, the
 * state that reads as "nothing taken in the next window") and 1 ns of minimum spacing.
 */
public class FixedWindowLimiterLincheckTest {

    static final long WINDOW = 4;
    static final int LIMIT = 2;

    static final long SPACED_WINDOW = 2;
    static final int SPACED_LIMIT = 2;
    static final long SPACING = 1;

    private final RateLimiter limiter =
            RateLimiter.create(new RateLimitPolicy(LIMIT, WINDOW, 0, RateLimitType.FIXED), 0);
    private final RateLimiter spaced =
            RateLimiter.create(new RateLimitPolicy(SPACED_LIMIT, SPACED_WINDOW, SPACING, RateLimitType.FIXED), 0);

    @Operation
    public long tryAcquire(@Param(gen = LongGen.class, conf = "0:11") long now) {
        return limiter.tryAcquire(now);
    }

    @Operation
    public long tryAcquireSpaced(@Param(gen = LongGen.class, conf = "0:5") long now) {
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
     * Fixed windows, the obvious way: the window index of every admission, in order. A call counts in its reading's
     * window, or in the last admission's window when that is later (its reading is older than an admission that got
     * in first: time has moved on to that window); it is admitted while that window holds fewer than the limit, else
     * told to wait for the next window.
     */
    public static final class Spec {

        private final List<Long> windows = new ArrayList<>();
        private final List<Long> spacedWindows = new ArrayList<>();
        private long spacedLast = -SPACING; // as if admitted one spacing before the origin

        public long tryAcquire(long now) {
            return acquire(windows, now, WINDOW, LIMIT);
        }

        /** The same, plus: no admission less than {@code SPACING} after the last one (a reading at its time). */
        public long tryAcquireSpaced(long now) {
            long spacingWait = spacedLast + SPACING - now;
            List<Long> tentative = new ArrayList<>(spacedWindows);
            long wait = Math.max(acquire(tentative, now, SPACED_WINDOW, SPACED_LIMIT), spacingWait);
            if (wait > 0) {
                return wait;
            }
            spacedWindows.clear();
            spacedWindows.addAll(tentative);
            spacedLast = now;
            return 0;
        }

        static long acquire(List<Long> windows, long now, long window, int limit) {
            long w = Math.floorDiv(now, window);
            if (!windows.isEmpty()) {
                w = Math.max(w, windows.get(windows.size() - 1));
            }
            long current = w;
            long taken = windows.stream().filter(x -> x == current).count();
            if (taken < limit) {
                windows.add(w);
                return 0;
            }
            long start = w * window;
            return start + window - Math.max(now, start);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Spec s && windows.equals(s.windows) && spacedWindows.equals(s.spacedWindows)
                    && spacedLast == s.spacedLast;
        }

        @Override
        public int hashCode() {
            return Objects.hash(windows, spacedWindows, spacedLast);
        }
    }
}
