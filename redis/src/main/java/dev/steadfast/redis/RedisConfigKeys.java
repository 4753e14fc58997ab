package dev.steadfast.redis;

import dev.steadfast.spi.ConfigKeys;

import java.util.Set;

/**
 * Declares the Redis backend's keys ({@code steadfast.redis.uri}, {@code steadfast.redis.key-prefix}) to Steadfast's
 * strict config.
 */
public final class RedisConfigKeys implements ConfigKeys {

    @Override
    public Set<String> keys() {
        return Set.copyOf(RedisSettings.KEYS);
    }
}
