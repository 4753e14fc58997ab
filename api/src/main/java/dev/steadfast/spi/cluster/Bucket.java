package dev.steadfast.spi.cluster;

/**
 * The shape of a fleet-wide {@code SMOOTH} token bucket, in whole microseconds (exact in a Redis Lua number, whose
 * 53-bit mantissa holds epoch microseconds until the year 2255).
 *
 * @param capacity       tokens the bucket holds ({@code @RateLimit.value}), at least 2
 * @param intervalMicros time between two tokens ({@code window / value}, rounded up), at least 1
 * @param holdMicros     how long a member may hold tokens it took before spending them; the bucket reserves that
 *                       time for them (see {@link QuotaRules#take}), at least 0 and at most
 *                       {@code (capacity - 1) * intervalMicros}
 */
public record Bucket(int capacity, long intervalMicros, long holdMicros) implements java.io.Serializable {

    /** Checks the ranges. */
    public Bucket {
        if (capacity < 2) {
            throw new IllegalArgumentException("a fleet-wide bucket holds at least 2 tokens: " + capacity);
        }
        if (intervalMicros < 1) {
            throw new IllegalArgumentException("interval below 1 us: " + intervalMicros);
        }
        if (holdMicros < 0 || holdMicros > (capacity - 1) * intervalMicros) {
            throw new IllegalArgumentException("hold " + holdMicros + " us is not within [0, "
                    + (capacity - 1) * intervalMicros + "]");
        }
    }
}
