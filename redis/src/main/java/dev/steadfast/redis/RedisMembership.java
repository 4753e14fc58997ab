package dev.steadfast.redis;

import dev.steadfast.spi.cluster.Membership;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;

/**
 * The application's live members: one sorted set scored by each member's expiry on the server's clock (so members
 * whose clocks disagree still agree on who is alive), refreshed by a heartbeat script. Thread-safe.
 */
final class RedisMembership implements Membership {

    private final RedisAsyncCommands<String, String> redis;
    private final Keys keys;
    private final String member;

    RedisMembership(RedisAsyncCommands<String, String> redis, Keys keys, String member) {
        this.redis = redis;
        this.keys = keys;
        this.member = member;
    }

    @Override
    public CompletionStage<Set<String>> heartbeat(Duration ttl) {
        return Scripts.HEARTBEAT.<List<Object>>run(redis, new String[] {keys.members()}, member,
                RedisQuotaStore.millis(ttl)).thenApply(alive -> {
                    Set<String> members = new TreeSet<>();
                    for (Object m : alive) {
                        members.add(String.valueOf(m));
                    }
                    return members;
                });
    }

    @Override
    public CompletionStage<Void> leave() {
        return redis.zrem(keys.members(), member).thenApply(removed -> null);
    }
}
