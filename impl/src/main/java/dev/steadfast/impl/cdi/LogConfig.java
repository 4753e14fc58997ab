package dev.steadfast.impl.cdi;

import dev.steadfast.engine.LoggingListener;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the logging switches at deployment, so the engine, which has no config of its own, gets them as
 * {@link LoggingListener.Settings}: {@value #INTERVAL_KEY} (a time; a bare number is milliseconds) and
 * {@value #MESSAGES_KEY} ({@code true} or {@code false}).
 */
final class LogConfig {

    static final String INTERVAL_KEY = "steadfast.log.interval";
    static final String MESSAGES_KEY = "steadfast.log.failure-messages";

    private static final Pattern SUFFIXED = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    private LogConfig() {
    }

    /** The settings config asks for; a value that does not parse is added to {@code problems} and the default kept. */
    static LoggingListener.Settings read(ConfigLookup config, Problems problems) {
        LoggingListener.Settings defaults = LoggingListener.Settings.DEFAULTS;
        Duration interval = config.get(INTERVAL_KEY).map(v -> interval(v.trim(), problems))
                .orElse(defaults.interval());
        boolean messages = defaults.failureMessages();
        Optional<String> m = config.get(MESSAGES_KEY);
        if (m.isPresent()) {
            String v = m.get().trim();
            if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
                messages = Boolean.parseBoolean(v);
            } else {
                problems.add("Config key " + MESSAGES_KEY + ": '" + v + "' is not true or false");
            }
        }
        return new LoggingListener.Settings(interval, messages);
    }

    private static Duration interval(String raw, Problems problems) {
        Duration d = time(raw);
        if (d == null || d.isNegative()) {
            problems.add("Config key " + INTERVAL_KEY + ": '" + raw + "' is not a time of 0 or more: use milliseconds,"
                    + " a number with ms, s, m or h, or an ISO-8601 duration such as PT10S (0 logs every line)");
            return LoggingListener.Settings.DEFAULTS.interval();
        }
        return d;
    }

    /**
     * A switch's time as written in config: milliseconds ({@code 500}), a number with {@code ms}, {@code s}, {@code m}
     * or {@code h} ({@code 30s}), or an ISO-8601 duration ({@code PT1M}); {@code null} when it is none of them.
     */
    static Duration time(String raw) {
        Duration d = null;
        try {
            Matcher m = SUFFIXED.matcher(raw.toLowerCase(Locale.ROOT));
            if (raw.matches("\\d+")) {
                d = Duration.ofMillis(Long.parseLong(raw));
            } else if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                d = switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    default -> Duration.ofHours(n);
                };
            } else {
                d = Duration.parse(raw.toUpperCase(Locale.ROOT));
            }
        } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
            d = null;
        }
        return d;
    }
}
