package dev.steadfast.engine.ratelimit;

import dev.steadfast.RateLimitType;
import dev.steadfast.engine.LincheckBudget;
import org.jetbrains.kotlinx.lincheck.annotations.Operation;
import org.jetbrains.kotlinx.lincheck.annotations.Param;
import org.jetbrains.kotlinx.lincheck.paramgen.LongGen;
import org.junit.jupiter.api.Test;

import java.util.Objects;

/**
 * {@code SMOOTH} ({@link TokenBucketLimiter}, one GCRA time in the single-word CAS of {@link SingleWordLimiter}) is
 * linearizable against {@link Spec}, a bucket that counts its tokens. One bucket of 2 tokens refilled one per 2 ns,
 * read over 12 ns (emptied, refilled, overfull); one of 3 tokens per 7 ns (an interval rounded up to 3 ns) with 2 ns
 * of minimum spacing, on the spaced path.
 */
public class TokenBucketLimiterLincheckTest {

    private final RateLimiter bucket = RateLimiter.create(new RateLimitPolicy(2, 4, 0, RateLimitType.SMOOTH), 0);
    private final RateLimiter spaced = RateLimiter.create(new RateLimitPolicy(3, 7, 2, RateLimitType.SMOOTH), 0);

    @Operation
    public long tryAcquire(@Param(gen = LongGen.class, conf = "0:11") long now) {
        return bucket.tryAcquire(now);
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
     * A token bucket kept as credit: one token is {@code interval} nanoseconds of credit, a full bucket
     * {@code capacity × interval}. At a reading {@code now} the bucket holds the credit of its last update plus the
     * time since, never more than full; a reading older than the last update sees correspondingly less (the bucket
     * as it was then). A call needs one whole token; it is told to wait for the credit it lacks.
     */
    public static final class Spec {

        private final Bucket bucket = new Bucket(2, 2, 0);
        private final Bucket spaced = new Bucket(3, 3, 2);

        public long tryAcquire(long now) {
            return bucket.acquire(now);
        }

        public long tryAcquireSpaced(long now) {
            return spaced.acquire(now);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Spec s && bucket.equals(s.bucket) && spaced.equals(s.spaced);
        }

        @Override
        public int hashCode() {
            return Objects.hash(bucket, spaced);
        }
    }

    static final class Bucket {

        final long interval;
        final long capacity;
        final long spacing;
        long credit;
        long updated;
        long last;

        Bucket(int tokens, long interval, long spacing) {
            this.interval = interval;
            this.capacity = tokens * interval;
            this.spacing = spacing;
            this.credit = capacity; // starts full
            this.last = -spacing;
        }

        long acquire(long now) {
            long available = Math.min(capacity, credit + (now - updated));
            long wait = Math.max(interval - available, spacing == 0 ? 0 : last + spacing - now);
            if (wait > 0) {
                return wait;
            }
            if (now >= updated) {
                credit = available - interval;
                updated = now;
            } else {
                credit -= interval; // taken from the bucket as it is now, though decided on an older reading
            }
            last = now;
            return 0;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bucket b && credit == b.credit && updated == b.updated && last == b.last;
        }

        @Override
        public int hashCode() {
            return Objects.hash(credit, updated, last);
        }
    }
}
