package dev.steadfast.redis;

import dev.steadfast.spi.cluster.ClusterBackend;
import dev.steadfast.spi.cluster.ClusterBackendProvider;
import dev.steadfast.spi.cluster.ClusterContext;

import java.util.List;

/**
 * The Redis cluster backend, found through {@code META-INF/services}: {@code CLUSTER} rate limits and breakers of the
 * application share their state through one Redis (7.x, standalone or behind Sentinel) on the Lettuce client. Its
 * config keys are {@code steadfast.redis.uri} and {@code steadfast.redis.key-prefix}; see the module's README.
 */
public final class RedisBackendProvider implements ClusterBackendProvider {

    /** The backend's name: {@code steadfast.cluster.backend=redis} chooses it. */
    public static final String NAME = "redis";

    /** Every config key the backend reads ({@code steadfast.redis.uri}, {@code steadfast.redis.key-prefix}). */
    public static final List<String> CONFIG_KEYS = RedisSettings.KEYS;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ClusterBackend open(ClusterContext context) throws Exception {
        return RedisBackend.open(context);
    }
}
