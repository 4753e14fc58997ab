package dev.steadfast.console;

import dev.steadfast.spi.ConfigKeys;

import java.util.Set;

/** Declares the console's keys ({@link ConsoleConfig#KEYS}) to Steadfast's strict config. */
public final class ConsoleConfigKeys implements ConfigKeys {

    @Override
    public Set<String> keys() {
        return Set.copyOf(ConsoleConfig.KEYS);
    }
}
