package dev.steadfast.impl.cdi;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@link ConfigLookup} over MicroProfile Config; only loaded once its API is known to be present. */
final class MicroProfileConfigLookup implements ConfigLookup {

    private final Config config;

    private MicroProfileConfigLookup(Config config) {
        this.config = config;
    }

    /** Null when the API is there but no implementation is. */
    static ConfigLookup createOrNull() {
        try {
            return new MicroProfileConfigLookup(ConfigProvider.getConfig());
        } catch (IllegalStateException | java.util.ServiceConfigurationError noImplementation) {
            return null;
        }
    }

    @Override
    public Optional<String> get(String key) {
        return config.getOptionalValue(key, String.class).filter(v -> !v.isEmpty());
    }

    /**
     * Sources come ordered by ordinal, highest first: the first source naming a key is the one its value is from. A
     * source that cannot list its names (MicroProfile Config allows it) is skipped: strict config cannot see it.
     */
    @Override
    public Map<String, String> names() {
        Map<String, String> names = new LinkedHashMap<>();
        for (ConfigSource source : config.getConfigSources()) {
            try {
                for (String name : source.getPropertyNames()) {
                    names.putIfAbsent(name, source.getName());
                }
            } catch (RuntimeException unlistable) {
                // a server's source backed by something that cannot enumerate; nothing to check there
            }
        }
        return names;
    }
}
