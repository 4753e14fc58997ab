package dev.steadfast.impl.cdi;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads raw config values at deployment. MicroProfile Config when an implementation is present (so
 * {@code microprofile-config.properties}, system properties and environment variables all count), else system
 * properties alone. Never used per call.
 */
@FunctionalInterface
interface ConfigLookup {

    /** The value of {@code key}, or empty when it is not set (or set to an empty string). */
    Optional<String> get(String key);

    /**
     * Every property name this config can list, with the name of the source its value comes from (the source of the
     * highest ordinal that has it), for strict config. Empty when the config cannot list its names.
     */
    default Map<String, String> names() {
        return Map.of();
    }

    /** MicroProfile Config if its API and an implementation are present, else system properties. */
    static ConfigLookup create() {
        try {
            Class.forName("org.eclipse.microprofile.config.ConfigProvider", false, ConfigLookup.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError noApi) {
            return systemProperties();
        }
        ConfigLookup mp = MicroProfileConfigLookup.createOrNull();
        return mp != null ? mp : systemProperties();
    }

    static ConfigLookup systemProperties() {
        return new ConfigLookup() {
            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(System.getProperty(key)).filter(v -> !v.isEmpty());
            }

            @Override
            public Map<String, String> names() {
                Map<String, String> names = new LinkedHashMap<>();
                for (String name : System.getProperties().stringPropertyNames()) {
                    names.put(name, "system properties");
                }
                return names;
            }
        };
    }
}
