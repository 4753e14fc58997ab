package dev.steadfast.restclient;

import dev.steadfast.spi.ConfigKeys;

import java.util.Set;

/** Declares the module's keys ({@link RestClientSettings#KEYS}) to Steadfast's strict config. */
public final class RestClientConfigKeys implements ConfigKeys {

    @Override
    public Set<String> keys() {
        return Set.copyOf(RestClientSettings.KEYS);
    }
}
