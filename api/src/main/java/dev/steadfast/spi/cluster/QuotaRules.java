package dev.steadfast.spi.cluster;

/**
 * The arithmetic a backend performs, atomically, for each {@link QuotaStore} operation: the reference every backend
 * implements (a Hazelcast entry processor may call these methods; a Redis Lua script restates them), so that all
 * backends, and the in-memory model Steadfast's own tests run against, agree to the permit. Pure functions.
 */
public final class QuotaRules {

    private QuotaRules() {
    }

    /**
     * {@link QuotaStore#lease}: the stored value is the number of permits granted in the window so far (absent: 0).
     *
     * @param granted permits granted in the window so far
     * @return the grant; store {@code granted + grant.granted()} with the caller's TTL (nothing changes when it is 0)
     */
    public static Grant lease(long granted, int wanted, int limit) {
        long left = Math.max(0, limit - granted);
        int grant = (int) Math.max(0, Math.min(wanted, left));
        return new Grant(grant, left - grant);
    }

    /**
     * {@link QuotaStore#release}: the new stored value, never below 0.
     *
     * @param granted permits granted in the window so far
     */
    public static long release(long granted, int permits) {
        return Math.max(0, granted - Math.max(0, permits));
    }

    /**
     * {@link QuotaStore#take}: the generic cell rate algorithm with a reservation for held tokens. The stored state is
     * {@code tat}, the epoch microsecond at which the bucket would be full again (absent: 0). A take at {@code now}
     * counts from {@code base = max(tat, now + hold)}, so tokens taken are charged as if spent at the end of their
     * hold; the bucket can give {@code floor((now + capacity * interval - base) / interval)} tokens (between 0 and
     * {@code capacity}), the grant is the smaller of that and {@code wanted}, and {@code tat} moves to
     * {@code base + grant * interval}. When nothing is granted nothing changes.
     *
     * @param tat       the stored state, 0 when absent
     * @param nowMicros the asking member's time, epoch microseconds
     * @return what to store, with which TTL, and the grant
     */
    public static Take take(long tat, long nowMicros, int wanted, Bucket bucket) {
        long interval = bucket.intervalMicros();
        long base = Math.max(tat, nowMicros + bucket.holdMicros());
        long span = nowMicros + bucket.capacity() * interval - base;
        long available = span <= 0 ? 0 : Math.min(bucket.capacity(), span / interval);
        int grant = (int) Math.max(0, Math.min(wanted, available));
        long newTat = grant == 0 ? tat : base + grant * interval;
        long ttl = Math.max(0, newTat - nowMicros) + bucket.capacity() * interval;
        return new Take(newTat, new Grant(grant, available - grant), ttl);
    }

    /**
     * The outcome of {@link #take}.
     *
     * @param tat       the state to store (the stored one when nothing was granted)
     * @param grant     the answer
     * @param ttlMicros the TTL to store it with: until the bucket is full again, plus one window
     */
    public record Take(long tat, Grant grant, long ttlMicros) {
    }
}
