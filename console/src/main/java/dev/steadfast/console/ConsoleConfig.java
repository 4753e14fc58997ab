package dev.steadfast.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The console's configuration: its three keys, their defaults and their rules, read once when the application starts.
 * Every key the console reads is listed here and nowhere else.
 *
 * @param path        where the console is served, below the application's Jakarta REST root, without slashes at the
 *                    ends ({@value #DEFAULT_PATH} by default)
 * @param control     whether operator actions (force open, reset) are on; off by default
 * @param controlRole the role a caller must be in for operator actions ({@value #DEFAULT_CONTROL_ROLE} by default)
 */
public record ConsoleConfig(String path, boolean control, String controlRole) {

    /** Where the console is served, e.g. {@code ops/steadfast}. */
    public static final String PATH = "steadfast.console.path";
    /** {@code true} turns operator actions on. */
    public static final String CONTROL = "steadfast.console.control";
    /** The role allowed to act when {@link #CONTROL} is on. */
    public static final String CONTROL_ROLE = "steadfast.console.control-role";
    /** Every key the console reads. */
    public static final List<String> KEYS = List.of(PATH, CONTROL, CONTROL_ROLE);

    /** Where the console is unless {@link #PATH} says otherwise; also the path its resource is annotated with. */
    public static final String DEFAULT_PATH = "steadfast";
    /** The role allowed to act unless {@link #CONTROL_ROLE} says otherwise. */
    public static final String DEFAULT_CONTROL_ROLE = "steadfast-operator";

    /** One or more segments of URL-safe characters that need no escaping, separated by single slashes. */
    private static final Pattern SEGMENTS = Pattern.compile("[A-Za-z0-9._~-]+(/[A-Za-z0-9._~-]+)*");

    /** The defaults: served under {@code steadfast}, operator actions off. */
    public static final ConsoleConfig DEFAULTS = new ConsoleConfig(DEFAULT_PATH, false, DEFAULT_CONTROL_ROLE);

    public ConsoleConfig {
        if (!SEGMENTS.matcher(path).matches() || path.equals(".") || path.contains("..")) {
            throw new IllegalArgumentException("not a console path: " + path);
        }
        if (controlRole.isBlank()) {
            throw new IllegalArgumentException("blank control role");
        }
    }

    /**
     * Reads and checks the three keys.
     *
     * @param lookup a key's value, empty when it is not set
     * @throws IllegalArgumentException naming every key whose value breaks its rule, with the value and the rule
     */
    public static ConsoleConfig read(Function<String, Optional<String>> lookup) {
        List<String> problems = new ArrayList<>();
        String path = DEFAULT_PATH;
        Optional<String> configuredPath = lookup.apply(PATH);
        if (configuredPath.isPresent()) {
            String p = trimSlashes(configuredPath.get().trim());
            if (!SEGMENTS.matcher(p).matches() || p.contains("..") || p.equals(".")) {
                problems.add(PATH + ": '" + configuredPath.get() + "' is not a path of one or more segments of"
                        + " letters, digits, '.', '_', '~' or '-', separated by '/' (for example ops/steadfast)");
            } else {
                path = p;
            }
        }
        boolean control = false;
        Optional<String> configuredControl = lookup.apply(CONTROL);
        if (configuredControl.isPresent()) {
            String c = configuredControl.get().trim();
            if (c.equalsIgnoreCase("true") || c.equalsIgnoreCase("false")) {
                control = Boolean.parseBoolean(c);
            } else {
                problems.add(CONTROL + ": '" + configuredControl.get() + "' is not true or false");
            }
        }
        String role = DEFAULT_CONTROL_ROLE;
        Optional<String> configuredRole = lookup.apply(CONTROL_ROLE);
        if (configuredRole.isPresent()) {
            if (configuredRole.get().isBlank()) {
                problems.add(CONTROL_ROLE + ": '" + configuredRole.get() + "' is blank; name a role of the"
                        + " container's security");
            } else {
                role = configuredRole.get().trim();
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new ConsoleConfig(path, control, role);
    }

    /** MicroProfile Config when an implementation is present, else system properties; empty strings count as unset. */
    static Function<String, Optional<String>> lookup() {
        try {
            Class.forName("org.eclipse.microprofile.config.ConfigProvider", false, ConsoleConfig.class.getClassLoader());
            Function<String, Optional<String>> mp = MicroProfileValues.createOrNull();
            if (mp != null) {
                return mp;
            }
        } catch (ClassNotFoundException | LinkageError noApi) {
            // system properties below
        }
        return key -> Optional.ofNullable(System.getProperty(key)).filter(v -> !v.isEmpty());
    }

    private static String trimSlashes(String p) {
        int start = 0;
        int end = p.length();
        while (start < end && p.charAt(start) == '/') {
            start++;
        }
        while (end > start && p.charAt(end - 1) == '/') {
            end--;
        }
        return p.substring(start, end);
    }
}
