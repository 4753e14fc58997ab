package dev.steadfast.redis;

import dev.steadfast.spi.cluster.Bucket;
import dev.steadfast.spi.cluster.Grant;
import dev.steadfast.spi.cluster.QuotaStore;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Leases of {@code FIXED} windows and takes from {@code SMOOTH} buckets, one Lua script each. Thread-safe. */
final class RedisQuotaStore implements QuotaStore {

    /** How long an operation key guards against a command sent twice: longer than any reconnect takes. */
    static final String OPERATION_TTL_MS = "60000";

    private final RedisAsyncCommands<String, String> redis;
    private final Keys keys;

    RedisQuotaStore(RedisAsyncCommands<String, String> redis, Keys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    @Override
    public CompletionStage<Grant> lease(String limiter, long window, int wanted, int limit, Duration ttl) {
        return Scripts.LEASE.<List<Object>>run(redis, new String[] {keys.quota(limiter, window)},
                Integer.toString(wanted), Integer.toString(limit), millis(ttl)).thenApply(RedisQuotaStore::grant);
    }

    @Override
    public CompletionStage<Void> release(String limiter, long window, int permits, Duration ttl) {
        return Scripts.RELEASE.<Long>run(redis, new String[] {keys.quota(limiter, window), keys.operation()},
                Integer.toString(permits), millis(ttl), OPERATION_TTL_MS).thenApply(applied -> null);
    }

    @Override
    public CompletionStage<Grant> take(String limiter, int wanted, Bucket bucket, long nowMicros) {
        return Scripts.TAKE.<List<Object>>run(redis, new String[] {keys.bucket(limiter)}, Integer.toString(wanted),
                Integer.toString(bucket.capacity()), Long.toString(bucket.intervalMicros()),
                Long.toString(bucket.holdMicros()), Long.toString(nowMicros)).thenApply(RedisQuotaStore::grant);
    }

    private static Grant grant(List<Object> answer) {
        return new Grant(Math.toIntExact((Long) answer.get(0)), (Long) answer.get(1));
    }

    /** A TTL in whole milliseconds, rounded up, at least 1: nothing is written without one. */
    static String millis(Duration ttl) {
        long ms = (ttl.toNanos() + 999_999) / 1_000_000;
        return Long.toString(Math.max(1, ms));
    }
}
