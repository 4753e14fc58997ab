package dev.steadfast.restclient;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The module's settings and every config key it reads, in one place ({@link #KEYS}). Read once per rest client when
 * it is built (never per call), from MicroProfile Config when it is present, else from system properties; checked at
 * deployment by {@link RestClientConfigCheck}.
 *
 * @param enabled               {@value #ENABLED}: register the mapper and the filter on every rest client
 * @param maxRetryAfter         {@value #MAX_RETRY_AFTER}: the longest {@code Retry-After} taken as it is; a longer
 *                              one (a far date, {@code 86400}, a number too large for a long) counts as this long
 * @param retryableStatuses     {@value #RETRYABLE_STATUSES}: the statuses worth retrying, for
 *                              {@link RetryableHttpException} and {@link RetryableStatus}
 * @param idempotencyKeyHeader  {@value #IDEMPOTENCY_KEY_HEADER}: the request header that makes a POST or PATCH safe to
 *                              retry
 */
public record RestClientSettings(boolean enabled, Duration maxRetryAfter, Set<Integer> retryableStatuses,
        String idempotencyKeyHeader) {

    /** {@code true} (default) or {@code false}. */
    public static final String ENABLED = "steadfast.rest-client.enabled";
    /** A time: seconds as a whole number, a number with {@code ms}, {@code s}, {@code m} or {@code h}, or ISO-8601. */
    public static final String MAX_RETRY_AFTER = "steadfast.rest-client.max-retry-after";
    /** A comma-separated list of statuses from 400 to 599. */
    public static final String RETRYABLE_STATUSES = "steadfast.rest-client.retryable-statuses";
    /** A header name. */
    public static final String IDEMPOTENCY_KEY_HEADER = "steadfast.rest-client.idempotency-key-header";

    /** Every key this module reads. */
    public static final List<String> KEYS = List.of(ENABLED, MAX_RETRY_AFTER, RETRYABLE_STATUSES,
            IDEMPOTENCY_KEY_HEADER);

    // Before DEFAULTS: the constructor uses TOKEN.
    private static final Pattern SUFFIXED = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    /** One hour: long enough for a maintenance window, short of anything absurd. */
    public static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofHours(1);
    /** 429 Too Many Requests, 502 Bad Gateway, 503 Service Unavailable, 504 Gateway Timeout. */
    public static final Set<Integer> DEFAULT_RETRYABLE_STATUSES = Set.of(429, 502, 503, 504);
    /** The IETF draft's name. */
    public static final String DEFAULT_IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";

    /** The defaults. */
    public static final RestClientSettings DEFAULTS = new RestClientSettings(true, DEFAULT_MAX_RETRY_AFTER,
            DEFAULT_RETRYABLE_STATUSES, DEFAULT_IDEMPOTENCY_KEY_HEADER);

    public RestClientSettings {
        if (maxRetryAfter == null || maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("maxRetryAfter must be 0 or more: " + maxRetryAfter);
        }
        retryableStatuses = Set.copyOf(retryableStatuses);
        if (idempotencyKeyHeader == null || !TOKEN.matcher(idempotencyKeyHeader).matches()) {
            throw new IllegalArgumentException("idempotencyKeyHeader is not a header name: " + idempotencyKeyHeader);
        }
    }

    /** The settings config gives now; the defaults where it is silent. */
    public static RestClientSettings current() {
        return read(ConfigSource.find());
    }

    /**
     * The settings from {@code lookup} (key to value, empty when unset).
     *
     * @throws IllegalArgumentException naming every key whose value breaks its rule, the value and the rule
     */
    static RestClientSettings read(Function<String, Optional<String>> lookup) {
        List<String> problems = new ArrayList<>();
        boolean enabled = lookup.apply(ENABLED).map(v -> parseBoolean(v, problems)).orElse(true);
        Duration max = lookup.apply(MAX_RETRY_AFTER).map(v -> parseTime(v, problems))
                .orElse(DEFAULT_MAX_RETRY_AFTER);
        Set<Integer> statuses = lookup.apply(RETRYABLE_STATUSES).map(v -> parseStatuses(v, problems))
                .orElse(DEFAULT_RETRYABLE_STATUSES);
        String header = lookup.apply(IDEMPOTENCY_KEY_HEADER).map(String::trim).orElse(DEFAULT_IDEMPOTENCY_KEY_HEADER);
        if (!TOKEN.matcher(header).matches()) {
            problems.add("Config key " + IDEMPOTENCY_KEY_HEADER + ": '" + header + "' is not an HTTP header name");
            header = DEFAULT_IDEMPOTENCY_KEY_HEADER;
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new RestClientSettings(enabled, max, statuses, header);
    }

    private static Boolean parseBoolean(String raw, List<String> problems) {
        String v = raw.trim();
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        problems.add("Config key " + ENABLED + ": '" + v + "' is not true or false");
        return true;
    }

    private static Duration parseTime(String raw, List<String> problems) {
        String v = raw.trim();
        try {
            if (v.matches("\\d+")) {
                return Duration.ofSeconds(Long.parseLong(v));
            }
            Matcher m = SUFFIXED.matcher(v.toLowerCase(Locale.ROOT));
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    default -> Duration.ofHours(n);
                };
            }
            Duration d = Duration.parse(v.toUpperCase(Locale.ROOT));
            if (!d.isNegative()) {
                return d;
            }
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            // reported below
        }
        problems.add("Config key " + MAX_RETRY_AFTER + ": '" + v + "' is not a time of 0 or more: use whole seconds,"
                + " a whole number with ms, s, m or h, or an ISO-8601 duration such as PT10M");
        return DEFAULT_MAX_RETRY_AFTER;
    }

    private static Set<Integer> parseStatuses(String raw, List<String> problems) {
        Set<Integer> result = new TreeSet<>();
        for (String part : raw.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int status;
            try {
                status = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                status = -1;
            }
            if (status < 400 || status > 599) {
                problems.add("Config key " + RETRYABLE_STATUSES + ": '" + raw.trim() + "' names " + p
                        + ", which is not an HTTP error status (400 to 599)");
                return DEFAULT_RETRYABLE_STATUSES;
            }
            result.add(status);
        }
        return result;
    }

    /** MicroProfile Config when its API and an implementation are present, else system properties. */
    private static final class ConfigSource {

        static Function<String, Optional<String>> find() {
            try {
                Class.forName("org.eclipse.microprofile.config.ConfigProvider", false,
                        RestClientSettings.class.getClassLoader());
                return MicroProfile.lookup();
            } catch (ClassNotFoundException | LinkageError | IllegalStateException
                    | java.util.ServiceConfigurationError none) {
                return key -> Optional.ofNullable(System.getProperty(key)).filter(v -> !v.isBlank());
            }
        }
    }

    /** Loaded only once the MicroProfile Config API is known to be there. */
    private static final class MicroProfile {

        static Function<String, Optional<String>> lookup() {
            org.eclipse.microprofile.config.Config config =
                    org.eclipse.microprofile.config.ConfigProvider.getConfig();
            return key -> config.getOptionalValue(key, String.class).filter(v -> !v.isBlank());
        }
    }
}
