package dev.steadfast.hazelcast;

import dev.steadfast.spi.ConfigKeys;

import java.util.Set;

/**
 * Declares the Hazelcast backend's keys to Steadfast's strict config: {@code steadfast.hazelcast.instance-name},
 * {@code jndi-name}, {@code client-config}, {@code config} and {@code min-cluster-size} (see
 * {@link HazelcastBackendProvider}).
 */
public final class HazelcastConfigKeys implements ConfigKeys {

    @Override
    public Set<String> keys() {
        return Set.of("steadfast.hazelcast.instance-name", "steadfast.hazelcast.jndi-name",
                "steadfast.hazelcast.client-config", "steadfast.hazelcast.config", "steadfast.hazelcast.min-cluster-size");
    }
}
