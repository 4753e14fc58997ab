package dev.steadfast.console;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.Optional;
import java.util.function.Function;

/** The console's keys read through MicroProfile Config; only loaded once its API is known to be present. */
final class MicroProfileValues implements Function<String, Optional<String>> {

    private final Config config;

    private MicroProfileValues(Config config) {
        this.config = config;
    }

    /** Null when the API is there but no implementation is. */
    static Function<String, Optional<String>> createOrNull() {
        try {
            return new MicroProfileValues(ConfigProvider.getConfig());
        } catch (IllegalStateException | java.util.ServiceConfigurationError noImplementation) {
            return null;
        }
    }

    @Override
    public Optional<String> apply(String key) {
        return config.getOptionalValue(key, String.class).filter(v -> !v.isEmpty());
    }
}
