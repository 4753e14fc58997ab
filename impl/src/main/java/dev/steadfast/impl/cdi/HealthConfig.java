package dev.steadfast.impl.cdi;

import dev.steadfast.engine.health.CheckSettings;

import java.time.Duration;
import java.util.Optional;

/**
 * Reads how component checks run at deployment, so the engine, which has no config of its own, gets them as
 * {@link CheckSettings}: {@value #INTERVAL_KEY} (a time, 0 or more; 0, the default, checks on demand) and
 * {@value #TIMEOUT_KEY} (a positive time, 2 s by default). A bare number is milliseconds.
 */
final class HealthConfig {

    static final String INTERVAL_KEY = "steadfast.health.check-interval";
    static final String TIMEOUT_KEY = "steadfast.health.check-timeout";

    private static final String FORMS = "use milliseconds, a number with ms, s, m or h, or an ISO-8601 duration such"
            + " as PT30S";

    private HealthConfig() {
    }

    /** The settings config asks for; a value that does not parse or breaks its rule is added to {@code problems}. */
    static CheckSettings read(ConfigLookup config, Problems problems) {
        CheckSettings defaults = CheckSettings.DEFAULTS;
        Duration interval = read(config, INTERVAL_KEY, false, problems).orElse(defaults.interval());
        Duration timeout = read(config, TIMEOUT_KEY, true, problems).orElse(defaults.timeout());
        return new CheckSettings(interval, timeout);
    }

    private static Optional<Duration> read(ConfigLookup config, String key, boolean positive, Problems problems) {
        Optional<String> value = config.get(key);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String raw = value.get().trim();
        Duration d = LogConfig.time(raw);
        if (d == null || d.isNegative() || (positive && d.isZero())) {
            problems.add("Config key " + key + ": '" + raw + "' is not a time "
                    + (positive ? "above 0" : "of 0 or more (0 checks on demand only)") + ": " + FORMS);
            return Optional.empty();
        }
        return Optional.of(d);
    }
}
