package dev.steadfast.console;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Call durations counted in log-linear buckets: everything up to 1 µs in the first, then four buckets per power of
 * two up to 2<sup>40</sup> ns (about 18 minutes), the rest in the last. A bucket is at most a quarter of its power of
 * two wide, so a percentile read from its middle is within 12.5 % of the true value.
 *
 * <p>Recording is one index computation and one atomic increment, without a lock or an allocation: the counts are
 * independent, so concurrent recorders never wait for each other, and a reader copying them while calls are recorded
 * sees each count at some moment during the copy (a call is counted in the next copy if not in this one).
 */
final class LatencyHistogram {

    private static final int MIN_EXPONENT = 10;
    private static final int MAX_EXPONENT = 40;
    /** Buckets: one for everything up to 1 µs, four per power of two from 2^10 to 2^40 ns. */
    static final int BUCKETS = 1 + (MAX_EXPONENT - MIN_EXPONENT + 1) * 4;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    /** Counts one duration; a negative one counts as zero. */
    void record(long nanos) {
        counts.incrementAndGet(bucket(nanos));
    }

    /** Adds the counts to {@code into}, which has {@link #BUCKETS} entries. */
    void addTo(long[] into) {
        for (int i = 0; i < BUCKETS; i++) {
            into[i] += counts.get(i);
        }
    }

    static int bucket(long nanos) {
        if (nanos < 1L << MIN_EXPONENT) {
            return 0;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(nanos);
        if (exponent > MAX_EXPONENT) {
            return BUCKETS - 1;
        }
        int quarter = (int) (nanos >>> (exponent - 2)) & 3;
        return 1 + (exponent - MIN_EXPONENT) * 4 + quarter;
    }

    /** The middle of bucket {@code i}, in nanoseconds. */
    static double middle(int i) {
        if (i == 0) {
            return (1L << MIN_EXPONENT) / 2.0;
        }
        int exponent = MIN_EXPONENT + (i - 1) / 4;
        int quarter = (i - 1) % 4;
        double width = Math.scalb(1.0, exponent - 2);
        return Math.scalb(1.0, exponent) + (quarter + 0.5) * width;
    }

    /**
     * The {@code q}-quantile of bucket counts, as the middle of the bucket holding the ⌈q·n⌉-th smallest value;
     * {@code NaN} when there are no counts.
     */
    static double quantileNanos(long[] counts, double q) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        if (total == 0) {
            return Double.NaN;
        }
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return middle(i);
            }
        }
        return middle(counts.length - 1);
    }
}
