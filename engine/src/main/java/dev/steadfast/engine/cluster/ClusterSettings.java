package dev.steadfast.engine.cluster;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How an application takes part in its fleet: the {@code steadfast.cluster.*} keys, read once when the container
 * starts (or the standalone engine is created), checked, and immutable from then on.
 *
 * @param enabled         {@code steadfast.cluster.enabled} (true): false runs every {@code CLUSTER} policy on each
 *                        instance alone, as if it were {@code LOCAL}
 * @param backend         {@code steadfast.cluster.backend}: which backend, when several are on the classpath; null
 *                        for the only one
 * @param application     {@code steadfast.cluster.application} ({@code default}): the fleet's name in the backend
 * @param memberId        {@code steadfast.cluster.member-id}: this instance's id (host, process id, random suffix)
 * @param interval        {@code steadfast.cluster.interval} (250 ms): summaries, heartbeats, lease upkeep
 * @param requestTimeout  {@code steadfast.cluster.request-timeout} (500 ms): an operation slower than this means the
 *                        backend is lost
 * @param joinTimeout     {@code steadfast.cluster.join-timeout} (10 s): how long the start waits for the backend
 *                        before deciding locally
 * @param probeInterval   {@code steadfast.cluster.probe-interval} (1 s): how often a member that lost the backend
 *                        tries it again
 * @param expectedMembers {@code steadfast.cluster.expected-members} (1): the member count assumed until the backend
 *                        answered once (what a fleet-wide limit's local share divides by)
 */
public record ClusterSettings(boolean enabled, String backend, String application, String memberId,
        Duration interval, Duration requestTimeout, Duration joinTimeout, Duration probeInterval,
        int expectedMembers) {

    /** The prefix of every key here. */
    public static final String PREFIX = "steadfast.cluster.";

    /** Every key, for strict config checks and documentation. */
    public static final List<String> KEYS = List.of(PREFIX + "enabled", PREFIX + "backend", PREFIX + "application",
            PREFIX + "member-id", PREFIX + "interval", PREFIX + "request-timeout", PREFIX + "join-timeout",
            PREFIX + "probe-interval", PREFIX + "expected-members");

    private static final Pattern SUFFIXED = Pattern.compile("(\\d+)\\s*(ns|us|ms|s|m|h|d)");

    /** Checks the values. */
    public ClusterSettings {
        Objects.requireNonNull(application, "application");
        Objects.requireNonNull(memberId, "memberId");
        positive("interval", interval);
        positive("request-timeout", requestTimeout);
        Objects.requireNonNull(joinTimeout, "joinTimeout");
        if (joinTimeout.isNegative()) {
            throw new IllegalArgumentException("join-timeout " + joinTimeout + " is negative");
        }
        positive("probe-interval", probeInterval);
        if (expectedMembers < 1) {
            throw new IllegalArgumentException("expected-members " + expectedMembers + " is below 1");
        }
    }

    /** The defaults, with a generated member id. */
    public static ClusterSettings defaults() {
        return new ClusterSettings(true, null, "default", generatedMemberId(), Duration.ofMillis(250),
                Duration.ofMillis(500), Duration.ofSeconds(10), Duration.ofSeconds(1), 1);
    }

    /**
     * The settings {@code config} gives ({@code config.apply("steadfast.cluster.interval")}), the defaults for keys it
     * does not set.
     *
     * @throws IllegalArgumentException naming every key whose value does not parse or breaks its rule:
     *                                  {@code Config key steadfast.cluster.interval: 'soon' is not a time: ...}
     */
    public static ClusterSettings from(Function<String, Optional<String>> config) {
        ClusterSettings d = defaults();
        List<String> problems = new ArrayList<>();
        Reader r = new Reader(config, problems);
        boolean enabled = r.flag("enabled", d.enabled);
        String backend = r.string("backend", null);
        String application = r.string("application", d.application);
        String memberId = r.string("member-id", d.memberId);
        Duration interval = r.time("interval", d.interval, false);
        Duration requestTimeout = r.time("request-timeout", d.requestTimeout, false);
        Duration joinTimeout = r.time("join-timeout", d.joinTimeout, true);
        Duration probeInterval = r.time("probe-interval", d.probeInterval, false);
        int expected = r.integer("expected-members", d.expectedMembers, 1);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new ClusterSettings(enabled, backend == null ? null : backend.toLowerCase(Locale.ROOT), application,
                memberId, interval, requestTimeout, joinTimeout, probeInterval, expected);
    }

    /** These settings with another member id, interval, request timeout and join timeout: for tests. */
    public ClusterSettings with(String member, Duration newInterval, Duration newRequestTimeout, Duration newJoin) {
        return new ClusterSettings(enabled, backend, application, member, newInterval, newRequestTimeout, newJoin,
                probeInterval, expectedMembers);
    }

    /** {@code host-pid-xxxx}: readable in logs and events, unique in a fleet. */
    static String generatedMemberId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception | LinkageError e) {
            host = "host";
        }
        long pid;
        try {
            pid = ProcessHandle.current().pid();
        } catch (UnsupportedOperationException | LinkageError e) {
            pid = ManagementFactory.getRuntimeMXBean().getStartTime();
        }
        return host + "-" + pid + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    }

    private static void positive(String key, Duration value) {
        Objects.requireNonNull(value, key);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + " " + value + " is not positive");
        }
    }

    /** Reads the keys, collecting every problem. */
    private static final class Reader {

        private final Function<String, Optional<String>> config;
        private final List<String> problems;

        Reader(Function<String, Optional<String>> config, List<String> problems) {
            this.config = config;
            this.problems = problems;
        }

        private Optional<String> raw(String key) {
            return config.apply(PREFIX + key).map(String::trim).filter(v -> !v.isEmpty());
        }

        private void problem(String key, String value, String rule) {
            problems.add("Config key " + PREFIX + key + ": '" + value + "' " + rule);
        }

        String string(String key, String fallback) {
            return raw(key).orElse(fallback);
        }

        boolean flag(String key, boolean fallback) {
            Optional<String> v = raw(key);
            if (v.isEmpty()) {
                return fallback;
            }
            if (v.get().equalsIgnoreCase("true") || v.get().equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(v.get());
            }
            problem(key, v.get(), "is not true or false");
            return fallback;
        }

        int integer(String key, int fallback, int min) {
            Optional<String> v = raw(key);
            if (v.isEmpty()) {
                return fallback;
            }
            try {
                int i = Integer.parseInt(v.get());
                if (i >= min) {
                    return i;
                }
                problem(key, v.get(), "is below " + min);
            } catch (NumberFormatException e) {
                problem(key, v.get(), "is not an integer");
            }
            return fallback;
        }

        Duration time(String key, Duration fallback, boolean zeroAllowed) {
            Optional<String> v = raw(key);
            if (v.isEmpty()) {
                return fallback;
            }
            String s = v.get();
            Duration d;
            try {
                if (s.matches("\\d+")) {
                    d = Duration.ofMillis(Long.parseLong(s));
                } else {
                    Matcher m = SUFFIXED.matcher(s.toLowerCase(Locale.ROOT));
                    if (m.matches()) {
                        long n = Long.parseLong(m.group(1));
                        d = switch (m.group(2)) {
                            case "ns" -> Duration.ofNanos(n);
                            case "us" -> Duration.ofNanos(Math.multiplyExact(n, 1000L));
                            case "ms" -> Duration.ofMillis(n);
                            case "s" -> Duration.ofSeconds(n);
                            case "m" -> Duration.ofMinutes(n);
                            case "h" -> Duration.ofHours(n);
                            default -> Duration.ofDays(n);
                        };
                    } else {
                        d = Duration.parse(s.toUpperCase(Locale.ROOT));
                    }
                }
            } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
                problem(key, s, "is not a time: use a number of milliseconds, a number with ms, s, m or h, or an"
                        + " ISO-8601 duration such as PT0.5S");
                return fallback;
            }
            if (d.isNegative() || (!zeroAllowed && d.isZero())) {
                problem(key, s, zeroAllowed ? "is negative" : "is not positive");
                return fallback;
            }
            return d;
        }
    }
}
