package dev.steadfast.health;

import dev.steadfast.spi.ConfigKeys;

import java.util.Set;

/**
 * Declares {@value CircuitBreakerReadinessCheck#CRITICAL_KEY} and {@value ComponentReadinessCheck#CRITICAL_KEY} to
 * Steadfast's strict config.
 */
public final class HealthConfigKeys implements ConfigKeys {

    @Override
    public Set<String> keys() {
        return Set.of(CircuitBreakerReadinessCheck.CRITICAL_KEY, ComponentReadinessCheck.CRITICAL_KEY);
    }
}
