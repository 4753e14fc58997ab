package dev.steadfast.health;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The names a readiness check treats as critical, from a comma-separated config value or a list ({@code "*"}: every
 * name), and the report of critical names that match nothing: listed in the response and logged once as a warning,
 * so that a typo does not silently disable the check. What the breakers' and the components' checks share.
 */
final class CriticalNames {

    private static final System.Logger LOG = System.getLogger("dev.steadfast.health");

    private final String key;
    private final String check;
    private final String noun;
    private Set<String> names = Set.of();
    private boolean all;
    private volatile boolean warned;

    /**
     * @param key   the config property listing the critical names
     * @param check the name of the check in the health report
     * @param noun  what a name names, for the warning: {@code "circuit breaker"}, {@code "component check"}
     */
    CriticalNames(String key, String check, String noun) {
        this.key = key;
        this.check = check;
        this.noun = noun;
    }

    /** Reads {@link #key} from MicroProfile Config; unset means none is critical. */
    void readConfig() {
        set(ConfigProvider.getConfig().getOptionalValue(key, String.class)
                .map(v -> Arrays.asList(v.split(","))).orElse(List.of()));
    }

    /** The critical names, trimmed, blanks dropped; {@code "*"} makes every name critical. */
    void set(Collection<String> raw) {
        Set<String> set = new LinkedHashSet<>();
        for (String n : raw) {
            String t = n.trim();
            if (!t.isEmpty()) {
                set.add(t);
            }
        }
        all = set.remove("*");
        names = Set.copyOf(set);
    }

    boolean isCritical(String name) {
        return all || names.contains(name);
    }

    /**
     * Lists the critical names that are not among {@code known} under {@code dataKey} in {@code response}, and warns
     * about them once.
     */
    void reportUnknown(HealthCheckResponseBuilder response, String dataKey, Collection<String> known) {
        List<String> unknown = new ArrayList<>(new TreeSet<>(names));
        unknown.removeAll(known);
        if (unknown.isEmpty()) {
            return;
        }
        response.withData(dataKey, String.join(",", unknown));
        if (!warned) {
            warned = true;
            LOG.log(Level.WARNING, () -> key + " names " + unknown + ", but there is no " + noun
                    + " by that name; known: " + known + ". Those names cannot make " + check + " DOWN.");
        }
    }
}
