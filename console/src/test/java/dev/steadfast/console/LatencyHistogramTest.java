package dev.steadfast.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void everyDurationFallsInABucketWhoseMiddleIsWithinAnEighthOfIt() {
        Random random = new Random(42);
        for (int i = 0; i < 100_000; i++) {
            long nanos = 1_024 + (long) Math.exp(random.nextDouble() * Math.log(1e12));
            if (nanos > 1L << 40) {
                continue;
            }
            double middle = LatencyHistogram.middle(LatencyHistogram.bucket(nanos));
            assertTrue(Math.abs(middle - nanos) / nanos <= 0.125, nanos + " ns read as " + middle);
        }
    }

    @Test
    void bucketsCoverEverythingInOrder() {
        assertEquals(0, LatencyHistogram.bucket(-5));
        assertEquals(0, LatencyHistogram.bucket(1_023));
        assertEquals(1, LatencyHistogram.bucket(1_024));
        assertEquals(LatencyHistogram.BUCKETS - 1, LatencyHistogram.bucket(Long.MAX_VALUE));
        int previous = 0;
        for (long n = 1; n < 1L << 41; n = n * 9 / 8 + 1) {
            int b = LatencyHistogram.bucket(n);
            assertTrue(b >= previous, "monotonic at " + n);
            previous = b;
        }
    }

    @Test
    void quantilesComeFromTheCounts() {
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 1; i <= 100; i++) {
            h.record(i * 1_000_000L); // 1 ms .. 100 ms
        }
        long[] counts = new long[LatencyHistogram.BUCKETS];
        h.addTo(counts);

        double p50 = LatencyHistogram.quantileNanos(counts, 0.5) / 1e6;
        double p99 = LatencyHistogram.quantileNanos(counts, 0.99) / 1e6;
        assertTrue(Math.abs(p50 - 50) <= 50 * 0.125, "p50 " + p50);
        assertTrue(Math.abs(p99 - 99) <= 99 * 0.125, "p99 " + p99);
        assertTrue(Double.isNaN(LatencyHistogram.quantileNanos(new long[LatencyHistogram.BUCKETS], 0.5)));
    }
}
