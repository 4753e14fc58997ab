package dev.steadfast.spi;

import java.util.Set;

/**
 * The config keys a module reads under {@code steadfast.}, so that strict config (which fails the deployment on any
 * key under {@code steadfast.} that nothing reads) knows them. A module declares its implementation in
 * {@code META-INF/services/dev.steadfast.spi.ConfigKeys}; Steadfast's CDI extension loads every one visible to the
 * application's class loader once, at deployment, and calls each method once.
 *
 * <p>Example, for a module reading {@code steadfast.console.port} and {@code steadfast.console.path}, and every key
 * under {@code steadfast.redis.}:
 * <pre>{@code
 * public final class ConsoleConfigKeys implements ConfigKeys {
 *     public Set<String> keys() {
 *         return Set.of("steadfast.console.port", "steadfast.console.path");
 *     }
 *     public Set<String> prefixes() {
 *         return Set.of("steadfast.redis.");
 *     }
 * }
 * }</pre>
 *
 * <p>Implementations need a public no-arg constructor and must be cheap and side-effect free; the sets they return
 * are copied.
 */
public interface ConfigKeys {

    /** Whole keys the module reads, each starting with {@code steadfast.}. */
    Set<String> keys();

    /**
     * Prefixes, each starting with {@code steadfast.} and ending with {@code .}, under which every key belongs to the
     * module (for keys of a namespace the module owns, such as a cluster backend's {@code steadfast.redis.}). Strict
     * config accepts any key under them; the module checks those keys itself. None by default.
     */
    default Set<String> prefixes() {
        return Set.of();
    }
}
