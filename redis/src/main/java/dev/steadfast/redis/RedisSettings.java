package dev.steadfast.redis;

import dev.steadfast.spi.cluster.ClusterContext;
import io.lettuce.core.RedisURI;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The backend's {@code steadfast.redis.*} keys, read once when the backend opens.
 *
 * @param uri       {@code steadfast.redis.uri}: where Redis is ({@code redis://}, {@code rediss://},
 *                  {@code redis-sentinel://}, as Lettuce's {@link RedisURI#create(String)} parses them); empty when an
 *                  application's {@code RedisClient} bean says it
 * @param keyPrefix {@code steadfast.redis.key-prefix}: the prefix of every key and channel
 *                  ({@code steadfast:{<application>}:} by default)
 */
record RedisSettings(Optional<RedisURI> uri, String keyPrefix) {

    static final String URI = "steadfast.redis.uri";
    static final String KEY_PREFIX = "steadfast.redis.key-prefix";

    /** Every key the backend reads, for strict config checks and documentation. */
    static final List<String> KEYS = List.of(URI, KEY_PREFIX);

    /**
     * The settings {@code context} gives.
     *
     * @throws IllegalArgumentException naming the key, the value and the rule when a value is broken
     */
    static RedisSettings from(ClusterContext context) {
        Optional<RedisURI> uri = context.config("uri").map(RedisSettings::parse);
        String prefix = context.config("key-prefix").orElse(Keys.defaultPrefix(context.application()));
        return new RedisSettings(uri, prefix);
    }

    private static RedisURI parse(String value) {
        try {
            return RedisURI.create(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Config key " + URI + ": '" + redact(value) + "' is not a Redis URI ("
                    + e.getMessage() + "); use redis://host:port, rediss://host:port or"
                    + " redis-sentinel://host:port#master", e);
        }
    }

    /** The URI without a password, for messages. */
    static String redact(String uri) {
        return uri.replaceAll("//[^@/]*@", "//***@");
    }

    /** How long a connection attempt may take: long enough for a slow network, short for an application's start. */
    static Duration connectTimeout(ClusterContext context) {
        Duration fourTimes = context.requestTimeout().multipliedBy(4);
        return fourTimes.compareTo(Duration.ofSeconds(2)) > 0 ? fourTimes : Duration.ofSeconds(2);
    }
}
