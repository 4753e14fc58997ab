package dev.steadfast.mp;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The MicroProfile Fault Tolerance config keys over MicroProfile Config. For a member of an annotation on a method the
 * most specific key wins: {@code <class>/<method>/<Annotation>/<member>}, then (for an annotation on the class)
 * {@code <class>/<Annotation>/<member>}, then {@code <Annotation>/<member>}. Values are read once, at deployment.
 */
final class MpConfig {

    static final String NON_FALLBACK_ENABLED = "MP_Fault_Tolerance_NonFallback_Enabled";
    static final String METRICS_ENABLED = "MP_Fault_Tolerance_Metrics_Enabled";
    static final String PRIORITY = "mp.fault.tolerance.interceptor.priority";

    private final Config config;

    private MpConfig(Config config) {
        this.config = config;
    }

    /** The application's config; without an MP Config implementation every lookup is empty. */
    static MpConfig create() {
        try {
            return new MpConfig(ConfigProvider.getConfig());
        } catch (IllegalStateException | java.util.ServiceConfigurationError | NoClassDefFoundError noConfig) {
            return new MpConfig(null);
        }
    }

    Optional<String> get(String key) {
        if (config == null) {
            return Optional.empty();
        }
        return config.getOptionalValue(key, String.class).map(String::trim).filter(v -> !v.isEmpty());
    }

    /** The keys for {@code member} of {@code annotation}, most specific first. */
    static List<String> keys(Class<?> beanClass, Method method, Class<? extends Annotation> annotation,
            boolean onClass, String member) {
        String a = annotation.getSimpleName();
        List<String> keys = new ArrayList<>(3);
        keys.add(beanClass.getName() + "/" + method.getName() + "/" + a + "/" + member);
        if (onClass) {
            keys.add(beanClass.getName() + "/" + a + "/" + member);
        }
        keys.add(a + "/" + member);
        return keys;
    }

    /** A value found in config: the key that set it and the value as written (trimmed). */
    record Found(String key, String value) {
    }

    /** The first key among {@code keys} that has a value, with that value. */
    Optional<Found> first(List<String> keys) {
        for (String k : keys) {
            Optional<String> v = get(k);
            if (v.isPresent()) {
                return Optional.of(new Found(k, v.get()));
            }
        }
        return Optional.empty();
    }

    /**
     * Whether one kind of policy is on for a method: {@code <class>/<method>/<Annotation>/enabled}, then
     * {@code <class>/<Annotation>/enabled}, then {@code <Annotation>/enabled}, then (except for {@code @Fallback})
     * {@code MP_Fault_Tolerance_NonFallback_Enabled}; on when none is set.
     */
    boolean enabled(Class<?> beanClass, Method method, Class<? extends Annotation> annotation, List<String> problems) {
        String a = annotation.getSimpleName();
        List<String> keys = new ArrayList<>(List.of(beanClass.getName() + "/" + method.getName() + "/" + a + "/enabled",
                beanClass.getName() + "/" + a + "/enabled", a + "/enabled"));
        if (!a.equals("Fallback")) {
            keys.add(NON_FALLBACK_ENABLED);
        }
        Optional<Found> found = first(keys);
        if (found.isEmpty()) {
            return true;
        }
        return parseBoolean(found.get().key(), found.get().value(), problems);
    }

    static boolean parseBoolean(String key, String value, List<String> problems) {
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        problems.add("Config key " + key + ": '" + value + "' is not true or false");
        return true;
    }
}
